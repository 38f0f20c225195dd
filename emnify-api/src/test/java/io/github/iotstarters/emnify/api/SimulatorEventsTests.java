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

package io.github.iotstarters.emnify.api;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.http.ResponseEntity;

import io.github.iotstarters.emnify.api.SimulatorClients.Style;
import io.github.iotstarters.emnify.api.model.Event;
import io.github.iotstarters.emnify.api.model.EventSeverity;
import io.github.iotstarters.emnify.api.model.EventSource;
import io.github.iotstarters.emnify.api.model.QuotaSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The typed event clients, blocking and reactive, against the simulator: the events the
 * simulator raises for the operations of the other clients and those a test seeds, of the
 * organisation and of one endpoint, filtered by time and type, over every page.
 */
class SimulatorEventsTests {

	@RegisterExtension
	static final SimulatorClients emnify = new SimulatorClients();

	static final long FIRST_ID = (1L << 32) + 1;

	static final Instant HOUR_1 = SimulatorClients.START.plus(Duration.ofHours(1));

	static final Instant HOUR_2 = SimulatorClients.START.plus(Duration.ofHours(2));

	/**
	 * Five events over two hours: at the start the network's update location of endpoint
	 * 2; an hour later SIM 26 (no endpoint) activated and SIM 1 (endpoint 1) suspended;
	 * an hour later endpoint 2 going offline (a warning) and its data quota assigned.
	 */
	@BeforeEach
	void raiseEvents() {
		emnify.simulator().event(2, 1, "Update Location", 0, "New location");
		emnify.clock().set(HOUR_1);
		EmnifySims sims = emnify.sims(Style.BLOCKING);
		sims.activate(26);
		sims.suspend(1);
		emnify.clock().set(HOUR_2);
		emnify.simulator().event(2, 49, "Device offline", 1, "Device went offline");
		emnify.endpoints(Style.BLOCKING)
			.setDataQuota(2, QuotaSet.data(BigDecimal.ONE, Instant.parse("2030-02-01T00:00:00Z")));
	}

	@ParameterizedTest
	@EnumSource(Style.class)
	void allWalksEveryPageOfTheOrganisationsEvents(Style style) {
		long before = emnify.simulator().counters().apiRequests();

		List<Event> events = emnify.events(style).all(EventQuery.all(), 2).toList();

		assertThat(events).extracting(Event::id)
			.containsExactly(FIRST_ID, FIRST_ID + 1, FIRST_ID + 2, FIRST_ID + 3, FIRST_ID + 4);
		assertThat(events).extracting((event) -> event.eventType().id()).containsExactly(1, 8, 9, 49, 56);
		assertThat(events).extracting(Event::timestamp)
			.containsExactly(SimulatorClients.START, HOUR_1, HOUR_1, HOUR_2, HOUR_2);
		assertThat(events).extracting((event) -> event.organisation().id()).containsOnly(SimulatorClients.WORKSPACE);
		assertThat(emnify.simulator().counters().apiRequests() - before).isEqualTo(3);
	}

	@ParameterizedTest
	@EnumSource(Style.class)
	void anEventCarriesItsTypeSourceSeverityEndpointAndSim(Style style) {
		List<Event> suspension = emnify.events(style).all(EventQuery.all().ofTypes(9), 100).toList();

		assertThat(suspension).singleElement().satisfies((event) -> {
			assertThat(event.eventType().description()).isEqualTo("SIM suspension");
			assertThat(event.eventSource()).isEqualTo(EventSource.API);
			assertThat(event.eventSeverity()).isEqualTo(EventSeverity.INFO);
			assertThat(event.alert()).isFalse();
			assertThat(event.endpoint().id()).isEqualTo(1);
			assertThat(event.endpoint().name()).isEqualTo("sensor-001");
			assertThat(event.sim().id()).isEqualTo(1);
			assertThat(event.description()).isEqualTo("SIM 1 Activated -> Suspended");
		});
	}

