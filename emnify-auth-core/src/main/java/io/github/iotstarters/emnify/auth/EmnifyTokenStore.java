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

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Where the default {@link EmnifyTokenProvider} keeps the tokens of its emnify session,
 * and who decides which caller renews them.
 * <p>
 * The provider always serves cached tokens from its own memory and runs at most one
 * renewal at a time; it asks the store only when its token needs renewal or emnify
 * stopped accepting it. {@link InMemoryEmnifyTokenStore}, the default, keeps the session
 * for one application instance. {@code RedisEmnifyTokenStore}, in
 * {@code emnify-auth-redis}, shares it among every instance that uses the same emnify
 * identity, so that a fleet logs in once instead of once per instance, each login
 * invalidating the others' refresh tokens.
 * <p>
 * Sessions are told apart by a key that names emnify's base URL and a hash of the
 * identity, never a secret.
 */
public interface EmnifyTokenStore {

	/**
	 * Return the session's tokens: those held, if the renewal accepts them, otherwise new
	 * ones that {@link Renewal#renew} obtains and the store then holds.
	 * @param sessionKey the key of the session
	 * @param renewal how to judge held tokens and obtain new ones
	 * @return the session with an auth token, or the renewal's failure
	 */
	Mono<EmnifySession> obtain(String sessionKey, Renewal renewal);

	/**
	 * Discard the session's auth token if it still is the given one, keeping the refresh
	 * token; a token that was replaced meanwhile is left alone. Failures are not
	 * signalled: a token that stays held is judged by the next {@link Renewal#accepts}.
	 * @param sessionKey the key of the session
	 * @param authToken the auth token emnify no longer accepts
	 * @return completion once the store has acted
	 */
	Mono<Void> discard(String sessionKey, String authToken);

	/**
	 * Return the session's tokens as the store holds them, renewing nothing. Part of the
	 * passive contract through which the provider renews on its own, the store never
	 * calling back into it.
	 * @param sessionKey the key of the session
	 * @return the session held, empty when none is; by default empty, for a store that
	 * keeps nothing
	 */
	default Mono<EmnifySession> load(String sessionKey) {
		return Mono.empty();
	}

	/**
	 * Take the session's refresh token out of the store, leaving its auth token: emnify
	 * accepts a refresh token once, so it goes to one renewal only, whatever that
	 * renewal's outcome.
	 * @param sessionKey the key of the session
	 * @return the refresh token, empty when none is held; by default empty
	 */
	default Mono<EmnifyToken> takeRefreshToken(String sessionKey) {
		return Mono.empty();
	}

	/**
	 * Hold new tokens for the session, provided the given lease is still held: a holder
	 * that lost its lease must not overwrite its successor's tokens.
	 * @param sessionKey the key of the session
	 * @param lease the lease obtained from {@link #lease(String)} for the session
	 * @param session the new session, with an auth token
	 * @return whether the tokens are held; {@code false} once the lease is lost or the
	 * store could not take them. By default {@code true}, for a store that keeps nothing
	 * and whose lease is its own
	 */
	default Mono<Boolean> save(String sessionKey, Lease lease, EmnifySession session) {
		return Mono.just(true);
	}

	/**
	 * Take the lease that entitles one instance to renew the session for all that share
	 * the store.
	 * @param sessionKey the key of the session
	 * @return the lease, empty while another instance holds it; by default a lease of
	 * this instance's own, always held, for a store that shares nothing
	 */
	default Mono<Lease> lease(String sessionKey) {
		return Mono.just(Lease.unshared());
	}

	/**
	 * Describe the store, for health details: its type, whether tokens are shared with
	 * other instances right now and, if sharing failed, since when and why.
	 * @return the store's state; by default its class name, not shared
	 */
	default EmnifyTokenStoreStatus status() {
		return new EmnifyTokenStoreStatus(getClass().getSimpleName(), false, null, null);
	}

	/**
	 * The right of one instance to renew a session for every instance that shares the
	 * store, until it is released or expires.
	 */
	interface Lease {

		/**
		 * Keep the lease for another lease time. An instance renews its lease while it
		 * renews, and right before an MFA code goes out: a holder that lost its lease
		 * sends none.
		 * @return whether the lease is still held
		 */
		Mono<Boolean> extend();

		/**
		 * Give the lease up, so that another instance may renew at once. A lease that
		 * cannot be released expires.
		 * @return completion once released
		 */
		Mono<Void> release();

		/**
		 * Describe the lease for a message, without a secret: where it is kept.
		 * @return the description
		 */
		String describe();

