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
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.http.HttpStatusCode;

import io.github.iotstarters.emnify.auth.EmnifyAuthenticationException.Failure;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The decisions of "no login until T" as a table: for a failed renewal (rejected or
 * transient, with or without emnify's {@code Retry-After}, or a hold-back another
 * instance stored) and the transient failures in a row before it, how long no login
 * follows. Cooldown 5 minutes, longest retry delay 10 seconds, longest pause 5 minutes.
 */
class HoldBackPolicyTests {

	private static final HoldBackPolicy POLICY = new HoldBackPolicy(Duration.ofMinutes(5), Duration.ofSeconds(10),
			Duration.ofMinutes(5));

	static Stream<Arguments> holdBack() {
		return Stream.of(
				// rejected, Retry-After, shared hold-back, transient failures before ->
				// hold-back
				Arguments.of(true, null, null, 0, Duration.ofMinutes(5)),
				Arguments.of(true, null, null, 7, Duration.ofMinutes(5)),
				Arguments.of(true, Duration.ofMinutes(2), null, 0, Duration.ofMinutes(5)),
				Arguments.of(true, Duration.ofMinutes(9), null, 0, Duration.ofMinutes(9)),
				Arguments.of(false, null, null, 0, Duration.ofSeconds(10)),
				Arguments.of(false, null, null, 1, Duration.ofSeconds(20)),
				Arguments.of(false, null, null, 2, Duration.ofSeconds(40)),
				Arguments.of(false, null, null, 4, Duration.ofSeconds(160)),
				Arguments.of(false, null, null, 5, Duration.ofMinutes(5)),
				Arguments.of(false, null, null, Integer.MAX_VALUE - 1, Duration.ofMinutes(5)),
				Arguments.of(false, Duration.ofSeconds(30), null, 0, Duration.ofSeconds(30)),
				Arguments.of(false, Duration.ofSeconds(5), null, 1, Duration.ofSeconds(20)),
				Arguments.of(false, Duration.ofMinutes(5), null, 0, Duration.ofMinutes(5)),
				Arguments.of(false, null, Duration.ofSeconds(42), 3, Duration.ofSeconds(42)),
				Arguments.of(true, Duration.ofMinutes(9), Duration.ofSeconds(42), 0, Duration.ofSeconds(42)),
				Arguments.of(false, null, Duration.ZERO, 3, Duration.ZERO));
	}

	@ParameterizedTest(name = "rejected {0}, Retry-After {1}, shared {2}, {3} transient before -> {4}")
	@MethodSource
	void holdBack(boolean rejected, @Nullable Duration retryAfter, @Nullable Duration shared, int transientBefore,
			Duration holdBack) {
		EmnifyAuthenticationException failure = failure(rejected, retryAfter, shared);
		assertThat(POLICY.holdBack(failure, transientBefore)).isEqualTo(holdBack);
		assertThat(HoldBackPolicy.isTransient(failure)).isEqualTo(!rejected && shared == null);
	}

	@ParameterizedTest(name = "Retry-After {0} -> ends the retries: {1}")
	@CsvSource({ "PT1S, false", "PT10S, false", "PT10.001S, true", "PT5M, true" })
	void aRetryAfterLongerThanTheLongestRetryDelayEndsTheRetries(Duration retryAfter, boolean ends) {
		assertThat(POLICY.endsRetries(retryAfter)).isEqualTo(ends);
	}

	@ParameterizedTest(name = "Retry-After: {0} -> {1}")
	@CsvSource({ "120, PT2M", "301, PT5M", "99999999999999999999, PT5M", "-1, ", "soon, " })
	void aRetryAfterIsCappedAtTheLongestPause(String value, @Nullable Duration pause) {
		assertThat(POLICY.retryAfter(value, EmnifyWireMockTests.NOW)).isEqualTo(pause);
	}

	private static EmnifyAuthenticationException failure(boolean rejected, @Nullable Duration retryAfter,
			@Nullable Duration shared) {
		Failure failure = new Failure(rejected ? EmnifyFailureKind.REJECTED : EmnifyFailureKind.UNAVAILABLE,
				EmnifyGrantType.PASSWORD, HttpStatusCode.valueOf(rejected ? 401 : 503), null, null, rejected,
				retryAfter, "failed", "Act.");
		EmnifyAuthenticationException exception = EmnifyAuthenticationException.of(failure, null);
		return (shared != null) ? new EmnifyAuthenticationException(String.valueOf(exception.getMessage()), failure,
				shared, 0, null, false) : exception;
	}

}
