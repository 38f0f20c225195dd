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
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import static io.github.iotstarters.emnify.auth.test.SimulatorHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /api/v1/sim/migration/workspace}. In the fixtures, SIMs 1 to 25 of
 * Production are assigned to endpoints and SIMs 26 to 40 are not.
 */
class SimMigrationTests {

	static final String PATH = "/api/v1/sim/migration/workspace";

	static final AdjustableClock clock = new AdjustableClock(Fixtures.START);

	@RegisterExtension
	static final EmnifySimulatorExtension emnify = EmnifySimulatorExtension.of(Fixtures.simulator(clock));

	SimulatorHttp http;

	String userToken;

	@BeforeEach
	void setUp() {
		clock.set(Fixtures.START);
		this.http = new SimulatorHttp(emnify.simulator());
		this.userToken = this.http.userToken(Fixtures.USER, Fixtures.USER_PASSWORD);
	}

	@Test
	void migrationIsADryRunByDefault() {
		HttpResponse<String> response = this.http.post(PATH, Map.of("sims", List.of(Map.of("id", 30), Map.of("id", 31)),
				"target_workspace", Map.of("id", Fixtures.STAGING)), this.userToken);

		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode body = json(response);
		assertThat(body.path("dry_run").booleanValue()).isTrue();
		assertThat(body.path("sim_count").asInt()).isEqualTo(2);
		assertThat(body.path("source_workspace").path("id").asLong()).isEqualTo(Fixtures.PRODUCTION);
		assertThat(body.path("target_workspace").path("id").asLong()).isEqualTo(Fixtures.STAGING);
		assertThat(body.path("sims").findValuesAsString("iccid")).hasSize(2);
		assertThat(totalSims(this.userToken)).isEqualTo("40");
	}

	@Test
	void migrationWithDryRunFalseMovesTheSims() {
		List<String> iccids = List.of(Inventory.iccid(30), Inventory.iccid(31), Inventory.iccid(32));

		HttpResponse<String> response = this.http.post(PATH,
				Map.of("iccids", iccids, "target_workspace", Map.of("id", Fixtures.STAGING), "dry_run", false),
				this.userToken);

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(json(response).path("dry_run").booleanValue()).isFalse();
		assertThat(totalSims(this.userToken)).isEqualTo("37");
		String stagingToken = json(this.http.post("/api/v1/authenticate/workspace",
				Map.of("target_organisation", Map.of("id", Fixtures.STAGING)), this.userToken))
			.path("auth_token")
			.stringValue();
		assertThat(totalSims(stagingToken)).isEqualTo("15");
		assertThat(this.http.get("/api/v1/sim?q=" + Inventory.iccid(31), stagingToken).body())
			.contains(Inventory.iccid(31));
	}

	@Test
	void iccidRangeSelectsTheSimsOfTheSourceWorkspaceInIt() {
		HttpResponse<String> response = this.http.post(PATH,
				Map.of("iccid_range", Map.of("start", Inventory.iccid(26), "end", Inventory.iccid(28)),
						"target_workspace", Map.of("id", Fixtures.STAGING)),
				this.userToken);

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(json(response).path("sim_count").asInt()).isEqualTo(3);
	}

	@Test
	void iccidRangeIsLimitedBySimsNotByIccidNumbers() {
		HttpResponse<String> response = this.http.post(PATH,
				Map.of("iccid_range", Map.of("start", Inventory.iccid(1), "end", Inventory.iccid(60)),
						"target_workspace", Map.of("id", Fixtures.STAGING), "auto_detach_devices", true),
				this.userToken);

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(json(response).path("sim_count").asInt()).isEqualTo(40);
	}

	@Test
	void selectionOfMoreThan500SimsGets422() {
		try (EmnifySimulator simulator = EmnifySimulator.builder()
			.clock(clock)
			.workspace(1, "Fleet", 0, 501)
			.workspace(2, "Spare", 0, 0)
			.user(Fixtures.USER, Fixtures.USER_PASSWORD, 1, 2)
			.build()
			.start()) {
			SimulatorHttp http = new SimulatorHttp(simulator);
			String token = http.userToken(Fixtures.USER, Fixtures.USER_PASSWORD);
			Map<String, Long> target = Map.of("id", 2L);
			List<Map<String, Long>> sims = LongStream.rangeClosed(1, 501).mapToObj((id) -> Map.of("id", id)).toList();

			HttpResponse<String> wholeRange = http.post(PATH, Map.of("iccid_range",
					Map.of("start", Inventory.iccid(1), "end", Inventory.iccid(501)), "target_workspace", target),
					token);
			HttpResponse<String> listed = http.post(PATH, Map.of("sims", sims, "target_workspace", target), token);
			HttpResponse<String> rangeOf500 = http.post(PATH, Map.of("iccid_range",
					Map.of("start", Inventory.iccid(1), "end", Inventory.iccid(500)), "target_workspace", target),
					token);

			for (HttpResponse<String> response : List.of(wholeRange, listed)) {
				assertThat(response.statusCode()).isEqualTo(422);
				assertThat(json(response).path("error_code").asInt()).isEqualTo(1400);
			}
			assertThat(rangeOf500.statusCode()).isEqualTo(200);
			assertThat(json(rangeOf500).path("sim_count").asInt()).isEqualTo(500);
		}
	}

