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
import java.util.Optional;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import io.github.iotstarters.emnify.auth.EmnifyTokenStore.Lease;
import io.github.iotstarters.emnify.auth.EmnifyTokenStore.RecordedFailure;

/**
 * Renewal of one session through a passive {@link EmnifyTokenStore}, so that of the
 * instances that share the store one renews for all: a session the store holds serves if
 * the provider accepts it; a failure another instance recorded holds this one back as
 * long; otherwise the instance that takes the store's lease looks again under it, takes
 * up the last rejection of the run and the single-use refresh token, renews, records the
 * outcome and releases the lease, while the others poll until the session appears.
 * <p>
 * An MFA code goes out only while the lease is still this instance's: the permit extends
 * it right before. When the store cannot reach its server, the instance renews with a
 * session of its own in memory, and sends no MFA code: the other instances, which reach
 * the renewal at the same moment, would send the same TOTP step's code, and emnify counts
 * each copy as a failed login.
 */
final class LeasedRenewal {

	private static final Log logger = LogFactory.getLog(LeasedRenewal.class);

	// How long the last of the user's rejected logins in a row is kept when no login
	// succeeds: emnify documents no end to its count, so long enough to outlast restarts,
	// and a day at most before a forgotten fleet tries once more.
	static final Duration REJECTIONS_KEPT = Duration.ofDays(1);

	private static final Duration FIRST_POLL = Duration.ofMillis(10);

	private static final Duration LONGEST_POLL = Duration.ofMillis(250);

	private final EmnifyTokenStore store;

	private final String sessionKey;

	private final Steps steps;

	private final EmnifyFailureAdvice advice;

	// A session of this instance's own while the store cannot reach its server.
	private final EmnifyTokenStore alone = new InMemoryEmnifyTokenStore();

	// What the renewal in flight waits for instead of renewing itself.
	private volatile @Nullable String waitingFor;

	LeasedRenewal(EmnifyTokenStore store, String sessionKey, Steps steps, EmnifyFailureAdvice advice) {
		this.store = store;
		this.sessionKey = sessionKey;
		this.steps = steps;
		this.advice = advice;
	}

	/**
	 * Return the session's tokens: those the store holds, if the provider accepts them,
	 * otherwise new ones, renewed here or by the instance that holds the lease.
	 * @return the session with an auth token, or the renewal's failure
	 */
	Mono<EmnifySession> obtain() {
		return Mono.defer(() -> {
			this.waitingFor = null;
			return attempt(this.store, Mono.empty())
				.repeatWhenEmpty(Integer.MAX_VALUE, (polls) -> polls.concatMap((poll) -> Mono.delay(pollDelay(poll))))
				.onErrorResume(EmnifyTokenStoreUnavailableException.class, (ex) -> {
					this.waitingFor = null;
					return attempt(this.alone, Mono.error(() -> noCodeAlone(ex)));
				});
		});
	}

	/**
	 * Discard the session's auth token if it still is the given one, in the store and in
	 * the session of this instance's own. Failures are not signalled.
	 * @param authToken the auth token emnify no longer accepts
	 * @return completion once both have acted
	 */
	Mono<Void> discard(String authToken) {
		return this.store.discard(this.sessionKey, authToken)
			.onErrorComplete()
			.then(this.alone.discard(this.sessionKey, authToken));
	}

	/**
	 * Return what the renewal in flight waits for instead of renewing itself.
	 * @return the wait, without a secret, completing "waited for"; {@code null} when it
	 * does not wait
	 */
	@Nullable String waitingFor() {
		return this.waitingFor;
	}

	// A session the store holds, a failure recorded there, or this instance's own
	// renewal under the lease; empty while another instance holds the lease, or this
	// one lost it before its MFA code.
	private Mono<EmnifySession> attempt(EmnifyTokenStore store, Mono<Void> alonePermit) {
		return held(store).switchIfEmpty(Mono.defer(() -> store.lease(this.sessionKey)
			.flatMap((lease) -> Mono.usingWhen(Mono.just(lease), (held) -> renewUnderLease(store, held, alonePermit),
					Lease::release, (held, ex) -> held.release(), Lease::release))
			.switchIfEmpty(Mono.fromRunnable(() -> this.waitingFor = "the renewal of another instance, which held "
					+ store.describeLease(this.sessionKey)))));
	}

	private Mono<EmnifySession> held(EmnifyTokenStore store) {
		return store.load(this.sessionKey)
			.filter(this.steps::accepts)
			.switchIfEmpty(Mono.defer(() -> store.heldBack(this.sessionKey, this.steps.settingsDigest()))
				.flatMap((failure) -> Mono.error(EmnifyAuthenticationException.recorded(failure,
						"; this instance holds back its logins as that one does.)"))));
	}

	private Mono<EmnifySession> renewUnderLease(EmnifyTokenStore store, Lease lease, Mono<Void> alonePermit) {
		this.waitingFor = null;
		// Another holder may have stored a session, or a failure, between the look and
		// the lease.
		return held(store).switchIfEmpty(Mono.defer(() -> lastRejection(store).map(Optional::of)
			.defaultIfEmpty(Optional.empty())
			.flatMap((lastRejection) -> store.takeRefreshToken(this.sessionKey)
				.map(Optional::of)
				.defaultIfEmpty(Optional.empty())
				.flatMap((refreshToken) -> renew(store, lease, alonePermit, refreshToken.orElse(null),
						lastRejection.orElse(null))))));
	}

	private Mono<EmnifyAuthenticationException> lastRejection(EmnifyTokenStore store) {
		String settingsDigest = this.steps.settingsDigest();
		return settingsDigest.isEmpty() ? Mono.empty()
				: store.lastRejection(this.sessionKey, settingsDigest)
					.map((failure) -> EmnifyAuthenticationException.recorded(failure,
							"; logins with these settings count on from it.)"));
	}

