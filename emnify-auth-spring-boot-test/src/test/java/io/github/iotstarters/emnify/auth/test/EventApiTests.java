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

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import static io.github.iotstarters.emnify.auth.test.SimulatorHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /api/v1/event} and {@code GET /api/v1/endpoint/{id}/event}: the events the
 * other operations raise, filtered, sorted and paged as emnify does.
 */
class EventApiTests {

	static final AdjustableClock clock = new AdjustableClock(Fixtures.START);

	@RegisterExtension
	static final EmnifySimulatorExtension emnify = EmnifySimulatorExtension.of(Fixtures.simulator(clock)
		.user("staging@example.org", "staging-password", Fixtures.STAGING)
		.apiRateLimits(false));

	SimulatorHttp http;

	String token;

	@BeforeEach
	void setUp() {
		clock.set(Fixtures.START);
		this.http = new SimulatorHttp(emnify.simulator());
		this.token = this.http.applicationTokenLogin(Fixtures.APPLICATION_TOKEN);
		// SIM 30: activated at 00:00, suspended at 01:00; endpoint 5 disabled at 02:00.
		this.http.patch("/api/v1/sim/30", Map.of("status", Map.of("id", 1)), this.token);
		clock.advance(Duration.ofHours(1));
		this.http.patch("/api/v1/sim/30", Map.of("status", Map.of("id", 2)), this.token);
		clock.advance(Duration.ofHours(1));
		this.http.patch("/api/v1/endpoint/5", Map.of("status", Map.of("id", 1)), this.token);
	}

	@Test
	void operationsRaiseEventsWith64BitIdsAndZuluTimestamps() {
		HttpResponse<String> response = this.http.get("/api/v1/event", this.token);

		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode events = json(response);
		assertThat(events.size()).isEqualTo(3);
		JsonNode activation = events.get(0);
		assertThat(activation.path("id").asLong()).isGreaterThan(1L << 32);
		assertThat(activation.path("timestamp").stringValue()).isEqualTo("2030-01-01T00:00:00.000Z");
		assertThat(activation.path("event_type").toString()).isEqualTo("{\"id\":8,\"description\":\"SIM activation\"}");
		assertThat(activation.path("event_source").toString()).isEqualTo("{\"id\":2,\"description\":\"API\"}");
		assertThat(activation.path("event_severity").toString()).isEqualTo("{\"id\":0,\"description\":\"Info\"}");
		assertThat(activation.path("alert").isBoolean()).isTrue();
		assertThat(activation.path("organisation").path("id").asLong()).isEqualTo(Fixtures.PRODUCTION);
		assertThat(activation.path("sim").path("iccid").stringValue()).hasSize(20);
		assertThat(activation.path("sim").path("production_date").stringValue()).isEqualTo("2024-01-02T03:04:05.000Z");
		assertThat(types(events)).containsExactly(8, 9, 43);
	}

	@Test
	void pagingHeadersAreLowerCaseWithAnEmptyLink() {
		HttpResponse<String> response = this.http.get("/api/v1/event?per_page=2&page=5", this.token);

		assertThat(response.headers().map()).containsKeys("x-count-per-page", "x-current-page", "x-total-count",
				"x-total-pages", "x-sort");
		assertThat(response.headers().firstValue("x-current-page")).hasValue("2");
		assertThat(response.headers().firstValue("x-total-pages")).hasValue("2");
		assertThat(response.headers().firstValue("x-total-count")).hasValue("3");
		assertThat(response.headers().firstValue("x-count-per-page")).hasValue("2");
		assertThat(response.headers().firstValue("Link")).hasValue("");
		assertThat(json(response).size()).isEqualTo(1);
		assertThat(this.http.get("/api/v1/event", this.token).headers().firstValue("x-count-per-page")).hasValue("100");
	}

	@Test
	void typesJoinedByAPipeSeverityAndSourceFilter() {
		assertThat(types(json(this.http.get("/api/v1/event?q=type:8%7C43", this.token)))).containsExactly(8, 43);
		assertThat(types(json(this.http.get("/api/v1/event?q=severity:0,source:2", this.token)))).hasSize(3);
		assertThat(types(json(this.http.get("/api/v1/event?q=severity:2", this.token)))).isEmpty();
	}