	@Test
	void simNotInTheSourceWorkspaceIsAConflict() {
		HttpResponse<String> response = this.http.post(PATH, Map.of("sims", List.of(Map.of("id", 30), Map.of("id", 45)),
				"target_workspace", Map.of("id", Fixtures.STAGING), "dry_run", false), this.userToken);

		assertThat(response.statusCode()).isEqualTo(409);
		JsonNode body = json(response);
		assertThat(body.path("status_code").asInt()).isEqualTo(409);
		assertThat(body.path("message").stringValue()).isNotBlank();
		assertThat(body.path("errors").size()).isOne();
		assertThat(body.path("errors").get(0).path("id").asLong()).isEqualTo(45);
		assertThat(totalSims(this.userToken)).isEqualTo("40");
	}

	@Test
	void assignedSimNeedsAutoDetach() {
		Map<String, Object> request = Map.of("sims", List.of(Map.of("id", 1)), "target_workspace",
				Map.of("id", Fixtures.STAGING));

		assertThat(this.http.post(PATH, request, this.userToken).statusCode()).isEqualTo(409);

		HttpResponse<String> detached = this.http.post(PATH, Map.of("sims", List.of(Map.of("id", 1)),
				"target_workspace", Map.of("id", Fixtures.STAGING), "auto_detach_devices", true, "dry_run", false),
				this.userToken);
		assertThat(detached.statusCode()).isEqualTo(200);
		JsonNode endpoint = json(this.http.get("/api/v1/endpoint?per_page=1", this.userToken)).get(0);
		assertThat(endpoint.path("sim").isNull()).isTrue();
	}

	@Test
	void simWithAStatusNotAllowedIsAConflict() {
		HttpResponse<String> response = this.http.post(PATH, Map.of("sims", List.of(Map.of("id", 30)),
				"target_workspace", Map.of("id", Fixtures.STAGING), "allowed_sim_statuses", List.of("Activated")),
				this.userToken);

		assertThat(response.statusCode()).isEqualTo(409);
		assertThat(json(response).path("errors").get(0).path("message").stringValue()).contains("Issued");
	}

	@Test
	void invalidBodiesGet422() {
		List<Map<String, Object>> invalid = List.of(
				Map.of("target_workspace", Map.of("id", Fixtures.STAGING)), Map.of("sims", List.of(Map.of("id", 30)),
						"iccids", List.of(Inventory.iccid(31)), "target_workspace", Map.of("id", Fixtures.STAGING)),
				Map.of("sims", List.of(Map.of("id", 30))),
				Map.of("iccid_range", Map.of("start", Inventory.iccid(5), "end", Inventory.iccid(1)),
						"target_workspace", Map.of("id", Fixtures.STAGING)),
				Map.of("sims", List.of(), "target_workspace", Map.of("id", Fixtures.STAGING)),
				Map.of("sims", List.of(Map.of("id", 30)), "target_workspace", Map.of("id", Fixtures.STAGING), "dry_run",
						"no"));

		for (Map<String, Object> body : invalid) {
			HttpResponse<String> response = this.http.post(PATH, body, this.userToken);
			assertThat(response.statusCode()).as(body.toString()).isEqualTo(422);
			assertThat(json(response).path("error_code").asInt()).isEqualTo(1400);
			assertThat(json(response).path("errors").size()).isPositive();
			for (JsonNode error : json(response).path("errors")) {
				assertThat(error.propertyNames()).containsExactly("error_code", "error_token", "message");
				assertThat(error.path("error_token").stringValue()).isEqualTo("InputValidationFailed");
			}
		}
	}

	@Test
	void applicationTokenCannotMigrate() {
		String applicationToken = this.http.applicationTokenLogin(Fixtures.APPLICATION_TOKEN);

		HttpResponse<String> response = this.http.post(PATH,
				Map.of("sims", List.of(Map.of("id", 30)), "target_workspace", Map.of("id", Fixtures.STAGING)),
				applicationToken);

		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(json(response).path("error_code").asInt()).isEqualTo(1104);
	}

	@Test
	void targetWorkspaceTheUserMayNotEnterIsForbidden() {
		HttpResponse<String> response = this.http.post(PATH,
				Map.of("sims", List.of(Map.of("id", 30)), "target_workspace", Map.of("id", Fixtures.RESTRICTED)),
				this.userToken);

		assertThat(response.statusCode()).isEqualTo(403);
	}

	@Test
	void resetUndoesMigrations() {
		this.http.post(PATH, Map.of("sims", List.of(Map.of("id", 30)), "target_workspace",
				Map.of("id", Fixtures.STAGING), "dry_run", false), this.userToken);

		emnify.simulator().reset();

		String token = this.http.userToken(Fixtures.USER, Fixtures.USER_PASSWORD);
		assertThat(totalSims(token)).isEqualTo("40");
	}

	private String totalSims(String token) {
		return this.http.get("/api/v1/sim", token).headers().firstValue("X-Total-Count").orElseThrow();
	}

}
