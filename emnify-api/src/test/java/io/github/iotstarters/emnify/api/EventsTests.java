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

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.iotstarters.emnify.api.model.Event;
import io.github.iotstarters.emnify.api.model.EventSeverity;
import io.github.iotstarters.emnify.api.model.EventSource;
import io.github.iotstarters.emnify.auth.testsupport.LoopbackWireMock;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Events in both styles, in emnify's shapes: 64-bit ids, lower-case paging headers on the
 * endpoint variant, severities emnify may add, details as sent.
 */
class EventsTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private static final String EVENT = """
			{"id":351732524384257,"timestamp":"2022-03-27T23:20:49.298Z","alert":false,
			 "description":"SIM 250 assigned to endpoint 11380016","event_type":{"id":51,"description":"SIM Assigned"},
			 "event_source":{"id":2,"description":"API"},"event_severity":{"id":0,"description":"INFO"},
			 "organisation":{"id":13886,"name":"Acme"},"endpoint":{"id":11380016,"name":"pump","tags":null},
			 "sim":{"id":250,"iccid":"8988303000000000129","production_date":"2015-03-06T11:15:57.000Z"},
			 "imsi":{"id":247,"imsi":"295050999900095"},"detail":{"imei":"3554631177373901"}}
			""";

	private static final String LATER_EVENT = """
			{"id":6734033817529352,"timestamp":"2021-10-06 10:42:58","alert":true,"description":"blocked",
			 "event_type":{"id":99,"description":"Something new"},"event_source":{"id":0,"name":"Network"},
			 "event_severity":{"id":7,"description":"Apocalyptic"},"detail":{}}
			""";

	@RegisterExtension
	static WireMockExtension emnify = LoopbackWireMock.extension();

	private EmnifyEvents blocking() {
		return EmnifyClients.blocking(emnify.baseUrl(), EmnifyEvents.class);
	}

	private ReactiveEmnifyEvents reactive() {
		return EmnifyClients.reactive(emnify.baseUrl(), ReactiveEmnifyEvents.class);
	}

	@Test
	void organisationEventsAreFilteredByTimeAndTypes() {
		emnify.stubFor(get(urlPathEqualTo("/api/v1/event"))
			.willReturn(okJson("[" + EVENT + "," + LATER_EVENT + "]").withHeader("X-Total-Pages", "1")));
		EventQuery query = EventQuery.all()
			.between(Instant.parse("2020-07-20T08:00:00.123Z"), Instant.parse("2020-07-21T08:00:00Z"))
			.ofTypes(3, 5)
			.where("severity", "2")
			.sortedBy("-timestamp", "id");

		List<Event> blockingEvents = blocking().all(query, 100).toList();
		List<Event> reactiveEvents = reactive().all(query, 100).collectList().block(TIMEOUT);

		for (List<Event> events : List.of(blockingEvents, reactiveEvents)) {
			assertThat(events).extracting(Event::id).containsExactly(351732524384257L, 6734033817529352L);
			Event first = events.get(0);
			assertThat(first.timestamp()).isEqualTo(Instant.parse("2022-03-27T23:20:49.298Z"));
			assertThat(first.alert()).isFalse();
			assertThat(first.eventType().id()).isEqualTo(51);
			assertThat(first.eventSource()).isEqualTo(EventSource.API);
			assertThat(first.eventSeverity()).isEqualTo(EventSeverity.INFO);
			assertThat(first.sim().productionDate()).isEqualTo(Instant.parse("2015-03-06T11:15:57Z"));
			assertThat(first.detail().path("imei").asString()).isEqualTo("3554631177373901");
			Event later = events.get(1);
			assertThat(later.timestamp()).isEqualTo(Instant.parse("2021-10-06T10:42:58Z"));
			assertThat(later.alert()).isTrue();
			assertThat(later.eventType().description()).isEqualTo("Something new");
			assertThat(later.eventSource()).isEqualTo(EventSource.NETWORK);
			assertThat(later.eventSeverity()).isEqualTo(EventSeverity.UNKNOWN);
		}
		emnify.verify(2, getRequestedFor(urlPathEqualTo("/api/v1/event"))
			.withQueryParam("q", equalTo("from:2020-07-20T08:00:00Z,until:2020-07-21T08:00:00Z,type:3|5,severity:2"))
			.withQueryParam("sort", equalTo("-timestamp,id"))
			.withQueryParam("per_page", equalTo("100")));
	}

	@Test
	void endpointEventsWalkLowerCasePagingHeaders() {
		emnify.stubFor(get(urlPathEqualTo("/api/v1/endpoint/11380016/event")).withQueryParam("page", equalTo("1"))
			.willReturn(okJson("[" + EVENT + "]").withHeader("x-total-pages", "2")
				.withHeader("x-current-page", "1")
				.withHeader("Link", "")));
		emnify.stubFor(get(urlPathEqualTo("/api/v1/endpoint/11380016/event")).withQueryParam("page", equalTo("2"))
			.willReturn(okJson("[" + LATER_EVENT + "]").withHeader("x-total-pages", "2")
				.withHeader("x-current-page", "2")));

		assertThat(blocking().allOfEndpoint(11380016, EventQuery.all(), 1)).extracting(Event::id)
			.containsExactly(351732524384257L, 6734033817529352L);
		assertThat(reactive().allOfEndpoint(11380016, EventQuery.all(), 1).map(Event::id).collectList().block(TIMEOUT))
			.containsExactly(351732524384257L, 6734033817529352L);
		emnify.verify(4, getRequestedFor(urlPathEqualTo("/api/v1/endpoint/11380016/event")));
	}

	@Test
	void aTimeRangeNeedsBothEnds() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new EventQuery(Instant.EPOCH, null, List.of(), Map.of(), null))
			.withMessageContaining("'from' and 'until'");
	}

}
