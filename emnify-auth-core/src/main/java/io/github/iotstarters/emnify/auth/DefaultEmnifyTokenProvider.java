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

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatusCode;
import org.springframework.util.Assert;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import io.github.iotstarters.emnify.auth.AuthenticationClient.Tokens;
import io.github.iotstarters.emnify.auth.EmnifyAuthenticationException.Failure;
import io.github.iotstarters.emnify.auth.ProviderState.HeldBack;

/**
 * Default {@link EmnifyTokenProvider}: an immutable {@link ProviderState} swapped
 * atomically, and at most one renewal in flight, whose outcome every waiting caller
 * shares. The renewal goes through the {@link EmnifyTokenStore} as {@link LeasedRenewal}
 * says: the session the store holds serves when this provider {@linkplain #accepts
 * accepts} it, otherwise the instance that holds the store's lease {@linkplain #renew
 * renews} it.
 * <p>
 * The renewal runs detached from the caller that started it, so a caller that cancels (a
 * timeout, a client that went away) does not cancel the login the others wait for; for
 * the same reason it does not see that caller's Reactor context.
 * <p>
 * A failed renewal holds back the next one (see {@link HoldBackPolicy}): for the
 * rejected-credentials cooldown after a rejection, otherwise for a pause that doubles
 * with each consecutive failed renewal, or as long as emnify's {@code Retry-After} asked,
 * whichever is longer. This keeps an outage from turning into a stream of logins that
 * spends emnify's rate limit of 100 per 5 minutes. A token obtained after a 401 is kept,
 * for the unauthorized-renewal interval, when it is answered 401 as well: that rule, and
 * when a renewal is due, is {@link RenewalTrigger}'s.
 * <p>
 * No login is sent once emnify may have counted two failed logins of the user in a row,
 * here or across a fleet, so that the provider never causes emnify's lockout: that rule,
 * and how each failure counts towards it, is {@link LockoutGuard}'s.
 * <p>
 * Every renewal ends within {@link #getTokenTimeout()}, whatever the token store or an
 * observation handler does: waiters are always told.
 */
final class DefaultEmnifyTokenProvider implements EmnifyTokenProvider, LeasedRenewal.Steps {

	private static final Log logger = LogFactory.getLog(DefaultEmnifyTokenProvider.class);

	// The longest renewal bound: Reactor's timers count nanoseconds, about 292 years.
	private static final Duration LONGEST_RENEWAL = Duration.ofDays(36_500);

	// The Reactor context key of the current observation
	// (ObservationThreadLocalAccessor.KEY),
	// as WebClient reads and writes it.
	private static final String OBSERVATION_KEY = "micrometer.observation";

	private final Grant grant;

	private final EmnifyTokenStore store;

	private final LeasedRenewal leased;

	private final RenewalTrigger trigger;

	private final HoldBackPolicy holdBack;

	private final Duration renewalTimeout;

	private final Clock clock;

	private final ObservationRegistry observationRegistry;

	private final EmnifyFailureAdvice advice;

	private final LockoutGuard lockout;

	private final AtomicReference<ProviderState> state = new AtomicReference<>(ProviderState.EMPTY);

	private final AtomicReference<@Nullable Mono<EmnifyToken>> renewal = new AtomicReference<>();

	// The last token this provider discarded after a 401: a shared store may still hold
	// it until the discard reached it, and it must not be taken back from there.
	private volatile @Nullable String rejected;

	// Renewals that failed transiently in a row; written only by the one renewal in
	// flight.
	private volatile int transientFailures;

	DefaultEmnifyTokenProvider(Grant grant, EmnifyTokenStore store, String sessionKey, RenewalTrigger trigger,
			HoldBackPolicy holdBack, Clock clock, ObservationRegistry observationRegistry, EmnifyFailureAdvice advice) {
		this.grant = grant;
		this.store = store;
		this.leased = new LeasedRenewal(store, sessionKey, this, advice);
		this.trigger = trigger;
		this.holdBack = holdBack;
		// Twice the grant's bound: through a shared store, a renewal may first wait for
		// another instance's, then run its own.
		this.renewalTimeout = saturatedTwice(grant.timeout());
		this.clock = clock;
		this.observationRegistry = observationRegistry;
		this.advice = advice;
		this.lockout = new LockoutGuard(grant.grantType(), advice);
	}

	@Override
	public Mono<String> getToken() {
		return Mono.deferContextual((context) -> {
			String token = getTokenIfAvailable();
			if (token != null) {
				return Mono.just(token);
			}
			// A reactive caller's observation is in its Reactor context, a blocking
			// caller's (RestClient) in the registry's thread-local scope.
			Observation caller = context.getOrDefault(OBSERVATION_KEY, null);
			return renewal(this.clock.instant(),
					(caller != null) ? caller : this.observationRegistry.getCurrentObservation())
				.map(EmnifyToken::value);
		});
	}

	@Override
	public @Nullable String getTokenIfAvailable() {
		Instant now = this.clock.instant();
		EmnifyToken current = this.state.get().authToken();
		if (current == null || !current.isUsableAt(now)) {
			return null;
		}
		if (current.needsRenewalAt(now)) {
			// The returned Mono is dropped on purpose: the renewal runs on its own and
			// this caller goes on with the token it has, so it is no parent of it.
			renewal(now, null);
		}
		return current.value();
	}

