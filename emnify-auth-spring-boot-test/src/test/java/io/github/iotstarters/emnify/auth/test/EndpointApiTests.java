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
import tools.jackson.databind.JsonNode;

import static io.github.iotstarters.emnify.auth.test.SimulatorHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * One endpoint: details, create, update, delete and connectivity, in emnify's shapes. The
 * production workspace holds endpoints 1 to 25 with SIMs 1 to 25, SIMs 26 to 40 are
 * Issued and free; its service profile is 100001, its tariff profile 100002.
 */
class EndpointApiTests {

	static final AdjustableClock clock = new AdjustableClock(Fixtures.START);

	@RegisterExtension
	static final EmnifySimulatorExtension emnify = EmnifySimulatorExtension.of(Fixtures.simulator(clock)
		.user("staging@example.org", "staging-password", Fixtures.STAGING)
		.apiRateLimits(false));

	static final String CREATE = """
			{"name":"pump-7","status":{"id":0},"service_profile":{"id":100001},"tariff_profile":{"id":100002},
			"tags":"eu","imei":"3554631177373901"}""";

	SimulatorHttp http;

	String token;

	@BeforeEach
	void setUp() {
		clock.set(Fixtures.START);
		this.http = new SimulatorHttp(emnify.simulator());
		this.token = this.http.applicationTokenLogin(Fixtures.APPLICATION_TOKEN);
	}

	@Test
	void detailHasEmnifyFieldsDatesAndTheFullIpAddressSpace() {
		HttpResponse<String> response = this.http.get("/api/v1/endpoint/1", this.token);

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
		JsonNode endpoint = json(response);
		assertThat(endpoint.path("id").isIntegralNumber()).isTrue();
		assertThat(endpoint.path("name").stringValue()).isEqualTo("sensor-001");
		assertThat(endpoint.path("status").toString()).isEqualTo("{\"id\":0,\"description\":\"Enabled\"}");
		assertThat(endpoint.path("created").stringValue()).isEqualTo("2024-01-02T03:04:05.000+0000");
		assertThat(endpoint.path("last_updated").stringValue()).isEqualTo("2024-01-02T03:04:05.000+0000");
		assertThat(endpoint.path("service_profile").path("id").asLong()).isEqualTo(100001);
		assertThat(endpoint.path("tariff_profile").path("satellite_capable").isBoolean()).isTrue();
		assertThat(endpoint.path("ip_address_space").path("ip_address_version").asInt()).isEqualTo(4);
		assertThat(endpoint.path("ip_address_space").path("ip_address_space").isString()).isTrue();
		assertThat(endpoint.path("sim").path("id").asLong()).isEqualTo(1);
		assertThat(endpoint.path("sim").path("iccid").stringValue()).hasSize(20);
		assertThat(endpoint.path("sim").path("iccid_with_luhn").stringValue()).hasSize(20);
		assertThat(endpoint.path("sim").path("status").path("description").stringValue()).isEqualTo("Activated");
	}

	@Test
	void unknownOrForeignEndpointGets404InvalidReference() {
		for (String id : new String[] { "-1", "26" }) {
			HttpResponse<String> response = this.http.get("/api/v1/endpoint/" + id, this.token);

			assertThat(response.statusCode()).isEqualTo(404);
			assertThat(json(response).toString()).isEqualTo("{\"error_code\":1401,\"error_token\":\"InvalidReference\","
					+ "\"message\":\"Endpoint with Id '" + id + "' not found.\"}");
		}
	}

	@Test
	void nonNumericIdGets400BadRequest() {
		HttpResponse<String> response = this.http.raw("PATCH", "/api/v1/endpoint/abc", "{\"name\":\"x\"}", this.token);

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(json(response).path("error_code").asInt()).isEqualTo(1000);
		assertThat(json(response).path("error_token").stringValue()).isEqualTo("BadRequest");
		assertThat(json(response).path("message").stringValue()).startsWith("Cannot parse parameter id as Long");
	}