	@Test
	void endpointNameIccidAndDescriptionFilter() {
		String iccid = json(this.http.get("/api/v1/sim/30", this.token)).path("iccid").stringValue();

		assertThat(types(json(this.http.get("/api/v1/event?q=endpoint:sensor-005", this.token)))).containsExactly(43);
		assertThat(types(json(this.http.get("/api/v1/event?q=iccid:" + iccid, this.token)))).containsExactly(8, 9);
		assertThat(types(json(this.http.get("/api/v1/event?q=iccid:" + iccid.substring(0, 19), this.token))))
			.containsExactly(8, 9);
		assertThat(types(json(this.http.get("/api/v1/event?q=description:disabled", this.token)))).containsExactly(43);
		assertThat(this.http.get("/api/v1/event?q=colour:red", this.token).statusCode()).isEqualTo(422);
	}

	@Test
	void fromAndUntilFilterOnlyTogether() {
		HttpResponse<String> window = this.http
			.get("/api/v1/event?q=from:2030-01-01T00:30:00Z,until:2030-01-01T01:30:00Z", this.token);
		HttpResponse<String> fromAlone = this.http.get("/api/v1/event?q=from:2030-01-01T00:30:00Z", this.token);

		assertThat(types(json(window))).containsExactly(9);
		assertThat(fromAlone.statusCode()).isEqualTo(422);
		assertThat(json(fromAlone).path("error_code").asInt()).isEqualTo(1301);
	}

	@Test
	void sortNewestFirst() {
		HttpResponse<String> response = this.http.get("/api/v1/event?sort=-timestamp,id", this.token);

		assertThat(types(json(response))).containsExactly(43, 9, 8);
		assertThat(response.headers().firstValue("x-sort")).hasValue("-timestamp,id");
	}

	@Test
	void endpointEventsHoldOnlyThatEndpointsAndAnUnknownEndpointHasNone() {
		HttpResponse<String> own = this.http.get("/api/v1/endpoint/5/event", this.token);
		HttpResponse<String> unknown = this.http.get("/api/v1/endpoint/999/event", this.token);

		assertThat(types(json(own))).containsExactly(43);
		assertThat(json(own).get(0).path("endpoint").path("id").asLong()).isEqualTo(5);
		assertThat(unknown.statusCode()).isEqualTo(200);
		assertThat(unknown.body()).isEqualTo("[]");
		assertThat(this.http.get("/api/v1/endpoint/x/event", this.token).statusCode()).isEqualTo(400);
	}

	@Test
	void createWithSimRaisesCreationAssignmentAndActivation() {
		this.http.raw("POST", "/api/v1/endpoint",
				EndpointApiTests.CREATE.replace("\"tags\":\"eu\"", "\"sim\":{\"id\":31}"), this.token);

		assertThat(types(json(this.http.get("/api/v1/endpoint/32/event", this.token)))).containsExactly(0, 51, 8);
	}

	@Test
	void eventsBelongToTheirWorkspace() {
		String staging = this.http.userToken("staging@example.org", "staging-password");

		assertThat(json(this.http.get("/api/v1/event", staging)).size()).isZero();
		assertThat(json(this.http.get("/api/v1/endpoint/5/event", staging)).size()).isZero();
	}

	@Test
	void theEventTypeLookupListsEmnifysTypesWithTheDescriptionsTheSimulatorRaisesThemWith() {
		HttpResponse<String> response = this.http.get("/api/v1/event/type", this.token);

		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode lookup = json(response);
		assertThat(lookup).extracting((type) -> type.path("id").asInt())
			.hasSize(66)
			.startsWith(0, 1, 2)
			.endsWith(64, 65);
		assertThat(lookup.get(4).toString()).isEqualTo("{\"id\":4,\"description\":\"Update PDP Context\"}");
		JsonNode raised = json(this.http.get("/api/v1/event", this.token));
		assertThat(raised).allSatisfy((event) -> assertThat(lookup.get(event.path("event_type").path("id").asInt()))
			.isEqualTo(event.path("event_type")));
		assertThat(this.http.get("/api/v1/event/type", "no-token").statusCode()).isEqualTo(401);
	}

