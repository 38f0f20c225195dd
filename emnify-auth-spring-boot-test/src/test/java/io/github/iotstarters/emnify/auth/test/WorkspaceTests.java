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
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import static io.github.iotstarters.emnify.auth.test.SimulatorHttp.claims;
import static io.github.iotstarters.emnify.auth.test.SimulatorHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Workspaces of a user: {@code GET /api/v2/user/{user_id}/workspace} and
 * {@code POST /api/v1/authenticate/workspace}.
 */
class WorkspaceTests {

	static final String STAGING_USER = "staging@example.org";

	static final String STAGING_USER_PASSWORD = "staging-password";

	static final AdjustableClock clock = new AdjustableClock(Fixtures.START);

	@RegisterExtension
	static final EmnifySimulatorExtension emnify = EmnifySimulatorExtension
		.of(Fixtures.simulator(clock).user(STAGING_USER, STAGING_USER_PASSWORD, Fixtures.STAGING, Fixtures.PRODUCTION));

	SimulatorHttp http;

	String userToken;

	@BeforeEach
	void setUp() {
		clock.set(Fixtures.START);
		this.http = new SimulatorHttp(emnify.simulator());
		this.userToken = this.http.userToken(Fixtures.USER, Fixtures.USER_PASSWORD);
	}

	@Test
	void userWorkspacesListsTheWorkspacesTheUserMayEnterHomeFirst() {
		String stagingUserToken = this.http.userToken(STAGING_USER, STAGING_USER_PASSWORD);

		HttpResponse<String> response = listWorkspaces(this.userToken);
		HttpResponse<String> stagingUser = listWorkspaces(stagingUserToken);

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
		assertThat(json(response)).hasSize(2);
		assertThat(json(response).get(0).path("id").asLong()).isEqualTo(Fixtures.PRODUCTION);
		assertThat(json(response).get(0).path("name").stringValue()).isEqualTo("Production");
		assertThat(json(response).get(1).path("id").asLong()).isEqualTo(Fixtures.STAGING);
		assertThat(json(response).get(1).path("name").stringValue()).isEqualTo("Staging");
		assertThat(json(stagingUser).valueStream().map((workspace) -> workspace.path("name").stringValue()))
			.containsExactly("Staging", "Production");
	}

	@Test
	void userWorkspaceItemsCarryStatusRolesOwnerAndDefaultWorkspace() {
		JsonNode workspaces = json(listWorkspaces(this.userToken));

		JsonNode home = workspaces.get(0);
		JsonNode other = workspaces.get(1);
		assertThat(home.propertyNames()).containsExactly("id", "name", "status", "roles", "owner", "default_workspace");
		assertThat(home.path("status").path("status").path("id").isIntegralNumber()).isTrue();
		assertThat(home.path("roles")).hasSize(1);
		assertThat(home.path("roles").get(0).path("id").isIntegralNumber()).isTrue();
		assertThat(home.path("roles").get(0).path("name").stringValue()).isEqualTo("Administrator");
		assertThat(home.path("owner").booleanValue()).isTrue();
		assertThat(home.path("default_workspace").booleanValue()).isTrue();
		assertThat(other.path("roles")).isEqualTo(home.path("roles"));
		assertThat(other.path("owner").isBoolean()).isTrue();
		assertThat(other.path("owner").booleanValue()).isFalse();
		assertThat(other.path("default_workspace").isBoolean()).isTrue();
		assertThat(other.path("default_workspace").booleanValue()).isFalse();
	}

	@Test
	void userWorkspacesAreTheSameWithATokenOfAnotherWorkspace() {
		String stagingToken = json(switchTo(Fixtures.STAGING, this.userToken)).path("auth_token").stringValue();

		HttpResponse<String> response = listWorkspaces(stagingToken);

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo(listWorkspaces(this.userToken).body());
	}

	@Test
	void userWorkspacesOfAnotherUserOrForAnApplicationTokenAreForbidden() {
		long userId = claims(this.userToken).path("esc.user").asLong();
		String applicationToken = this.http.applicationTokenLogin(Fixtures.APPLICATION_TOKEN);

		HttpResponse<String> otherUser = this.http.get(workspacesPath(userId + 1), this.userToken);
		HttpResponse<String> notAnId = this.http.get("/api/v2/user/me/workspace", this.userToken);
		HttpResponse<String> application = this.http.get(workspacesPath(userId), applicationToken);

		for (HttpResponse<String> response : List.of(otherUser, notAnId, application)) {
			assertThat(response.statusCode()).isEqualTo(403);
			assertThat(json(response).path("error_code").asInt()).isEqualTo(1104);
			assertThat(json(response).path("error_token").stringValue()).isEqualTo("Forbidden");
		}
	}