	@Test
	void createAnswers201WithoutBodyAndTheAbsoluteLocationOfTheNewEndpoint() {
		clock.advance(Duration.ofMinutes(5));

		HttpResponse<String> response = this.http.raw("POST", "/api/v1/endpoint", CREATE, this.token);

		assertThat(response.statusCode()).isEqualTo(201);
		assertThat(response.body()).isEmpty();
		assertThat(response.headers().firstValue("Location")).hasValue(emnify.baseUrl() + "/api/v1/endpoint/32");
		JsonNode created = json(this.http.get("/api/v1/endpoint/32", this.token));
		assertThat(created.path("name").stringValue()).isEqualTo("pump-7");
		assertThat(created.path("tags").stringValue()).isEqualTo("eu");
		assertThat(created.path("imei").stringValue()).isEqualTo("3554631177373901");
		assertThat(created.path("created").stringValue()).isEqualTo("2030-01-01T00:05:00.000+0000");
		assertThat(created.path("sim").isNull()).isTrue();
	}

	@Test
	void createWithSimAssignsAndActivatesItByDefault() {
		String body = CREATE.replace("\"tags\":\"eu\"", "\"sim\":{\"id\":26}");

		assertThat(this.http.raw("POST", "/api/v1/endpoint", body, this.token).statusCode()).isEqualTo(201);

		JsonNode sim = json(this.http.get("/api/v1/sim/26", this.token));
		assertThat(sim.path("status").path("description").stringValue()).isEqualTo("Activated");
		assertThat(sim.path("activation_date").stringValue()).isEqualTo("2030-01-01T00:00:00.000+0000");
		assertThat(sim.path("endpoint").path("id").asLong()).isEqualTo(32);
	}

	@Test
	void createWithSimAndActivateFalseLeavesTheSimIssued() {
		String body = CREATE.replace("\"tags\":\"eu\"", "\"sim\":{\"id\":27,\"activate\":false}");

		assertThat(this.http.raw("POST", "/api/v1/endpoint", body, this.token).statusCode()).isEqualTo(201);

		JsonNode sim = json(this.http.get("/api/v1/sim/27", this.token));
		assertThat(sim.path("status").path("description").stringValue()).isEqualTo("Issued");
		assertThat(sim.has("activation_date")).isFalse();
	}

	@Test
	void createWithUnknownProfileOrMissingStatusGets422WithNestedErrors() {
		String body = "{\"name\":\"x\",\"service_profile\":{\"id\":-1},\"tariff_profile\":{\"id\":100002}}";

		HttpResponse<String> response = this.http.raw("POST", "/api/v1/endpoint", body, this.token);

		assertThat(response.statusCode()).isEqualTo(422);
		JsonNode error = json(response);
		assertThat(error.path("error_code").asInt()).isEqualTo(1400);
		assertThat(error.path("error_token").stringValue()).isEqualTo("InputValidationFailed");
		assertThat(error.path("errors").toString()).contains(
				"{\"error_code\":1402,\"error_token\":\"Required\",\"message\":\"status is required\"}",
				"{\"error_code\":1401,\"error_token\":\"InvalidReference\","
						+ "\"message\":\"Service profile with Id '-1' not found.\"}");
		assertThat(
				this.http.get("/api/v1/endpoint?per_page=1&page=99", this.token).headers().firstValue("X-Total-Count"))
			.hasValue("25");
	}

