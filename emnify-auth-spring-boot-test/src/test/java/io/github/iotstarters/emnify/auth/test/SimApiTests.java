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
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

import static io.github.iotstarters.emnify.auth.test.SimulatorHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET} and {@code PATCH /api/v1/sim/{id}} and emnify's SIM status transitions. In
 * the production workspace SIM 1 is Activated, SIM 7 Suspended, SIM 30 Issued.
 */
class SimApiTests {

	static final AdjustableClock clock = new AdjustableClock(Fixtures.START);

	@RegisterExtension
	static final EmnifySimulatorExtension emnify = EmnifySimulatorExtension
		.of(Fixtures.simulator(clock).apiRateLimits(false));

	SimulatorHttp http;

	String token;

	@BeforeEach
	void setUp() {
		clock.set(Fixtures.START);
		this.http = new SimulatorHttp(emnify.simulator());
		this.token = this.http.applicationTokenLogin(Fixtures.APPLICATION_TOKEN);
	}

	@Test
	void simHasEmnifyFieldsAndDates() {
		HttpResponse<String> response = this.http.get("/api/v1/sim/1", this.token);

		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode sim = json(response);
		assertThat(sim.path("id").asLong()).isEqualTo(1);
		assertThat(sim.path("iccid").stringValue()).hasSize(20);
		assertThat(sim.path("imsi").stringValue()).hasSize(15);
		assertThat(sim.path("status").toString()).isEqualTo("{\"id\":1,\"description\":\"Activated\"}");
		assertThat(sim.path("production_date").stringValue()).isEqualTo("2024-01-02T03:04:05.000+0000");
		assertThat(sim.path("activation_date").stringValue()).isEqualTo("2024-01-02T03:04:05.000+0000");
		assertThat(sim.path("endpoint").path("id").asLong()).isEqualTo(1);
		assertThat(json(this.http.get("/api/v1/sim/30", this.token)).has("activation_date")).isFalse();
	}

	@Test
	void unknownSimGets404AndNonNumericId400() {
		HttpResponse<String> unknown = this.http.get("/api/v1/sim/41", this.token);
		HttpResponse<String> text = this.http.get("/api/v1/sim/abc", this.token);

		assertThat(unknown.statusCode()).isEqualTo(404);
		assertThat(json(unknown).path("error_code").asInt()).isEqualTo(1201);
		assertThat(json(unknown).path("error_token").stringValue()).isEqualTo("NotFound");
		assertThat(text.statusCode()).isEqualTo(400);
		assertThat(json(text).path("error_code").asInt()).isEqualTo(1000);
	}

	@ParameterizedTest(name = "{0} -> {1}: {2}")
	@CsvSource(delimiter = '|', textBlock = """
			Issued       | Activated    | 204
			Issued       | Factory Test | 204
			Issued       | Suspended    | 422
			Issued       | Deleted      | 422
			Factory Test | Activated    | 204
			Factory Test | Suspended    | 422
			Factory Test | Issued       | 422
			Activated    | Suspended    | 204
			Activated    | Issued       | 422
			Activated    | Factory Test | 422
			Activated    | Deleted      | 422
			Suspended    | Activated    | 204
			Suspended    | Issued       | 422
			Suspended    | Factory Test | 422
			""")
	void onlyEmnifysStatusTransitionsAreAllowed(String from, String to, int expected) {
		long simId = simIn(from);

		HttpResponse<String> response = this.http.patch("/api/v1/sim/" + simId,
				Map.of("status", Map.of("id", statusId(to))), this.token);

		assertThat(response.statusCode()).isEqualTo(expected);
		String status = json(this.http.get("/api/v1/sim/" + simId, this.token)).path("status")
			.path("description")
			.stringValue();
		if (expected == 204) {
			assertThat(response.body()).isEmpty();
			assertThat(status).isEqualTo(to);
		}
		else {
			assertThat(json(response).path("error_code").asInt()).isEqualTo(1406);
			assertThat(json(response).path("error_token").stringValue()).isEqualTo("NotAllowed");
			assertThat(status).isEqualTo(from);
		}
	}

	@Test
	void organisationsCannotBePatchedWithACustomersToken() {
		HttpResponse<String> response = this.http.patch("/api/v1/sim/1", Map.of("reseller_org", Map.of("id", 7)),
				this.token);

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(json(response).toString()).isEqualTo("{\"error_code\":1406,\"error_token\":\"NotAllowed\","
				+ "\"message\":\"Patching the reseller organisation of the SIM not allowed.\"}");
	}

	@Test
	void statusLookupsListEmnifysIds() {
		assertThat(this.http.get("/api/v1/sim/status", this.token).body())
			.isEqualTo("[{\"id\":0,\"description\":\"Issued\"},{\"id\":1,\"description\":\"Activated\"},"
					+ "{\"id\":2,\"description\":\"Suspended\"},{\"id\":3,\"description\":\"Deleted\"},"
					+ "{\"id\":4,\"description\":\"Factory Test\"}]");
		assertThat(this.http.get("/api/v1/endpoint/status", this.token).body())
			.isEqualTo("[{\"id\":0,\"description\":\"Enabled\"},{\"id\":1,\"description\":\"Disabled\"},"
					+ "{\"id\":2,\"description\":\"Deleted\"}]");
	}

	@Test
	void theSameStatusAgainChangesNothing() {
		assertThat(this.http.patch("/api/v1/sim/1", Map.of("status", Map.of("id", 1)), this.token).statusCode())
			.isEqualTo(204);
	}

	@Test
	void unknownStatusGets422InputValidationFailed() {
		HttpResponse<String> response = this.http.patch("/api/v1/sim/1", Map.of("status", Map.of("id", 9)), this.token);

		assertThat(response.statusCode()).isEqualTo(422);
		assertThat(json(response).path("errors").get(0).path("error_code").asInt()).isEqualTo(1401);
	}

	@Test
	void firstActivationSetsTheActivationDateForGood() {
		clock.advance(Duration.ofHours(1));
		this.http.patch("/api/v1/sim/30", Map.of("status", Map.of("id", 1)), this.token);
		clock.advance(Duration.ofHours(1));
		this.http.patch("/api/v1/sim/30", Map.of("status", Map.of("id", 2)), this.token);
		this.http.patch("/api/v1/sim/30", Map.of("status", Map.of("id", 1)), this.token);

		assertThat(json(this.http.get("/api/v1/sim/30", this.token)).path("activation_date").stringValue())
			.isEqualTo("2030-01-01T01:00:00.000+0000");
	}

	private long simIn(String status) {
		return switch (status) {
			case "Issued" -> 30;
			case "Activated" -> 1;
			case "Suspended" -> 7;
			default -> {
				assertThat(
						this.http.patch("/api/v1/sim/31", Map.of("status", Map.of("id", 4)), this.token).statusCode())
					.isEqualTo(204);
				yield 31;
			}
		};
	}

	private static int statusId(String status) {
		return switch (status) {
			case "Issued" -> 0;
			case "Activated" -> 1;
			case "Suspended" -> 2;
			case "Deleted" -> 3;
			default -> 4;
		};
	}

}