	@ParameterizedTest
	@EnumSource(Style.class)
	void timeAndTypeFiltersSelectTheOrganisationsEvents(Style style) {
		EmnifyEvents events = emnify.events(style);

		List<Event> secondHour = events
			.all(EventQuery.all().between(HOUR_1.minusSeconds(1), HOUR_1.plusSeconds(1)), 100)
			.toList();
		List<Event> simChanges = events.all(EventQuery.all().ofTypes(8, 9, 51), 1).toList();
		List<Event> warnings = events.all(EventQuery.all().where("severity", "1"), 100).toList();
		List<Event> organisation = events.all(EventQuery.all().where("organisation", "Production"), 100).toList();

		assertThat(secondHour).extracting((event) -> event.eventType().id()).containsExactly(8, 9);
		assertThat(simChanges).extracting((event) -> event.sim().id()).containsExactly(26L, 1L);
		assertThat(simChanges.get(0).detail().path("transition").path("sim").path("status").path("to").toString())
			.isEqualTo("{\"id\":1,\"description\":\"ACTIVATED\"}");
		assertThat(warnings).extracting(Event::description).containsExactly("Device went offline");
		assertThat(organisation).hasSize(5);
	}

	@ParameterizedTest
	@EnumSource(Style.class)
	void anEndpointsEventsAreFilteredAndPaged(Style style) {
		EmnifyEvents events = emnify.events(style);

		List<Event> all = events.allOfEndpoint(2, EventQuery.all(), 1).toList();
		List<Event> network = events.allOfEndpoint(2, EventQuery.all().where("source", "0"), 1).toList();
		List<Event> lateQuota = events.allOfEndpoint(2, EventQuery.all().between(HOUR_1, HOUR_2).ofTypes(56, 57), 1)
			.toList();

		assertThat(all).extracting((event) -> event.eventType().id()).containsExactly(1, 49, 56);
		assertThat(all).extracting((event) -> event.endpoint().id()).containsOnly(2L);
		assertThat(network).extracting(Event::eventSeverity).containsExactly(EventSeverity.INFO, EventSeverity.WARN);
		assertThat(lateQuota).extracting(Event::description).containsExactly("Data quota assigned to endpoint 2");
		assertThat(lateQuota.get(0).detail().path("quota").path("expiryDate").stringValue())
			.isEqualTo("2030-02-01 00:00:00");
	}

	@ParameterizedTest
	@EnumSource(Style.class)
	void pagesCarryEmnifysLowerCaseHeadersAndAPagePastTheLastAnswersTheLast(Style style) {
		ResponseEntity<List<Event>> newest = emnify.events(style).listPage(null, "-id", 1, 2);
		ResponseEntity<List<Event>> past = emnify.events(style).listPageOfEndpoint(2, null, null, 7, 2);

		assertThat(newest.getBody()).extracting(Event::id).containsExactly(FIRST_ID + 4, FIRST_ID + 3);
		assertThat(newest.getHeaders().getFirst("x-total-pages")).isEqualTo("3");
		assertThat(newest.getHeaders().getFirst("x-total-count")).isEqualTo("5");
		assertThat(newest.getHeaders().getFirst("x-sort")).isEqualTo("-id");
		assertThat(past.getBody()).extracting(Event::id).containsExactly(FIRST_ID + 4);
		assertThat(past.getHeaders().getFirst("x-current-page")).isEqualTo("2");
	}

	@ParameterizedTest
	@EnumSource(Style.class)
	void anUnknownEndpointHasNoEventsRatherThanNotFound(Style style) {
		ResponseEntity<List<Event>> page = emnify.events(style).listPageOfEndpoint(999, null, null, 1, 100);

		assertThat(page.getStatusCode().value()).isEqualTo(200);
		assertThat(page.getBody()).isEmpty();
		assertThat(emnify.events(style).allOfEndpoint(999, EventQuery.all(), 100)).isEmpty();
	}

	@ParameterizedTest
	@EnumSource(Style.class)
	void aFilterEmnifyDoesNotKnowIsRefused(Style style) {
		EmnifyValidationException ex = assertThatExceptionOfType(EmnifyValidationException.class)
			.isThrownBy(() -> emnify.events(style).all(EventQuery.all().where("colour", "red"), 100).toList())
			.actual();

		assertThat(ex.getErrorCode()).isEqualTo(1301);
		assertThat(ex.getErrorToken()).isEqualTo("InvalidQueryCriteria");
	}

}