	@Test
	void ipAddressNeedsItsSpaceAndMustBeFree() {
		String withoutSpace = CREATE.replace("\"tags\":\"eu\"", "\"ip_address\":\"100.64.9.9\"");
		String taken = CREATE.replace("\"tags\":\"eu\"",
				"\"ip_address\":\"100.64.0.2\",\"ip_address_space\":{\"id\":14870}");
		String free = taken.replace("100.64.0.2", "100.64.9.9");

		HttpResponse<String> missing = this.http.raw("POST", "/api/v1/endpoint", withoutSpace, this.token);
		HttpResponse<String> duplicated = this.http.raw("POST", "/api/v1/endpoint", taken, this.token);
		HttpResponse<String> created = this.http.raw("POST", "/api/v1/endpoint", free, this.token);

		assertThat(missing.statusCode()).isEqualTo(422);
		assertThat(json(missing).path("errors").get(0).path("error_code").asInt()).isEqualTo(1402);
		assertThat(duplicated.statusCode()).isEqualTo(409);
		assertThat(json(duplicated).path("error_code").asInt()).isEqualTo(1405);
		assertThat(json(duplicated).path("error_token").stringValue()).isEqualTo("Duplicated");
		assertThat(created.statusCode()).isEqualTo(201);
		assertThat(json(this.http.get("/api/v1/endpoint/32", this.token)).path("ip_address").stringValue())
			.isEqualTo("100.64.9.9");
	}

	@Test
	void patchChangesOnlyTheFieldsSentAndAcceptsFractionalIds() {
		clock.advance(Duration.ofHours(1));

		HttpResponse<String> response = this.http.raw("PATCH", "/api/v1/endpoint/2",
				"{\"name\":\"renamed\",\"status\":{\"id\":1.0}}", this.token);

		assertThat(response.statusCode()).isEqualTo(204);
		assertThat(response.body()).isEmpty();
		JsonNode endpoint = json(this.http.get("/api/v1/endpoint/2", this.token));
		assertThat(endpoint.path("name").stringValue()).isEqualTo("renamed");
		assertThat(endpoint.path("status").path("description").stringValue()).isEqualTo("Disabled");
		assertThat(endpoint.path("tags").stringValue()).isEqualTo("fleet-b");
		assertThat(endpoint.path("last_updated").stringValue()).isEqualTo("2030-01-01T01:00:00.000+0000");
	}

	@Test
	void patchOfUnknownEndpointGets404AndOfUnknownProfile422() {
		HttpResponse<String> unknown = this.http.patch("/api/v1/endpoint/-1", Map.of("name", "x"), this.token);
		HttpResponse<String> invalid = this.http.patch("/api/v1/endpoint/2",
				Map.of("service_profile", Map.of("id", -1)), this.token);

		assertThat(unknown.statusCode()).isEqualTo(404);
		assertThat(json(unknown).path("error_code").asInt()).isEqualTo(1401);
		assertThat(invalid.statusCode()).isEqualTo(422);
		assertThat(json(invalid).toString()).isEqualTo("{\"error_code\":1400,\"error_token\":\"InputValidationFailed\","
				+ "\"message\":\"Update endpoint validation error\",\"errors\":[{\"error_code\":1401,"
				+ "\"error_token\":\"InvalidReference\",\"message\":\"Service profile with Id '-1' not found.\"}]}");
	}

	@Test
	void deleteIsRefused409WhileASimIsAssignedAndAnswers204AfterUnassigning() {
		HttpResponse<String> refused = this.http.delete("/api/v1/endpoint/3", this.token);
		assertThat(refused.statusCode()).isEqualTo(409);
		assertThat(json(refused).path("error_token").stringValue()).isEqualTo("CannotBeDeleted");

		HttpResponse<String> unassigned = this.http.raw("PATCH", "/api/v1/endpoint/3", "{\"sim\":{\"id\":null}}",
				this.token);
		assertThat(unassigned.statusCode()).isEqualTo(204);
		assertThat(json(this.http.get("/api/v1/sim/3", this.token)).path("endpoint").isNull()).isTrue();
		assertThat(json(this.http.get("/api/v1/endpoint/3", this.token)).path("sim").isNull()).isTrue();

		HttpResponse<String> deleted = this.http.delete("/api/v1/endpoint/3", this.token);
		assertThat(deleted.statusCode()).isEqualTo(204);
		assertThat(deleted.body()).isEmpty();
		assertThat(this.http.get("/api/v1/endpoint/3", this.token).statusCode()).isEqualTo(404);
		this.http.raw("POST", "/api/v1/endpoint", CREATE, this.token);
		this.http.delete("/api/v1/endpoint/32", this.token);
		assertThat(this.http.raw("POST", "/api/v1/endpoint", CREATE, this.token).headers().firstValue("Location"))
			.hasValue(emnify.baseUrl() + "/api/v1/endpoint/33");
	}

