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

package io.github.iotstarters.emnify.auth;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import io.github.iotstarters.emnify.auth.mfa.EmnifyMfaCodeSource;
import io.github.iotstarters.emnify.auth.testsupport.TotpCodes;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

class MfaLoginTests extends EmnifyWireMockTests {

	// The RFC 6238 SHA-1 key in base32.
	private static final String SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

	private static final long STEP = TotpCodes.step(NOW);

	private final String tokenA = JWTS.token(NOW, Duration.ofMinutes(240));

	private final String tokenB = JWTS.token(NOW, Duration.ofMinutes(240));

	private final String refreshToken = JWTS.token(NOW, Duration.ofMinutes(350));

	@Test
	void mfaDemandIsAnsweredWithTheComputedCode() {
		answerLogins(okJson("{\"mfa_token\":\"mfa-1\"}"));
		answerCode("mfa-1", code(STEP), okJson(auth(this.tokenA, this.refreshToken)));
		EmnifyTokenProvider provider = userProvider().mfaTotpSecret(SECRET).build();
		StepVerifier.create(provider.getToken()).expectNext(this.tokenA).verifyComplete();
		emnify.verify(1, passwordLogins().withRequestBody(matchingJsonPath("$.fingerprint", absent())));
		emnify.verify(1, codeRequests()
			.withRequestBody(equalToJson("{\"mfa_token\":\"mfa-1\",\"code\":\"" + code(STEP) + "\"}")));
	}

	@Test
	void mfaLoginRenewsWithItsRefreshTokenLikeAnyUserLogin() {
		answerLogins(okJson("{\"mfa_token\":\"mfa-1\"}"));
		answerCode("mfa-1", code(STEP), okJson(auth(this.tokenA, this.refreshToken)));
		answerRefresh(this.refreshToken, okJson(auth(this.tokenB)));
		EmnifyTokenProvider provider = userProvider().mfaTotpSecret(SECRET).build();
		StepVerifier.create(provider.getToken()).expectNext(this.tokenA).verifyComplete();
		this.clock.advance(Duration.ofMinutes(240));
		StepVerifier.create(provider.getToken()).expectNext(this.tokenB).verifyComplete();
		emnify.verify(1, passwordLogins());
		emnify.verify(1, codeRequests());
	}

	@Test
	void aSecondMfaLoginInTheSameStepUsesTheNextStepsCode() {
		// 3.1 s before the step ends: the first code is this step's.
		this.clock.advance(Duration.ofMillis(26_900));
		answerLoginsInTurn(okJson("{\"mfa_token\":\"mfa-1\"}"), okJson("{\"mfa_token\":\"mfa-2\"}"));
		answerCode("mfa-1", code(STEP), okJson(auth(this.tokenA)));
		answerCode("mfa-2", code(STEP + 1), okJson(auth(this.tokenB)));
		EmnifyTokenProvider provider = userProvider().mfaTotpSecret(SECRET).build();
		StepVerifier.create(provider.getToken()).expectNext(this.tokenA).verifyComplete();
		// 100 ms before the step ends, so waiting for the next one is short.
		this.clock.advance(Duration.ofSeconds(3));
		provider.invalidate(this.tokenA);
		StepVerifier.create(provider.getToken()).expectNext(this.tokenB).verifyComplete();
		emnify.verify(2, codeRequests());
	}

	@Test
	void aCodeIsNotSentInTheLastThreeSecondsOfItsStep() {
		// 100 ms before the step ends: the code waits for the next step's.
		this.clock.advance(Duration.ofMillis(29_900));
		answerLogins(okJson("{\"mfa_token\":\"mfa-1\"}"));
		answerCode("mfa-1", code(STEP + 1), okJson(auth(this.tokenA)));
		EmnifyTokenProvider provider = userProvider().mfaTotpSecret(SECRET).build();
		StepVerifier.create(provider.getToken()).expectNext(this.tokenA).verifyComplete();
		emnify.verify(1, codeRequests());
		emnify.verify(0, codeRequests()
			.withRequestBody(equalToJson("{\"mfa_token\":\"mfa-1\",\"code\":\"" + code(STEP) + "\"}")));
	}

