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
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.core.retry.RetryPolicy;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bounds on renewals that no answer of a server, handler or store can break: 401s cannot
 * drive logins, pauses grow during an outage, {@code Retry-After} is capped, and every
 * renewal ends.
 */
class RenewalBoundsTests extends EmnifyWireMockTests {

	private final String tokenA = JWTS.token(NOW, Duration.ofMinutes(240));

	private final String tokenB = JWTS.token(NOW, Duration.ofMinutes(240));

	private final String tokenC = JWTS.token(NOW, Duration.ofMinutes(240));

	@Test
	void aTokenObtainedAfterA401IsKeptWhenItIsAnswered401WithinTheInterval() {
		answerLoginsInTurn(okJson(auth(this.tokenA)), okJson(auth(this.tokenB)), okJson(auth(this.tokenC)));
		EmnifyTokenProvider provider = applicationTokenProvider().unauthorizedRenewalInterval(Duration.ofSeconds(30))
			.build();
		assertThat(provider.getToken().block()).isEqualTo(this.tokenA);
		assertThat(provider.invalidate(this.tokenA)).isTrue();
		assertThat(provider.getToken().block()).isEqualTo(this.tokenB);
		for (int i = 0; i < 20; i++) {
			assertThat(provider.invalidate(this.tokenB)).isFalse();
			assertThat(provider.getToken().block()).isEqualTo(this.tokenB);
		}
		emnify.verify(2, authenticateRequests());
		this.clock.advance(Duration.ofSeconds(30));
		assertThat(provider.invalidate(this.tokenB)).isTrue();
		assertThat(provider.getToken().block()).isEqualTo(this.tokenC);
		emnify.verify(3, authenticateRequests());
	}

	@Test
	void aTokenRenewedAheadOfExpiryIsDiscardedAtItsFirst401() {
		answerLoginsInTurn(okJson(auth(this.tokenA)), okJson(auth(this.tokenB)), okJson(auth(this.tokenC)));
		EmnifyTokenProvider provider = applicationTokenProvider().build();
		assertThat(provider.getToken().block()).isEqualTo(this.tokenA);
		this.clock.advance(Duration.ofMinutes(239));
		assertThat(provider.getToken().block()).isEqualTo(this.tokenB);
		assertThat(provider.invalidate(this.tokenB)).isTrue();
		assertThat(provider.getToken().block()).isEqualTo(this.tokenC);
	}

	@Test
	void thePauseAfterSpentRetriesDoublesWithEachFailedRenewalUpToTheMaxPauseAndASuccessResetsIt() {
		emnify.stubFor(post(AUTHENTICATE).willReturn(aResponse().withStatus(503)));
		EmnifyTokenProvider provider = applicationTokenProvider().retryPolicy(fastRetries(1))
			.retryMaxDelay(Duration.ofSeconds(10))
			.maxPause(Duration.ofSeconds(60))
			.build();
		int calls = 0;
		for (long pause : new long[] { 10, 20, 40, 60, 60 }) {
			failure(provider);
			calls += 2;
			emnify.verify(calls, authenticateRequests());
			this.clock.advance(Duration.ofSeconds(pause - 1));
			failure(provider);
			emnify.verify(calls, authenticateRequests());
			this.clock.advance(Duration.ofSeconds(1));
		}
		emnify.resetMappings();
		answerLogins(okJson(auth(this.tokenA)));
		assertThat(provider.getToken().block()).isEqualTo(this.tokenA);
		emnify.resetMappings();
		emnify.resetRequests();
		emnify.stubFor(post(AUTHENTICATE).willReturn(aResponse().withStatus(503)));
		provider.invalidate(this.tokenA);
		failure(provider);
		this.clock.advance(Duration.ofSeconds(10));
		failure(provider);
		emnify.verify(4, authenticateRequests());
	}

	@ParameterizedTest
	@ValueSource(strings = { "9223372036854775807", "9223372036854775808", "86400", "99999999999999999999999999" })
	void retryAfterOfAnySizeHoldsBackForTheMaxPauseAtMost(String retryAfter) {
		answerLogins(aResponse().withStatus(429).withHeader("Retry-After", retryAfter));
		EmnifyTokenProvider provider = applicationTokenProvider().maxPause(Duration.ofMinutes(5)).build();
		EmnifyAuthenticationException first = failure(provider);
		assertThat(first.getStatusCode().value()).isEqualTo(429);
		emnify.verify(1, authenticateRequests());
		this.clock.advance(Duration.ofMinutes(5).minusSeconds(1));
		assertThat(failure(provider)).isSameAs(first);
		emnify.verify(1, authenticateRequests());
		this.clock.advance(Duration.ofSeconds(1));
		failure(provider);
		emnify.verify(2, authenticateRequests());
	}

