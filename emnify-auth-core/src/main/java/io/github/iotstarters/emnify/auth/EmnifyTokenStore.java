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
import org.springframework.http.HttpStatusCode;
import reactor.core.publisher.Mono;

/**
 * Where the default {@link EmnifyTokenProvider} keeps the tokens of its emnify session.
 * <p>
 * The provider always serves cached tokens from its own memory and runs at most one
 * renewal at a time; it asks the store only when its token needs renewal or emnify
 * stopped accepting it. The store is passive: it holds the session, the single-use
 * refresh token, a lease that entitles one instance to renew for all, and a ledger of
 * failures that hold every instance back, and never calls back into the provider, which
 * decides. {@link InMemoryEmnifyTokenStore}, the default, keeps the session for one
 * application instance: its lease is always held and its ledger empty.
 * {@code RedisEmnifyTokenStore}, in {@code emnify-auth-redis}, shares it among every
 * instance that uses the same emnify identity, so that a fleet logs in once instead of
 * once per instance, each login invalidating the others' refresh tokens.
 * <p>
 * Sessions are told apart by a key that names emnify's base URL and a hash of the
 * identity, never a secret. A store that cannot reach its server fails with an
 * {@link EmnifyTokenStoreUnavailableException}; the provider then keeps a session of the
 * instance's own until the store answers again.
 */
public interface EmnifyTokenStore {

	/**
	 * Discard the session's auth token if it still is the given one, keeping the refresh
	 * token; a token that was replaced meanwhile is left alone. Failures are not
	 * signalled: a token that stays held is judged again by the provider that loads it.
	 * @param sessionKey the key of the session
	 * @param authToken the auth token emnify no longer accepts
	 * @return completion once the store has acted
	 */
	Mono<Void> discard(String sessionKey, String authToken);

	/**
	 * Return the session's tokens as the store holds them, renewing nothing.
	 * @param sessionKey the key of the session
	 * @return the session held, empty when none is
	 */
	Mono<EmnifySession> load(String sessionKey);

	/**
	 * Take the session's refresh token out of the store, leaving its auth token: emnify
	 * accepts a refresh token once, so it goes to one renewal only, whatever that
	 * renewal's outcome.
	 * @param sessionKey the key of the session
	 * @return the refresh token, empty when none is held
	 */
	Mono<EmnifyToken> takeRefreshToken(String sessionKey);

	/**
	 * Hold new tokens for the session, provided the given lease is still held: a holder
	 * that lost its lease must not overwrite its successor's tokens.
	 * @param sessionKey the key of the session
	 * @param lease the lease obtained from {@link #lease(String)} for the session
	 * @param session the new session, with an auth token
	 * @return whether the tokens are held; {@code false} once the lease is lost or the
	 * store could not take them
	 */
	Mono<Boolean> save(String sessionKey, Lease lease, EmnifySession session);

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
	 * Describe the session's lease for a message, without a secret: where it is kept, and
	 * what ends it when its holder dies.
	 * @param sessionKey the key of the session
	 * @return the description, completing "held"
	 */
	default String describeLease(String sessionKey) {
		return "the lease of the token store " + getClass().getName();
	}

	/**
	 * Return the failure that holds back every instance's logins of the session, as the
	 * instance that met it {@linkplain #holdBack recorded} it, with what is left of its
	 * hold-back. Part of the ledger through which instances that share the store fail
	 * fast instead of each repeating a login emnify refused.
	 * @param sessionKey the key of the session
	 * @param settingsDigest the digest of the settings this instance logs in with: the
	 * failure's count of rejected logins applies only to the settings it was met with,
	 * and is zero for others, which hold back as long but count their own
	 * @return the failure, empty when none holds back; by default empty, for a store that
	 * shares nothing
	 */
	default Mono<RecordedFailure> heldBack(String sessionKey, String settingsDigest) {
		return Mono.empty();
	}

