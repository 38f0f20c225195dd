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
import org.springframework.util.Assert;

/**
 * When the default token provider renews a token and when it stops handing one out, under
 * the names of the builder's settings:
 * <ul>
 * <li>the refresh margin places a token's {@linkplain EmnifyToken#renewAt() renewal
 * instant} before its expiry, from when the next caller starts a renewal in the
 * background and goes on with the token;</li>
 * <li>the expiry margin places its {@linkplain EmnifyToken#staleAt() staleness instant},
 * from when it is no longer handed out and callers wait for a new one;</li>
 * <li>a session a store holds is taken up only while no renewal of it is due, and never
 * with the token this provider discarded after a 401;</li>
 * <li>a 401 discards the token, unless it replaced one answered 401 less than the
 * unauthorized-renewal interval ago: a path that always answers 401 then costs one login
 * per interval instead of one per request.</li>
 * </ul>
 * The margins are capped at a half (refresh) and a quarter (expiry) of the
 * {@link TokenLifetime}, so a token that lives shorter than the margins is still used for
 * most of its life instead of causing a login on every request.
 *
 * @param refreshMargin how long before expiry a renewal starts in the background
 * @param expiryMargin how long before expiry a token is no longer handed out
 * @param unauthorizedRenewalInterval the shortest time between two renewals caused by 401
 * answers
 * @param lifetime how long the tokens live
 */
record RenewalTrigger(Duration refreshMargin, Duration expiryMargin, Duration unauthorizedRenewalInterval,
		TokenLifetime lifetime) {

	RenewalTrigger {
		// Otherwise a token would go stale before its renewal is due, and a stale token
		// not yet due would serve from the provider and from a store.
		Assert.isTrue(expiryMargin.compareTo(refreshMargin) <= 0,
				() -> "emnify token expiry margin (" + expiryMargin + ") must not be greater than the refresh margin ("
						+ refreshMargin
						+ "): a token would go stale before its renewal is due. Set the refresh margin to at least the "
						+ "expiry margin.");
	}

	/**
	 * Return an auth token received now, with its renewal and staleness instants.
	 * @param value the token as emnify issued it
	 * @param receivedAt when it was received
	 * @return the token
	 */
	EmnifyToken authToken(String value, Instant receivedAt) {
		return token(value, receivedAt, this.lifetime.ofAuthToken(value, receivedAt));
	}

	/**
	 * Return a refresh token received now, with its renewal and staleness instants.
	 * @param value the token as emnify issued it
	 * @param receivedAt when it was received
	 * @return the token
	 */
	EmnifyToken refreshToken(String value, Instant receivedAt) {
		return token(value, receivedAt, this.lifetime.ofRefreshToken(value, receivedAt));
	}

	private EmnifyToken token(String value, Instant receivedAt, Duration lifetime) {
		Instant expiresAt = receivedAt.plus(lifetime);
		Instant renewAt = expiresAt.minus(min(this.refreshMargin, lifetime.dividedBy(2)));
		Instant staleAt = expiresAt.minus(min(this.expiryMargin, lifetime.dividedBy(4)));
		return new EmnifyToken(value, expiresAt, renewAt, staleAt);
	}

	/**
	 * Return whether a session a store holds serves instead of a renewal.
	 * @param stored the session
	 * @param rejected the last token the provider discarded after a 401, which a shared
	 * store may still hold until the discard reached it
	 * @param now the current instant
	 * @return whether its auth token needs no renewal and is not the rejected one
	 */
	boolean accepts(EmnifySession stored, @Nullable String rejected, Instant now) {
		EmnifyToken authToken = stored.authToken();
		return authToken != null && !authToken.needsRenewalAt(now) && !authToken.value().equals(rejected);
	}

	/**
	 * Return whether a 401 to the token held discards it, so that a renewal follows.
	 * @param replacedRejectedTokenAt when the token held was obtained to replace one
	 * answered 401, or {@code null} if it was obtained otherwise
	 * @param now the current instant
	 * @return whether the unauthorized-renewal interval since that replacement is over
	 */
	boolean discards(@Nullable Instant replacedRejectedTokenAt, Instant now) {
		return replacedRejectedTokenAt == null
				|| !now.isBefore(replacedRejectedTokenAt.plus(this.unauthorizedRenewalInterval));
	}

	private static Duration min(Duration a, Duration b) {
		return (a.compareTo(b) <= 0) ? a : b;
	}

}
