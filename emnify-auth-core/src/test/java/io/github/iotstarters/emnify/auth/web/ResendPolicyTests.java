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
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.github.iotstarters.emnify.auth.web.ResendPolicy.Decision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * The decisions of the one 429 rule, as a table (wait bound one minute): only a 429 is
 * sent again, every 429 drains the limit's bucket, and a request is sent again only with
 * its body recorded, within the re-send bound and a {@code Retry-After} no longer than
 * the wait bound.
 */
class ResendPolicyTests {

	private static final Instant NOW = Instant.parse("2026-12-05T08:00:00Z");

	private static final Decision PASS_ON = Decision.PASS_ON;

	private static final Decision DRAIN_AND_PASS_ON = Decision.DRAIN_AND_PASS_ON;

	private static final Decision RESEND = new Decision(true, true, null);

	static Stream<Arguments> answers() {
		return Stream.of(arguments(200, true, 0, null, 3, PASS_ON), arguments(401, true, 0, "2", 3, PASS_ON),
				arguments(403, true, 0, "2", 3, PASS_ON), arguments(500, true, 0, null, 3, PASS_ON),
				arguments(503, true, 0, "2", 3, PASS_ON), arguments(429, false, 0, null, 3, DRAIN_AND_PASS_ON),
				arguments(429, true, 3, null, 3, DRAIN_AND_PASS_ON), arguments(429, true, 0, null, 3, RESEND),
				arguments(429, true, 2, null, 3, RESEND),
				arguments(429, true, 0, "2", 3, new Decision(true, true, Duration.ofSeconds(2))),
				arguments(429, true, 0, date(NOW.plusSeconds(30)), 3, new Decision(true, true, Duration.ofSeconds(30))),
				arguments(429, true, 0, date(NOW.minusSeconds(30)), 3, new Decision(true, true, Duration.ZERO)),
				arguments(429, true, 0, "60", 3, new Decision(true, true, Duration.ofSeconds(60))),
				arguments(429, true, 0, "61", 3, DRAIN_AND_PASS_ON),
				arguments(429, true, 0, "90", 3, DRAIN_AND_PASS_ON),
				arguments(429, true, 0, "99999999999999999999", 3, DRAIN_AND_PASS_ON),
				arguments(429, true, 0, "9223372036854775807", 3, DRAIN_AND_PASS_ON),
				arguments(429, true, 0, "-1", 3, RESEND), arguments(429, true, 0, "soon", 3, RESEND),
				arguments(429, true, 0, null, 0, DRAIN_AND_PASS_ON),
				arguments(429, true, 0, "2", 0, DRAIN_AND_PASS_ON));
	}

	// The wait bound alone caps a Retry-After: one beyond it is not cut to it (emnify
	// would refuse the early re-send), it is handed on.
	static Stream<Arguments> answersUnderALongWaitBound() {
		return Stream.of(arguments("300", new Decision(true, true, Duration.ofMinutes(5))),
				arguments("600", new Decision(true, true, Duration.ofMinutes(10))), arguments("601", DRAIN_AND_PASS_ON),
				arguments(date(NOW.plusSeconds(599)), new Decision(true, true, Duration.ofSeconds(599))),
				arguments(date(NOW.plusSeconds(700)), DRAIN_AND_PASS_ON));
	}

	@ParameterizedTest(name = "Retry-After {0}, wait bound 10 min -> {1}")
	@MethodSource("answersUnderALongWaitBound")
	void decidesUnderALongWaitBound(String retryAfter, Decision decision) {
		ResendPolicy policy = new ResendPolicy(3, Duration.ofMinutes(10));
		assertThat(policy.decide(429, true, 0, retryAfter, NOW)).isEqualTo(decision);
	}

	@ParameterizedTest(name = "{0}, body recorded: {1}, re-sent {2} times, Retry-After {3}, max re-sends {4} -> {5}")
	@MethodSource("answers")
	void decides(int status, boolean bodyRecorded, int resendsSoFar, @Nullable String retryAfter, int maxResends,
			Decision decision) {
		ResendPolicy policy = new ResendPolicy(maxResends, Duration.ofMinutes(1));
		assertThat(policy.decide(status, bodyRecorded, resendsSoFar, retryAfter, NOW)).isEqualTo(decision);
	}

	private static String date(Instant instant) {
		return DateTimeFormatter.RFC_1123_DATE_TIME.format(instant.atZone(ZoneOffset.UTC));
	}

}
