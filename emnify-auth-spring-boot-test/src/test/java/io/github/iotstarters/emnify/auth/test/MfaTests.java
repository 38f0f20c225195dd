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
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import static io.github.iotstarters.emnify.auth.test.Accounts.sha1Hex;
import static io.github.iotstarters.emnify.auth.test.SimulatorHttp.claims;
import static io.github.iotstarters.emnify.auth.test.SimulatorHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Multi-factor authentication: mfa tokens, TOTP codes, trusted devices.
 */
class MfaTests {

	static final AdjustableClock clock = new AdjustableClock(Fixtures.START);

	@RegisterExtension
	static final EmnifySimulatorExtension emnify = EmnifySimulatorExtension.of(Fixtures.simulator(clock));

	SimulatorHttp http;

	@BeforeEach
	void setUp() {
		clock.set(Fixtures.START.plusSeconds(1));
		this.http = new SimulatorHttp(emnify.simulator());
	}

	@Test
	void passwordLoginOfMfaUserAnswersOnlyAnMfaToken() {
		HttpResponse<String> response = this.http.authenticate(credentials());

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(json(response).propertyNames()).containsExactly("mfa_token");
	}

	@Test
	void mfaTokenWithCurrentCodeAnswersAuthAndRefreshToken() {
		HttpResponse<String> response = this.http
			.authenticate(Map.of("mfa_token", mfaToken(), "code", codeAt(clock.instant())));

		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode body = json(response);
		assertThat(body.propertyNames()).containsExactlyInAnyOrder("auth_token", "refresh_token");
		assertThat(claims(body.path("auth_token").stringValue()).path("esc.user").asLong()).isEqualTo(2);
		assertThat(claims(body.path("auth_token").stringValue()).path("esc.org").asLong())
			.isEqualTo(Fixtures.PRODUCTION);
	}

	@Test
	void codesOfThePreviousAndNextStepAreAccepted() {
		String previous = codeAt(clock.instant().minusSeconds(30));
		assertThat(this.http.authenticate(Map.of("mfa_token", mfaToken(), "code", previous)).statusCode())
			.isEqualTo(200);

		String next = codeAt(clock.instant().plusSeconds(30));
		assertThat(this.http.authenticate(Map.of("mfa_token", mfaToken(), "code", next)).statusCode()).isEqualTo(200);
	}

	@Test
	void codesTwoStepsAwayAreRejected() {
		String mfaToken = mfaToken();

		assertThat(
				this.http.authenticate(Map.of("mfa_token", mfaToken, "code", codeAt(clock.instant().minusSeconds(60))))
					.statusCode())
			.isEqualTo(401);
		assertThat(
				this.http.authenticate(Map.of("mfa_token", mfaToken, "code", codeAt(clock.instant().plusSeconds(60))))
					.statusCode())
			.isEqualTo(401);
	}

	@Test
	void wrongCodeGetsEmpty401AndTheMfaTokenStaysUsable() {
		String mfaToken = mfaToken();

		HttpResponse<String> rejected = this.http.authenticate(Map.of("mfa_token", mfaToken, "code", wrongCode()));

		assertThat(rejected.statusCode()).isEqualTo(401);
		assertThat(rejected.body()).isEmpty();
		assertThat(this.http.authenticate(Map.of("mfa_token", mfaToken, "code", codeAt(clock.instant()))).statusCode())
			.isEqualTo(200);
	}

	@Test
	void codeIsNotAcceptedTwiceInTheSameStep() {
		String code = codeAt(clock.instant());
		assertThat(this.http.authenticate(Map.of("mfa_token", mfaToken(), "code", code)).statusCode()).isEqualTo(200);
		clock.advance(Duration.ofSeconds(10));

		HttpResponse<String> reused = this.http.authenticate(Map.of("mfa_token", mfaToken(), "code", code));

		assertThat(reused.statusCode()).isEqualTo(401);
	}

