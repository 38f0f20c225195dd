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
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import static io.github.iotstarters.emnify.auth.test.SimulatorHttp.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * SIM batches by BIC and the hooks that seed SIM statuses, batches and events.
 */
class SimBatchAndSeedTests {

	static final String BIC = "BIC0000000000001";

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
		emnify.simulator().simBatch(BIC, 2);
	}

	@Test
	void validationAnswersTheBatchWithNumbersAsStrings() {
		HttpResponse<String> response = this.http.get("/api/v1/sim_batch/bic/" + BIC, this.token);

		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode batch = json(response);
		assertThat(batch.path("id").isIntegralNumber()).isTrue();
		assertThat(batch.path("bic").stringValue()).isEqualTo(BIC);
		assertThat(batch.path("quantity").stringValue()).isEqualTo("2");
		assertThat(batch.path("status").toString()).isEqualTo("{\"description\":\"IN STOCK\",\"id\":0}");
		assertThat(this.http.get("/api/v1/sim_batch/bic/BIC0000000000009", this.token).statusCode()).isEqualTo(404);
	}

	@Test
	void registrationMovesTheSimsIntoTheWorkspaceWithTheStatusAsked() {
		HttpResponse<String> response = this.http.patch("/api/v1/sim_batch/bic/" + BIC,
				Map.of("sim_status", Map.of("id", 1)), this.token);

		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode sims = json(response).path("sim");
		assertThat(sims.size()).isEqualTo(2);
		assertThat(sims.get(0).propertyNames()).containsExactly("id", "iccid");
		long simId = sims.get(0).path("id").asLong();
		JsonNode sim = json(this.http.get("/api/v1/sim/" + simId, this.token));
		assertThat(sim.path("status").path("description").stringValue()).isEqualTo("Activated");
		assertThat(sim.path("iccid").stringValue()).isEqualTo(sims.get(0).path("iccid").stringValue());
		assertThat(this.http.get("/api/v1/sim", this.token).headers().firstValue("X-Total-Count")).hasValue("42");
		assertThat(this.http.get("/api/v1/sim_batch/bic/" + BIC, this.token).statusCode()).isEqualTo(400);
		assertThat(json(this.http.get("/api/v1/event?q=type:48", this.token)).size()).isEqualTo(1);
	}

	@Test
	void unknownOrRegisteredBicOrDisallowedStatusGets422WithAnEmptyHtmlBody() {
		this.http.patch("/api/v1/sim_batch/bic/" + BIC, Map.of("sim_status", Map.of("id", 4)), this.token);

		for (String bic : new String[] { BIC, "BIC0000000000009" }) {
			HttpResponse<String> response = this.http.patch("/api/v1/sim_batch/bic/" + bic,
					Map.of("sim_status", Map.of("id", 1)), this.token);

			assertThat(response.statusCode()).isEqualTo(422);
			assertThat(response.body()).isEmpty();
			assertThat(response.headers().firstValue("Content-Type")).hasValue("text/html; charset=UTF-8");
		}
		emnify.simulator().simBatch("BIC0000000000002", 1);
		assertThat(this.http
			.patch("/api/v1/sim_batch/bic/BIC0000000000002", Map.of("sim_status", Map.of("id", 2)), this.token)
			.statusCode()).isEqualTo(422);
	}

	@Test
	void simsInStockBelongToNoWorkspace() {
		assertThat(this.http.get("/api/v1/sim", this.token).headers().firstValue("X-Total-Count")).hasValue("40");
		assertThat(this.http.get("/api/v1/sim/54", this.token).statusCode()).isEqualTo(404);
	}

	@Test
	void simStatusSeedsAnyStatusWithoutTheTransitionRules() {
		emnify.simulator().simStatus(30, 4);

		assertThat(json(this.http.get("/api/v1/sim/30", this.token)).path("status").path("description").stringValue())
			.isEqualTo("Factory Test");
		assertThatIllegalArgumentException().isThrownBy(() -> emnify.simulator().simStatus(30, 9));
		assertThatIllegalArgumentException().isThrownBy(() -> emnify.simulator().simStatus(999, 1));
	}

	@Test
	void eventSeedsANetworkEventOfTheEndpoint() {
		emnify.simulator().event(2, 49, "Device offline", 1, "Device went offline");

		JsonNode events = json(this.http.get("/api/v1/endpoint/2/event", this.token));
		assertThat(events.size()).isEqualTo(1);
		assertThat(events.get(0).path("event_type").toString())
			.isEqualTo("{\"id\":49,\"description\":\"Device offline\"}");
		assertThat(events.get(0).path("event_source").path("description").stringValue()).isEqualTo("Network");
		assertThat(events.get(0).path("event_severity").path("description").stringValue()).isEqualTo("Warn");
		assertThat(events.get(0).path("id").asLong()).isGreaterThan(1L << 32);
		assertThatIllegalArgumentException().isThrownBy(() -> emnify.simulator().event(999, 1, "x", 0, "x"));
	}

	@Test
	void badBicIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> emnify.simulator().simBatch("short", 1));
	}

}