	@Test
	void theOrganisationUserImsiAndTimestampFiltersOfTheReferenceSelectEvents() {
		String imsi = json(this.http.get("/api/v1/sim/30", this.token)).path("imsi").stringValue();

		assertThat(types(json(this.http.get("/api/v1/event?q=organisation:Production", this.token)))).containsExactly(8,
				9, 43);
		assertThat(types(json(this.http.get("/api/v1/event?q=organisation:Staging", this.token)))).isEmpty();
		assertThat(types(json(this.http.get("/api/v1/event?q=user:ops@example.org", this.token)))).isEmpty();
		assertThat(types(json(this.http.get("/api/v1/event?q=imsi:" + imsi, this.token)))).containsExactly(8, 9);
		assertThat(types(json(this.http.get("/api/v1/event?q=timestamp:2030-01-01", this.token)))).containsExactly(8, 9,
				43);
		assertThat(types(json(this.http.get("/api/v1/event?q=timestamp:2030-01-02", this.token)))).isEmpty();
		assertThat(this.http.get("/api/v1/event?q=timestamp:monday", this.token).statusCode()).isEqualTo(422);
	}

	@Test
	void eventsCarryTheDetailTheReferenceShowsForTheirType() {
		this.http.raw("POST", "/api/v1/endpoint",
				EndpointApiTests.CREATE.replace("\"tags\":\"eu\"", "\"sim\":{\"id\":31}"), this.token);
		this.http.raw("POST", "/api/v1/endpoint/1/quota/sms",
				"{\"status\":{\"id\":1},\"volume\":50,\"expiry_date\":\"2030-02-01 00:00:00\",\"threshold_percentage\":20}",
				this.token);
		emnify.simulator().simBatch("A1B2C3D4E5F6G7H8", 2);
		JsonNode batch = json(this.http.raw("PATCH", "/api/v1/sim_batch/bic/A1B2C3D4E5F6G7H8",
				"{\"sim_status\":{\"id\":1}}", this.token))
			.path("sim");

		Map<Integer, String> details = new LinkedHashMap<>();
		json(this.http.get("/api/v1/event?per_page=1000", this.token)).forEach((event) -> details
			.putIfAbsent(event.path("event_type").path("id").asInt(), event.path("detail").toString()));

		assertThat(details.get(8)).isEqualTo("{\"transition\":{\"sim\":{\"status\":{\"from\":{\"id\":0,"
				+ "\"description\":\"ISSUED\"},\"to\":{\"id\":1,\"description\":\"ACTIVATED\"}}}}}");
		assertThat(details.get(9)).isEqualTo("{}");
		assertThat(details.get(51)).isEqualTo("{\"imei\":\"3554631177373901\"}");
		assertThat(details.get(58)).isEqualTo("{\"quota\":{\"status\":{\"id\":1,\"description\":\"ACTIVE\"},"
				+ "\"action_on_exhaustion\":{\"id\":1,\"description\":\"Block\"},\"volume\":50,"
				+ "\"expiryDate\":\"2030-02-01 00:00:00\",\"lastVolumeAdded\":50,"
				+ "\"lastStatusChangeDate\":\"2030-01-01T02:00:00.000+0000\",\"autoRefill\":false,"
				+ "\"thresholdPercentage\":20.0,\"thresholdVolume\":10.0}}");
		assertThat(details.get(48))
			.isEqualTo("{\"sim_batch\":{\"id\":1,\"batch_size\":2,\"first_iccid\":" + batch.get(0).path("iccid")
					+ ",\"last_iccid\":" + batch.get(1).path("iccid") + ",\"sim_model\":{\"id\":44}}}");
	}

	private static List<Integer> types(JsonNode events) {
		return StreamSupport.stream(events.spliterator(), false)
			.map((event) -> event.path("event_type").path("id").asInt())
			.toList();
	}

}