	@Test
	void codeOfTheNextStepIsAcceptedAfterTheCurrentOne() {
		assertThat(
				this.http.authenticate(Map.of("mfa_token", mfaToken(), "code", codeAt(clock.instant()))).statusCode())
			.isEqualTo(200);
		clock.advance(Duration.ofSeconds(30));

		assertThat(
				this.http.authenticate(Map.of("mfa_token", mfaToken(), "code", codeAt(clock.instant()))).statusCode())
			.isEqualTo(200);
	}

	@Test
	void mfaTokenIsSingleUse() {
		String mfaToken = mfaToken();
		assertThat(this.http.authenticate(Map.of("mfa_token", mfaToken, "code", codeAt(clock.instant()))).statusCode())
			.isEqualTo(200);
		clock.advance(Duration.ofSeconds(30));

		assertThat(this.http.authenticate(Map.of("mfa_token", mfaToken, "code", codeAt(clock.instant()))).statusCode())
			.isEqualTo(401);
	}

	@Test
	void mfaTokenExpiresAfterFiveMinutes() {
		String mfaToken = mfaToken();
		clock.advance(Duration.ofMinutes(5));

		HttpResponse<String> response = this.http
			.authenticate(Map.of("mfa_token", mfaToken, "code", codeAt(clock.instant())));

		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(claims(mfaToken).path("exp").asLong() - claims(mfaToken).path("iat").asLong()).isEqualTo(300);
	}

	@Test
	void trustedDeviceSkipsMfaFor90Days() {
		String mfaToken = mfaToken();
		assertThat(
				this.http
					.authenticate(
							Map.of("mfa_token", mfaToken, "code", codeAt(clock.instant()), "trusted_device",
									Map.of("fingerprint", "device-1", "operating_system", "Linux", "browser", "curl",
											"name", "CI runner")))
					.statusCode())
			.isEqualTo(200);

		HttpResponse<String> trusted = this.http.authenticate(withFingerprint("device-1"));
		assertThat(trusted.statusCode()).isEqualTo(200);
		assertThat(json(trusted).propertyNames()).containsExactlyInAnyOrder("auth_token", "refresh_token");

		assertThat(json(this.http.authenticate(withFingerprint("device-2"))).propertyNames())
			.containsExactly("mfa_token");

		clock.advance(Duration.ofDays(90));
		assertThat(json(this.http.authenticate(withFingerprint("device-1"))).propertyNames())
			.containsExactly("mfa_token");
	}

	@Test
	void fingerprintAtTopLevelBesideMfaTokenAlsoTrustsTheDevice() {
		assertThat(this.http
			.authenticate(Map.of("mfa_token", mfaToken(), "code", codeAt(clock.instant()), "fingerprint", "legacy"))
			.statusCode()).isEqualTo(200);

		assertThat(json(this.http.authenticate(withFingerprint("legacy"))).propertyNames())
			.containsExactlyInAnyOrder("auth_token", "refresh_token");
	}

	@Test
	void wrongCodesCountTowardsTheLockout() {
		String mfaToken = mfaToken();
		for (int attempt = 0; attempt < 3; attempt++) {
			this.http.authenticate(Map.of("mfa_token", mfaToken, "code", "not-a-code"));
		}

		HttpResponse<String> locked = this.http
			.authenticate(Map.of("mfa_token", mfaToken, "code", codeAt(clock.instant())));

		assertThatIsEmnifysLock(locked);
		assertThatIsEmnifysLock(this.http.authenticate(credentials()));
	}

	@Test
	void aReusedCodeCountsTowardsTheLockoutLikeAWrongPassword() {
		String code = codeAt(clock.instant());
		assertThat(this.http.authenticate(Map.of("mfa_token", mfaToken(), "code", code)).statusCode()).isEqualTo(200);
		String mfaToken = mfaToken();
		assertThat(this.http.authenticate(Map.of("mfa_token", mfaToken, "code", code)).statusCode()).isEqualTo(401);
		assertThat(this.http.authenticate(Map.of("mfa_token", mfaToken, "code", wrongCode())).statusCode())
			.isEqualTo(401);
		assertThat(this.http.authenticate(Map.of("username", Fixtures.MFA_USER, "password", sha1Hex("wrong-password")))
			.statusCode()).isEqualTo(401);
		clock.advance(Duration.ofSeconds(30));

		assertThatIsEmnifysLock(this.http.authenticate(Map.of("mfa_token", mfaToken, "code", codeAt(clock.instant()))));
		assertThat(emnify.simulator().counters().mfaLogins()).isOne();
	}

