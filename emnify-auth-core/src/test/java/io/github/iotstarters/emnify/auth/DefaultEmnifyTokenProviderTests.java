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

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import io.github.iotstarters.emnify.auth.EmnifyAuthenticationListener.Outcome;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class DefaultEmnifyTokenProviderTests extends EmnifyWireMockTests {

	private final String tokenA = JWTS.token(NOW, Duration.ofMinutes(240));

	private final String tokenB = JWTS.token(NOW, Duration.ofMinutes(240));

	private final String tokenC = JWTS.token(NOW, Duration.ofMinutes(240));

	private final String refreshToken = JWTS.token(NOW, Duration.ofMinutes(350));

	@Test
	void noRequestIsSentBeforeATokenIsAskedFor() {
		answerLogins(okJson(auth(this.tokenA)));
		EmnifyTokenProvider provider = applicationTokenProvider().build();
		Mono<String> token = provider.getToken();
		assertThat(emnify.getAllServeEvents()).isEmpty();
		StepVerifier.create(token).expectNext(this.tokenA).verifyComplete();
		emnify.verify(1, authenticateRequests());
	}

	@Test
	void applicationTokenLoginSendsOnlyTheApplicationTokenAndCachesTheAnswer() {
		answerLogins(okJson(auth(this.tokenA)));
		EmnifyTokenProvider provider = applicationTokenProvider().build();
		for (int i = 0; i < 3; i++) {
			StepVerifier.create(provider.getToken()).expectNext(this.tokenA).verifyComplete();
		}
		emnify.verify(1,
				authenticateRequests().withRequestBody(equalToJson("{\"application_token\":\"app-token\"}"))
					.withHeader("Content-Type", containing("application/json"))
					.withHeader("Authorization", absent()));
		emnify.verify(1, authenticateRequests());
	}

	@Test
	void userLoginSendsTheSha1PasswordAndRenewsInTheBackgroundWithTheRefreshToken() {
		answerLogins(okJson(auth(this.tokenA, this.refreshToken)));
		answerRefresh(this.refreshToken, okJson(auth(this.tokenB)));
		EmnifyTokenProvider provider = userProvider().build();
		StepVerifier.create(provider.getToken()).expectNext(this.tokenA).verifyComplete();
		emnify.verify(1, authenticateRequests().withRequestBody(
				equalToJson("{\"username\":\"user@service.org\",\"password\":\"" + PASSWORD_SHA1 + "\"}")));

		this.clock.advance(Duration.ofMinutes(236));
		StepVerifier.create(provider.getToken()).expectNext(this.tokenA).verifyComplete();
		await().untilAsserted(() -> emnify.verify(1, refreshRequests()));
		await().untilAsserted(() -> StepVerifier.create(provider.getToken()).expectNext(this.tokenB).verifyComplete());
		emnify.verify(1, loginRequests());
	}

	@Test
	void staleTokenMakesCallersWaitForTheRenewal() {
		answerLogins(okJson(auth(this.tokenA, this.refreshToken)));
		answerRefresh(this.refreshToken, okJson(auth(this.tokenB)).withFixedDelay(100));
		EmnifyTokenProvider provider = userProvider().build();
		StepVerifier.create(provider.getToken()).expectNext(this.tokenA).verifyComplete();
		this.clock.advance(Duration.ofMinutes(239));
		StepVerifier.create(provider.getToken()).expectNext(this.tokenB).verifyComplete();
		emnify.verify(1, refreshRequests());
	}

	@Test
	void refreshTokenIsUsedOnlyOnce() {
		answerLoginsInTurn(okJson(auth(this.tokenA, this.refreshToken)), okJson(auth(this.tokenC)));
		answerRefresh(this.refreshToken, okJson(auth(this.tokenB)));
		EmnifyTokenProvider provider = userProvider().build();
		StepVerifier.create(provider.getToken()).expectNext(this.tokenA).verifyComplete();
		this.clock.advance(Duration.ofMinutes(240));
		StepVerifier.create(provider.getToken()).expectNext(this.tokenB).verifyComplete();
		this.clock.advance(Duration.ofMinutes(240));
		StepVerifier.create(provider.getToken()).expectNext(this.tokenC).verifyComplete();
		emnify.verify(1, refreshRequests());
		emnify.verify(2, loginRequests());
	}

	@Test
	void refreshTokenFromARefreshAnswerIsUsedForTheNextRenewal() {
		String secondRefreshToken = JWTS.token(NOW, Duration.ofMinutes(700));
		answerLogins(okJson(auth(this.tokenA, this.refreshToken)));
		answerRefresh(this.refreshToken, okJson(auth(this.tokenB, secondRefreshToken)));
		answerRefresh(secondRefreshToken, okJson(auth(this.tokenC)));
		EmnifyTokenProvider provider = userProvider().build();
		StepVerifier.create(provider.getToken()).expectNext(this.tokenA).verifyComplete();
		this.clock.advance(Duration.ofMinutes(240));
		StepVerifier.create(provider.getToken()).expectNext(this.tokenB).verifyComplete();
		this.clock.advance(Duration.ofMinutes(240));
		StepVerifier.create(provider.getToken()).expectNext(this.tokenC).verifyComplete();
		emnify.verify(2, refreshRequests());
		emnify.verify(1, loginRequests());
	}

	@Test
	void rejectedRefreshLeadsStraightToALoginAndTheCallerNeverNotices() {
		answerLoginsInTurn(okJson(auth(this.tokenA, this.refreshToken)), okJson(auth(this.tokenC, this.refreshToken)));
		answerRefresh(this.refreshToken,
				aResponse().withStatus(401)
					.withHeader("Content-Type", "application/json")
					.withBody("{\"error_code\":1102,\"error_token\":\"InvalidToken\",\"message\":\"Invalid token\"}"));
		EmnifyTokenProvider provider = userProvider().build();
		StepVerifier.create(provider.getToken()).expectNext(this.tokenA).verifyComplete();
		this.clock.advance(Duration.ofMinutes(240));
		StepVerifier.create(provider.getToken()).expectNext(this.tokenC).verifyComplete();
		emnify.verify(1, refreshRequests());
		emnify.verify(2, loginRequests());
	}

	@Test
	void expiredRefreshTokenIsNotSent() {
		String shortRefreshToken = JWTS.token(NOW, Duration.ofMinutes(60));
		answerLoginsInTurn(okJson(auth(this.tokenA, shortRefreshToken)), okJson(auth(this.tokenB)));
		EmnifyTokenProvider provider = userProvider().build();
		StepVerifier.create(provider.getToken()).expectNext(this.tokenA).verifyComplete();
		this.clock.advance(Duration.ofMinutes(240));
		StepVerifier.create(provider.getToken()).expectNext(this.tokenB).verifyComplete();
		emnify.verify(0, refreshRequests());
		emnify.verify(2, loginRequests());
	}

	@Test
	void shortLivedTokenServesManyCallersWithoutALoginLoop() {
		String shortLived = JWTS.token(NOW, Duration.ofSeconds(20));
		answerLoginsInTurn(okJson(auth(shortLived)), okJson(auth(this.tokenB)));
		EmnifyTokenProvider provider = applicationTokenProvider().build();
		for (int i = 0; i < 100; i++) {
			StepVerifier.create(provider.getToken()).expectNext(shortLived).verifyComplete();
		}
		emnify.verify(1, authenticateRequests());
		this.clock.advance(Duration.ofSeconds(10));
		StepVerifier.create(provider.getToken()).expectNext(shortLived).verifyComplete();
		await().untilAsserted(() -> emnify.verify(2, authenticateRequests()));
	}

	@Test
	void tokenWhoseExpIsAlreadyPastOnOurClockServesWithTheDefaultLifetimeInsteadOfALoginPerCall() {
		String skewed = JWTS.tokenExpiringAt(NOW.minusSeconds(30));
		answerLogins(okJson(auth(skewed)));
		EmnifyTokenProvider provider = applicationTokenProvider().build();
		for (int i = 0; i < 5; i++) {
			StepVerifier.create(provider.getToken()).expectNext(skewed).verifyComplete();
		}
		emnify.verify(1, authenticateRequests());
	}

	@Test
	void opaqueTokensUseTheConfiguredDefaultLifetime() {
		answerLoginsInTurn(okJson(auth("opaque-1")), okJson(auth("opaque-2")));
		EmnifyTokenProvider provider = applicationTokenProvider().defaultAuthTokenLifetime(Duration.ofMinutes(30))
			.build();
		StepVerifier.create(provider.getToken()).expectNext("opaque-1").verifyComplete();
		this.clock.advance(Duration.ofMinutes(24));
		StepVerifier.create(provider.getToken()).expectNext("opaque-1").verifyComplete();
		emnify.verify(1, authenticateRequests());
		this.clock.advance(Duration.ofMinutes(5));
		StepVerifier.create(provider.getToken()).expectNext("opaque-2").verifyComplete();
		emnify.verify(2, authenticateRequests());
	}

	@Test
	void mfaAnswerEndsInAClearErrorNamingMfa() {
		answerLogins(okJson("{\"mfa_token\":\"mfa-token-value\"}"));
		EmnifyTokenProvider provider = userProvider().build();
		StepVerifier.create(provider.getToken())
			.expectErrorSatisfies((ex) -> assertThat(ex)
				.isInstanceOfSatisfying(EmnifyAuthenticationException.class,
						(failure) -> assertThat(failure.getKind()).isEqualTo(EmnifyFailureKind.MFA_REQUIRED))
				.hasMessageContaining("emnify requires multi-factor authentication (MFA)")
				.hasMessageContaining("EmnifyTokenProviderBuilder.mfaTotpSecret")
				.hasMessageContaining("EmnifyCredentials.applicationToken")
				.hasMessageNotContaining("mfa-token-value"))
			.verify();
		StepVerifier.create(provider.getToken()).expectError(EmnifyAuthenticationException.class).verify();
		emnify.verify(1, authenticateRequests());
	}

	@Test
	void rejectedCredentialsAreNotRetriedAndAfterTheSecondRejectionInARowNoLoginIsSentAtAll() {
		answerLogins(aResponse().withStatus(401));
		EmnifyTokenProvider provider = userProvider().build();
		EmnifyAuthenticationException first = failure(provider);
		assertThat(first.isRejected()).isTrue();
		assertThat(first.getGrantType()).isEqualTo(EmnifyGrantType.PASSWORD);
		assertThat(first.getStatusCode().value()).isEqualTo(401);
		assertThat(first.getKind()).isEqualTo(EmnifyFailureKind.REJECTED);
		assertThat(first).hasMessageStartingWith("emnify rejected the authentication request (user login, HTTP 401)")
			.hasMessageContaining("Check the user name and password given to EmnifyCredentials.user")
			.hasMessageNotContaining(PASSWORD_SHA1);
		assertThat(first.getRejectedLoginsInARow()).isOne();
		for (int i = 0; i < 10; i++) {
			assertThat(failure(provider)).isSameAs(first);
		}
		emnify.verify(1, authenticateRequests());
		this.clock.advance(Duration.ofMinutes(5));
		// The second rejection in a row stops logins until the application restarts.
		EmnifyAuthenticationException stop = failure(provider);
		assertThat(stop.getRejectedLoginsInARow()).isEqualTo(2);
		assertThat(stop.isRejected()).isTrue();
		assertThat(stop.getStatusCode().value()).isEqualTo(401);
		assertThat(stop)
			.hasMessageStartingWith("emnify rejected 2 logins of this user in a row, so no further login is sent "
					+ "until the application restarts")
			.hasMessageContaining("locks the user for 5 minutes after three failed logins or MFA codes in a row")
			.hasMessageContaining(
					"The last rejection: emnify rejected the authentication request (user login, " + "HTTP 401)")
			.hasMessageNotContaining(PASSWORD_SHA1);
		for (int day = 0; day < 3; day++) {
			this.clock.advance(Duration.ofDays(1));
			assertThat(failure(provider)).isSameAs(stop);
		}
		emnify.verify(2, authenticateRequests());
		assertThat(provider.status().failure()).isSameAs(stop);
		assertThat(provider.status().failureUntil()).as("no end but a restart").isNull();
	}

	@Test
	void aLoginThatSucceedsEndsTheRunOfRejectedLogins() {
		answerLoginsInTurn(aResponse().withStatus(401), okJson(auth(this.tokenA)), aResponse().withStatus(401),
				aResponse().withStatus(401));
		EmnifyTokenProvider provider = userProvider().build();
		assertThat(failure(provider).getRejectedLoginsInARow()).isOne();
		this.clock.advance(Duration.ofMinutes(5));
		StepVerifier.create(provider.getToken()).expectNext(this.tokenA).verifyComplete();
		this.clock.advance(Duration.ofMinutes(240));
		assertThat(failure(provider).getRejectedLoginsInARow()).isOne();
		this.clock.advance(Duration.ofMinutes(5));
		assertThat(failure(provider).getRejectedLoginsInARow()).isEqualTo(2);
		this.clock.advance(Duration.ofMinutes(5));
		assertThat(failure(provider).getRejectedLoginsInARow()).isEqualTo(2);
		emnify.verify(4, authenticateRequests());
	}

	// emnify may have checked a password step it did not answer, or answered with a
	// server error, and counted a wrong password: it is not sent again at once, and it
	// counts with the rejections of the run, before it or after it, so that the stop
	// comes before emnify's third failure.
	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "timeout", "500", "502", "504", "connection reset" })
	void aPasswordStepThatEmnifyMayHaveCheckedIsNotSentAgainAndCountsWithTheNextRejection(String answer) {
		answerLoginsInTurn(unanswered(answer), aResponse().withStatus(401), aResponse().withStatus(401));
		EmnifyTokenProvider provider = userProvider().requestTimeout(Duration.ofMillis(200)).build();
		EmnifyAuthenticationException first = failure(provider);
		assertThat(first.isRejected()).isFalse();
		assertThat(first.getRejectedLoginsInARow()).isZero();
		emnify.verify(1, authenticateRequests());
		this.clock.advance(Duration.ofMinutes(5));
		assertStoppedAfterTwo(provider, "emnify rejected 1 login of this user and left 1 unanswered that it may have "
				+ "counted, 2 in a row, so no further login is sent until the application restarts", 2);
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "timeout", "500", "connection reset" })
	void aPasswordStepThatEmnifyMayHaveCheckedAfterARejectionStopsLogins(String answer) {
		answerLoginsInTurn(aResponse().withStatus(401), unanswered(answer), aResponse().withStatus(401));
		EmnifyTokenProvider provider = userProvider().requestTimeout(Duration.ofMillis(200)).build();
		assertThat(failure(provider).getRejectedLoginsInARow()).isOne();
		this.clock.advance(Duration.ofMinutes(5));
		assertStoppedAfterTwo(provider,
				"emnify rejected 1 login of this user and left 1 unanswered that it may have counted, 2 in a row", 2);
	}

	@Test
	void aStepLeftUnansweredBeforeEmnifysLockIsCountedInTheLock() {
		answerLoginsInTurn(aResponse().withStatus(500),
				aResponse().withStatus(401)
					.withHeader("Content-Type", "application/json")
					.withBody("{\"error_code\":1105,\"error_token\":\"TooManyRequests\"}"),
				aResponse().withStatus(401));
		EmnifyTokenProvider provider = userProvider().build();
		assertThat(failure(provider).getRejectedLoginsInARow()).isZero();
		this.clock.advance(Duration.ofMinutes(5));
		assertThat(failure(provider).getRejectedLoginsInARow()).isOne();
		this.clock.advance(Duration.ofMinutes(5));
		assertStoppedAfterTwo(provider, "emnify rejected 2 logins of this user in a row", 3);
	}

	private ResponseDefinitionBuilder unanswered(String answer) {
		return switch (answer) {
			case "timeout" -> okJson(auth(this.tokenA)).withFixedDelay(2000);
			case "connection reset" -> aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER);
			default -> aResponse().withStatus(Integer.parseInt(answer));
		};
	}

	// The stop reaches every later caller, and no login follows it, not even a day later.
	private void assertStoppedAfterTwo(EmnifyTokenProvider provider, String message, int logins) {
		EmnifyAuthenticationException stop = failure(provider);
		assertThat(stop.getRejectedLoginsInARow()).isEqualTo(2);
		assertThat(stop).hasMessageStartingWith(message).hasMessageNotContaining("may have locked");
		this.clock.advance(Duration.ofDays(1));
		assertThat(failure(provider)).isSameAs(stop);
		emnify.verify(logins, authenticateRequests());
	}

	@Test
	void aPasswordStepThatEmnifyDidNotServeIsSentAgainAndNotCounted() {
		answerLoginsInTurn(aResponse().withStatus(503), aResponse().withStatus(429), aResponse().withStatus(401),
				aResponse().withStatus(401));
		EmnifyTokenProvider provider = userProvider().build();
		assertThat(failure(provider).getRejectedLoginsInARow()).isOne();
		emnify.verify(3, authenticateRequests());
	}

	@Test
	void twoUnansweredPasswordStepsAndARejectionSayThatEmnifyMayHaveLockedTheUser() {
		answerLoginsInTurn(aResponse().withStatus(500), aResponse().withStatus(500), aResponse().withStatus(401));
		EmnifyTokenProvider provider = userProvider().build();
		for (int i = 0; i < 2; i++) {
			assertThat(failure(provider).isRejected()).isFalse();
			this.clock.advance(Duration.ofMinutes(5));
		}
		EmnifyAuthenticationException stop = failure(provider);
		assertThat(stop.getRejectedLoginsInARow()).isEqualTo(3);
		assertThat(stop).hasMessageStartingWith("emnify rejected 1 login of this user and left 2 unanswered")
			.hasMessageContaining("emnify may have locked the user already");
		emnify.verify(3, authenticateRequests());
	}

	@Test
	void unansweredPasswordStepsAloneNeverStopLoginsAndASuccessForgetsThem() {
		answerLoginsInTurn(aResponse().withStatus(500), aResponse().withStatus(500), aResponse().withStatus(500),
				okJson(auth(this.tokenA)), aResponse().withStatus(401));
		EmnifyTokenProvider provider = userProvider().build();
		for (int i = 0; i < 3; i++) {
			assertThat(failure(provider).isRejected()).isFalse();
			this.clock.advance(Duration.ofMinutes(5));
		}
		StepVerifier.create(provider.getToken()).expectNext(this.tokenA).verifyComplete();
		assertThat(provider.invalidate(this.tokenA)).isTrue();
		assertThat(failure(provider).getRejectedLoginsInARow()).isOne();
		emnify.verify(5, authenticateRequests());
	}

	@Test
	void afterEmnifysLockOneMoreRejectedLoginStops() {
		// The lock named by its error_code alone, as emnify's error codes allow.
		answerLoginsInTurn(aResponse().withStatus(401),
				aResponse().withStatus(401)
					.withHeader("Content-Type", "application/json")
					.withBody("{\"error_code\":1105,\"message\":\"User is locked\"}"),
				aResponse().withStatus(401), aResponse().withStatus(401));
		EmnifyTokenProvider provider = userProvider().build();
		assertThat(failure(provider).getRejectedLoginsInARow()).isOne();
		this.clock.advance(Duration.ofMinutes(5));
		EmnifyAuthenticationException lock = failure(provider);
		assertThat(lock).hasMessageStartingWith("emnify has locked the user");
		assertThat(lock.getErrorToken()).isEqualTo("TooManyRequests");
		assertThat(lock.getRejectedLoginsInARow()).as("others may have caused it in part").isOne();
		this.clock.advance(Duration.ofMinutes(5));
		assertThat(failure(provider)).hasMessageStartingWith("emnify rejected 2 logins of this user in a row");
		this.clock.advance(Duration.ofMinutes(5));
		assertThat(failure(provider).getRejectedLoginsInARow()).isEqualTo(2);
		emnify.verify(3, authenticateRequests());
	}

	@Test
	void rejectedApplicationTokensNeverStopLogins() {
		answerLogins(aResponse().withStatus(401));
		assertLoginAfterEveryCooldown(applicationTokenProvider().build());
	}

	@Test
	void anMfaDemandWithoutACodeSourceIsNoRejectedLogin() {
		answerLogins(okJson("{\"mfa_token\":\"mfa-token-value\"}"));
		assertLoginAfterEveryCooldown(userProvider().build());
	}

	@Test
	void a401OfAnyShapeCountsSinceCountingOneTooFewLocksTheUser() {
		answerLogins(aResponse().withStatus(401)
			.withHeader("x-amzn-ErrorType", "AccessDeniedException")
			.withBody("{\"message\":\"token contains an invalid number of segments\"}"));
		EmnifyTokenProvider provider = userProvider().build();
		assertThat(failure(provider).getRejectedLoginsInARow()).isOne();
		this.clock.advance(Duration.ofMinutes(5));
		assertThat(failure(provider).getRejectedLoginsInARow()).isEqualTo(2);
	}

	@Test
	void emnifysLockOfAnApplicationTokenCountsNothing() {
		answerLogins(aResponse().withStatus(401)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"error_code\":1105,\"error_token\":\"TooManyRequests\",\"message\":\"Locked\"}"));
		EmnifyAuthenticationException lock = failure(applicationTokenProvider().build());
		assertThat(lock).hasMessageStartingWith("emnify has locked the user");
		assertThat(lock.getRejectedLoginsInARow()).isZero();
	}

	@Test
	void aRefreshAnsweredWithEmnifysLockIsNotFollowedByALoginIntoTheLock() {
		answerLogins(okJson(auth(this.tokenA, this.refreshToken)));
		answerRefresh(this.refreshToken,
				aResponse().withStatus(401)
					.withHeader("Content-Type", "application/json")
					.withBody("{\"error_code\":1105,\"error_token\":\"TooManyRequests\",\"message\":\"Locked\"}"));
		EmnifyTokenProvider provider = userProvider().build();
		StepVerifier.create(provider.getToken()).expectNext(this.tokenA).verifyComplete();
		this.clock.advance(Duration.ofMinutes(240));
		EmnifyAuthenticationException lock = failure(provider);
		assertThat(lock.getGrantType()).isEqualTo(EmnifyGrantType.REFRESH_TOKEN);
		assertThat(lock.getRejectedLoginsInARow()).isOne();
		emnify.verify(1, loginRequests());
		emnify.verify(1, refreshRequests());
	}

	@ParameterizedTest
	@ValueSource(ints = { 400, 403, 404, 422 })
	void everyRejectionOfAUserLoginCountsTowardsTheStop(int status) {
		answerLogins(aResponse().withStatus(status));
		EmnifyTokenProvider provider = userProvider().build();
		assertThat(failure(provider).getRejectedLoginsInARow()).isOne();
		this.clock.advance(Duration.ofMinutes(5));
		assertThat(failure(provider).getRejectedLoginsInARow()).isEqualTo(2);
		this.clock.advance(Duration.ofMinutes(5));
		failure(provider);
		emnify.verify(2, authenticateRequests());
	}

	@Test
	void aWorkspaceCountsTheUsersRejectedLoginsOnce() {
		answerLogins(aResponse().withStatus(401));
		EmnifyUserSession session = userProvider().buildUserSession();
		EmnifyTokenProvider workspace = session.tokenProvider(200);
		assertThat(failure(workspace).getRejectedLoginsInARow()).isOne();
		assertThat(failure(session.userTokenProvider()).getRejectedLoginsInARow()).isOne();
		this.clock.advance(Duration.ofMinutes(5));
		assertThat(failure(workspace).getRejectedLoginsInARow()).isEqualTo(2);
		emnify.verify(2, authenticateRequests());
	}

	// Failures emnify does not count towards its lock.
	private void assertLoginAfterEveryCooldown(EmnifyTokenProvider provider) {
		for (int cooldown = 0; cooldown < 3; cooldown++) {
			assertThat(failure(provider).getRejectedLoginsInARow()).isZero();
			this.clock.advance(Duration.ofMinutes(5));
		}
		emnify.verify(3, authenticateRequests());
	}

	@ParameterizedTest
	@ValueSource(ints = { 400, 401, 403, 404, 422 })
	void rejectionsCarryEmnifysErrorAndAreNotRetried(int status) {
		answerLogins(aResponse().withStatus(status)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"error_code\":1400,\"error_token\":\"InputValidationFailed\",\"message\":\"Bad input\","
					+ "\"errors\":[{\"field\":\"application_token\"}]}"));
		EmnifyTokenProvider provider = applicationTokenProvider().build();
		EmnifyAuthenticationException failure = failure(provider);
		assertThat(failure.isRejected()).isTrue();
		assertThat(failure.getStatusCode().value()).isEqualTo(status);
		assertThat(failure.getErrorToken()).isEqualTo("InputValidationFailed");
		assertThat(failure.getEmnifyMessage()).isEqualTo("Bad input");
		assertThat(failure.getKind())
			.isEqualTo((status == 404) ? EmnifyFailureKind.UNEXPECTED_STATUS : EmnifyFailureKind.REJECTED);
		assertThat(failure)
			.hasMessageStartingWith("emnify rejected the authentication request (application token " + "login, HTTP "
					+ status + ", InputValidationFailed: Bad input). Check EmnifyCredentials.applicationToken: the "
					+ "token may be mistyped, revoked or expired.")
			.hasMessageEndingWith("No new login is sent during EmnifyTokenProviderBuilder.rejectedCredentialsCooldown.")
			.hasMessageNotContaining("locks");
		if (status == 404) {
			assertThat(failure).hasMessageContaining(
					"Check that the base URL given to EmnifyTokenProvider.builder points at emnify's API");
		}
		emnify.verify(1, authenticateRequests());
	}

	@Test
	void gatewayShapedRejectionIsReadToo() {
		answerLogins(aResponse().withStatus(401)
			.withHeader("x-amzn-ErrorType", "AccessDeniedException")
			.withBody("{\"message\":\"token contains an invalid number of segments\"}"));
		EmnifyAuthenticationException failure = failure(applicationTokenProvider().build());
		assertThat(failure.getErrorToken()).isNull();
		assertThat(failure.getEmnifyMessage()).isEqualTo("token contains an invalid number of segments");
	}

	@Test
	void transientFailuresAreRetried() {
		answerLoginsInTurn(aResponse().withStatus(503).withBody("<html>busy</html>"), aResponse().withStatus(500),
				aResponse().withStatus(429), aResponse().withStatus(408), okJson(auth(this.tokenA)));
		EmnifyTokenProvider provider = applicationTokenProvider().retryPolicy(fastRetries(4)).build();
		StepVerifier.create(provider.getToken()).expectNext(this.tokenA).verifyComplete();
		emnify.verify(5, authenticateRequests());
	}

	@Test
	void retriesBackOffExponentially() {
		answerLoginsInTurn(aResponse().withStatus(503), aResponse().withStatus(503), aResponse().withStatus(503),
				okJson(auth(this.tokenA)));
		EmnifyTokenProvider provider = applicationTokenProvider()
			.retryPolicy(RetryPolicy.builder().maxRetries(3).delay(Duration.ofMillis(100)).multiplier(2).build())
			.build();
		StepVerifier.create(provider.getToken()).expectNext(this.tokenA).verifyComplete();
		List<Long> sentAt = emnify.getAllServeEvents()
			.stream()
			.map((event) -> event.getRequest().getLoggedDate().getTime())
			.sorted()
			.toList();
		assertThat(sentAt).hasSize(4);
		assertThat(sentAt.get(1) - sentAt.get(0)).isGreaterThanOrEqualTo(100);
		assertThat(sentAt.get(2) - sentAt.get(1)).isGreaterThanOrEqualTo(200);
		assertThat(sentAt.get(3) - sentAt.get(2)).isGreaterThanOrEqualTo(400);
	}

	@Test
	void transientFailuresBeyondTheRetryBudgetHoldBackTheNextAttemptForThePause() {
		answerLogins(aResponse().withStatus(503).withBody("<html>busy</html>"));
		EmnifyTokenProvider provider = applicationTokenProvider().retryPolicy(fastRetries(2))
			.retryMaxDelay(Duration.ofSeconds(10))
			.build();
		EmnifyAuthenticationException failure = failure(provider);
		assertThat(failure.isRejected()).isFalse();
		assertThat(failure.getStatusCode().value()).isEqualTo(503);
		assertThat(failure).hasMessageStartingWith(
				"emnify could not serve the authentication request " + "(application token login, HTTP 503)");
		emnify.verify(3, authenticateRequests());
		this.clock.advance(Duration.ofSeconds(9));
		assertThat(failure(provider)).isSameAs(failure);
		emnify.verify(3, authenticateRequests());
		this.clock.advance(Duration.ofSeconds(1));
		failure(provider);
		emnify.verify(6, authenticateRequests());
	}

	@Test
	void redirectIsARejectionThatPointsAtTheBaseUrl() {
		answerLogins(aResponse().withStatus(302).withHeader("Location", "https://elsewhere.example/login"));
		EmnifyAuthenticationException failure = failure(applicationTokenProvider().build());
		assertThat(failure.isRejected()).isTrue();
		assertThat(failure.getKind()).isEqualTo(EmnifyFailureKind.REDIRECTED);
		assertThat(failure).hasMessageContaining("HTTP 302")
			.hasMessageContaining("the base URL given to EmnifyTokenProvider.builder");
		emnify.verify(1, authenticateRequests());
	}

	@Test
	void retryAfterIsHonoured() {
		answerLoginsInTurn(aResponse().withStatus(429).withHeader("Retry-After", "1"), okJson(auth(this.tokenA)));
		EmnifyTokenProvider provider = applicationTokenProvider().build();
		long started = System.nanoTime();
		StepVerifier.create(provider.getToken()).expectNext(this.tokenA).verifyComplete();
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
		emnify.verify(2, authenticateRequests());
	}

	@Test
	void retryAfterLongerThanTheRequestTimeoutHoldsBackLoginsUntilThen() {
		answerLogins(aResponse().withStatus(429)
			.withHeader("Retry-After", "120")
			.withHeader("Content-Type", "application/json")
			.withBody("{\"error_code\":1105,\"error_token\":\"TooManyRequests\",\"message\":\"Slow down\"}"));
		EmnifyTokenProvider provider = applicationTokenProvider().build();
		EmnifyAuthenticationException first = failure(provider);
		assertThat(first.getErrorToken()).isEqualTo("TooManyRequests");
		this.clock.advance(Duration.ofSeconds(119));
		assertThat(failure(provider)).isSameAs(first);
		emnify.verify(1, authenticateRequests());
		this.clock.advance(Duration.ofSeconds(1));
		failure(provider);
		emnify.verify(2, authenticateRequests());
	}

	@Test
	void retryAfterAsAnHttpDateIsHonouredOnOurClock() {
		String inFiveMinutes = DateTimeFormatter.RFC_1123_DATE_TIME
			.format(NOW.plus(Duration.ofMinutes(5)).atZone(ZoneOffset.UTC));
		answerLogins(aResponse().withStatus(503).withHeader("Retry-After", inFiveMinutes));
		EmnifyTokenProvider provider = applicationTokenProvider().build();
		EmnifyAuthenticationException first = failure(provider);
		this.clock.advance(Duration.ofSeconds(299));
		assertThat(failure(provider)).isSameAs(first);
		emnify.verify(1, authenticateRequests());
		this.clock.advance(Duration.ofSeconds(1));
		failure(provider);
		// The date has come: the next login is sent, and its failures are retried at
		// once.
		emnify.verify(5, authenticateRequests());
	}

	@Test
	void connectionResetAndEmptyReplyAreRetried() {
		answerLoginsInTurn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER),
				aResponse().withFault(Fault.EMPTY_RESPONSE), okJson(auth(this.tokenA)));
		StepVerifier.create(applicationTokenProvider().build().getToken()).expectNext(this.tokenA).verifyComplete();
		emnify.verify(3, authenticateRequests());
	}

	@Test
	void slowAnswerTimesOutAndIsRetried() {
		answerLoginsInTurn(okJson(auth(this.tokenB)).withFixedDelay(2000), okJson(auth(this.tokenA)));
		EmnifyTokenProvider provider = applicationTokenProvider().requestTimeout(Duration.ofMillis(200)).build();
		StepVerifier.create(provider.getToken()).expectNext(this.tokenA).verifyComplete();
		emnify.verify(2, authenticateRequests());
	}

	@Test
	void timeoutBeyondTheRetryBudgetNamesTheTimeout() {
		answerLogins(okJson(auth(this.tokenA)).withFixedDelay(2000));
		EmnifyTokenProvider provider = applicationTokenProvider().requestTimeout(Duration.ofMillis(100))
			.retryPolicy(fastRetries(0))
			.build();
		EmnifyAuthenticationException failure = failure(provider);
		assertThat(failure.getKind()).isEqualTo(EmnifyFailureKind.TIMED_OUT);
		assertThat(failure)
			.hasMessageStartingWith("emnify did not answer within PT0.1S (EmnifyTokenProviderBuilder.requestTimeout)");
	}

	@Test
	void adviceOfTheApplicationsOwnCompletesTheMessageOfTheFailure() {
		answerLogins(aResponse().withStatus(302).withHeader("Location", "https://elsewhere.example/login"));
		EmnifyTokenProvider provider = applicationTokenProvider().failureAdvice(
				(kind, grantType, codeSource) -> "Ask the operator about " + kind + " of " + grantType.value() + ".")
			.build();
		assertThat(failure(provider)).hasMessageEndingWith(
				"(application token login, HTTP 302). No credential is sent to another host. Ask the operator about "
						+ "REDIRECTED of application_token.");
	}

	@ParameterizedTest
	@ValueSource(strings = { "<html><body>Service Unavailable</body></html>", "{\"auth_token\":", "{\"foo\":1}",
			"{\"auth_token\":42}", "" })
	void unreadableSuccessfulAnswersAreTransient(String body) {
		answerLoginsInTurn(aResponse().withStatus(200).withBody(body), okJson(auth(this.tokenA)));
		StepVerifier.create(applicationTokenProvider().build().getToken()).expectNext(this.tokenA).verifyComplete();
		emnify.verify(2, authenticateRequests());
	}

	@Test
	void unreachableEmnifyIsTransientAndSaysSo() throws IOException {
		EmnifyTokenProvider provider = EmnifyTokenProvider
			.builder(WebClient.builder(), closedPort(), EmnifyCredentials.applicationToken("app-token"))
			.retryPolicy(fastRetries(1))
			.build();
		EmnifyAuthenticationException failure = failure(provider);
		assertThat(failure.isRejected()).isFalse();
		assertThat(failure.getStatusCode()).isNull();
		assertThat(failure).hasMessageStartingWith("emnify could not be reached");
	}

	// A connection that never opened carried no password: it is sent again, and emnify
	// cannot have counted it.
	@Test
	void aUserLoginWhoseConnectionNeverOpenedIsRetriedAndNotCounted() throws IOException {
		List<Outcome> attempts = new CopyOnWriteArrayList<>();
		EmnifyTokenProvider provider = EmnifyTokenProvider
			.builder(WebClient.builder(), closedPort(), EmnifyCredentials.user("user@service.org", "my_password"))
			.retryPolicy(fastRetries(2))
			.listener(new EmnifyAuthenticationListener() {

				@Override
				public void authenticationRequest(EmnifyGrantType grantType, Outcome outcome, Duration duration) {
					attempts.add(outcome);
				}

			})
			.build();
		EmnifyAuthenticationException failure = failure(provider);
		assertThat(failure).hasMessageStartingWith("emnify could not be reached");
		assertThat(failure.mayHaveBeenChecked()).isFalse();
		assertThat(attempts).containsExactly(Outcome.ERROR, Outcome.ERROR, Outcome.ERROR);
	}

	private static URI closedPort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return URI.create("http://127.0.0.1:" + socket.getLocalPort());
		}
	}

	@Test
	void fiveHundredConcurrentCallersOnAColdStartShareOneLogin() {
		answerLogins(okJson(auth(this.tokenA)).withFixedDelay(300));
		EmnifyTokenProvider provider = applicationTokenProvider().build();
		List<String> tokens = concurrently(500, provider::getToken).collectList().block(Duration.ofSeconds(30));
		assertThat(tokens).hasSize(500).containsOnly(this.tokenA);
		emnify.verify(1, authenticateRequests());
	}

	@Test
	void fiveHundredConcurrentCallersAtExpiryShareOneRenewal() {
		answerLogins(okJson(auth(this.tokenA, this.refreshToken)));
		answerRefresh(this.refreshToken, okJson(auth(this.tokenB)).withFixedDelay(300));
		EmnifyTokenProvider provider = userProvider().build();
		StepVerifier.create(provider.getToken()).expectNext(this.tokenA).verifyComplete();
		this.clock.advance(Duration.ofMinutes(240));
		List<String> tokens = concurrently(500, provider::getToken).collectList().block(Duration.ofSeconds(30));
		assertThat(tokens).hasSize(500).containsOnly(this.tokenB);
		emnify.verify(1, loginRequests());
		emnify.verify(1, refreshRequests());
	}

	@Test
	void fiveHundredConcurrentCallersInTheRefreshWindowKeepTheCurrentTokenAndStartOneRenewal() {
		answerLoginsInTurn(okJson(auth(this.tokenA)), okJson(auth(this.tokenB)).withFixedDelay(300));
		EmnifyTokenProvider provider = applicationTokenProvider().build();
		StepVerifier.create(provider.getToken()).expectNext(this.tokenA).verifyComplete();
		this.clock.advance(Duration.ofMinutes(236));
		List<String> tokens = concurrently(500, provider::getToken).collectList().block(Duration.ofSeconds(30));
		assertThat(tokens).hasSize(500).containsOnly(this.tokenA);
		await().untilAsserted(() -> StepVerifier.create(provider.getToken()).expectNext(this.tokenB).verifyComplete());
		emnify.verify(2, authenticateRequests());
	}

	@Test
	void aTokenWithAnAbsurdExpiryServesForTheDefaultLifetimeInsteadOfBeingThrownAway() {
		String absurd = JWTS.sign("{\"iat\":0,\"exp\":9e18}");
		answerLoginsInTurn(okJson(auth(absurd)), okJson(auth(this.tokenB)));
		EmnifyTokenProvider provider = applicationTokenProvider().build();

		for (int round = 0; round < 3; round++) {
			List<String> tokens = concurrently(200, provider::getToken).collectList().block(Duration.ofSeconds(30));
			assertThat(tokens).hasSize(200).containsOnly(absurd);
		}
		emnify.verify(1, authenticateRequests());
		assertThat(provider.status().expiresAt()).isEqualTo(NOW.plus(Duration.ofMinutes(240)));

		this.clock.advance(Duration.ofMinutes(236));
		StepVerifier.create(provider.getToken()).expectNext(absurd).verifyComplete();
		await().untilAsserted(() -> emnify.verify(2, authenticateRequests()));
	}

	@Test
	void aFailedLoginIsSharedByEveryWaitingCaller() {
		answerLogins(aResponse().withStatus(401).withFixedDelay(300));
		EmnifyTokenProvider provider = applicationTokenProvider().build();
		List<Throwable> failures = concurrently(500,
				() -> provider.getToken().map(Throwable::new).onErrorResume(Mono::just))
			.collectList()
			.block(Duration.ofSeconds(30));
		assertThat(failures).hasSize(500)
			.allSatisfy((failure) -> assertThat(failure).isInstanceOf(EmnifyAuthenticationException.class)
				.hasMessageContaining("HTTP 401"));
		Set<Throwable> distinct = failures.stream().collect(Collectors.toSet());
		assertThat(distinct).hasSize(1);
		emnify.verify(1, authenticateRequests());
	}

	@Test
	void aCancelledCallerDoesNotCancelTheLoginOthersWaitFor() {
		answerLogins(okJson(auth(this.tokenA)).withFixedDelay(300));
		EmnifyTokenProvider provider = applicationTokenProvider().build();
		Disposable impatient = provider.getToken().subscribe();
		await().untilAsserted(() -> assertThat(emnify.getAllServeEvents()).hasSize(1));
		impatient.dispose();
		StepVerifier.create(provider.getToken()).expectNext(this.tokenA).verifyComplete();
		emnify.verify(1, authenticateRequests());
	}

	@Test
	void tokenIfAvailableNeverLogsInItself() {
		answerLogins(okJson(auth(this.tokenA)));
		EmnifyTokenProvider provider = applicationTokenProvider().build();
		assertThat(provider.getTokenIfAvailable()).isNull();
		assertThat(emnify.getAllServeEvents()).isEmpty();
		StepVerifier.create(provider.getToken()).expectNext(this.tokenA).verifyComplete();
		assertThat(provider.getTokenIfAvailable()).isEqualTo(this.tokenA);
		assertThat(provider.getTokenIfAvailable()).isEqualTo(this.tokenA);
		emnify.verify(1, authenticateRequests());
	}

	@Test
	void tokenIfAvailableStartsTheBackgroundRenewalInTheRefreshWindow() {
		answerLogins(okJson(auth(this.tokenA, this.refreshToken)));
		answerRefresh(this.refreshToken, okJson(auth(this.tokenB)).withFixedDelay(500));
		EmnifyTokenProvider provider = userProvider().build();
		StepVerifier.create(provider.getToken()).expectNext(this.tokenA).verifyComplete();
		this.clock.advance(Duration.ofMinutes(236));
		List<String> tokens = concurrently(300, () -> Mono.fromSupplier(provider::getTokenIfAvailable)).collectList()
			.block(Duration.ofSeconds(30));
		assertThat(tokens).hasSize(300).containsOnly(this.tokenA);
		await().untilAsserted(() -> assertThat(provider.getTokenIfAvailable()).isEqualTo(this.tokenB));
		emnify.verify(1, loginRequests());
		emnify.verify(1, refreshRequests());
	}

	@Test
	void tokenIfAvailableHandsOutNoStaleOrDiscardedToken() {
		answerLoginsInTurn(okJson(auth(this.tokenA)), okJson(auth(this.tokenB)), okJson(auth(this.tokenC)));
		EmnifyTokenProvider provider = applicationTokenProvider().build();
		StepVerifier.create(provider.getToken()).expectNext(this.tokenA).verifyComplete();
		this.clock.advance(Duration.ofMinutes(239));
		assertThat(provider.getTokenIfAvailable()).isNull();
		StepVerifier.create(provider.getToken()).expectNext(this.tokenB).verifyComplete();
		assertThat(provider.getTokenIfAvailable()).isEqualTo(this.tokenB);
		provider.invalidate(this.tokenB);
		assertThat(provider.getTokenIfAvailable()).isNull();
		StepVerifier.create(provider.getToken()).expectNext(this.tokenC).verifyComplete();
		emnify.verify(3, authenticateRequests());
	}

	@Test
	void invalidateDiscardsOnlyTheCurrentToken() {
		answerLoginsInTurn(okJson(auth(this.tokenA)), okJson(auth(this.tokenB)));
		EmnifyTokenProvider provider = applicationTokenProvider().build();
		StepVerifier.create(provider.getToken()).expectNext(this.tokenA).verifyComplete();
		assertThat(provider.invalidate("some-other-token")).isFalse();
		StepVerifier.create(provider.getToken()).expectNext(this.tokenA).verifyComplete();
		assertThat(provider.invalidate(this.tokenA)).isTrue();
		assertThat(provider.invalidate(this.tokenA)).isFalse();
		StepVerifier.create(provider.getToken()).expectNext(this.tokenB).verifyComplete();
		emnify.verify(2, authenticateRequests());
	}

	@Test
	void invalidationKeepsTheRefreshTokenForTheRenewal() {
		answerLogins(okJson(auth(this.tokenA, this.refreshToken)));
		answerRefresh(this.refreshToken, okJson(auth(this.tokenB)));
		EmnifyTokenProvider provider = userProvider().build();
		StepVerifier.create(provider.getToken()).expectNext(this.tokenA).verifyComplete();
		provider.invalidate(this.tokenA);
		StepVerifier.create(provider.getToken()).expectNext(this.tokenB).verifyComplete();
		emnify.verify(1, loginRequests());
		emnify.verify(1, refreshRequests());
	}

	@Test
	void callersArrivingWhenTheTokenGoesStaleJoinTheBackgroundRenewalInFlight() {
		answerLoginsInTurn(okJson(auth(this.tokenA)), okJson(auth(this.tokenB)).withFixedDelay(500));
		EmnifyTokenProvider provider = applicationTokenProvider().build();
		StepVerifier.create(provider.getToken()).expectNext(this.tokenA).verifyComplete();
		this.clock.advance(Duration.ofMinutes(236));
		StepVerifier.create(provider.getToken()).expectNext(this.tokenA).verifyComplete();
		this.clock.advance(Duration.ofMinutes(3));
		StepVerifier.create(provider.getToken()).expectNext(this.tokenB).verifyComplete();
		emnify.verify(2, authenticateRequests());
	}

	@Test
	void invalidationDuringARenewalJoinsIt() {
		answerLoginsInTurn(okJson(auth(this.tokenA)), okJson(auth(this.tokenB)).withFixedDelay(500));
		EmnifyTokenProvider provider = applicationTokenProvider().build();
		StepVerifier.create(provider.getToken()).expectNext(this.tokenA).verifyComplete();
		this.clock.advance(Duration.ofMinutes(236));
		StepVerifier.create(provider.getToken()).expectNext(this.tokenA).verifyComplete();
		assertThat(provider.invalidate(this.tokenA)).isTrue();
		StepVerifier.create(provider.getToken()).expectNext(this.tokenB).verifyComplete();
		emnify.verify(2, authenticateRequests());
	}

	@Test
	void transientRefreshFailureLeavesAFullLoginForTheNextRenewal() {
		answerLoginsInTurn(okJson(auth(this.tokenA, this.refreshToken)), okJson(auth(this.tokenC)));
		answerRefresh(this.refreshToken, aResponse().withStatus(503));
		EmnifyTokenProvider provider = userProvider().retryPolicy(fastRetries(1))
			.retryMaxDelay(Duration.ofSeconds(10))
			.build();
		StepVerifier.create(provider.getToken()).expectNext(this.tokenA).verifyComplete();
		this.clock.advance(Duration.ofMinutes(240));
		assertThat(failure(provider).getGrantType()).isEqualTo(EmnifyGrantType.REFRESH_TOKEN);
		this.clock.advance(Duration.ofSeconds(10));
		StepVerifier.create(provider.getToken()).expectNext(this.tokenC).verifyComplete();
		emnify.verify(2, refreshRequests());
		emnify.verify(2, loginRequests());
	}

	@Test
	void sharedFailureDoesNotGrowWithEveryCaller() {
		answerLogins(aResponse().withStatus(401));
		EmnifyTokenProvider provider = applicationTokenProvider().build();
		EmnifyAuthenticationException first = failure(provider);
		for (int i = 0; i < 100; i++) {
			provider.getToken().onErrorResume((ex) -> Mono.empty()).block();
			assertThat(failure(provider)).isSameAs(first);
		}
		assertThat(first.getSuppressed()).isEmpty();
	}

	@Test
	void failedBackgroundRenewalKeepsServingTheCurrentTokenUntilItIsStale() {
		answerLoginsInTurn(okJson(auth(this.tokenA)), aResponse().withStatus(401));
		EmnifyTokenProvider provider = applicationTokenProvider().build();
		StepVerifier.create(provider.getToken()).expectNext(this.tokenA).verifyComplete();
		this.clock.advance(Duration.ofMinutes(236));
		StepVerifier.create(provider.getToken()).expectNext(this.tokenA).verifyComplete();
		await().untilAsserted(() -> emnify.verify(2, authenticateRequests()));
		StepVerifier.create(provider.getToken()).expectNext(this.tokenA).verifyComplete();
		this.clock.advance(Duration.ofMinutes(3));
		StepVerifier.create(provider.getToken()).expectError(EmnifyAuthenticationException.class).verify();
		emnify.verify(2, authenticateRequests());
	}

}