	@Test
	void aRejectedCodeEndsTheLoginWithoutASecondCodeAndStartsTheCooldown() {
		answerLogins(okJson("{\"mfa_token\":\"mfa-1\"}"));
		emnify.stubFor(
				post(AUTHENTICATE).withRequestBody(matchingJsonPath("$.code")).willReturn(aResponse().withStatus(401)));
		EmnifyTokenProvider provider = userProvider().mfaTotpSecret(SECRET).build();
		EmnifyAuthenticationException failure = failure(provider);
		assertThat(failure.getGrantType()).isEqualTo(EmnifyGrantType.MFA);
		assertThat(failure.isRejected()).isTrue();
		assertThat(failure.getKind()).isEqualTo(EmnifyFailureKind.REJECTED);
		assertThat(failure).hasMessageContaining("MFA login, HTTP 401")
			.hasMessageContaining("no second code follows")
			.hasMessageContaining("the TOTP secret (EmnifyTokenProviderBuilder.mfaTotpSecret)")
			.hasMessageContaining("clock")
			.hasMessageNotContaining(SECRET);
		// Within the cooldown the failure is remembered: nothing more goes to emnify.
		this.clock.advance(Duration.ofMinutes(4));
		assertThat(failure(provider)).isSameAs(failure);
		emnify.verify(1, codeRequests());
		emnify.verify(1, passwordLogins());
		this.clock.advance(Duration.ofMinutes(1));
		failure(provider);
		emnify.verify(2, codeRequests());
		emnify.verify(2, passwordLogins());
	}

	@Test
	void emnifysLockIsReportedAsALockAndWaitedOutBeyondAShorterCooldown() {
		answerLogins(aResponse().withStatus(401)
			.withHeader("Content-Type", "application/json; charset=utf-8")
			.withBody("{\"error_code\":1105,\"error_token\":\"TooManyRequests\","
					+ "\"message\":\"Too many failed login attempts\"}"));
		EmnifyTokenProvider provider = userProvider().rejectedCredentialsCooldown(Duration.ofMinutes(1))
			.mfaTotpSecret(SECRET)
			.build();
		EmnifyAuthenticationException failure = failure(provider);
		assertThat(failure.isRejected()).isTrue();
		assertThat(failure.getErrorToken()).isEqualTo("TooManyRequests");
		assertThat(failure.getKind()).isEqualTo(EmnifyFailureKind.USER_LOCKED);
		assertThat(failure)
			.hasMessageStartingWith("emnify has locked the user after repeated failed logins or MFA codes")
			.hasMessageContaining("5 minutes")
			.hasMessageContaining("Check the user name and password given to EmnifyCredentials.user, and the TOTP "
					+ "secret (EmnifyTokenProviderBuilder.mfaTotpSecret)")
			.hasMessageNotContaining("my_password");
		this.clock.advance(Duration.ofMinutes(4));
		assertThat(failure(provider)).isSameAs(failure);
		emnify.verify(1, passwordLogins());
		this.clock.advance(Duration.ofMinutes(1));
		failure(provider);
		emnify.verify(2, passwordLogins());
	}

	@Test
	void mfaDemandWithoutACodeSourceNamesBothRemediesAndStartsTheCooldown() {
		answerLogins(okJson("{\"mfa_token\":\"mfa-1\"}"));
		EmnifyTokenProvider provider = userProvider().build();
		EmnifyAuthenticationException failure = failure(provider);
		assertThat(failure.isRejected()).isTrue();
		assertThat(failure.getKind()).isEqualTo(EmnifyFailureKind.MFA_REQUIRED);
		assertThat(failure).hasMessageContaining("requires multi-factor authentication (MFA)")
			.hasMessageContaining("EmnifyTokenProviderBuilder.mfaTotpSecret")
			.hasMessageContaining("EmnifyMfaCodeSource")
			.hasMessageContaining("EmnifyCredentials.applicationToken")
			.hasMessageNotContaining("mfa-1");
		assertThat(failure(provider)).isSameAs(failure);
		emnify.verify(1, passwordLogins());
		emnify.verify(0, codeRequests());
	}

