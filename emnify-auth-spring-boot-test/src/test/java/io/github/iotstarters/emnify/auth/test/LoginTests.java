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

import static io.github.iotstarters.emnify.auth.test.Accounts.sha1Hex;
import static io.github.iotstarters.emnify.auth.test.SimulatorHttp.claims;
import static io.github.iotstarters.emnify.auth.test.SimulatorHttp.header;
import static io.github.iotstarters.emnify.auth.test.SimulatorHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Logins with application tokens and user credentials, refresh tokens, and lockout.
 */
class LoginTests {

	static final AdjustableClock clock = new AdjustableClock(Fixtures.START);

	@RegisterExtension
	static final EmnifySimulatorExtension emnify = EmnifySimulatorExtension.of(Fixtures.simulator(clock)
		.authTokenLifetime(Duration.ofSeconds(90))
		.refreshTokenLifetime(Duration.ofMinutes(10)));

	SimulatorHttp http;

	@BeforeEach
	void setUp() {
		clock.set(Fixtures.START);
		this.http = new SimulatorHttp(emnify.simulator());
	}

	@Test
	void applicationTokenLoginAnswersOnlyAnAuthTokenWithWorkspaceClaims() {
		HttpResponse<String> response = this.http.authenticate(Map.of("application_token", Fixtures.APPLICATION_TOKEN));

		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode body = json(response);
		assertThat(body.propertyNames()).containsExactly("auth_token");
		String authToken = body.path("auth_token").stringValue();
		assertThat(header(authToken).toString()).isEqualTo("{\"alg\":\"HS512\",\"typ\":\"JWT\"}");
		JsonNode claims = claims(authToken);
		assertThat(claims.path("aud").stringValue()).isEqualTo("/api/v1/authentication");
		assertThat(claims.path("esc.app").asLong()).isEqualTo(1001);
		assertThat(claims.path("esc.org").asLong()).isEqualTo(Fixtures.PRODUCTION);
		assertThat(claims.path("esc.orgName").stringValue()).isEqualTo("Production");
		assertThat(claims.path("esc.mainOrg").asLong()).isEqualTo(Fixtures.PRODUCTION);
		assertThat(claims.has("esc.user")).isFalse();
		assertThat(claims.path("iss").stringValue()).isEqualTo("esa-api");
		assertThat(claims.path("iat").asLong()).isEqualTo(Fixtures.START.getEpochSecond());
		assertThat(claims.path("exp").asLong() - claims.path("iat").asLong()).isEqualTo(90);
		assertThat(claims.path("jti").stringValue()).isNotBlank();
	}

	@Test
	void answersWithABodyAreJsonInUtf8AsEmnifyLabelsThem() {
		String refreshToken = refreshToken();
		clock.advance(Duration.ofMinutes(10));

		HttpResponse<String> login = this.http.authenticate(Map.of("application_token", Fixtures.APPLICATION_TOKEN));
		HttpResponse<String> expired = this.http.authenticate(Map.of("refresh_token", refreshToken));
		HttpResponse<String> gateway = this.http.get("/api/v1/sim", null);

		for (HttpResponse<String> response : List.of(login, expired, gateway)) {
			assertThat(response.headers().allValues("Content-Type")).containsExactly("application/json; charset=utf-8");
		}
	}

	@Test
	void everyAuthTokenHasItsOwnId() {
		String first = this.http.applicationTokenLogin(Fixtures.APPLICATION_TOKEN);
		String second = this.http.applicationTokenLogin(Fixtures.APPLICATION_TOKEN);

		assertThat(claims(first).path("jti")).isNotEqualTo(claims(second).path("jti"));
	}

