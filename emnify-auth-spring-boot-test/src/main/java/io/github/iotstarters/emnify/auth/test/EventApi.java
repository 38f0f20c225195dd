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

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import io.github.iotstarters.emnify.auth.test.Accounts.Workspace;
import io.github.iotstarters.emnify.auth.test.EventLog.Event;
import io.github.iotstarters.emnify.auth.test.Responses.EmnifyError;
import io.github.iotstarters.emnify.auth.test.SimulatorEvent.Kind;
import io.github.iotstarters.emnify.auth.test.TokenIssuer.AuthGrant;

/**
 * {@code GET /api/v1/event} and {@code GET /api/v1/endpoint/{id}/event}: filtered, sorted
 * and paged as emnify does, with the paging headers in lower case and an empty
 * {@code Link} as recorded. An endpoint the workspace does not have has no events,
 * answered 200 {@code []} as emnify does.
 */
final class EventApi {

	static final int DEFAULT_PER_PAGE = 100;

	static final int MAX_PER_PAGE = 1000;

	private static final Pattern ENDPOINT_EVENTS = Pattern.compile("/api/v1/endpoint/([^/]+)/event");

	private static final Set<String> FILTERS = Set.of("from", "until", "type", "severity", "source", "alert",
			"description", "organisation", "user", "endpoint", "tags", "ip_address", "imei", "iccid", "imsi",
			"timestamp");

	private static final Map<String, Comparator<Event>> SORTS = Map.of("id", Comparator.comparing(Event::id),
			"timestamp", Comparator.comparing(Event::epochMillis), "type", Comparator.comparing(Event::typeId),
			"severity", Comparator.comparing(Event::severity), "source", Comparator.comparing(Event::source));

	private final TokenIssuer tokens;

	private final Accounts accounts;

	private final EventLog events;

	private final Responses responses;

	EventApi(TokenIssuer tokens, Accounts accounts, EventLog events, Responses responses) {
		this.tokens = tokens;
		this.accounts = accounts;
		this.events = events;
		this.responses = responses;
	}

	/**
	 * The answer to a request for events.
	 * @param request the request
	 * @param path its path
	 * @return the outcome, or {@code null} when the request is for no event list
	 */
	@Nullable Outcome handle(Request request, String path) {
		Matcher endpointEvents = ENDPOINT_EVENTS.matcher(path);
		boolean types = path.equals("/api/v1/event/type");
		if (!RequestMethod.GET.equals(request.getMethod())
				|| !(types || path.equals("/api/v1/event") || endpointEvents.matches())) {
			return null;
		}
		String principal = Outcome.UNKNOWN_PRINCIPAL;
		try {
			AuthGrant grant = this.tokens.authorize(request);
			principal = grant.principal();
			if (types) {
				return new Outcome(Kind.API_REQUEST, principal, "GET event types",
						this.responses.ok(this.responses.statuses(EventTypes.LOOKUP)));
			}
			Long endpointId = endpointEvents.matches() ? ApiRequests.pathId(endpointEvents.group(1), this.responses)
					: null;
			int page = ApiRequests.pageParameter(request, "page", 1, Integer.MAX_VALUE, this.responses);
			int perPage = ApiRequests.pageParameter(request, "per_page", DEFAULT_PER_PAGE, MAX_PER_PAGE,
					this.responses);
			String query = ApiRequests.parameter(request, "q");
			String sort = ApiRequests.parameter(request, "sort");
			Workspace workspace = this.accounts.workspace(grant.workspaceId());
			Predicate<Event> matches = filter(query, (workspace != null) ? workspace.name() : "");
			Comparator<Event> order = order(sort);
			List<Event> selected = this.events.of(grant.workspaceId())
				.stream()
				.filter((event) -> endpointId == null
						|| (event.endpoint() != null && event.endpoint().path("id").asLong() == endpointId))
				.filter(matches)
				.sorted(order)
				.toList();
			int totalPages = Math.max(1, (selected.size() + perPage - 1) / perPage);
			int answered = Math.min(page, totalPages);
			int from = (answered - 1) * perPage;
			ArrayNode items = this.responses.array();
			selected.subList(from, Math.min(selected.size(), from + perPage))
				.forEach((event) -> items.add(render(event, workspace)));
			ResponseDefinitionBuilder response = this.responses.json(200, items)
				.withHeader("Link", "")
				.withHeader("x-count-per-page", Integer.toString(perPage))
				.withHeader("x-current-page", Integer.toString(answered))
				.withHeader("x-total-count", Integer.toString(selected.size()))
				.withHeader("x-total-pages", Integer.toString(totalPages))
				.withHeader("x-sort", (sort != null) ? sort : "id");
			if (query != null) {
				response.withHeader("x-filter", query);
			}
			return new Outcome(Kind.API_REQUEST, principal, "GET " + path + " page " + answered + " of " + totalPages,
					response.build());
		}
		catch (Rejection rejection) {
			return rejection.toOutcome(Kind.API_REQUEST, principal);
		}
	}

