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
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import io.github.iotstarters.emnify.auth.test.Inventory.Status;
import io.github.iotstarters.emnify.auth.test.Responses.EmnifyError;
import io.github.iotstarters.emnify.auth.test.SimulatorEvent.Kind;
import io.github.iotstarters.emnify.auth.test.TokenIssuer.AuthGrant;

/**
 * SMS to and from an endpoint: send, list (newest first, no paging headers), read and
 * cancel, in the shape recorded in 2024 (numbers as strings, {@code endpoint_id} instead
 * of an {@code endpoint} object).
 * <p>
 * An SMS is BUFFERED when sent and DELIVERED once the simulator's clock has reached
 * {@link #DELIVERY_DELAY} after its submission; with an {@link AdjustableClock} a test
 * decides when, without sleeping. Only a buffered SMS can be canceled, and then stays
 * CANCELED.
 */
final class SmsApi {

	/**
	 * How long after submission an SMS counts as delivered.
	 */
	static final Duration DELIVERY_DELAY = Duration.ofSeconds(10);

	static final Status BUFFERED = new Status(3, "BUFFERED");

	static final Status DELIVERED = new Status(4, "DELIVERED");

	static final Status CANCELED = new Status(7, "CANCELED");

	private static final long FIRST_ID = 19649318;

	private static final Pattern SMS = Pattern.compile("/api/v1/endpoint/([^/]+)/sms(?:/([^/]+))?");

	private final TokenIssuer tokens;

	private final Inventory inventory;

	private final Responses responses;

	private final Clock clock;

	private final List<Sms> messages = new ArrayList<>();

	SmsApi(TokenIssuer tokens, Inventory inventory, Responses responses, Clock clock) {
		this.tokens = tokens;
		this.inventory = inventory;
		this.responses = responses;
		this.clock = clock;
	}

	/**
	 * The answer to a request for the SMS of an endpoint.
	 * @param request the request
	 * @param path its path
	 * @return the outcome, or {@code null} when the request is for no SMS
	 */
	@Nullable Outcome handle(Request request, String path) {
		Matcher matcher = SMS.matcher(path);
		if (!matcher.matches()) {
			return null;
		}
		String principal = Outcome.UNKNOWN_PRINCIPAL;
		try {
			AuthGrant grant = this.tokens.authorize(request);
			principal = grant.principal();
			SimulatedEndpoint endpoint = ApiRequests.endpoint(grant, matcher.group(1), this.inventory, this.responses);
			long endpointId = endpoint.id();
			String method = request.getMethod().value();
			synchronized (this) {
				if (matcher.group(2) == null) {
					return switch (method) {
						case "POST" -> send(request, endpoint, principal);
						case "GET" -> list(endpoint, principal);
						default -> outcome(principal, method + " " + path + " not found", this.responses.notFound());
					};
				}
				long smsId = ApiRequests.pathId(matcher.group(2), this.responses);
				Sms sms = this.messages.stream()
					.filter((message) -> message.id() == smsId && message.endpoint().id() == endpointId)
					.findFirst()
					.orElseThrow(() -> new Rejection("SMS " + smsId + " not found",
							this.responses.error(EmnifyError.NOT_FOUND, "SMS with id " + smsId + " not found")));
				return switch (method) {
					case "GET" -> outcome(principal, "GET SMS " + smsId, this.responses.ok(render(sms)));
					case "DELETE" -> cancel(sms, principal);
					default -> outcome(principal, method + " " + path + " not found", this.responses.notFound());
				};
			}
		}
		catch (Rejection rejection) {
			return rejection.toOutcome(Kind.API_REQUEST, principal);
		}
	}

	synchronized void reset() {
		this.messages.clear();
	}

	/**
	 * SMS sent to an endpoint in a month and not canceled, for the usage statistics.
	 * @param endpointId the endpoint
	 * @param monthStart the first instant of the month
	 * @param monthEnd the first instant of the next month
	 * @return the instants the SMS were submitted
	 */
	synchronized List<Instant> sent(long endpointId, Instant monthStart, Instant monthEnd) {
		return this.messages.stream()
			.filter((sms) -> sms.endpoint().id() == endpointId && !sms.mobileOriginated() && sms.canceled() == null
					&& !sms.submitted().isBefore(monthStart) && sms.submitted().isBefore(monthEnd))
			.map(Sms::submitted)
			.toList();
	}

	private Outcome send(Request request, SimulatedEndpoint endpoint, String principal) {
		ObjectNode body = this.responses.readObject(request.getBodyAsString());
		String payload = (body != null) ? Responses.text(body, "payload") : null;
		if (body == null || payload == null) {
			throw new Rejection("SMS without payload", this.responses.validationFailed("Send SMS validation error",
					Map.of("payload is required", EmnifyError.REQUIRED)));
		}
		long id = FIRST_ID + this.messages.size();
		String source = (Responses.text(body, "source_address") != null) ? body.path("source_address").stringValue()
				: "";
		Long typeId = ApiRequests.referenceId(body.path("source_address_type"));
		// Without a type emnify stores the sender as National (161), as recorded.
		Status type = switch ((typeId != null) ? typeId.intValue() : 161) {
			case 145 -> new Status(145, "International");
			case 208 -> new Status(208, "Alphanumeric");
			default -> new Status(161, "National");
		};
		this.messages.add(new Sms(id, endpoint, false, payload, source, type, this.clock.instant(), null));
		String location = ApiRequests.base(request) + "/api/v1/endpoint/" + endpoint.id() + "/sms/" + id;
		return outcome(principal, "sent SMS " + id + " to endpoint " + endpoint.id(),
				Responses.empty(201, Responses.TEXT_HTML).withHeader("Location", location).build());
	}

