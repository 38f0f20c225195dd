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

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * How long a token emnify issued lives: read from its JWT claims, never verifying the
 * signature (the key is emnify's), or else the default lifetime of its kind.
 * <p>
 * The lifetime is {@code exp - iat} when both claims are present (less the second that
 * truncating {@code iat} may hide) and is counted from the moment of receipt, so a skew
 * between emnify's clock and ours does not shift it. Tokens without a readable
 * {@code exp}, or with one that leaves no life or claims more than {@link #LONGEST}, get
 * the default lifetime.
 */
final class TokenLifetime {

	/**
	 * The longest lifetime read from a token, as long as the longest duration any setting
	 * takes: emnify's tokens live hours or days, and a claim beyond it is nonsense, which
	 * the default lifetime replaces.
	 */
	static final Duration LONGEST = Duration.ofDays(365);

	// The latest epoch second an Instant holds.
	private static final double LATEST_CLAIM = Instant.MAX.getEpochSecond();

	private final Duration defaultAuthTokenLifetime;

	private final Duration defaultRefreshTokenLifetime;

	TokenLifetime(Duration defaultAuthTokenLifetime, Duration defaultRefreshTokenLifetime) {
		this.defaultAuthTokenLifetime = defaultAuthTokenLifetime;
		this.defaultRefreshTokenLifetime = defaultRefreshTokenLifetime;
	}

	/**
	 * Return how long an auth token lives from its receipt.
	 * @param value the token as emnify issued it
	 * @param receivedAt when it was received
	 * @return the lifetime it claims, or the default auth token lifetime
	 */
	Duration ofAuthToken(String value, Instant receivedAt) {
		Duration claimed = claimed(value, receivedAt);
		return (claimed != null) ? claimed : this.defaultAuthTokenLifetime;
	}

	/**
	 * Return how long a refresh token lives from its receipt.
	 * @param value the token as emnify issued it
	 * @param receivedAt when it was received
	 * @return the lifetime it claims, or the default refresh token lifetime
	 */
	Duration ofRefreshToken(String value, Instant receivedAt) {
		Duration claimed = claimed(value, receivedAt);
		return (claimed != null) ? claimed : this.defaultRefreshTokenLifetime;
	}

	/**
	 * Return the lifetime a token's claims give it from its receipt.
	 * @param token the token
	 * @param receivedAt when it was received
	 * @return the lifetime, or {@code null} when the claims give none that can be trusted
	 */
	static @Nullable Duration claimed(String token, Instant receivedAt) {
		JsonNode claims = EmnifyTokenClaims.of(token);
		if (claims == null || !claims.path("exp").isNumber()) {
			return null;
		}
		// Judged as doubles first: a claim may be any JSON number, and a long's
		// arithmetic overflows where a double only rounds.
		double exp = claims.path("exp").asDouble();
		boolean issued = claims.path("iat").isNumber();
		double iat = issued ? claims.path("iat").asDouble() : receivedAt.getEpochSecond();
		// An exp that is not after iat, or already past on our clock, says the clocks
		// disagree rather than that the token is dead: trusting it would mean a login per
		// request, and emnify's 401 still tells us if the token really is dead. A claim
		// beyond any instant, or a lifetime beyond the longest, is nonsense, and a token
		// kept for it would outlive any renewal the provider can time.
		double claimed = exp - iat;
		if (!(claimed > 0) || claimed > LONGEST.toSeconds() || Math.abs(exp) > LATEST_CLAIM
				|| Math.abs(iat) > LATEST_CLAIM) {
			return null;
		}
		Duration lifetime = issued ? issuedLifetime(claims.path("exp").asLong() - claims.path("iat").asLong())
				: Duration.between(receivedAt, Instant.ofEpochSecond(claims.path("exp").asLong()));
		return (lifetime.isNegative() || lifetime.isZero()) ? null : lifetime;
	}

	private static Duration issuedLifetime(long seconds) {
		// iat is truncated to whole seconds, so the token may have been issued up to a
		// second after it: count that second as gone.
		return Duration.ofSeconds((seconds > 1) ? seconds - 1 : seconds);
	}

}
