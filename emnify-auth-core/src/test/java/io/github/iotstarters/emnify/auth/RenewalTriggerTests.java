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
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import io.github.iotstarters.emnify.auth.test.JwtCodec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * When a token is renewed, when it is no longer handed out, which stored session serves,
 * and which 401 discards the token: {@link RenewalTrigger}'s decisions as tables.
 */
class RenewalTriggerTests {

	private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");

	private static final Duration INTERVAL = Duration.ofSeconds(30);

	@ParameterizedTest(name = "lifetime {0}, margins {1} and {2}: renew {3} and stop handing out {4} before expiry")
	@CsvSource(textBlock = """
			PT240M, PT5M, PT1M, PT5M,  PT1M
			PT8M,   PT5M, PT1M, PT4M,  PT1M
			PT8M,   PT5M, PT3M, PT4M,  PT2M
			PT2M,   PT5M, PT1M, PT1M,  PT30S
			PT20S,  PT5M, PT1M, PT10S, PT5S
			PT10M,  PT0S, PT0S, PT0S,  PT0S
			""")
	void theMarginsPlaceRenewalAndStalenessCappedAtAHalfAndAQuarterOfTheLifetime(Duration lifetime,
			Duration refreshMargin, Duration expiryMargin, Duration renewBeforeExpiry, Duration staleBeforeExpiry) {
		RenewalTrigger trigger = trigger(refreshMargin, expiryMargin, lifetime);

		for (EmnifyToken token : new EmnifyToken[] { trigger.authToken("opaque-auth", NOW),
				trigger.refreshToken("opaque-refresh", NOW) }) {
			assertThat(token.expiresAt()).isEqualTo(NOW.plus(lifetime));
			assertThat(token.renewAt()).isEqualTo(token.expiresAt().minus(renewBeforeExpiry));
			assertThat(token.staleAt()).isEqualTo(token.expiresAt().minus(staleBeforeExpiry));
		}
	}

	@Test
	void eachKindOfTokenLivesAsLongAsItsOwnLifetimeSays() {
		RenewalTrigger trigger = new RenewalTrigger(Duration.ofMinutes(5), Duration.ofMinutes(1), INTERVAL,
				new TokenLifetime(Duration.ofMinutes(240), Duration.ofMinutes(350)));
		JwtCodec jwts = new JwtCodec();

		assertThat(trigger.authToken("opaque", NOW).expiresAt()).isEqualTo(NOW.plus(Duration.ofMinutes(240)));
		assertThat(trigger.refreshToken("opaque", NOW).expiresAt()).isEqualTo(NOW.plus(Duration.ofMinutes(350)));
		EmnifyToken claimed = trigger.authToken(jwts.tokenExpiringAt(NOW.plus(Duration.ofMinutes(90))), NOW);
		assertThat(claimed.expiresAt()).isEqualTo(NOW.plus(Duration.ofMinutes(90)));
		assertThat(claimed.renewAt()).isEqualTo(NOW.plus(Duration.ofMinutes(85)));
		assertThat(claimed.staleAt()).isEqualTo(NOW.plus(Duration.ofMinutes(89)));
	}

	@ParameterizedTest(name = "{0} seconds after receipt: usable {1}, renewal due {2}")
	@CsvSource(textBlock = """
			0,   true,  false
			234, true,  false
			235, true,  true
			238, true,  true
			239, false, true
			240, false, true
			""")
	void aTokenIsHandedOutUntilItIsStaleAndRenewedFromItsRenewalInstant(long secondsLater, boolean usable,
			boolean renewalDue) {
		// 240 s of life: renewal 5 s and staleness 1 s before expiry.
		EmnifyToken token = trigger(Duration.ofSeconds(5), Duration.ofSeconds(1), Duration.ofSeconds(240))
			.authToken("opaque-auth", NOW);

		Instant then = NOW.plusSeconds(secondsLater);

		assertThat(token.isUsableAt(then)).isEqualTo(usable);
		assertThat(token.needsRenewalAt(then)).isEqualTo(renewalDue);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("storedSessions")
	void aStoredSessionServesOnlyWhileNoRenewalIsDueAndNeverWithTheTokenDiscardedAfterA401(String row,
			EmnifySession stored, @Nullable String rejected, boolean accepted) {
		assertThat(defaultTrigger().accepts(stored, rejected, NOW)).isEqualTo(accepted);
	}

	static Stream<Arguments> storedSessions() {
		EmnifyToken fresh = new EmnifyToken("fresh", NOW.plusSeconds(600), NOW.plusSeconds(300), NOW.plusSeconds(540));
		EmnifyToken dueNow = new EmnifyToken("due", NOW.plusSeconds(300), NOW, NOW.plusSeconds(240));
		EmnifyToken dueBefore = new EmnifyToken("due", NOW.plusSeconds(30), NOW.minusSeconds(1), NOW.plusSeconds(20));
		EmnifyToken refresh = new EmnifyToken("refresh", NOW.plusSeconds(900), NOW.plusSeconds(600),
				NOW.plusSeconds(800));
		return Stream.of(arguments("no auth token", new EmnifySession(null, refresh), null, false),
				arguments("renewal due from now", new EmnifySession(dueNow, refresh), null, false),
				arguments("renewal due since before", new EmnifySession(dueBefore, null), null, false),
				arguments("renewal not yet due", new EmnifySession(fresh, null), null, true),
				arguments("renewal not yet due, another token rejected", new EmnifySession(fresh, null), "other", true),
				arguments("the token discarded after a 401", new EmnifySession(fresh, refresh), "fresh", false));
	}

	@ParameterizedTest(name = "replaced a rejected token {0} s before the 401: discarded {1}")
	@CsvSource(nullValues = "never", textBlock = """
			never, true
			0,     false
			29,    false
			30,    true
			31,    true
			""")
	void a401DiscardsTheTokenUnlessItReplacedARejectedOneWithinTheUnauthorizedRenewalInterval(
			@Nullable Long replacedSecondsBefore, boolean discarded) {
		Instant replacedAt = (replacedSecondsBefore != null) ? NOW.minusSeconds(replacedSecondsBefore) : null;

		assertThat(defaultTrigger().discards(replacedAt, NOW)).isEqualTo(discarded);
	}

	@Test
	void withoutAnUnauthorizedRenewalIntervalEvery401Discards() {
		RenewalTrigger trigger = new RenewalTrigger(Duration.ofMinutes(5), Duration.ofMinutes(1), Duration.ZERO,
				new TokenLifetime(Duration.ofMinutes(240), Duration.ofMinutes(350)));

		assertThat(trigger.discards(NOW, NOW)).isTrue();
	}

	@Test
	void toStringShowsNoValue() {
		assertThat(defaultTrigger().authToken("secret-token-value", NOW).toString())
			.doesNotContain("secret-token-value");
	}

	private static RenewalTrigger defaultTrigger() {
		return trigger(Duration.ofMinutes(5), Duration.ofMinutes(1), Duration.ofMinutes(240));
	}

	private static RenewalTrigger trigger(Duration refreshMargin, Duration expiryMargin, Duration lifetime) {
		return new RenewalTrigger(refreshMargin, expiryMargin, INTERVAL, new TokenLifetime(lifetime, lifetime));
	}

}
