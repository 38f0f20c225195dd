/*
 * Copyright 2026-present the original author or authors.
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *      https://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */

package io.github.iotstarters.emnify.auth.test;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import io.github.iotstarters.emnify.auth.test.EventLog.Type;
import io.github.iotstarters.emnify.auth.test.Responses.EmnifyError;
import io.github.iotstarters.emnify.auth.test.SimulatorEvent.Kind;
import io.github.iotstarters.emnify.auth.test.TokenIssuer.AuthGrant;

/**
 * Usage statistics and quotas of an endpoint. The simulator carries no data traffic, so
 * data volumes are zero; SMS volumes count the SMS sent through {@link SmsApi} and not
 * canceled, as received by the device ({@code rx}, AE's reading). Quotas are stored as
 * sent and raise emnify's quota events.
 */
final class UsageApi {

	/**
	 * Peak throughputs emnify's documentation allows, in octets per second.
	 */
	static final Set<Integer> PEAK_THROUGHPUTS = Set.of(64000, 128000, 256000, 384000);

	private static final Pattern USAGE = Pattern
		.compile("/api/v1/endpoint/([^/]+)/(stats|stats/daily|quota/data|quota/sms)");

	private static final List<String> QUOTA_STATUSES = List.of("ACTIVE", "EXHAUSTED", "EXPIRED");

	private final TokenIssuer tokens;

	private final Inventory inventory;

	private final SmsApi sms;

	private final SimChanges simChanges;

	private final EventLog events;

	private final Responses responses;

	private final Clock clock;

	private final Map<String, ObjectNode> quotas = new ConcurrentHashMap<>();

	UsageApi(TokenIssuer tokens, Inventory inventory, SmsApi sms, SimChanges simChanges, EventLog events,
			Responses responses, Clock clock) {
		this.tokens = tokens;
		this.inventory = inventory;
		this.sms = sms;
		this.simChanges = simChanges;
		this.events = events;
		this.responses = responses;
		this.clock = clock;
	}

	/**
	 * The answer to a request for statistics or quotas.
	 * @param request the request
	 * @param path its path
	 * @return the outcome, or {@code null} when the request is for neither
	 */
	@Nullable Outcome handle(Request request, String path) {
		Matcher matcher = USAGE.matcher(path);
		if (!matcher.matches()) {
			return null;
		}
		String principal = Outcome.UNKNOWN_PRINCIPAL;
		try {
			AuthGrant grant = this.tokens.authorize(request);
			principal = grant.principal();
			SimulatedEndpoint endpoint = ApiRequests.endpoint(grant, matcher.group(1), this.inventory, this.responses);
			String method = request.getMethod().value();
			String resource = matcher.group(2);
			ResponseDefinition response = switch (method + " " + resource) {
				case "GET stats" -> this.responses.ok(stats(endpoint));
				case "GET stats/daily" -> this.responses.ok(daily(request, endpoint));
				case "GET quota/data", "GET quota/sms" -> quota(endpoint, resource);
				case "POST quota/data", "POST quota/sms" -> setQuota(request, endpoint, resource);
				case "DELETE quota/data", "DELETE quota/sms" -> deleteQuota(endpoint, resource);
				default -> this.responses.notFound();
			};
			return new Outcome(Kind.API_REQUEST, principal, method + " " + resource + " of endpoint " + endpoint.id(),
					response);
		}
		catch (Rejection rejection) {
			return rejection.toOutcome(Kind.API_REQUEST, principal);
		}
	}

	void reset() {
		this.quotas.clear();
	}

	private ObjectNode stats(SimulatedEndpoint endpoint) {
		Instant now = this.clock.instant();
		LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
		ObjectNode node = this.responses.object();
		for (int back = 1; back >= 0; back--) {
			LocalDate month = today.minusMonths(back).withDayOfMonth(1);
			List<Instant> sent = this.sms.sent(endpoint.id(), start(month), start(month.plusMonths(1)));
			if (!sent.isEmpty()) {
				ObjectNode item = node.putObject((back == 1) ? "last_month" : "current_month").putObject("sms");
				item.put("id", endpoint.id() * 100 + month.getMonthValue())
					.put("endpoint_id", endpoint.id())
					.put("month", Responses.eventDate(start(month)));
				volumes(item, sent.size());
				item.put("traffic_type_id", 6)
					.put("last_updated", Responses.eventDate(sent.get(sent.size() - 1)))
					.put("currency_id", 1);
				item.set("traffic_type", smsTrafficType());
				item.set("currency", currency());
			}
		}
		ObjectNode lastHour = node.putObject("last_hour");
		List<Instant> lastHourSms = this.sms.sent(endpoint.id(), now.minus(1, ChronoUnit.HOURS), now.plusMillis(1));
		for (String traffic : List.of("data", "sms")) {
			ObjectNode directions = lastHour.putObject(traffic);
			ArrayNode rx = directions.putArray("rx");
			ArrayNode tx = directions.putArray("tx");
			for (int minute = 59; minute >= 0; minute--) {
				Instant bucket = now.truncatedTo(ChronoUnit.MINUTES).minus(minute, ChronoUnit.MINUTES);
				String label = Responses.eventDate(bucket).substring(11, 16);
				long count = traffic.equals("sms") ? lastHourSms.stream()
					.filter((sent) -> sent.truncatedTo(ChronoUnit.MINUTES).equals(bucket))
					.count() : 0;
				rx.addArray().add(label).add(count);
				tx.addArray().add(label).add(0);
			}
		}
		return node;
	}