	private Mono<EmnifySession> renew(EmnifyTokenStore store, Lease lease, Mono<Void> alonePermit,
			@Nullable EmnifyToken refreshToken, @Nullable EmnifyAuthenticationException lastRejection) {
		// Checked, and extended, right before a code goes out: a holder that lost its
		// lease sends none, and waits for its successor's tokens instead.
		Mono<Void> mfaCodePermit = alonePermit.then(Mono.defer(lease::extend))
			.flatMap((held) -> held ? Mono.<Void>empty() : Mono.error(new LeaseLostException()));
		return Mono.defer(() -> this.steps.renew(refreshToken, lastRejection, mfaCodePermit))
			.single()
			// The stored rejection itself, refused again, is kept as it was stored: its
			// day is not renewed, nor its message extended.
			.onErrorResume(EmnifyAuthenticationException.class,
					(ex) -> (ex == lastRejection) ? Mono.error(ex) : record(store, ex).then(Mono.error(ex)))
			.onErrorResume(LeaseLostException.class, (ex) -> {
				logger.debug("Lost the emnify token store's lease before the MFA code; no code sent");
				return Mono.empty();
			})
			.flatMap((session) -> store.save(this.sessionKey, lease, session)
				.onErrorReturn(EmnifyTokenStoreUnavailableException.class, false)
				.thenReturn(session));
	}

	// Only failures emnify answered hold back the others, for their hold-back: a network
	// problem of this instance's own says nothing about the others'. A failure counted
	// with the user's rejected logins, answered or not (a stop after a step emnify left
	// unanswered), is also kept as the run's last, for the settings it was met with, so
	// that an instance that asks after the cooldown, or starts later, counts on.
	private Mono<Void> record(EmnifyTokenStore store, EmnifyAuthenticationException failure) {
		boolean answered = failure.getStatusCode() != null;
		int inARow = failure.getRejectedLoginsInARow();
		if (!answered && inARow < 1) {
			return Mono.empty();
		}
		Duration holdBack = this.steps.holdBack(failure);
		String settingsDigest = this.steps.settingsDigest();
		RecordedFailure recorded = RecordedFailure.of(failure);
		Mono<Void> heldBack = (!answered || holdBack.toMillis() < 1) ? Mono.empty()
				: store.holdBack(this.sessionKey, settingsDigest, recorded, holdBack);
		Mono<Void> kept = (inARow < 1 || settingsDigest.isEmpty()) ? Mono.empty()
				: store.recordRejection(this.sessionKey, settingsDigest, recorded, REJECTIONS_KEPT);
		return heldBack.then(kept).onErrorComplete();
	}

	// Held back for the store's retry interval, when it may answer again: no login was
	// sent, so none is counted.
	private EmnifyAuthenticationException noCodeAlone(EmnifyTokenStoreUnavailableException unavailable) {
		return EmnifyAuthenticationException.notSent("emnify login not sent, as it would need an MFA code (MFA login): "
				+ "this instance cannot reach " + unavailable.getServer() + ", the shared token store through which "
				+ "one instance logs in for the whole fleet, and a login of its own could make emnify lock the user. "
				+ "emnify accepts the code of one 30-second TOTP step, or of one mail, once, and counts the copies that "
				+ "the other instances send at the same moment as failed logins; three in a row lock the user for 5 "
				+ "minutes. The token held serves until it is stale, and the fleet logs in once when "
				+ unavailable.getServer() + " answers again. "
				+ this.advice.advise(EmnifyFailureKind.NO_MFA_WITHOUT_SHARED_STORE, EmnifyGrantType.MFA, null),
				EmnifyFailureKind.NO_MFA_WITHOUT_SHARED_STORE, EmnifyGrantType.MFA, unavailable.getRetryInterval());
	}

	private static Duration pollDelay(long poll) {
		long millis = FIRST_POLL.toMillis() << Math.min(poll, 5);
		return Duration.ofMillis(Math.min(millis, LONGEST_POLL.toMillis()));
	}

	/**
	 * What the provider decides in a renewal: whether a held session serves, how to
	 * obtain new tokens, and how long a failure holds logins back.
	 */
	interface Steps {

		/**
		 * Return whether the held session can be handed out without a renewal.
		 * @param session the session held
		 * @return whether its auth token is good for now
		 */
		boolean accepts(EmnifySession session);

		/**
		 * Obtain new tokens from emnify.
		 * @param refreshToken the refresh token taken out of the store, if one was held
		 * @param lastRejection the run's last rejection recorded for these settings, if
		 * any
		 * @param mfaCodePermit completes when an MFA code may be sent now, or fails with
		 * the reason it may not
		 * @return the new session, or the failure
		 */
		Mono<EmnifySession> renew(@Nullable EmnifyToken refreshToken,
				@Nullable EmnifyAuthenticationException lastRejection, Mono<Void> mfaCodePermit);

		/**
		 * Return how long the given failure holds logins back.
		 * @param failure the failure of {@link #renew}
		 * @return how long; zero for not at all
		 */
		Duration holdBack(EmnifyAuthenticationException failure);

		/**
		 * Return a digest of the settings the provider logs in with.
		 * @return the digest; empty for a renewal whose rejected logins are not counted
		 */
		String settingsDigest();

	}

	/**
	 * A lease holder's lease went to another instance before its MFA code went out.
	 */
	private static final class LeaseLostException extends RuntimeException {

		LeaseLostException() {
			super("emnify token store lease lost before the MFA code", null, false, false);
		}

	}

}