	@Test
	void aFailingOrEmptyCodeSourceIsAnEmnifyErrorThatHoldsBackTheNextLogin() {
		answerLogins(okJson("{\"mfa_token\":\"mfa-1\"}"));
		EmnifyTokenProvider failing = userProvider()
			.mfaCodeSource(() -> Mono.error(new IllegalStateException("vault sealed")))
			.build();
		EmnifyAuthenticationException failure = failure(failing);
		assertThat(failure.getGrantType()).isEqualTo(EmnifyGrantType.MFA);
		assertThat(failure.isRejected()).isFalse();
		assertThat(failure).hasMessageContaining("the code source failed: vault sealed")
			.hasMessageContaining("EmnifyMfaCodeSource");
		assertThat(failure(failing)).isSameAs(failure);
		assertThat(failure(userProvider().mfaCodeSource(Mono::empty).build()))
			.hasMessageContaining("the code source failed: no code supplied");
		emnify.verify(2, passwordLogins());
		emnify.verify(0, codeRequests());
	}

	// emnify would count a blank code as a wrong one, and stop logins after two.
	@ParameterizedTest
	@ValueSource(strings = { "", " ", "\t\n" })
	void aBlankCodeIsNeverSentNorCountedHoweverOftenItComes(String blank) {
		answerLogins(okJson("{\"mfa_token\":\"mfa-1\"}"));
		emnify.stubFor(
				post(AUTHENTICATE).withRequestBody(matchingJsonPath("$.code")).willReturn(aResponse().withStatus(401)));
		EmnifyTokenProvider provider = userProvider().mfaCodeSource(() -> Mono.just(blank)).build();
		for (int renewal = 1; renewal <= 3; renewal++) {
			EmnifyAuthenticationException failure = failure(provider);
			assertThat(failure.isRejected()).isFalse();
			assertThat(failure.getRejectedLoginsInARow()).isZero();
			assertThat(failure).hasMessageStartingWith("emnify demands an MFA code, but the code source failed: "
					+ "blank code supplied (MFA login). Check your EmnifyMfaCodeSource.");
			// Past the pause after failures that emnify did not count.
			this.clock.advance(Duration.ofMinutes(6));
		}
		failure(provider);
		emnify.verify(4, passwordLogins());
		emnify.verify(0, codeRequests());
	}

	@Test
	void aCodeSourceThatSuppliesNoneWithinTheCodeTimeoutFailsTheLogin() {
		answerLogins(okJson("{\"mfa_token\":\"mfa-1\"}"));
		EmnifyTokenProvider silent = userProvider().mfaCodeSource(Mono::never)
			.mfaCodeTimeout(Duration.ofMillis(200))
			.build();
		EmnifyAuthenticationException failure = failure(silent);
		assertThat(failure.getKind()).isEqualTo(EmnifyFailureKind.MFA_CODE_LATE);
		assertThat(failure).hasMessageContaining("the code source supplied none within PT0.2S")
			.hasMessageContaining("Raise EmnifyTokenProviderBuilder.mfaCodeTimeout");
		emnify.verify(0, codeRequests());
	}

	@Test
	void aCodeSourceSuppliesTheCodeInsteadOfASecret() {
		answerLogins(okJson("{\"mfa_token\":\"mfa-1\"}"));
		answerCode("mfa-1", "424242", okJson(auth(this.tokenA)));
		EmnifyTokenProvider provider = userProvider().mfaCodeSource(() -> Mono.just("424242")).build();
		StepVerifier.create(provider.getToken()).expectNext(this.tokenA).verifyComplete();
		emnify.verify(1, codeRequests());
	}

	@Test
	void trustedDeviceSendsItsFingerprintAndIsRegisteredByTheMfaLogin() {
		answerLogins(okJson("{\"mfa_token\":\"mfa-1\"}"));
		emnify.stubFor(
				post(AUTHENTICATE).withRequestBody(matchingJsonPath("$.code")).willReturn(okJson(auth(this.tokenA))));
		EmnifyTokenProvider provider = userProvider().mfaTotpSecret(SECRET)
			.trustedDevice("device-fingerprint", "billing-service")
			.build();
		StepVerifier.create(provider.getToken()).expectNext(this.tokenA).verifyComplete();
		emnify.verify(1,
				passwordLogins().withRequestBody(matchingJsonPath("$.fingerprint", equalTo("device-fingerprint"))));
		emnify.verify(1,
				codeRequests()
					.withRequestBody(matchingJsonPath("$.trusted_device.fingerprint", equalTo("device-fingerprint")))
					.withRequestBody(matchingJsonPath("$.trusted_device.name", equalTo("billing-service")))
					.withRequestBody(matchingJsonPath("$.trusted_device.operating_system"))
					.withRequestBody(matchingJsonPath("$.trusted_device.browser")));
	}

