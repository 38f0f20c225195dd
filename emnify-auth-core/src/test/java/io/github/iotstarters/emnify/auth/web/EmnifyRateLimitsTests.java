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

package io.github.iotstarters.emnify.auth.web;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.github.iotstarters.emnify.auth.EmnifyFailureAdvice;
import io.github.iotstarters.emnify.auth.web.EmnifyRateLimits.Limit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * emnify's published figures as the defaults, every figure that cannot work refused with
 * a message that names emnify and the value, and the message of a request that the limits
 * would hold too long.
 */
class EmnifyRateLimitsTests {

	@Test
	void theDefaultsAreEmnifysPublishedFigures() {
		EmnifyRateLimits limits = EmnifyRateLimits.emnify();
		assertThat(limits.limits()).extracting(Limit::name, Limit::rate, Limit::burst)
			.containsExactly(tuple("lists", 10.0, 5), tuple("endpoint", 50.0, 25), tuple("sim", 100.0, 50));
		assertThat(limits.perIpMaxRequests()).isEqualTo(2000);
		assertThat(limits.perIpWindow()).isEqualTo(Duration.ofMinutes(5));
		assertThat(limits.isPerIpShared()).isTrue();
		assertThat(limits.maxWait()).isEqualTo(Duration.ofMinutes(1));
		assertThat(limits.maxResends()).isEqualTo(3);
		assertThat(limits.isEnabled()).isTrue();
		assertThat(EmnifyRateLimits.none().isEnabled()).isFalse();
	}

	@Test
	void theLimitPerIpAddressNeverAdmitsMoreThanEmnifysWindowAllows() {
		// burst + (limit - reserve - burst) refilled over the window + the logins'
		// reserve
		// = limit in any window.
		Limit perIp = EmnifyRateLimits.emnify().perIpLimit();
		assertThat(perIp.name()).isEqualTo(EmnifyRateLimits.PER_IP);
		assertThat(perIp.burst()).isEqualTo(600);
		assertThat(perIp.burst() + perIp.rate() * 300 + 100).isCloseTo(2000, within(1e-9));
		assertThat(perIp.figures()).isEqualTo("4.33 requests/s, burst 600");
		Limit tight = EmnifyRateLimits.builder().perIp(100, Duration.ofMinutes(5), 40).build().perIpLimit();
		assertThat(tight.burst() + tight.rate() * 300 + 5).isCloseTo(100, within(1e-9));
		assertThat(tight.figures()).isEqualTo("0.183 requests/s, burst 40");
		assertThat(EmnifyRateLimits.builder().perIp(100, Duration.ofMinutes(5), 50).build().perIpLimit().figures())
			.isEqualTo("0.15 requests/s, burst 50");
		assertThat(EmnifyRateLimits.builder().perIp(2000, Duration.ofMinutes(5), 1899).build().perIpLimit().rate())
			.as("the largest burst leaves one request per window to refill")
			.isCloseTo(1.0 / 300, within(1e-12));
	}

	@Test
	void aClassIsReplacedByItsNameAndAllCanBeDropped() {
		EmnifyRateLimits limits = EmnifyRateLimits.builder()
			.limit(new Limit("lists", List.of("GET /api/v1/endpoint"), 5, 2))
			.build();
		assertThat(limits.limits()).extracting(Limit::name).containsExactly("lists", "endpoint", "sim");
		assertThat(limits.limits().get(0).burst()).isEqualTo(2);
		assertThat(EmnifyRateLimits.builder().withoutLimits().build().limits()).isEmpty();
	}