	@Override
	public EmnifyTokenStatus status() {
		Instant now = this.clock.instant();
		EmnifyToken authToken = this.state.get().authToken();
		HeldBack heldBack = heldBackAt(now);
		return new EmnifyTokenStatus((authToken != null) ? authToken.expiresAt() : null,
				(heldBack != null) ? heldBack.failure() : null, (heldBack != null) ? heldBack.until() : null);
	}

	@Override
	public Duration getTokenTimeout() {
		return this.renewalTimeout;
	}

	@Override
	public boolean invalidate(String token) {
		Instant now = this.clock.instant();
		ProviderState before = this.state.get();
		boolean invalidated = false;
		while (before.isCurrent(token) && this.trigger.discards(before.replacedRejectedTokenAt(), now)) {
			// Refused from the store before it leaves the state: a renewal that a caller
			// starts the moment the state holds no token must not take it back from a
			// store that still holds it.
			this.rejected = token;
			if (this.state.compareAndSet(before, before.withoutAuthToken())) {
				invalidated = true;
				break;
			}
			before = this.state.get();
		}
		if (invalidated) {
			logger.debug("Discarded the emnify auth token that emnify no longer accepts");
			// Nobody waits for the store: until it has acted, the token is refused from
			// it by accepts(), so the next renewal does not take it back.
			this.leased.discard(token).subscribe();
		}
		else if (before.isCurrent(token) && logger.isDebugEnabled()) {
			logger.debug("emnify answered 401 to an auth token obtained after a 401 less than the unauthorized-renewal "
					+ "interval of " + this.trigger.unauthorizedRenewalInterval()
					+ " ago; the token is kept and the 401 goes to the caller");
		}
		return invalidated;
	}

	private Mono<EmnifyToken> renewal(Instant now, @Nullable Observation caller) {
		while (true) {
			Mono<EmnifyToken> inFlight = this.renewal.get();
			if (inFlight != null) {
				return inFlight;
			}
			HeldBack heldBack = heldBackAt(now);
			if (heldBack != null) {
				return Mono.error(heldBack.failure());
			}
			Sinks.One<EmnifyToken> outcome = Sinks.one();
			Mono<EmnifyToken> shared = outcome.asMono();
			if (this.renewal.compareAndSet(null, shared)) {
				start(outcome, caller);
				return shared;
			}
		}
	}

	private void start(Sinks.One<EmnifyToken> outcome, @Nullable Observation caller) {
		try {
			// Another renewal may have ended between the caller's look at the session and
			// winning the right to start one: its token, or its failure, serves.
			Instant now = this.clock.instant();
			EmnifyToken current = this.state.get().authToken();
			if (current != null && !current.needsRenewalAt(now)) {
				finish(outcome, current, null);
				return;
			}
			HeldBack heldBack = heldBackAt(now);
			if (heldBack != null) {
				finish(outcome, null, heldBack.failure());
				return;
			}
			Observation acquisition = TokenAcquisitionObservation.start(this.observationRegistry, caller);
			// single() and the timeout: the flight must end with a token or an error, or
			// callers would wait for it forever.
			Mono.defer(this::obtain)
				.single()
				.timeout(this.renewalTimeout,
						Mono.error(() -> storeFailure(EmnifyFailureKind.RENEWAL_TIMED_OUT,
								"authentication did not end within " + this.renewalTimeout
										+ ", the longest a renewal may take with "
										+ this.advice.settingName(EmnifyFailureAdvice.Setting.REQUEST_TIMEOUT) + ", "
										+ this.advice.settingName(EmnifyFailureAdvice.Setting.RETRIES)
										+ " and the MFA code wait: the token store " + storeName() + waited(),
								null)))
				.onErrorMap((ex) -> !(ex instanceof EmnifyAuthenticationException),
						(ex) -> storeFailure(EmnifyFailureKind.TOKEN_STORE_FAILED,
								"token store " + storeName() + " failed: "
										+ ((ex.getMessage() != null) ? ex.getMessage() : ex.getClass().getName()),
								ex))
				.contextWrite((context) -> context.put(OBSERVATION_KEY, acquisition))
				.doOnError(EmnifyAuthenticationException.class, this::remember)
				.subscribe((token) -> {
					TokenAcquisitionObservation.stop(acquisition, null);
					finish(outcome, token, null);
				}, (ex) -> {
					TokenAcquisitionObservation.stop(acquisition, ex);
					finish(outcome, null, ex);
				});
		}
		catch (RuntimeException ex) {
			finish(outcome, null, ex);
		}
	}

	private EmnifyAuthenticationException storeFailure(EmnifyFailureKind kind, String problem,
			@Nullable Throwable cause) {
		return EmnifyAuthenticationException.of(new Failure(kind, this.grant.grantType(), null, null, null, false, null,
				problem, this.advice.advise(kind, this.grant.grantType(), null)), cause);
	}

	private String storeName() {
		return this.store.getClass().getName();
	}