	private Predicate<Event> filter(@Nullable String query, String organisation) {
		Map<String, List<String>> filters;
		try {
			filters = ListQuery.filters(query, FILTERS);
			if (filters.containsKey("from") != filters.containsKey("until")) {
				throw new IllegalArgumentException("from and until are only accepted together");
			}
			Predicate<Event> matches = (event) -> true;
			List<String> fromValues = filters.get("from");
			List<String> untilValues = filters.get("until");
			if (fromValues != null && untilValues != null) {
				long from = Instant.parse(fromValues.get(0)).toEpochMilli();
				long until = Instant.parse(untilValues.get(0)).toEpochMilli();
				matches = (event) -> event.epochMillis() >= from && event.epochMillis() <= until;
			}
			for (Map.Entry<String, List<String>> filter : filters.entrySet()) {
				List<String> values = filter.getValue();
				Predicate<Event> field = switch (filter.getKey()) {
					case "type" -> (event) -> values.contains(Integer.toString(event.typeId()));
					case "severity" -> (event) -> values.contains(Integer.toString(event.severity()));
					case "source" -> (event) -> values.contains(Integer.toString(event.source()));
					case "alert" -> (event) -> values.contains("false");
					case "description" -> (event) -> ListQuery.containsAny(event.description(), values);
					case "organisation" -> (event) -> ListQuery.containsAny(organisation, values);
					// No event the simulator raises or seeds names a user.
					case "user" -> (event) -> false;
					case "imsi" -> (event) -> event.sim() != null
							&& values.contains(Inventory.imsi(event.sim().path("id").asLong()));
					case "timestamp" -> {
						LocalDate day = LocalDate
							.parse(values.get(0).substring(0, Math.min(10, values.get(0).length())));
						yield (event) -> LocalDate.ofInstant(Instant.ofEpochMilli(event.epochMillis()), ZoneOffset.UTC)
							.equals(day);
					}
					case "endpoint" -> (event) -> contains(values, text(event.endpoint(), "name"));
					case "tags" -> (event) -> ListQuery.containsAny(text(event.endpoint(), "tags"), values);
					case "ip_address", "imei" -> (event) -> contains(values, text(event.endpoint(), filter.getKey()));
					// ENT: an ICCID of up to 19 digits matches as a prefix.
					case "iccid" -> (event) -> {
						String iccid = text(event.sim(), "iccid");
						return iccid != null && values.stream()
							.anyMatch((value) -> (value.length() > 19) ? iccid.equals(value) : iccid.startsWith(value));
					};
					default -> (event) -> true;
				};
				matches = matches.and(field);
			}
			return matches;
		}
		catch (IllegalArgumentException | DateTimeParseException ex) {
			throw new Rejection("invalid q", this.responses.error(EmnifyError.INVALID_QUERY_CRITERIA,
					"Invalid query criteria: " + ex.getMessage()));
		}
	}

	// List.of(…).contains(null) throws, and events without an endpoint have no name.
	private static boolean contains(List<String> values, @Nullable String value) {
		return value != null && values.contains(value);
	}

	private static @Nullable String text(@Nullable ObjectNode node, String field) {
		return (node != null) ? Responses.text(node, field) : null;
	}

	private Comparator<Event> order(@Nullable String sort) {
		try {
			return ListQuery.order(sort, SORTS, Comparator.comparing(Event::id));
		}
		catch (IllegalArgumentException ex) {
			throw new Rejection("invalid sort",
					this.responses.error(EmnifyError.INVALID_SORT_CRITERIA, String.valueOf(ex.getMessage())));
		}
	}

	private ObjectNode render(Event event, @Nullable Workspace workspace) {
		ObjectNode node = this.responses.object()
			.put("id", event.id())
			.put("timestamp", Responses.eventDate(Instant.ofEpochMilli(event.epochMillis())))
			.put("alert", false)
			.put("description", event.description());
		node.putObject("event_type").put("id", event.typeId()).put("description", event.typeDescription());
		node.putObject("event_source")
			.put("id", event.source())
			.put("description", List.of("Network", "Policy Control", "API").get(event.source()));
		node.putObject("event_severity")
			.put("id", event.severity())
			.put("description", List.of("Info", "Warn", "Critical").get(event.severity()));
		if (workspace != null) {
			node.set("organisation", this.responses.workspace(workspace));
		}
		if (event.endpoint() != null) {
			node.set("endpoint", event.endpoint());
		}
		if (event.sim() != null) {
			node.set("sim", event.sim());
		}
		node.set("detail", (event.detail() != null) ? event.detail().deepCopy() : this.responses.object());
		return node;
	}

}