	static Stream<Arguments> unworkable() {
		return Stream.of(
				arguments((ThrowingCallable) () -> new Limit("lists", List.of(), 0, 5),
						"emnify rate limit 'lists' must allow more than 0 requests per second, not 0.0"),
				arguments((ThrowingCallable) () -> new Limit("lists", List.of(), Double.NaN, 5),
						"emnify rate limit 'lists' must allow more than 0 requests per second, not NaN"),
				arguments((ThrowingCallable) () -> new Limit("lists", List.of(), 10, 0),
						"emnify rate limit 'lists' must have a burst of at least 1, not 0"),
				arguments((ThrowingCallable) () -> new Limit("lists", List.of("api/v1/endpoint"), 10, 5),
						"emnify rate limit 'lists' has a path that is not '[METHOD ]/pattern' (such as "
								+ "'GET /api/v1/endpoint/{id}'): 'api/v1/endpoint'"),
				arguments((ThrowingCallable) () -> new Limit("lists", List.of("get /api/v1/endpoint"), 10, 5),
						"emnify rate limit 'lists' has a path that is not '[METHOD ]/pattern'"),
				arguments((ThrowingCallable) () -> new Limit("lists", List.of("GET /api/v1/endpoint/{id"), 10, 5),
						"emnify rate limit 'lists' has a path that is no valid pattern: 'GET /api/v1/endpoint/{id'"),
				arguments(
						(ThrowingCallable) () -> EmnifyRateLimits.builder()
							.limit(new Limit("per-ip", List.of("/x"), 10, 5)),
						"emnify rate limit class must not be named 'per-ip'"),
				arguments(
						(ThrowingCallable) () -> EmnifyRateLimits.builder()
							.limit(new Limit("lists-too", List.of("GET /api/v1/endpoint/"), 10, 5))
							.build(),
						"emnify rate limits 'lists' and 'lists-too' both name the path 'GET /api/v1/endpoint/'"),
				arguments(
						(ThrowingCallable) () -> EmnifyRateLimits.builder()
							.limit(new Limit("one-endpoint", List.of("GET /api/v1/endpoint/{endpointId}"), 10, 5))
							.build(),
						"emnify rate limits 'endpoint' and 'one-endpoint' both name the path "
								+ "'GET /api/v1/endpoint/{endpointId}'"),
				arguments((ThrowingCallable) () -> EmnifyRateLimits.builder().perIp(2000, Duration.ofMinutes(5), 1900),
						"emnify per-IP rate limit burst must be at least 1 and fewer than the requests per window "
								+ "less the twentieth kept for logins (1900 of 2000), not 1900"),
				arguments((ThrowingCallable) () -> EmnifyRateLimits.builder().perIp(2000, Duration.ofMinutes(5), 0),
						"emnify per-IP rate limit burst must be at least 1"),
				arguments((ThrowingCallable) () -> EmnifyRateLimits.builder().perIp(2000, Duration.ZERO, 500),
						"emnify per-IP rate limit window must be positive, not PT0S"),
				arguments((ThrowingCallable) () -> EmnifyRateLimits.builder().maxWait(Duration.ZERO),
						"emnify rate limit max wait must be positive, not PT0S"),
				arguments((ThrowingCallable) () -> EmnifyRateLimits.builder().maxResends(-1),
						"emnify rate limit max resends must not be negative, not -1"));
	}

	@ParameterizedTest(name = "{1}")
	@MethodSource("unworkable")
	void unworkableFiguresAreRefusedNamingTheValue(ThrowingCallable setting, String message) {
		assertThatIllegalArgumentException().isThrownBy(setting).withMessageStartingWith(message);
	}

	@Test
	void aRequestHeldTooLongNamesTheLimitItsFiguresTheRequestTheWaitAndTheBound() {
		Limit lists = EmnifyRateLimits.emnify().limits().get(0);
		EmnifyRateLimitException ex = new EmnifyRateLimitException(lists, "GET /api/v1/endpoint",
				Duration.ofSeconds(72), Duration.ofMinutes(1), EmnifyFailureAdvice.DEFAULT);
		assertThat(ex).hasMessage("emnify's rate limit 'lists' (10 requests/s, burst 5, per organisation) would hold "
				+ "this GET /api/v1/endpoint for PT1M12S, longer than the wait bound of PT1M; the request was not "
				+ "sent. Raise EmnifyRateLimits.Builder.maxWait, lower the number of callers that call emnify at the "
				+ "same time, or spread the job over a longer time.");
		assertThat(ex.getLimitName()).isEqualTo("lists");
		assertThat(ex.getExpectedWait()).isEqualTo(Duration.ofSeconds(72));
		assertThat(ex.getMaxWait()).isEqualTo(Duration.ofMinutes(1));
		EmnifyRateLimitException perIp = new EmnifyRateLimitException(EmnifyRateLimits.emnify().perIpLimit(),
				"POST /api/v1/endpoint", Duration.ofSeconds(61), Duration.ofMinutes(1), EmnifyFailureAdvice.DEFAULT);
		assertThat(perIp).hasMessageStartingWith(
				"emnify's rate limit 'per-ip' (4.33 requests/s, burst 600, per IP address) would hold this POST "
						+ "/api/v1/endpoint for PT1M1S");
	}

}