	private Outcome list(SimulatedEndpoint endpoint, String principal) {
		ArrayNode items = this.responses.array();
		this.messages.stream()
			.filter((sms) -> sms.endpoint().id() == endpoint.id())
			.sorted(Comparator.comparing(Sms::id).reversed())
			.forEach((sms) -> items.add(render(sms)));
		return outcome(principal, "GET " + items.size() + " SMS of endpoint " + endpoint.id(),
				this.responses.ok(items));
	}

	private Outcome cancel(Sms sms, String principal) {
		Status status = status(sms);
		if (status != BUFFERED) {
			throw new Rejection("SMS " + sms.id() + " is " + status.description(),
					this.responses.error(EmnifyError.NOT_ALLOWED, "SMS with id " + sms.id() + " is "
							+ status.description() + " and cannot be canceled; only buffered SMS can."));
		}
		this.messages.set(this.messages.indexOf(sms), new Sms(sms.id(), sms.endpoint(), false, sms.payload(),
				sms.sourceAddress(), sms.sourceAddressType(), sms.submitted(), this.clock.instant()));
		return outcome(principal, "canceled SMS " + sms.id(), Responses.empty(200, Responses.APPLICATION_JSON).build());
	}

	/**
	 * Records an SMS the device sent, delivered at once, as a test seeds it.
	 * @param endpoint the endpoint of the device
	 * @param payload the text
	 */
	synchronized void receive(SimulatedEndpoint endpoint, String payload) {
		SimulatedSim sim = (endpoint.simId() != null) ? this.inventory.sim(endpoint.workspaceId(), endpoint.simId())
				: null;
		String sender = (sim != null) ? msisdn(sim) : "";
		this.messages.add(new Sms(FIRST_ID + this.messages.size(), endpoint, true, payload, sender,
				new Status(145, "International"), this.clock.instant(), null));
	}

	private Status status(Sms sms) {
		if (sms.canceled() != null) {
			return CANCELED;
		}
		if (sms.mobileOriginated()) {
			return DELIVERED;
		}
		return this.clock.instant().isBefore(deliveredAt(sms)) ? BUFFERED : DELIVERED;
	}

	private static Instant deliveredAt(Sms sms) {
		return sms.mobileOriginated() ? sms.submitted() : sms.submitted().plus(DELIVERY_DELAY);
	}

	private ObjectNode render(Sms sms) {
		Status status = status(sms);
		SimulatedSim sim = (sms.endpoint().simId() != null)
				? this.inventory.sim(sms.endpoint().workspaceId(), sms.endpoint().simId()) : null;
		Instant finalDate = (status == DELIVERED) ? deliveredAt(sms) : sms.canceled();
		ObjectNode node = this.responses.object()
			.put("id", sms.id())
			.put("submit_date", Responses.resourceDate(sms.submitted()))
			.put("delivery_date", (status == DELIVERED) ? Responses.resourceDate(deliveredAt(sms)) : null)
			.put("expiry_date", Responses.resourceDate(sms.submitted().plus(Duration.ofHours(24))))
			.put("final_date", (finalDate != null) ? Responses.resourceDate(finalDate) : null)
			.put("retry_date", Responses.resourceDate(sms.submitted()))
			.putNull("last_delivery_attempt")
			.put("retry_count", "0")
			.putNull("gsm_map_error")
			.put("dcs", "0")
			.put("pid", "0")
			.put("source_address", sms.sourceAddress())
			.put("endpoint_id", Long.toString(sms.endpoint().id()))
			.put("organisation_id", Long.toString(sms.endpoint().workspaceId()))
			.put("sim_id", (sim != null) ? Long.toString(sim.id()) : null)
			.put("iccid", (sim != null) ? sim.iccid() : null)
			.put("msisdn", (sim != null) ? msisdn(sim) : null)
			.put("imsi", "")
			.putNull("msc")
			.put("udh", "")
			.put("payload", sms.payload());
		node.putObject("status").put("description", status.description()).put("id", status.id());
		// No source shows the id of MO; 2 is inferred from MT's 1.
		node.putObject("sms_type")
			.put("description", sms.mobileOriginated() ? "MO" : "MT")
			.put("id", sms.mobileOriginated() ? 2 : 1);
		node.putObject("source_address_type")
			.put("description", sms.sourceAddressType().description())
			.put("id", sms.sourceAddressType().id());
		node.putObject("esme_interface_type").put("description", "RestAPI").put("id", 1);
		return node.put("dlr_status_id", (status == DELIVERED) ? "4" : "1")
			.putNull("called_party_prefix")
			.putNull("smpp_bind_id")
			.putNull("smpp_dlr_bind_id")
			.put("registered_delivery", "0")
			.put("p2p_ext", 0);
	}

	private static Outcome outcome(String principal, String description, ResponseDefinition response) {
		return new Outcome(Kind.API_REQUEST, principal, description, response);
	}

	private static String msisdn(SimulatedSim sim) {
		return String.format(Locale.ROOT, "423663921%06d", sim.id());
	}

	/**
	 * One SMS to or from a device.
	 *
	 * @param id the SMS id
	 * @param endpoint the endpoint it was sent to or from, as it was then
	 * @param mobileOriginated whether the device sent it
	 * @param payload the text
	 * @param sourceAddress the sender, or empty
	 * @param sourceAddressType the type of the sender
	 * @param submitted when it was sent
	 * @param canceled when it was canceled, or {@code null}
	 */
	private record Sms(long id, SimulatedEndpoint endpoint, boolean mobileOriginated, String payload,
			String sourceAddress, Status sourceAddressType, Instant submitted, @Nullable Instant canceled) {
	}

}