	private ArrayNode daily(Request request, SimulatedEndpoint endpoint) {
		LocalDate start = date(request, "start_date");
		LocalDate end = date(request, "end_date");
		LocalDate today = LocalDate.ofInstant(this.clock.instant(), ZoneOffset.UTC);
		// Without dates the current month; a start alone runs to the end of its month,
		// an end alone covers its month (ENT and AE).
		LocalDate first = (start != null) ? start : ((end != null) ? end : today).withDayOfMonth(1);
		LocalDate last = (end != null) ? end : first.with(TemporalAdjusters.lastDayOfMonth());
		ArrayNode days = this.responses.array();
		int total = 0;
		for (LocalDate day = last; !day.isBefore(first); day = day.minusDays(1)) {
			ObjectNode item = days.addObject().put("date", day.toString());
			ObjectNode data = item.putObject("data").put("volume", 0).put("volume_tx", 0).put("volume_rx", 0);
			data.putNull("cost");
			int count = this.sms.sent(endpoint.id(), start(day), start(day.plusDays(1))).size();
			total += count;
			ObjectNode sms = item.putObject("sms");
			if (count == 0) {
				sms.put("volume", 0).put("volume_tx", 0).put("volume_rx", 0).putNull("cost");
			}
			else {
				volumes(sms, count);
				sms.set("traffic_type", smsTrafficType());
				sms.set("currency", currency());
			}
		}
		// The sum over the days ends the list, as in ENT's example, with an empty
		// traffic type and currency.
		ObjectNode sum = days.addObject().put("date", "TOTAL");
		totalUsage(sum.putObject("data"), 0);
		totalUsage(sum.putObject("sms"), total);
		return days;
	}

	private static void totalUsage(ObjectNode usage, int count) {
		usage.put("volume", decimal(count))
			.put("volume_tx", decimal(0))
			.put("volume_rx", decimal(count))
			.put("cost", 0)
			.put("traffic_type", "")
			.put("currency", "");
	}

	private @Nullable LocalDate date(Request request, String name) {
		String value = ApiRequests.parameter(request, name);
		if (value == null) {
			return null;
		}
		try {
			// AE sends YYYY-MM-DD, ENT's example a date-time at midnight.
			return LocalDate.parse((value.length() > 10) ? value.substring(0, 10) : value);
		}
		catch (DateTimeParseException ex) {
			throw new Rejection("invalid " + name, this.responses.error(EmnifyError.INVALID_FORMAT,
					name + " must be a date such as 2020-02-01, not " + value));
		}
	}

	private ResponseDefinition quota(SimulatedEndpoint endpoint, String resource) {
		ObjectNode quota = this.quotas.get(key(endpoint, resource));
		if (quota == null) {
			throw quotaNotFound();
		}
		return this.responses.ok(quota);
	}