	@Test
	void trustedDeviceLoginThatEmnifyAnswersWithTokensSkipsMfa() {
		answerLogins(okJson(auth(this.tokenA, this.refreshToken)));
		EmnifyTokenProvider provider = userProvider().mfaTotpSecret(SECRET)
			.trustedDevice("device-fingerprint", "billing-service")
			.build();
		StepVerifier.create(provider.getToken()).expectNext(this.tokenA).verifyComplete();
		emnify.verify(0, codeRequests());
	}

	@Test
	void aTrustedDeviceWhoseTrustEndedIsRegisteredAgainByTheNextMfaLogin() {
		// First the device is trusted; then emnify demands MFA again despite the
		// fingerprint, and the code step registers the device anew.
		answerLoginsInTurn(okJson(auth(this.tokenA)), okJson("{\"mfa_token\":\"mfa-1\"}"));
		answerCode("mfa-1", code(STEP), okJson(auth(this.tokenB)));
		EmnifyTokenProvider provider = userProvider().mfaTotpSecret(SECRET)
			.trustedDevice("device-fingerprint", "billing-service")
			.build();
		StepVerifier.create(provider.getToken()).expectNext(this.tokenA).verifyComplete();
		provider.invalidate(this.tokenA);
		StepVerifier.create(provider.getToken()).expectNext(this.tokenB).verifyComplete();
		emnify.verify(2,
				passwordLogins().withRequestBody(matchingJsonPath("$.fingerprint", equalTo("device-fingerprint"))));
		emnify.verify(1, codeRequests()
			.withRequestBody(matchingJsonPath("$.trusted_device.fingerprint", equalTo("device-fingerprint"))));
	}

	@Test
	void aTrustedDeviceWhoseTrustEndedWithoutACodeSourceSaysSoAndHowToEnrolAgain() {
		answerLogins(okJson("{\"mfa_token\":\"mfa-1\"}"));
		EmnifyTokenProvider provider = userProvider().trustedDevice("device-fingerprint", "billing-service").build();
		EmnifyAuthenticationException failure = failure(provider);
		assertThat(failure.isRejected()).isTrue();
		assertThat(failure.getKind()).isEqualTo(EmnifyFailureKind.DEVICE_NOT_TRUSTED);
		assertThat(failure).hasMessageContaining("no longer trusts the device 'billing-service'")
			.hasMessageContaining("Enrol the device again")
			.hasMessageContaining("EmnifyTokenProviderBuilder.trustedDevice")
			.hasMessageNotContaining("device-fingerprint");
		emnify.verify(0, codeRequests());
	}

	@Test
	void mfaLoginsGoThroughTheSingleFlight() {
		answerLogins(okJson("{\"mfa_token\":\"mfa-1\"}").withFixedDelay(200));
		answerCode("mfa-1", code(STEP), okJson(auth(this.tokenA)).withFixedDelay(100));
		EmnifyTokenProvider provider = userProvider().mfaTotpSecret(SECRET).build();
		List<String> tokens = concurrently(300, provider::getToken).collectList().block(Duration.ofSeconds(30));
		assertThat(tokens).hasSize(300).containsOnly(this.tokenA);
		emnify.verify(1, passwordLogins());
		emnify.verify(1, codeRequests());
	}

	@Test
	void transientFailuresOfTheCodeStepAreRetriedWithTheSameCode() {
		answerLogins(okJson("{\"mfa_token\":\"mfa-1\"}"));
		emnify.stubFor(post(AUTHENTICATE).inScenario("code")
			.whenScenarioStateIs(STARTED)
			.withRequestBody(matchingJsonPath("$.code"))
			.willReturn(aResponse().withStatus(503))
			.willSetStateTo("recovered"));
		emnify.stubFor(post(AUTHENTICATE).inScenario("code")
			.whenScenarioStateIs("recovered")
			.withRequestBody(equalToJson("{\"mfa_token\":\"mfa-1\",\"code\":\"" + code(STEP) + "\"}"))
			.willReturn(okJson(auth(this.tokenA))));
		StepVerifier.create(userProvider().mfaTotpSecret(SECRET).build().getToken())
			.expectNext(this.tokenA)
			.verifyComplete();
		emnify.verify(2, codeRequests());
	}