	private String waited() {
		String wait = this.leased.waitingFor();
		return (wait != null) ? " waited for " + wait : " did not answer";
	}

	private @Nullable HeldBack heldBackAt(Instant now) {
		HeldBack heldBack = this.state.get().heldBack();
		if (heldBack == null) {
			return null;
		}
		Instant until = heldBack.until();
		return (until == null || now.isBefore(until)) ? heldBack : null;
	}

	private void finish(Sinks.One<EmnifyToken> outcome, @Nullable EmnifyToken token, @Nullable Throwable failure) {
		this.renewal.set(null);
		if (token != null) {
			outcome.tryEmitValue(token);
		}
		else if (failure != null) {
			outcome.tryEmitError(failure);
		}
	}

	private Mono<EmnifyToken> obtain() {
		return this.leased.obtain().map(this::adopt);
	}

	private EmnifyToken adopt(EmnifySession stored) {
		EmnifyToken authToken = stored.authToken();
		Assert.state(authToken != null, "emnify token store answered a session without auth token");
		Instant now = this.clock.instant();
		// A session another instance renewed ahead of expiry, taken up here to replace a
		// token answered 401, counts as a replacement for this instance.
		this.state.updateAndGet((state) -> state.renewed(authToken, (stored.replacedRejectedTokenAt() != null)
				? stored.replacedRejectedTokenAt() : (state.replacingRejected() ? now : null)));
		this.transientFailures = 0;
		this.lockout.succeeded();
		return authToken;
	}

	@Override
	public boolean accepts(EmnifySession stored) {
		return this.trigger.accepts(stored, this.rejected, this.clock.instant());
	}

	@Override
	public Mono<EmnifySession> renew(@Nullable EmnifyToken refreshToken,
			@Nullable EmnifyAuthenticationException lastRejection, Mono<Void> mfaCodePermit) {
		EmnifyAuthenticationException refused = this.lockout.beforeLogin(lastRejection);
		if (refused != null) {
			return Mono.error(refused);
		}
		String usable = (refreshToken != null && refreshToken.isUsableAt(this.clock.instant())) ? refreshToken.value()
				: null;
		boolean replacingRejected = this.state.get().replacingRejected();
		return this.grant.obtain(usable, mfaCodePermit)
			.map((tokens) -> accept(tokens, replacingRejected))
			.onErrorMap(EmnifyAuthenticationException.class, this.lockout::counted);
	}

	@Override
	public String settingsDigest() {
		return this.grant.settingsDigest();
	}

	private EmnifySession accept(Tokens tokens, boolean replacingRejected) {
		Instant now = this.clock.instant();
		EmnifyToken authToken = this.trigger.authToken(tokens.authToken(), now);
		EmnifyToken refreshToken = (tokens.refreshToken() != null)
				? this.trigger.refreshToken(tokens.refreshToken(), now) : null;
		if (logger.isDebugEnabled()) {
			logger.debug("Obtained emnify auth token by " + tokens.grantType().value() + ", expires at "
					+ authToken.expiresAt()
					+ ((refreshToken != null) ? ", with a refresh token expiring at " + refreshToken.expiresAt() : ""));
		}
		return new EmnifySession(authToken, refreshToken, replacingRejected ? now : null);
	}

	private void remember(EmnifyAuthenticationException failure) {
		Duration pause = holdBack(failure);
		if (HoldBackPolicy.isTransient(failure)) {
			this.transientFailures++;
		}
		boolean stopped = this.lockout.stopsLogins(failure);
		if (pause.isZero() && !stopped) {
			return;
		}
		HeldBack heldBack = new HeldBack(failure, stopped ? null : this.clock.instant().plus(pause));
		this.state.updateAndGet((state) -> state.withHeldBack(heldBack));
		if (stopped) {
			// Not the message: it quotes whatever emnify, or a proxy, answered.
			HttpStatusCode status = failure.getStatusCode();
			logger.error("No further emnify login of this user is sent until the application restarts: "
					+ this.lockout.run().rejected() + " in a row were rejected, or left unanswered and may have been "
					+ "counted (the last: " + failure.getGrantType().description()
					+ ((status != null) ? ", HTTP " + status.value() : "")
					+ "), and emnify locks the user after three failed logins or MFA codes in a row. Correct the "
					+ "credentials or the MFA code source, then restart.");
		}
		else if (logger.isDebugEnabled()) {
			logger.debug("No new emnify login before " + heldBack.until() + " after: " + failure.getMessage());
		}
	}

	// Judges the failure of the renewal in flight, which remember() counts only after the
	// leased renewal has recorded it for the others: both get the same answer.
	@Override
	public Duration holdBack(EmnifyAuthenticationException failure) {
		return this.holdBack.holdBack(failure, this.transientFailures);
	}

	// Twice the grant's own bound, for a wait behind another instance, and never more
	// than LONGEST_RENEWAL, which leaves room for what a caller adds to it.
	private static Duration saturatedTwice(Duration duration) {
		return (duration.compareTo(LONGEST_RENEWAL.dividedBy(2)) > 0) ? LONGEST_RENEWAL : duration.multipliedBy(2);
	}

}