	@Test
	void userWorkspacesNeedAValidToken() {
		String path = workspacesPath(claims(this.userToken).path("esc.user").asLong());
		clock.advance(Duration.ofMinutes(240));

		HttpResponse<String> missing = this.http.get(path, null);
		HttpResponse<String> notAJwt = this.http.get(path, "not-a-jwt");
		HttpResponse<String> expired = this.http.get(path, this.userToken);

		assertThat(missing.statusCode()).isEqualTo(401);
		assertThat(json(missing).path("message").stringValue()).isEqualTo("Unauthorized");
		assertThat(notAJwt.statusCode()).isEqualTo(401);
		assertThat(expired.statusCode()).isEqualTo(401);
		assertThat(json(expired).path("error_token").stringValue()).isEqualTo("TokenExpired");
	}

	@Test
	void switchAnswersAnAuthTokenForTheTargetWorkspace() {
		HttpResponse<String> response = switchTo(Fixtures.STAGING, this.userToken);

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(json(response).propertyNames()).containsExactly("auth_token");
		JsonNode claims = claims(json(response).path("auth_token").stringValue());
		assertThat(claims.path("esc.org").asLong()).isEqualTo(Fixtures.STAGING);
		assertThat(claims.path("esc.orgName").stringValue()).isEqualTo("Staging");
		assertThat(claims.path("esc.mainOrg").asLong()).isEqualTo(Fixtures.PRODUCTION);
		assertThat(claims.path("esc.user").asLong()).isEqualTo(1);
	}

	@Test
	void switchedTokenSeesTheTargetWorkspaceAndTheOriginalTokenStaysValid() {
		String stagingToken = json(switchTo(Fixtures.STAGING, this.userToken)).path("auth_token").stringValue();

		HttpResponse<String> staging = this.http.get("/api/v1/sim", stagingToken);
		HttpResponse<String> production = this.http.get("/api/v1/sim", this.userToken);

		assertThat(staging.headers().firstValue("X-Total-Count")).hasValue("12");
		assertThat(production.headers().firstValue("X-Total-Count")).hasValue("40");
	}

	@Test
	void switchToAWorkspaceTheUserMayNotEnterIsForbidden() {
		HttpResponse<String> restricted = switchTo(Fixtures.RESTRICTED, this.userToken);
		HttpResponse<String> unknown = switchTo(999, this.userToken);

		for (HttpResponse<String> response : List.of(restricted, unknown)) {
			assertThat(response.statusCode()).isEqualTo(403);
			assertThat(json(response).path("error_code").asInt()).isEqualTo(1104);
			assertThat(json(response).path("error_token").stringValue()).isEqualTo("Forbidden");
		}
	}

	@Test
	void applicationTokenCannotSwitch() {
		String applicationToken = this.http.applicationTokenLogin(Fixtures.APPLICATION_TOKEN);

		HttpResponse<String> response = switchTo(Fixtures.STAGING, applicationToken);

		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(json(response).path("error_token").stringValue()).isEqualTo("InvalidToken");
	}

	@Test
	void badTokenCannotSwitch() {
		assertThat(switchTo(Fixtures.STAGING, "not-a-jwt").statusCode()).isEqualTo(401);
		assertThat(this.http
			.post("/api/v1/authenticate/workspace", Map.of("target_organisation", Map.of("id", Fixtures.STAGING)), null)
			.statusCode()).isEqualTo(401);
	}

	@Test
	void switchWithoutTargetGets422() {
		HttpResponse<String> response = this.http.post("/api/v1/authenticate/workspace",
				Map.of("target_organisation", Map.of("name", "Staging")), this.userToken);

		assertThat(response.statusCode()).isEqualTo(422);
		assertThat(json(response).path("error_code").asInt()).isEqualTo(1400);
		JsonNode error = json(response).path("errors").get(0);
		assertThat(error.propertyNames()).containsExactly("error_code", "error_token", "message");
		assertThat(error.path("error_code").asInt()).isEqualTo(1400);
		assertThat(error.path("error_token").stringValue()).isEqualTo("InputValidationFailed");
		assertThat(error.path("message").stringValue()).contains("target_organisation.id");
	}

	/**
	 * Lists the workspaces of the user the token belongs to.
	 */
	private HttpResponse<String> listWorkspaces(String token) {
		return this.http.get(workspacesPath(claims(token).path("esc.user").asLong()), token);
	}

	private static String workspacesPath(long userId) {
		return "/api/v2/user/" + userId + "/workspace";
	}

	private HttpResponse<String> switchTo(long workspaceId, String token) {
		return this.http.post("/api/v1/authenticate/workspace",
				Map.of("target_organisation", Map.of("id", workspaceId)), token);
	}

}