		/**
		 * Return a lease of this instance's own, always held, for a store that shares
		 * nothing.
		 * @return the lease
		 */
		static Lease unshared() {
			return UnsharedLease.INSTANCE;
		}

	}

	/**
	 * How a {@link EmnifyTokenProvider} judges held tokens and obtains new ones.
	 */
	interface Renewal {

		/**
		 * Return whether the held session can be handed out without a renewal.
		 * @param session the session held
		 * @return whether its auth token is good for now
		 */
		boolean accepts(EmnifySession session);

		/**
		 * Obtain new tokens from emnify.
		 * @param refreshToken the held refresh token, already taken out of the store
		 * because it is single-use; {@code null} when none is held
		 * @return the new session, or an {@link EmnifyAuthenticationException}
		 */
		Mono<EmnifySession> renew(@Nullable EmnifyToken refreshToken);

		/**
		 * Obtain new tokens from emnify, as {@link #renew(EmnifyToken)} does, knowing the
		 * last rejected login that the store keeps for the session's
		 * {@linkplain #settingsDigest() settings}: logins of the user that emnify
		 * rejected in a row, perhaps on another instance and long ago, count towards
		 * emnify's lock until a login succeeds. The default token provider fails with
		 * that rejection instead of sending the login that would make emnify lock the
		 * user.
		 * @param refreshToken the held refresh token, already taken out of the store;
		 * {@code null} when none is held
		 * @param lastRejection the stored rejection, with its
		 * {@link EmnifyAuthenticationException#getRejectedLoginsInARow() count};
		 * {@code null} when none is stored for these settings
		 * @return the new session, or an {@link EmnifyAuthenticationException}
		 */
		default Mono<EmnifySession> renew(@Nullable EmnifyToken refreshToken,
				@Nullable EmnifyAuthenticationException lastRejection) {
			return renew(refreshToken);
		}

		/**
		 * Obtain new tokens from emnify, as
		 * {@link #renew(EmnifyToken, EmnifyAuthenticationException)} does, sending an MFA
		 * code only with the store's permit. emnify accepts the code of one 30-second
		 * TOTP step, or of one mail, once, and counts each further copy as a failed
		 * login: of the instances that share a store, only the one that renews for all
		 * may send a code, or together they make emnify lock the user. The default token
		 * provider, for a user with an MFA code source, subscribes to the permit before
		 * the password step and again right before the code goes out, and sends neither
		 * when it fails; the renewal then fails with the permit's error, which counts as
		 * no rejected login.
		 * @param refreshToken the held refresh token, already taken out of the store;
		 * {@code null} when none is held
		 * @param lastRejection the stored rejection, as for
		 * {@link #renew(EmnifyToken, EmnifyAuthenticationException)}; {@code null} when
		 * none is stored
		 * @param mfaCodePermit completes when a code may be sent now, or fails with the
		 * reason it may not
		 * @return the new session, or an {@link EmnifyAuthenticationException}, or the
		 * permit's error
		 */
		default Mono<EmnifySession> renew(@Nullable EmnifyToken refreshToken,
				@Nullable EmnifyAuthenticationException lastRejection, Mono<Void> mfaCodePermit) {
			return renew(refreshToken, lastRejection);
		}

		/**
		 * Learn that the store waits for another instance's renewal of the session
		 * instead of renewing itself, or no longer does, so that a renewal that ends on
		 * its bound meanwhile says what it waited for.
		 * @param wait what the store waits for, without a secret, completing "waited
		 * for"; {@code null} once it waits no longer
		 */
		default void waitsFor(@Nullable String wait) {
		}

		/**
		 * Return a digest of the settings the renewal logs in with (the credentials, the
		 * MFA code source, the trusted device), never the settings themselves, so that a
		 * store keeps a count of rejected logins for those settings only: changed
		 * settings get one try (which emnify counts on from, so a wrong one may be its
		 * third failure). A store that wraps a renewal must pass this on, or rejected
		 * logins are not counted across instances. It is a hash of secrets: keep it
		 * encrypted.
		 * @return the digest; empty for a renewal whose rejected logins are not counted
		 * (one that does not log in itself, such as a workspace switch)
		 */
		default String settingsDigest() {
			return "";
		}

		/**
		 * Return how long no renewal should be tried after the given failure, so that a
		 * store shared by several instances can let the others fail fast instead of each
		 * repeating a rejected login.
		 * @param failure the failure of {@link #renew}
		 * @return how long to hold back renewals; zero for not at all
		 */
		Duration holdBack(EmnifyAuthenticationException failure);

	}

}