	/**
	 * Hold back every instance's logins of the session for the given time, after a
	 * failure emnify answered.
	 * @param sessionKey the key of the session
	 * @param settingsDigest the digest of the settings the failure was met with; empty
	 * for a renewal that does not log in itself
	 * @param failure the failure, which the others fail with meanwhile
	 * @param duration how long to hold back, at least a millisecond
	 * @return completion once recorded; a store that cannot record completes all the same
	 */
	default Mono<Void> holdBack(String sessionKey, String settingsDigest, RecordedFailure failure, Duration duration) {
		return Mono.empty();
	}

	/**
	 * Return the last rejected login of the session's run, recorded for the given
	 * settings: logins of the user that emnify rejected in a row, perhaps on another
	 * instance and long ago, count towards emnify's lock until a login succeeds.
	 * @param sessionKey the key of the session
	 * @param settingsDigest the digest of the settings this instance logs in with; never
	 * empty
	 * @return the rejection with its count, empty when none is recorded for these
	 * settings; by default empty
	 */
	default Mono<RecordedFailure> lastRejection(String sessionKey, String settingsDigest) {
		return Mono.empty();
	}

	/**
	 * Record a failure counted with the user's rejected logins as the run's last, for the
	 * settings it was met with, replacing the one before. A {@linkplain #save saved}
	 * session ends the run.
	 * @param sessionKey the key of the session
	 * @param settingsDigest the digest of the settings the failure was met with; never
	 * empty. It is a hash of secrets: keep it only as a keyed hash or encrypted
	 * @param failure the failure, with its count of rejected logins in a row
	 * @param keepFor how long to keep it
	 * @return completion once recorded; a store that cannot record completes all the same
	 */
	default Mono<Void> recordRejection(String sessionKey, String settingsDigest, RecordedFailure failure,
			Duration keepFor) {
		return Mono.empty();
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
		 * Return a lease of this instance's own, always held, for a store that shares
		 * nothing.
		 * @return the lease
		 */
		static Lease unshared() {
			return UnsharedLease.INSTANCE;
		}

	}

	/**
	 * A failure as a store keeps it for the instances that share it: what an
	 * {@link EmnifyAuthenticationException} tells, without its stack trace or cause.
	 *
	 * @param message the failure's message
	 * @param kind what went wrong
	 * @param grantType the step that failed
	 * @param status the HTTP status emnify answered, if it answered
	 * @param errorToken emnify's error token, if it sent one
	 * @param emnifyMessage emnify's message, if it sent one
	 * @param rejected whether emnify rejected the credentials or the code
	 * @param rejectedLoginsInARow the user's rejected logins in a row, this failure
	 * included, that emnify may have counted towards its lock
	 * @param remaining what is left of the hold-back, when read back from a store; zero
	 * otherwise
	 */
	record RecordedFailure(String message, EmnifyFailureKind kind, EmnifyGrantType grantType, @Nullable Integer status,
			@Nullable String errorToken, @Nullable String emnifyMessage, boolean rejected, int rejectedLoginsInARow,
			Duration remaining) {

		/**
		 * Record what the given failure tells.
		 * @param failure the failure
		 * @return the record, with nothing remaining
		 */
		public static RecordedFailure of(EmnifyAuthenticationException failure) {
			HttpStatusCode status = failure.getStatusCode();
			return new RecordedFailure(String.valueOf(failure.getMessage()), failure.getKind(), failure.getGrantType(),
					(status != null) ? status.value() : null, failure.getErrorToken(), failure.getEmnifyMessage(),
					failure.isRejected(), failure.getRejectedLoginsInARow(), Duration.ZERO);
		}

		/**
		 * Return this failure with what is left of its hold-back.
		 * @param remaining what is left
		 * @return the record
		 */
		public RecordedFailure withRemaining(Duration remaining) {
			return new RecordedFailure(this.message, this.kind, this.grantType, this.status, this.errorToken,
					this.emnifyMessage, this.rejected, this.rejectedLoginsInARow, remaining);
		}

		/**
		 * Return this failure without its count of rejected logins, for an instance with
		 * other settings than the one that met it.
		 * @return the record
		 */
		public RecordedFailure uncounted() {
			return new RecordedFailure(this.message, this.kind, this.grantType, this.status, this.errorToken,
					this.emnifyMessage, this.rejected, 0, this.remaining);
		}

	}

}