	@Test
	void lockAfterRejectedCodesEndsAfterFiveMinutes() {
		String mfaToken = mfaToken();
		for (int attempt = 0; attempt < 3; attempt++) {
			this.http.authenticate(Map.of("mfa_token", mfaToken, "code", wrongCode()));
		}
		clock.advance(Duration.ofMinutes(5).minusSeconds(1));
		assertThatIsEmnifysLock(this.http.authenticate(credentials()));

		clock.advance(Duration.ofSeconds(1));

		assertThat(
				this.http.authenticate(Map.of("mfa_token", mfaToken(), "code", codeAt(clock.instant()))).statusCode())
			.isEqualTo(200);
	}

	@Test
	void rightPasswordBetweenWrongCodesDoesNotSaveTheUserFromTheLockout() {
		String mfaToken = null;
		for (int round = 0; round < 3; round++) {
			mfaToken = mfaToken();
			assertThat(this.http.authenticate(Map.of("mfa_token", mfaToken, "code", wrongCode())).statusCode())
				.isEqualTo(401);
		}

		HttpResponse<String> rightCode = this.http
			.authenticate(Map.of("mfa_token", mfaToken, "code", codeAt(clock.instant())));
		HttpResponse<String> rightPassword = this.http.authenticate(credentials());

		assertThatIsEmnifysLock(rightCode);
		assertThatIsEmnifysLock(rightPassword);
	}

	@Test
	void mfaLoginInvalidatesEarlierRefreshToken() {
		String older = json(this.http.authenticate(Map.of("mfa_token", mfaToken(), "code", codeAt(clock.instant()))))
			.path("refresh_token")
			.stringValue();
		clock.advance(Duration.ofSeconds(30));
		this.http.authenticate(Map.of("mfa_token", mfaToken(), "code", codeAt(clock.instant())));

		assertThat(this.http.authenticate(Map.of("refresh_token", older)).statusCode()).isEqualTo(401);
	}

	/**
	 * emnify's lock after three failed logins or codes: 401 with {@code TooManyRequests}
	 * (1105), not the 429 of its rate limit.
	 */
	private static void assertThatIsEmnifysLock(HttpResponse<String> response) {
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(json(response).path("error_code").asInt()).isEqualTo(1105);
		assertThat(json(response).path("error_token").stringValue()).isEqualTo("TooManyRequests");
	}

	private String mfaToken() {
		return json(this.http.authenticate(credentials())).path("mfa_token").stringValue();
	}

	private static Map<String, String> credentials() {
		return Map.of("username", Fixtures.MFA_USER, "password", sha1Hex(Fixtures.MFA_PASSWORD));
	}

	private static Map<String, String> withFingerprint(String fingerprint) {
		return Map.of("username", Fixtures.MFA_USER, "password", sha1Hex(Fixtures.MFA_PASSWORD), "fingerprint",
				fingerprint);
	}

	private static String codeAt(Instant instant) {
		return Totp.code(Fixtures.MFA_KEY, Totp.step(instant), Totp.DIGITS);
	}

	/**
	 * A code of six digits that no step the simulator accepts now has.
	 */
	private static String wrongCode() {
		Instant now = clock.instant();
		Set<String> accepted = Set.of(codeAt(now.minusSeconds(30)), codeAt(now), codeAt(now.plusSeconds(30)));
		return Stream.of("000000", "111111", "222222", "333333")
			.filter((code) -> !accepted.contains(code))
			.findFirst()
			.orElseThrow();
	}

}