	@Test
	void unknownApplicationTokenGetsEmpty401() {
		HttpResponse<String> response = this.http.authenticate(Map.of("application_token", "not-a-known-token"));

		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.body()).isEmpty();
	}

	@Test
	void passwordLoginAnswersAuthAndRefreshTokenWithUserClaims() {
		JsonNode body = this.http.passwordLogin(Fixtures.USER, Fixtures.USER_PASSWORD);

		assertThat(body.propertyNames()).containsExactlyInAnyOrder("auth_token", "refresh_token");
		JsonNode authClaims = claims(body.path("auth_token").stringValue());
		assertThat(authClaims.path("esc.user").asLong()).isEqualTo(1);
		assertThat(authClaims.path("esc.org").asLong()).isEqualTo(Fixtures.PRODUCTION);
		assertThat(authClaims.path("esc.orgName").stringValue()).isEqualTo("Production");
		assertThat(authClaims.path("esc.mainOrg").asLong()).isEqualTo(Fixtures.PRODUCTION);
		assertThat(authClaims.path("iss").stringValue()).isEqualTo("esa-api");
		assertThat(authClaims.path("esc.app").isIntegralNumber()).isTrue();
		assertThat(authClaims.path("exp").asLong() - authClaims.path("iat").asLong()).isEqualTo(90);
		String refreshToken = body.path("refresh_token").stringValue();
		assertThat(header(refreshToken).toString()).isEqualTo("{\"alg\":\"HS512\",\"typ\":\"JWT\"}");
		JsonNode refreshClaims = claims(refreshToken);
		assertThat(refreshClaims.path("exp").asLong() - refreshClaims.path("iat").asLong()).isEqualTo(600);
		assertThat(refreshClaims.path("esc.user").asLong()).isEqualTo(1);
	}

	@Test
	void passwordMustBeSentAsLowerCaseSha1Hex() {
		assertThat(this.http.authenticate(Map.of("username", Fixtures.USER, "password", Fixtures.USER_PASSWORD))
			.statusCode()).isEqualTo(401);
		assertThat(this.http
			.authenticate(Map.of("username", Fixtures.USER, "password", sha1Hex(Fixtures.USER_PASSWORD).toUpperCase()))
			.statusCode()).isEqualTo(401);
		// printf '%s' ops-password | openssl sha1
		assertThat(this.http
			.authenticate(Map.of("username", Fixtures.USER, "password", "e2f1c9759709760cb7b7ba7d294a7ebb5f63044d"))
			.statusCode()).isEqualTo(200);
	}

	@Test
	void wrongPasswordAndUnknownUserGetEmpty401() {
		HttpResponse<String> wrongPassword = this.http
			.authenticate(Map.of("username", Fixtures.USER, "password", sha1Hex("wrong")));
		HttpResponse<String> unknownUser = this.http
			.authenticate(Map.of("username", "nobody@example.org", "password", sha1Hex("wrong")));

		assertThat(wrongPassword.statusCode()).isEqualTo(401);
		assertThat(wrongPassword.body()).isEmpty();
		assertThat(unknownUser.statusCode()).isEqualTo(401);
		assertThat(unknownUser.body()).isEmpty();
	}

	@Test
	void malformedLoginBodyGets400() {
		HttpResponse<String> notJson = this.http.authenticateRaw("username=ops");
		HttpResponse<String> notAnObject = this.http.authenticateRaw("[\"application_token\"]");
		HttpResponse<String> noGrant = this.http.authenticate(Map.of("grant_type", "password"));
		HttpResponse<String> missingPassword = this.http.authenticate(Map.of("username", Fixtures.USER));
		HttpResponse<String> missingCode = this.http.authenticate(Map.of("mfa_token", "eyJ.eyJ.c2ln"));
		HttpResponse<String> numericRefreshToken = this.http.authenticate(Map.of("refresh_token", 42));

		for (HttpResponse<String> response : List.of(notJson, notAnObject, noGrant, missingPassword, missingCode,
				numericRefreshToken)) {
			assertThat(response.statusCode()).isEqualTo(400);
			assertThat(json(response).path("message").stringValue()).isNotBlank();
		}
		assertThat(emnify.simulator().counters().rejected(400)).isEqualTo(6);
		assertThat(emnify.simulator().counters().rejected(422)).isZero();
	}

	@Test
	void refreshTokenAnswersOnlyANewAuthToken() {
		String refreshToken = refreshToken();
		clock.advance(Duration.ofSeconds(30));

		HttpResponse<String> response = this.http.authenticate(Map.of("refresh_token", refreshToken));

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(json(response).propertyNames()).containsExactly("auth_token");
		JsonNode claims = claims(json(response).path("auth_token").stringValue());
		assertThat(claims.path("esc.user").asLong()).isEqualTo(1);
		assertThat(claims.path("iat").asLong()).isEqualTo(Fixtures.START.getEpochSecond() + 30);
	}

	@Test
	void refreshTokenIsSingleUse() {
		String refreshToken = refreshToken();

		assertThat(this.http.authenticate(Map.of("refresh_token", refreshToken)).statusCode()).isEqualTo(200);
		HttpResponse<String> second = this.http.authenticate(Map.of("refresh_token", refreshToken));

		assertThat(second.statusCode()).isEqualTo(401);
		assertThat(second.body()).isEmpty();
	}

	@Test
	void newerLoginInvalidatesOlderRefreshToken() {
		String older = refreshToken();
		String newer = refreshToken();

		assertThat(this.http.authenticate(Map.of("refresh_token", older)).statusCode()).isEqualTo(401);
		assertThat(this.http.authenticate(Map.of("refresh_token", newer)).statusCode()).isEqualTo(200);
	}

	@Test
	void invalidatingRefreshTokensActsLikeALoginElsewhere() {
		String refreshToken = refreshToken();

		emnify.simulator().invalidateRefreshTokens(Fixtures.USER);

		assertThat(this.http.authenticate(Map.of("refresh_token", refreshToken)).statusCode()).isEqualTo(401);
	}

	@Test
	void refreshTokenSurvivesResetKeepingSessionsButNotReset() {
		String beforeResetKeepingSessions = refreshToken();
		clock.advance(Duration.ofMinutes(1));
		emnify.simulator().resetKeepingSessions();
		HttpResponse<String> kept = this.http.authenticate(Map.of("refresh_token", beforeResetKeepingSessions));
		String beforeReset = refreshToken();
		clock.advance(Duration.ofMinutes(1));
		emnify.simulator().reset();
		HttpResponse<String> forgotten = this.http.authenticate(Map.of("refresh_token", beforeReset));

		assertThat(kept.statusCode()).isEqualTo(200);
		assertThat(forgotten.statusCode()).isEqualTo(401);
	}

	@Test
	void expiredRefreshTokenGetsTokenExpired() {
		String refreshToken = refreshToken();
		clock.advance(Duration.ofMinutes(10));

		HttpResponse<String> response = this.http.authenticate(Map.of("refresh_token", refreshToken));

		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(json(response).path("error_code").asInt()).isEqualTo(1103);
		assertThat(json(response).path("error_token").stringValue()).isEqualTo("TokenExpired");
	}

	@Test
	void forgedRefreshTokenGetsEmpty401() {
		String refreshToken = refreshToken();
		String forged = refreshToken.substring(0, refreshToken.lastIndexOf('.') + 1) + "c2lnbmF0dXJl";

		HttpResponse<String> response = this.http.authenticate(Map.of("refresh_token", forged));

		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.body()).isEmpty();
	}

	@Test
	void authTokenIsNoRefreshToken() {
		String authToken = this.http.userToken(Fixtures.USER, Fixtures.USER_PASSWORD);

		assertThat(this.http.authenticate(Map.of("refresh_token", authToken)).statusCode()).isEqualTo(401);
	}

	@Test
	void threeFailedLoginsLockTheUserEvenAgainstTheRightPassword() {
		for (int attempt = 0; attempt < 3; attempt++) {
			assertThat(this.http.authenticate(Map.of("username", Fixtures.USER, "password", sha1Hex("wrong")))
				.statusCode()).isEqualTo(401);
		}

		HttpResponse<String> locked = this.http
			.authenticate(Map.of("username", Fixtures.USER, "password", sha1Hex(Fixtures.USER_PASSWORD)));

		assertThat(locked.statusCode()).isEqualTo(401);
		assertThat(locked.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
		assertThat(json(locked).propertyNames()).containsExactly("error_code", "error_token", "message");
		assertThat(json(locked).path("error_code").asInt()).isEqualTo(1105);
		assertThat(json(locked).path("error_token").stringValue()).isEqualTo("TooManyRequests");
		assertThat(json(locked).path("message").stringValue()).contains("locked");
		assertThat(locked.headers().firstValue("Retry-After")).isEmpty();
	}

	@Test
	void lockoutEndsAfterFiveMinutes() {
		for (int attempt = 0; attempt < 3; attempt++) {
			this.http.authenticate(Map.of("username", Fixtures.USER, "password", sha1Hex("wrong")));
		}
		clock.advance(Duration.ofMinutes(5).minusSeconds(1));
		assertThat(
				this.http.authenticate(Map.of("username", Fixtures.USER, "password", sha1Hex(Fixtures.USER_PASSWORD)))
					.statusCode())
			.isEqualTo(401);

		clock.advance(Duration.ofSeconds(1));

		assertThat(
				this.http.authenticate(Map.of("username", Fixtures.USER, "password", sha1Hex(Fixtures.USER_PASSWORD)))
					.statusCode())
			.isEqualTo(200);
	}

	@Test
	void successfulLoginResetsTheFailureCount() {
		for (int attempt = 0; attempt < 2; attempt++) {
			this.http.authenticate(Map.of("username", Fixtures.USER, "password", sha1Hex("wrong")));
		}
		this.http.passwordLogin(Fixtures.USER, Fixtures.USER_PASSWORD);
		for (int attempt = 0; attempt < 2; attempt++) {
			this.http.authenticate(Map.of("username", Fixtures.USER, "password", sha1Hex("wrong")));
		}

		assertThat(
				this.http.authenticate(Map.of("username", Fixtures.USER, "password", sha1Hex(Fixtures.USER_PASSWORD)))
					.statusCode())
			.isEqualTo(200);
	}

	@Test
	void lockoutIsPerUser() {
		for (int attempt = 0; attempt < 3; attempt++) {
			this.http.authenticate(Map.of("username", Fixtures.USER, "password", sha1Hex("wrong")));
		}

		assertThat(this.http
			.authenticate(Map.of("username", Fixtures.MFA_USER, "password", sha1Hex(Fixtures.MFA_PASSWORD)))
			.statusCode()).isEqualTo(200);
		assertThat(this.http.authenticate(Map.of("application_token", Fixtures.APPLICATION_TOKEN)).statusCode())
			.isEqualTo(200);
	}

	private String refreshToken() {
		return this.http.passwordLogin(Fixtures.USER, Fixtures.USER_PASSWORD).path("refresh_token").stringValue();
	}

}