	private ResponseDefinition setQuota(Request request, SimulatedEndpoint endpoint, String resource) {
		boolean data = resource.equals("quota/data");
		ObjectNode body = this.responses.readObject(request.getBodyAsString());
		if (body == null) {
			throw invalidQuota("Request body must be a JSON object");
		}
		List<String> required = data ? List.of("status", "volume", "expiry_date", "action_on_exhaustion")
				: List.of("status", "volume", "expiry_date", "threshold_percentage");
		for (String field : required) {
			if (!body.hasNonNull(field)) {
				throw invalidQuota(field + " is required");
			}
		}
		Long statusId = ApiRequests.referenceId(body.path("status"));
		if (statusId == null || statusId < 1 || statusId > 3) {
			throw invalidQuota("status.id must be 1 (ACTIVE), 2 (EXHAUSTED) or 3 (EXPIRED)");
		}
		if (!body.path("volume").isNumber()) {
			throw invalidQuota("volume must be a number");
		}
		JsonNode peak = body.has("peak_throughput") ? body.path("peak_throughput")
				: body.path("action_on_exhaustion").path("peak_throughput");
		if (!peak.isMissingNode() && !peak.isNull() && !PEAK_THROUGHPUTS.contains(peak.asInt(-1))) {
			throw invalidQuota("Invalid peak throughput. Allowed values are 64000, 128000, 256000 and 384000");
		}
		Long actionId = body.has("action_on_exhaustion") ? ApiRequests.referenceId(body.path("action_on_exhaustion"))
				: Long.valueOf(1);
		if (actionId == null || actionId < 1 || actionId > 2) {
			throw invalidQuota("action_on_exhaustion.id must be 1 (Block) or 2 (Throttle)");
		}
		ObjectNode quota = this.responses.object();
		quota.putObject("status")
			.put("id", statusId.intValue())
			.put("description", QUOTA_STATUSES.get(statusId.intValue() - 1));
		quota.set("volume", body.path("volume"));
		quota.set("expiry_date", body.path("expiry_date"));
		quota.putObject("action_on_exhaustion")
			.put("id", actionId.intValue())
			.put("description", (actionId == 1) ? "Block" : "Throttle");
		if (!peak.isMissingNode() && !peak.isNull()) {
			quota.put("peak_throughput", peak.asInt());
		}
		// Sent as 0/1 for data and as a boolean for SMS; answered as 0/1 for both.
		JsonNode autoRefill = body.path("auto_refill");
		quota.put("auto_refill", autoRefill.isBoolean() ? (autoRefill.booleanValue() ? 1 : 0) : autoRefill.asInt(0));
		if (body.has("threshold_percentage")) {
			quota.set("threshold_percentage", body.path("threshold_percentage"));
		}
		else {
			quota.put("threshold_percentage", 0);
		}
		quota.set("last_volume_added", body.path("volume"));
		quota.put("last_status_change_date", Responses.resourceDate(this.clock.instant()));
		this.quotas.put(key(endpoint, resource), quota);
		this.events.record(endpoint.workspaceId(), data ? Type.DATA_QUOTA_ASSIGNED : Type.SMS_QUOTA_ASSIGNED,
				(data ? "Data" : "SMS") + " quota assigned to endpoint " + endpoint.id(),
				this.simChanges.eventEndpoint(endpoint), null, assignedDetail(quota));
		return Responses.empty(201, Responses.APPLICATION_JSON).build();
	}

	/**
	 * The detail of a quota assignment event: the quota in camelCase keys, as the
	 * reference shows them there, unlike the resource's; the volume at which the
	 * threshold event fires is the threshold percentage of the volume.
	 * @param quota the quota as stored
	 * @return the detail
	 */
	private ObjectNode assignedDetail(ObjectNode quota) {
		ObjectNode detail = this.responses.object();
		double volume = quota.path("volume").asDouble();
		double thresholdPercentage = quota.path("threshold_percentage").asDouble();
		ObjectNode item = detail.putObject("quota");
		item.set("status", quota.path("status"));
		item.set("action_on_exhaustion", quota.path("action_on_exhaustion"));
		item.set("volume", quota.path("volume"));
		item.set("expiryDate", quota.path("expiry_date"));
		item.set("lastVolumeAdded", quota.path("last_volume_added"));
		item.set("lastStatusChangeDate", quota.path("last_status_change_date"));
		item.put("autoRefill", quota.path("auto_refill").asInt() == 1)
			.put("thresholdPercentage", thresholdPercentage)
			.put("thresholdVolume", volume * thresholdPercentage / 100);
		return detail;
	}

	private ResponseDefinition deleteQuota(SimulatedEndpoint endpoint, String resource) {
		if (this.quotas.remove(key(endpoint, resource)) == null) {
			throw quotaNotFound();
		}
		boolean data = resource.equals("quota/data");
		this.events.record(endpoint.workspaceId(), data ? Type.DATA_QUOTA_DELETED : Type.SMS_QUOTA_DELETED,
				(data ? "Data" : "SMS") + " quota deleted from endpoint " + endpoint.id(),
				this.simChanges.eventEndpoint(endpoint), null);
		return Responses.empty(204, Responses.APPLICATION_JSON).build();
	}

	private Rejection quotaNotFound() {
		return new Rejection("no quota", this.responses.error(EmnifyError.NOT_FOUND, "Quota not found"));
	}

	private Rejection invalidQuota(String message) {
		return new Rejection("invalid quota: " + message,
				this.responses.json(422, this.responses.object().put("message", message)).build());
	}

	private static void volumes(ObjectNode item, int count) {
		item.put("volume", decimal(count))
			.put("volume_tx", decimal(0))
			.put("volume_rx", decimal(count))
			.put("cost", String.format(Locale.ROOT, "%.10f", 0.0));
	}

	private static String decimal(int count) {
		return String.format(Locale.ROOT, "%.6f", (double) count);
	}

	private ObjectNode smsTrafficType() {
		return this.responses.object().put("description", "SMS").put("unit", "SMS").put("id", 6);
	}

	private ObjectNode currency() {
		return this.responses.object().put("code", "EUR").put("symbol", "\u20ac").put("id", 1);
	}

	private static Instant start(LocalDate day) {
		return day.atStartOfDay(ZoneOffset.UTC).toInstant();
	}

	private static String key(SimulatedEndpoint endpoint, String resource) {
		return endpoint.id() + " " + resource;
	}

}