	@Test
	void retryAfterIsReadInEveryFormWithoutExceptions() {
		Duration cap = Duration.ofMinutes(5);
		assertThat(EmnifyRetryAfter.read("120", NOW, cap)).isEqualTo(Duration.ofSeconds(120));
		assertThat(EmnifyRetryAfter.read(" 7 ", NOW, cap)).isEqualTo(Duration.ofSeconds(7));
		assertThat(EmnifyRetryAfter.read("0", NOW, cap)).isEqualTo(Duration.ZERO);
		assertThat(EmnifyRetryAfter.read("301", NOW, cap)).isEqualTo(cap);
		assertThat(EmnifyRetryAfter.read("9223372036854775807", NOW, cap)).isEqualTo(cap);
		assertThat(EmnifyRetryAfter.read("18446744073709551616", NOW, cap)).isEqualTo(cap);
		assertThat(EmnifyRetryAfter.read(date(NOW.plusSeconds(90)), NOW, cap)).isEqualTo(Duration.ofSeconds(90));
		assertThat(EmnifyRetryAfter.read(date(NOW.plus(Duration.ofDays(3650))), NOW, cap)).isEqualTo(cap);
		assertThat(EmnifyRetryAfter.read(date(NOW.minusSeconds(90)), NOW, cap)).isEqualTo(Duration.ZERO);
		assertThat(EmnifyRetryAfter.read("Fri, 31 Feb 2026 25:61:00 GMT", NOW, cap)).isNull();
		for (String garbage : new String[] { "", " ", "-5", "-9223372036854775808", "+5", "1.5", "1e9", "soon",
				"120, 60", "\u0660\u0661", "NaN" }) {
			assertThat(EmnifyRetryAfter.read(garbage, NOW, cap)).as(garbage).isNull();
		}
		assertThat(EmnifyRetryAfter.read(null, NOW, cap)).isNull();
	}

	@ParameterizedTest
	@CsvSource({ "true, false", "false, true" })
	void anObservationHandlerThatThrowsNeitherHangsCallersNorBlocksTheNextRenewal(boolean onStart, boolean onStop) {
		answerLoginsInTurn(okJson(auth(this.tokenA)), okJson(auth(this.tokenB)));
		EmnifyTokenProvider provider = applicationTokenProvider()
			.observationRegistry(registryWith(new ThrowingHandler(onStart, onStop, false)))
			.build();
		assertThat(provider.getToken().block(Duration.ofSeconds(5))).isEqualTo(this.tokenA);
		assertThat(provider.invalidate(this.tokenA)).isTrue();
		assertThat(provider.getToken().block(Duration.ofSeconds(5))).isEqualTo(this.tokenB);
		emnify.verify(2, authenticateRequests());
	}

	@Test
	void anObservationHandlerThatThrowsOnAFailedRenewalLeavesEveryCallerTheFailureAndTheNextRenewalGoesOut() {
		answerLoginsInTurn(aResponse().withStatus(503), okJson(auth(this.tokenA)));
		EmnifyTokenProvider provider = applicationTokenProvider().retryPolicy(fastRetries(0))
			.retryMaxDelay(Duration.ofSeconds(10))
			.observationRegistry(registryWith(new ThrowingHandler(false, false, true)))
			.build();
		StepVerifier.create(Mono.zip(provider.getToken().materialize(), provider.getToken().materialize()))
			.assertNext((both) -> assertThat(List.of(both.getT1(), both.getT2())).allSatisfy(
					(signal) -> assertThat(signal.getThrowable()).isInstanceOf(EmnifyAuthenticationException.class)
						.hasMessageContaining("503")))
			.expectComplete()
			.verify(Duration.ofSeconds(5));
		this.clock.advance(Duration.ofSeconds(10));
		assertThat(provider.getToken().block(Duration.ofSeconds(5))).isEqualTo(this.tokenA);
		emnify.verify(2, authenticateRequests());
	}

