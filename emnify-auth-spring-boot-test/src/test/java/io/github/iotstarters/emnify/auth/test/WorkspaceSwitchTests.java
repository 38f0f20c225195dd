package io.github.iotstarters.emnify.auth.test;

import java.net.http.HttpResponse;
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
 * {@code POST /api/v1/authenticate/workspace}.
 */
class WorkspaceSwitchTests {

	static final AdjustableClock clock = new AdjustableClock(Fixtures.START);

	@RegisterExtension
	static final EmnifySimulatorExtension emnify = EmnifySimulatorExtension.of(Fixtures.simulator(clock));

	SimulatorHttp http;

	String userToken;

	@BeforeEach
	void setUp() {
		clock.set(Fixtures.START);
		this.http = new SimulatorHttp(emnify.simulator());
		this.userToken = this.http.passwordLogin(Fixtures.USER, Fixtures.USER_PASSWORD)
			.path("auth_token")
			.stringValue();
	}

	@Test
	void switchAnswersAnAuthTokenForTheTargetWorkspace() {
		HttpResponse<String> response = switchTo(Fixtures.STAGING, this.userToken);

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(json(response).propertyNames()).containsExactly("auth_token");
		JsonNode claims = claims(json(response).path("auth_token").stringValue());
		assertThat(claims.path("esc.org").asLong()).isEqualTo(Fixtures.STAGING);
		assertThat(claims.path("esc.orgName").stringValue()).isEqualTo("Staging");
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
	}

	private HttpResponse<String> switchTo(long workspaceId, String token) {
		return this.http.post("/api/v1/authenticate/workspace",
				Map.of("target_organisation", Map.of("id", workspaceId)), token);
	}

}
