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

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns token values into {@link EmnifyToken}s: reads the lifetime from the JWT claims
 * (never verifying the signature, the key is emnify's) and places the renewal and
 * staleness instants before expiry.
 * <p>
 * The lifetime is {@code exp - iat} when both claims are present (less the second that
 * truncating {@code iat} may hide) and is counted from the moment of receipt, so a skew
 * between emnify's clock and ours does not shift it. Tokens without a readable
 * {@code exp}, or with one that leaves no life or claims more than
 * {@link #LONGEST_LIFETIME}, get the default lifetime. Margins are capped at a half
 * (renewal) and a quarter (staleness) of the lifetime, so a token that lives shorter than
 * the margins is still used for most of its life instead of causing a login on every
 * request.
 */
final class TokenTiming {

	/**
	 * The longest lifetime read from a token, as long as the longest duration any setting
	 * takes: emnify's tokens live hours or days, and a claim beyond it is nonsense, which
	 * the default lifetime replaces.
	 */
	static final Duration LONGEST_LIFETIME = Duration.ofDays(365);

	// The latest epoch second an Instant holds.
	private static final double LATEST_CLAIM = Instant.MAX.getEpochSecond();

	private final Duration refreshMargin;

	private final Duration expiryMargin;

	private final Duration defaultAuthTokenLifetime;

	private final Duration defaultRefreshTokenLifetime;

	TokenTiming(Duration refreshMargin, Duration expiryMargin, Duration defaultAuthTokenLifetime,
			Duration defaultRefreshTokenLifetime) {
		this.refreshMargin = refreshMargin;
		this.expiryMargin = expiryMargin;
		this.defaultAuthTokenLifetime = defaultAuthTokenLifetime;
		this.defaultRefreshTokenLifetime = defaultRefreshTokenLifetime;
	}

	EmnifyToken authToken(String value, Instant receivedAt) {
		return token(value, receivedAt, this.defaultAuthTokenLifetime);
	}

	EmnifyToken refreshToken(String value, Instant receivedAt) {
		return token(value, receivedAt, this.defaultRefreshTokenLifetime);
	}

	private EmnifyToken token(String value, Instant receivedAt, Duration defaultLifetime) {
		Duration claimed = lifetime(value, receivedAt);
		Duration lifetime = (claimed != null) ? claimed : defaultLifetime;
		Instant expiresAt = receivedAt.plus(lifetime);
		Instant renewAt = expiresAt.minus(min(this.refreshMargin, lifetime.dividedBy(2)));
		Instant staleAt = expiresAt.minus(min(this.expiryMargin, lifetime.dividedBy(4)));
		return new EmnifyToken(value, expiresAt, renewAt, staleAt);
	}

	static @Nullable Duration lifetime(String token, Instant receivedAt) {
		JsonNode claims = claims(token);
		if (claims == null || !claims.path("exp").isNumber()) {
			return null;
		}
		// Judged as doubles first: a claim may be any JSON number, and a long's
		// arithmetic
		// overflows where a double only rounds.
		double exp = claims.path("exp").asDouble();
		boolean issued = claims.path("iat").isNumber();
		double iat = issued ? claims.path("iat").asDouble() : receivedAt.getEpochSecond();
		// An exp that is not after iat, or already past on our clock, says the clocks
		// disagree rather than that the token is dead: trusting it would mean a login per
		// request, and emnify's 401 still tells us if the token really is dead. A claim
		// beyond any instant, or a lifetime beyond the longest, is nonsense, and a token
		// kept for it would outlive any renewal the provider can time.
		double claimed = exp - iat;
		if (!(claimed > 0) || claimed > LONGEST_LIFETIME.toSeconds() || Math.abs(exp) > LATEST_CLAIM
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

	private static @Nullable JsonNode claims(String token) {
		String[] parts = token.split("\\.", -1);
		if (parts.length != 3) {
			return null;
		}
		try {
			byte[] payload = Base64.getUrlDecoder().decode(parts[1]);
			JsonNode claims = JsonMapper.shared().readTree(new String(payload, StandardCharsets.UTF_8));
			return claims.isObject() ? claims : null;
		}
		catch (IllegalArgumentException | JacksonException ex) {
			return null;
		}
	}

	private static Duration min(Duration a, Duration b) {
		return (a.compareTo(b) <= 0) ? a : b;
	}

}