	@Test
	void aTokenStoreThatNeverAnswersEndsEveryWaiterWithAnExceptionThatNamesIt() {
		AtomicInteger looked = new AtomicInteger();
		AtomicInteger cancelled = new AtomicInteger();
		EmnifyTokenProvider provider = applicationTokenProvider()
			.tokenStore(new FailureKindsTests.StoreAnswering(Mono.<EmnifySession>never()
				.doOnSubscribe((subscription) -> looked.incrementAndGet())
				.doOnCancel(cancelled::incrementAndGet)))
			.requestTimeout(Duration.ofSeconds(1))
			.retryPolicy(RetryPolicy.builder().maxRetries(1).delay(Duration.ofMillis(100)).build())
			.retryMaxDelay(Duration.ofMillis(100))
			.build();
		Duration bound = provider.getTokenTimeout();
		StepVerifier.withVirtualTime(() -> Mono.zip(provider.getToken(), provider.getToken()))
			.expectSubscription()
			.expectNoEvent(bound.minusMillis(1))
			.thenAwait(Duration.ofMillis(1))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(EmnifyAuthenticationException.class)
				.hasMessageContaining("did not end within " + bound)
				.hasMessageContaining(FailureKindsTests.StoreAnswering.class.getName())
				.hasMessageContaining("Check the EmnifyTokenStore"))
			.verify(Duration.ofSeconds(10));
		assertThat(looked).hasValue(1);
		assertThat(cancelled).hasValue(1);
	}

	@Test
	void aTokenStoreThatFailsWithAnyExceptionEndsInOneThatNamesIt() {
		EmnifyTokenProvider provider = applicationTokenProvider()
			.tokenStore(new FailureKindsTests.StoreAnswering(
					Mono.error(new IllegalStateException("connection pool exhausted"))))
			.build();
		assertThat(failure(provider)).hasMessageContaining("token store")
			.hasMessageContaining("failed: connection pool exhausted")
			.hasCauseInstanceOf(IllegalStateException.class);
	}

	@Test
	void theTokenTimeoutIsDerivedFromTheRequestTimeoutAndTheRetries() {
		// 3 retries with pauses of at most 10 s: 4 attempts of 10 s and 3 pauses of 10 s,
		// a tenth and a second more; twice that, for a wait behind another instance.
		EmnifyTokenProvider provider = applicationTokenProvider().requestTimeout(Duration.ofSeconds(10))
			.retryPolicy(RetryPolicy.builder()
				.maxRetries(3)
				.delay(Duration.ofMillis(500))
				.multiplier(2)
				.maxDelay(Duration.ofSeconds(10))
				.build())
			.retryMaxDelay(Duration.ofSeconds(10))
			.build();
		assertThat(provider.getTokenTimeout()).isEqualTo(Duration.ofSeconds(156));
		EmnifyTokenProvider user = userProvider().requestTimeout(Duration.ofSeconds(10))
			.retryPolicy(RetryPolicy.builder().maxRetries(0).build())
			.mfaCodeTimeout(Duration.ofSeconds(90))
			.build();
		// Refresh, login and the code of 12 s each, and the code wait.
		assertThat(user.getTokenTimeout()).isEqualTo(Duration.ofSeconds(2 * (3 * 12 + 90)));
	}

	@Test
	void theLongestSettingsGiveATimeoutThatReactorsTimersTakeAndStillLogIn() {
		answerLogins(okJson(auth(this.tokenA)));
		Duration year = Duration.ofDays(365);
		EmnifyTokenProvider provider = userProvider().requestTimeout(year)
			.retryPolicy(RetryPolicy.builder()
				.maxRetries(Long.MAX_VALUE)
				.delay(year)
				.jitter(year)
				.multiplier(Double.MAX_VALUE)
				.maxDelay(year)
				.build())
			.retryMaxDelay(year)
			.maxPause(year)
			.mfaCodeTimeout(year)
			.build();
		assertThat(provider.getTokenTimeout()).isEqualTo(Duration.ofDays(36_500));
		StepVerifier.create(provider.getToken())
			.expectNext(this.tokenA)
			.expectComplete()
			.verify(Duration.ofSeconds(10));
	}

	private static String date(Instant instant) {
		return DateTimeFormatter.RFC_1123_DATE_TIME.format(instant.atZone(ZoneOffset.UTC));
	}

	private static ObservationRegistry registryWith(ObservationHandler<Observation.Context> handler) {
		ObservationRegistry registry = ObservationRegistry.create();
		registry.observationConfig().observationHandler(handler);
		return registry;
	}

	/**
	 * A handler of a broken tracing backend.
	 */
	private record ThrowingHandler(boolean onStart, boolean onStop,
			boolean onError) implements ObservationHandler<Observation.Context> {

		@Override
		public void onStart(Observation.Context context) {
			if (this.onStart) {
				throw new IllegalStateException("tracing backend down");
			}
		}

		@Override
		public void onStop(Observation.Context context) {
			if (this.onStop) {
				throw new IllegalStateException("tracing backend down");
			}
		}

		@Override
		public void onError(Observation.Context context) {
			if (this.onError) {
				throw new IllegalStateException("tracing backend down");
			}
		}

		@Override
		public boolean supportsContext(Observation.Context context) {
			return true;
		}

	}

}