	@Test
	void patchMovesAnAssignedSimOnlyWhenItIsFree() {
		HttpResponse<String> taken = this.http.patch("/api/v1/endpoint/4", Map.of("sim", Map.of("id", 5)), this.token);
		HttpResponse<String> free = this.http.patch("/api/v1/endpoint/4", Map.of("sim", Map.of("id", 28)), this.token);

		assertThat(taken.statusCode()).isEqualTo(422);
		assertThat(free.statusCode()).isEqualTo(204);
		assertThat(json(this.http.get("/api/v1/endpoint/4", this.token)).path("sim").path("id").asLong()).isEqualTo(28);
		assertThat(json(this.http.get("/api/v1/sim/4", this.token)).path("endpoint").isNull()).isTrue();
	}

	@Test
	void offlineDeviceHasOnlyStatusAndServices() {
		HttpResponse<String> response = this.http.get("/api/v1/endpoint/1/connectivity", this.token);

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("{\"status\":{\"description\":\"OFFLINE\"},\"services\":[]}");
	}

	@Test
	void onlineDeviceHasLocationAndPdpContext() {
		emnify.simulator().deviceOnline(1, true);

		JsonNode connectivity = json(this.http.get("/api/v1/endpoint/1/connectivity", this.token));

		assertThat(connectivity.path("status").path("description").stringValue()).isEqualTo("ONLINE");
		assertThat(connectivity.path("services").toString()).isEqualTo("[\"GPRS\"]");
		assertThat(connectivity.path("location").path("country").path("mcc").stringValue()).isEqualTo("262");
		assertThat(connectivity.path("location").path("last_updated").stringValue())
			.isEqualTo("2030-01-01T00:00:00.000Z");
		assertThat(connectivity.path("pdp_context").path("rat_type").path("description").stringValue()).isEqualTo("4G");

		emnify.simulator().deviceOnline(1, false);
		assertThat(json(this.http.get("/api/v1/endpoint/1/connectivity", this.token)).has("location")).isFalse();
	}

	@Test
	void connectivityResetAnswers204EmptyAsTextHtml() {
		HttpResponse<String> response = this.http.raw("PATCH", "/api/v1/endpoint/1/connectivity",
				"{\"location\":null,\"pdp_context\":null}", this.token);

		assertThat(response.statusCode()).isEqualTo(204);
		assertThat(response.body()).isEmpty();
		assertThat(response.headers().firstValue("Content-Type")).hasValue("text/html; charset=UTF-8");
		assertThat(this.http.raw("PATCH", "/api/v1/endpoint/-1/connectivity", "{\"location\":null}", this.token)
			.statusCode()).isEqualTo(404);
	}

	@Test
	void endpointsOfOtherWorkspacesAreNotSeen() {
		String staging = this.http.userToken("staging@example.org", "staging-password");

		assertThat(this.http.get("/api/v1/endpoint/26", staging).statusCode()).isEqualTo(200);
		assertThat(this.http.get("/api/v1/endpoint/1", staging).statusCode()).isEqualTo(404);
		assertThat(this.http.patch("/api/v1/sim/1", Map.of("status", Map.of("id", 2)), staging).statusCode())
			.isEqualTo(404);
	}

	@Test
	void withoutTokenTheGatewayAnswers401() {
		assertThat(this.http.get("/api/v1/endpoint/1", null).statusCode()).isEqualTo(401);
		assertThat(this.http.raw("POST", "/api/v1/endpoint", CREATE, null).statusCode()).isEqualTo(401);
	}

}
