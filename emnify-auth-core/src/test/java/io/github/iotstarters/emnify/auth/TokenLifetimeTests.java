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

class TokenLifetimeTests {

	private static final JwtCodec JWTS = new JwtCodec();

	private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");

	private static final Duration DEFAULT_AUTH = Duration.ofMinutes(240);

	private static final Duration DEFAULT_REFRESH = Duration.ofMinutes(350);

	// exp - iat less the second that truncating iat to whole seconds may hide
	private static final Duration TRUNCATION = Duration.ofSeconds(1);

	private final TokenLifetime lifetime = new TokenLifetime(DEFAULT_AUTH, DEFAULT_REFRESH);

	@Test
	void lifetimeIsReadFromTheJwt() {
		assertThat(this.lifetime.ofAuthToken(JWTS.token(NOW, Duration.ofMinutes(90)), NOW))
			.isEqualTo(Duration.ofMinutes(90).minus(TRUNCATION));
		assertThat(this.lifetime.ofRefreshToken(JWTS.token(NOW, Duration.ofMinutes(90)), NOW))
			.isEqualTo(Duration.ofMinutes(90).minus(TRUNCATION));
	}

	@Test
	void sevenDayApplicationTokenLoginsAreHonoured() {
		assertThat(this.lifetime.ofAuthToken(JWTS.token(NOW, Duration.ofDays(7)), NOW))
			.isEqualTo(Duration.ofDays(7).minus(TRUNCATION));
	}

	@Test
	void lifetimeIsCountedFromReceiptSoServerClockSkewDoesNotShiftIt() {
		Instant serverNow = NOW.plus(Duration.ofMinutes(30));
		assertThat(this.lifetime.ofAuthToken(JWTS.token(serverNow, Duration.ofMinutes(60)), NOW))
			.isEqualTo(Duration.ofMinutes(60).minus(TRUNCATION));
	}

	@Test
	void aTokenIssuedLateInTheSecondOfItsIatIsNotTrustedBeyondItsRealExpiry() {
		// Issued at 12:00:00.900, iat says 12:00:00, exp 12:00:03: 2.1 s of real life.
		Instant receivedAt = NOW.plusMillis(900);
		Duration lifetime = this.lifetime.ofAuthToken(JWTS.token(NOW, Duration.ofSeconds(3)), receivedAt);
		assertThat(receivedAt.plus(lifetime)).isBeforeOrEqualTo(NOW.plusSeconds(3));
	}

	@Test
	void expWithoutIatIsTakenAsAnInstant() {
		assertThat(this.lifetime.ofAuthToken(JWTS.tokenExpiringAt(NOW.plus(Duration.ofMinutes(90))), NOW))
			.isEqualTo(Duration.ofMinutes(90));
	}

	@Test
	void opaqueTokensUseTheDefaultLifetimeOfTheirKind() {
		assertThat(this.lifetime.ofAuthToken("opaque-auth", NOW)).isEqualTo(DEFAULT_AUTH);
		assertThat(this.lifetime.ofRefreshToken("opaque-refresh", NOW)).isEqualTo(DEFAULT_REFRESH);
		assertThat(this.lifetime.ofAuthToken("a.%%%.c", NOW)).isEqualTo(DEFAULT_AUTH);
		assertThat(this.lifetime.ofAuthToken(JWTS.sign("{\"exp\":\"soon\"}"), NOW)).isEqualTo(DEFAULT_AUTH);
		assertThat(this.lifetime.ofAuthToken(JWTS.sign("[1,2]"), NOW)).isEqualTo(DEFAULT_AUTH);
	}

	@Test
	void expThatLeavesNoLifeMeansTheClocksDisagreeAndTheDefaultLifetimeApplies() {
		assertThat(this.lifetime.ofAuthToken(JWTS.tokenExpiringAt(NOW.minusSeconds(5)), NOW)).isEqualTo(DEFAULT_AUTH);
		assertThat(this.lifetime.ofAuthToken(JWTS.token(NOW, Duration.ofMinutes(-10)), NOW)).isEqualTo(DEFAULT_AUTH);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("claimedLifetimes")
	void aLifetimeIsReadFromTheClaimsOnlyWithinTheLongestLifetimeAndTheDefaultServesOtherwise(String claims,
			Duration expected) {
		String payload = claims.replace("NOW", Long.toString(NOW.getEpochSecond()));

		assertThat(this.lifetime.ofAuthToken(JWTS.sign(payload), NOW)).as(payload).isEqualTo(expected);
	}

	static Stream<Arguments> claimedLifetimes() {
		Duration fallback = DEFAULT_AUTH;
		Duration longest = TokenLifetime.LONGEST;
		return Stream.of(arguments("{\"iat\":NOW,\"exp\":1}", fallback),
				arguments("{\"iat\":0,\"exp\":14400}", Duration.ofSeconds(14399)),
				// Too short for the truncated second to be taken off.
				arguments("{\"iat\":0,\"exp\":1}", Duration.ofSeconds(1)),
				arguments("{\"iat\":0,\"exp\":2}", Duration.ofSeconds(1)), arguments("{\"exp\":9e18}", fallback),
				arguments("{\"iat\":0,\"exp\":9e18}", fallback),
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

}
