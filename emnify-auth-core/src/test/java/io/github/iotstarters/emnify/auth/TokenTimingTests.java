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

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.github.iotstarters.emnify.auth.test.JwtCodec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class TokenTimingTests {

	private static final JwtCodec JWTS = new JwtCodec();

	private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");

	private final TokenTiming timing = new TokenTiming(Duration.ofMinutes(5), Duration.ofMinutes(1),
			Duration.ofMinutes(240), Duration.ofMinutes(350));

	// exp - iat less the second that truncating iat to whole seconds may hide
	private static final Duration TRUNCATION = Duration.ofSeconds(1);

	@Test
	void expiryIsReadFromTheJwtAndMarginsPlaceRenewalAndStaleness() {
		EmnifyToken token = this.timing.authToken(JWTS.token(NOW, Duration.ofMinutes(240)), NOW);
		Instant expiresAt = NOW.plus(Duration.ofMinutes(240)).minus(TRUNCATION);
		assertThat(token.expiresAt()).isEqualTo(expiresAt);
		assertThat(token.renewAt()).isEqualTo(expiresAt.minus(Duration.ofMinutes(5)));
		assertThat(token.staleAt()).isEqualTo(expiresAt.minus(Duration.ofMinutes(1)));
	}

	@Test
	void sevenDayApplicationTokenLoginsAreHonoured() {
		EmnifyToken token = this.timing.authToken(JWTS.token(NOW, Duration.ofDays(7)), NOW);
		assertThat(token.expiresAt()).isEqualTo(NOW.plus(Duration.ofDays(7)).minus(TRUNCATION));
	}

	@Test
	void lifetimeIsCountedFromReceiptSoServerClockSkewDoesNotShiftIt() {
		Instant serverNow = NOW.plus(Duration.ofMinutes(30));
		EmnifyToken token = this.timing.authToken(JWTS.token(serverNow, Duration.ofMinutes(60)), NOW);
		assertThat(token.expiresAt()).isEqualTo(NOW.plus(Duration.ofMinutes(60)).minus(TRUNCATION));
	}

	@Test
	void aTokenIssuedLateInTheSecondOfItsIatIsNotTrustedBeyondItsRealExpiry() {
		// Issued at 12:00:00.900, iat says 12:00:00, exp 12:00:03: 2.1 s of real life.
		Instant receivedAt = NOW.plusMillis(900);
		EmnifyToken token = this.timing.authToken(JWTS.token(NOW, Duration.ofSeconds(3)), receivedAt);
		assertThat(token.expiresAt()).isBeforeOrEqualTo(NOW.plusSeconds(3));
	}

	@Test
	void expWithoutIatIsTakenAsAnInstant() {
		EmnifyToken token = this.timing.authToken(JWTS.tokenExpiringAt(NOW.plus(Duration.ofMinutes(90))), NOW);
		assertThat(token.expiresAt()).isEqualTo(NOW.plus(Duration.ofMinutes(90)));
	}

	@Test
	void opaqueTokensUseTheDefaultLifetimes() {
		assertThat(this.timing.authToken("opaque-auth", NOW).expiresAt()).isEqualTo(NOW.plus(Duration.ofMinutes(240)));
		assertThat(this.timing.refreshToken("opaque-refresh", NOW).expiresAt())
			.isEqualTo(NOW.plus(Duration.ofMinutes(350)));
		assertThat(this.timing.authToken("a.%%%.c", NOW).expiresAt()).isEqualTo(NOW.plus(Duration.ofMinutes(240)));
		assertThat(this.timing.authToken(JWTS.sign("{\"exp\":\"soon\"}"), NOW).expiresAt())
			.isEqualTo(NOW.plus(Duration.ofMinutes(240)));
		assertThat(this.timing.authToken(JWTS.sign("[1,2]"), NOW).expiresAt())
			.isEqualTo(NOW.plus(Duration.ofMinutes(240)));
	}

	@Test
	void shortLivedTokensAreUsedForMostOfTheirLifeDespiteLargerMargins() {
		EmnifyToken token = this.timing.authToken(JWTS.token(NOW, Duration.ofSeconds(21)), NOW);
		assertThat(token.isUsableAt(NOW)).isTrue();
		assertThat(token.needsRenewalAt(NOW)).isFalse();
		assertThat(token.renewAt()).isEqualTo(NOW.plusSeconds(10));
		assertThat(token.staleAt()).isEqualTo(NOW.plusSeconds(15));
	}

	@Test
	void expThatLeavesNoLifeMeansTheClocksDisagreeAndTheDefaultLifetimeApplies() {
		EmnifyToken pastExp = this.timing.authToken(JWTS.tokenExpiringAt(NOW.minusSeconds(5)), NOW);
		assertThat(pastExp.expiresAt()).isEqualTo(NOW.plus(Duration.ofMinutes(240)));
		EmnifyToken expBeforeIat = this.timing.authToken(JWTS.token(NOW, Duration.ofMinutes(-10)), NOW);
		assertThat(expBeforeIat.expiresAt()).isEqualTo(NOW.plus(Duration.ofMinutes(240)));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("claimedLifetimes")
	void aLifetimeIsReadFromTheClaimsOnlyWithinTheLongestLifetimeAndTheDefaultServesOtherwise(String claims,
			Duration expected) {
		long now = NOW.getEpochSecond();
		String payload = claims.replace("NOW", Long.toString(now));

		EmnifyToken token = this.timing.authToken(JWTS.sign(payload), NOW);

		assertThat(token.expiresAt()).as(payload).isEqualTo(NOW.plus(expected));
		assertThat(token.renewAt()).isBefore(token.expiresAt());
		assertThat(token.staleAt()).isAfter(token.renewAt());
	}

	static Stream<Arguments> claimedLifetimes() {
		Duration fallback = Duration.ofMinutes(240);
		Duration longest = TokenTiming.LONGEST_LIFETIME;
		return Stream.of(arguments("{\"iat\":NOW,\"exp\":1}", fallback),
				arguments("{\"iat\":0,\"exp\":14400}", Duration.ofSeconds(14399)),
				arguments("{\"exp\":9e18}", fallback), arguments("{\"iat\":0,\"exp\":9e18}", fallback),
				arguments("{\"iat\":0,\"exp\":9223372036854775807}", fallback),
				arguments("{\"iat\":-9223372036854775808,\"exp\":0}", fallback),
				arguments("{\"iat\":0,\"exp\":1e300}", fallback), arguments("{\"iat\":1e300,\"exp\":2e300}", fallback),
				arguments("{\"exp\":-9e18}", fallback), arguments("{\"iat\":NOW,\"exp\":NOW}", fallback),
				arguments("{\"iat\":0,\"exp\":" + (longest.toSeconds() + 1) + "}", fallback),
				arguments("{\"iat\":0,\"exp\":" + longest.toSeconds() + "}", longest.minusSeconds(1)),
				arguments("{\"iat\":0,\"exp\":3600.75}", Duration.ofSeconds(3599)),
				arguments("{\"iat\":0,\"exp\":\"3600\"}", fallback),
				arguments("{\"exp\":" + (NOW.getEpochSecond() + 400L * 24 * 3600) + "}", fallback));
	}

	@Test
	void toStringShowsNoValue() {
		assertThat(this.timing.authToken("secret-token-value", NOW).toString()).doesNotContain("secret-token-value");
	}

}