	@Test
	void aCodeStepThatTimesOutIsNotSentAgainSinceEmnifyMayHaveCheckedTheCode() {
		answerLogins(okJson("{\"mfa_token\":\"mfa-1\"}"));
		emnify.stubFor(post(AUTHENTICATE).withRequestBody(matchingJsonPath("$.code"))
			.willReturn(okJson(auth(this.tokenA)).withFixedDelay(2000)));
		EmnifyAuthenticationException failure = failure(
				userProvider().mfaTotpSecret(SECRET).requestTimeout(Duration.ofMillis(200)).build());
		assertThat(failure.isRejected()).isFalse();
		assertThat(failure).hasMessageContaining("did not answer within");
		emnify.verify(1, passwordLogins());
		emnify.verify(1, codeRequests());
	}

	@Test
	void aCodeStepThatTimedOutCountsWithTheNextRejectedCode() {
		answerLogins(okJson("{\"mfa_token\":\"mfa-1\"}"));
		answerInTurn("codes", () -> post(AUTHENTICATE).withRequestBody(matchingJsonPath("$.code")),
				okJson(auth(this.tokenA)).withFixedDelay(2000), aResponse().withStatus(401));
		EmnifyTokenProvider provider = userProvider().mfaTotpSecret(SECRET)
			.requestTimeout(Duration.ofMillis(200))
			.build();
		assertThat(failure(provider).isRejected()).isFalse();
		this.clock.advance(Duration.ofMinutes(5));
		EmnifyAuthenticationException stop = failure(provider);
		assertThat(stop.getRejectedLoginsInARow()).isEqualTo(2);
		assertThat(stop).hasMessageStartingWith("emnify rejected 1 login of this user and left 1 unanswered");
		this.clock.advance(Duration.ofMinutes(5));
		assertThat(failure(provider)).isSameAs(stop);
		emnify.verify(2, passwordLogins());
		emnify.verify(2, codeRequests());
	}

	// No code went out: emnify cannot have counted one.
	@Test
	void aCodeSourceThatSuppliedNoCodeIsNotCountedWithTheNextRejectedCode() {
		answerLogins(okJson("{\"mfa_token\":\"mfa-1\"}"));
		emnify.stubFor(
				post(AUTHENTICATE).withRequestBody(matchingJsonPath("$.code")).willReturn(aResponse().withStatus(401)));
		AtomicInteger asked = new AtomicInteger();
		EmnifyMfaCodeSource failsFirst = () -> (asked.incrementAndGet() == 1)
				? Mono.error(new IllegalStateException("mailbox down")) : Mono.just("123456");
		EmnifyTokenProvider provider = userProvider().mfaCodeSource(failsFirst).build();
		assertThat(failure(provider)).hasMessageContaining("the code source failed: mailbox down");
		this.clock.advance(Duration.ofMinutes(5));
		assertThat(failure(provider).getRejectedLoginsInARow()).isOne();
		emnify.verify(2, passwordLogins());
		emnify.verify(1, codeRequests());
	}

	@ParameterizedTest
	@ValueSource(ints = { 500, 502, 504 })
	void aCodeStepAnsweredWithAServerErrorIsNotSentAgain(int status) {
		answerLogins(okJson("{\"mfa_token\":\"mfa-1\"}"));
		emnify.stubFor(post(AUTHENTICATE).withRequestBody(matchingJsonPath("$.code"))
			.willReturn(aResponse().withStatus(status)));
		assertThat(failure(userProvider().mfaTotpSecret(SECRET).build()).isRejected()).isFalse();
		emnify.verify(1, codeRequests());
	}

	private static String code(long step) {
		return TotpCodes.code(SECRET, step);
	}

	private static void answerCode(String mfaToken, String code, ResponseDefinitionBuilder response) {
		emnify.stubFor(post(AUTHENTICATE)
			.withRequestBody(equalToJson("{\"mfa_token\":\"" + mfaToken + "\",\"code\":\"" + code + "\"}", true, true))
			.willReturn(response));
	}

	private static RequestPatternBuilder passwordLogins() {
		return authenticateRequests().withRequestBody(matchingJsonPath("$.username"));
	}

	private static RequestPatternBuilder codeRequests() {
		return authenticateRequests().withRequestBody(matchingJsonPath("$.code"));
	}

}
