package io.github.iotstarters.emnify.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import io.github.iotstarters.emnify.auth.AuthenticationClient.Tokens;

/**
 * Default {@link EmnifyTokenProvider}: an immutable {@link Session} swapped atomically,
 * and at most one renewal in flight, whose outcome every waiting caller shares.
 * <p>
 * The renewal runs detached from the caller that started it, so a caller that cancels
 * (a timeout, a client that went away) does not cancel the login the others wait for;
 * for the same reason it does not see that caller's Reactor context.
 * <p>
 * A failed renewal holds back the next one: for the rejected-credentials cooldown after
 * a rejection, otherwise for the transient-failure pause or as long as emnify's
 * {@code Retry-After} asked, whichever is longer. This keeps an outage from turning into
 * a stream of logins that spends emnify's rate limit of 100 per 5 minutes.
 */
final class DefaultEmnifyTokenProvider implements EmnifyTokenProvider {

	private static final Log logger = LogFactory.getLog(DefaultEmnifyTokenProvider.class);

	static final String ACQUISITION_OBSERVATION = "emnify.auth.token.acquisition";

	// The Reactor context key of the current observation (ObservationThreadLocalAccessor.KEY),
	// as WebClient reads and writes it.
	private static final String OBSERVATION_KEY = "micrometer.observation";

	private final Grant grant;

	private final TokenTiming timing;

	private final Duration rejectedCredentialsCooldown;

	private final Duration transientFailurePause;

	private final Clock clock;

	private final ObservationRegistry observationRegistry;

	private final AtomicReference<Session> session = new AtomicReference<>(Session.EMPTY);

	private final AtomicReference<@Nullable Mono<Token>> renewal = new AtomicReference<>();

	DefaultEmnifyTokenProvider(Grant grant, TokenTiming timing, Duration rejectedCredentialsCooldown,
			Duration transientFailurePause, Clock clock, ObservationRegistry observationRegistry) {
		this.grant = grant;
		this.timing = timing;
		this.rejectedCredentialsCooldown = rejectedCredentialsCooldown;
		this.transientFailurePause = transientFailurePause;
		this.clock = clock;
		this.observationRegistry = observationRegistry;
	}

	@Override
	public Mono<String> getToken() {
		return Mono.deferContextual((context) -> {
			Instant now = this.clock.instant();
			Token current = this.session.get().authToken();
			if (current != null && current.isUsableAt(now)) {
				if (current.needsRenewalAt(now)) {
					// The returned Mono is dropped on purpose: the renewal runs on its own and
					// this caller goes on with the token it has, so it is no parent of it.
					renewal(now, null);
				}
				return Mono.just(current.value());
			}
			// A reactive caller's observation is in its Reactor context, a blocking
			// caller's (RestClient) in the registry's thread-local scope.
			Observation caller = context.getOrDefault(OBSERVATION_KEY, null);
			return renewal(now, (caller != null) ? caller : this.observationRegistry.getCurrentObservation())
				.map(Token::value);
		});
	}

	@Override
	public EmnifyTokenStatus status() {
		Instant now = this.clock.instant();
		Token authToken = this.session.get().authToken();
		Blocked blocked = blockedAt(now);
		return new EmnifyTokenStatus((authToken != null) ? authToken.expiresAt() : null,
				(blocked != null) ? blocked.failure() : null, (blocked != null) ? blocked.until() : null);
	}

	@Override
	public boolean invalidate(String token) {
		Session before = this.session
			.getAndUpdate((session) -> session.isCurrent(token) ? session.withoutAuthToken() : session);
		boolean invalidated = before.isCurrent(token);
		if (invalidated) {
			logger.debug("Discarded the emnify auth token that emnify no longer accepts");
		}
		return invalidated;
	}

	private Mono<Token> renewal(Instant now, @Nullable Observation caller) {
		while (true) {
			Mono<Token> inFlight = this.renewal.get();
			if (inFlight != null) {
				return inFlight;
			}
			Blocked blocked = blockedAt(now);
			if (blocked != null) {
				return Mono.error(blocked.failure());
			}
			Sinks.One<Token> outcome = Sinks.one();
			Mono<Token> shared = outcome.asMono();
			if (this.renewal.compareAndSet(null, shared)) {
				start(outcome, caller);
				return shared;
			}
		}
	}

	private void start(Sinks.One<Token> outcome, @Nullable Observation caller) {
		// Another renewal may have ended between the caller's look at the session and
		// winning the right to start one: its token, or its failure, serves.
		Instant now = this.clock.instant();
		Token current = this.session.get().authToken();
		if (current != null && !current.needsRenewalAt(now)) {
			finish(outcome, current, null);
			return;
		}
		Blocked blocked = blockedAt(now);
		if (blocked != null) {
			finish(outcome, null, blocked.failure());
			return;
		}
		// A child of the caller that waits for it, so a trace shows who waited for a login;
		// a renewal ahead of expiry keeps everybody waiting for nothing, and has no parent.
		Observation acquisition = Observation.createNotStarted(ACQUISITION_OBSERVATION, this.observationRegistry)
			.contextualName("emnify token acquisition")
			.parentObservation(caller)
			.lowCardinalityKeyValue("mode", (caller != null) ? "inline" : "ahead")
			.start();
		// single(): the flight must end with a token or an error, or callers would wait
		// for it forever.
		Mono.defer(() -> obtain(now))
			.single()
			.contextWrite((context) -> context.put(OBSERVATION_KEY, acquisition))
			.doOnError(EmnifyAuthenticationException.class, this::remember)
			.subscribe((token) -> {
				acquisition.lowCardinalityKeyValue("outcome", "success").stop();
				finish(outcome, token, null);
			}, (ex) -> {
				acquisition.lowCardinalityKeyValue("outcome", "error").error(ex).stop();
				finish(outcome, null, ex);
			});
	}

	private @Nullable Blocked blockedAt(Instant now) {
		Blocked blocked = this.session.get().blocked();
		return (blocked != null && now.isBefore(blocked.until())) ? blocked : null;
	}

	private void finish(Sinks.One<Token> outcome, @Nullable Token token, @Nullable Throwable failure) {
		this.renewal.set(null);
		if (token != null) {
			outcome.tryEmitValue(token);
		}
		else if (failure != null) {
			outcome.tryEmitError(failure);
		}
	}

	private Mono<Token> obtain(Instant now) {
		Token refreshToken = this.session.get().refreshToken();
		boolean usable = refreshToken != null && refreshToken.isUsableAt(now);
		if (usable) {
			// Single use: gone from the session the moment it is sent, whatever the outcome.
			this.session.updateAndGet(Session::withoutRefreshToken);
		}
		return this.grant.obtain(usable ? refreshToken.value() : null).map(this::accept);
	}

	private Token accept(Tokens tokens) {
		Instant now = this.clock.instant();
		Token authToken = this.timing.authToken(tokens.authToken(), now);
		Token refreshToken = (tokens.refreshToken() != null) ? this.timing.refreshToken(tokens.refreshToken(), now)
				: null;
		this.session.updateAndGet((session) -> session.renewed(authToken, refreshToken));
		if (logger.isDebugEnabled()) {
			logger.debug("Obtained emnify auth token by " + tokens.grantType().value() + ", expires at "
					+ authToken.expiresAt()
					+ ((refreshToken != null) ? ", with a refresh token expiring at " + refreshToken.expiresAt() : ""));
		}
		return authToken;
	}

	private void remember(EmnifyAuthenticationException failure) {
		Instant now = this.clock.instant();
		Duration pause = failure.isRejected() ? this.rejectedCredentialsCooldown : transientPause(failure);
		if (pause.isZero()) {
			return;
		}
		Blocked blocked = new Blocked(failure, now.plus(pause));
		this.session.updateAndGet((session) -> session.blocked(blocked));
		if (logger.isDebugEnabled()) {
			logger.debug("No new emnify login before " + blocked.until() + " after: " + failure.getMessage());
		}
	}

	private Duration transientPause(EmnifyAuthenticationException failure) {
		Duration retryAfter = failure.getRetryAfter();
		return (retryAfter != null && retryAfter.compareTo(this.transientFailurePause) > 0) ? retryAfter
				: this.transientFailurePause;
	}

	/**
	 * What the provider holds. Tokens are never shown by {@link #toString()}.
	 *
	 * @param authToken the auth token, if one is held
	 * @param refreshToken the unused refresh token, if one is held
	 * @param blocked the failure that holds back new logins, if any
	 */
	record Session(@Nullable Token authToken, @Nullable Token refreshToken, @Nullable Blocked blocked) {

		static final Session EMPTY = new Session(null, null, null);

		boolean isCurrent(String token) {
			return this.authToken != null && this.authToken.value().equals(token);
		}

		Session withoutAuthToken() {
			return new Session(null, this.refreshToken, this.blocked);
		}

		Session withoutRefreshToken() {
			return new Session(this.authToken, null, this.blocked);
		}

		Session renewed(Token authToken, @Nullable Token refreshToken) {
			return new Session(authToken, refreshToken, null);
		}

		Session blocked(Blocked blocked) {
			return new Session(this.authToken, this.refreshToken, blocked);
		}

	}

	/**
	 * A failure remembered so that no login is sent before a given instant.
	 *
	 * @param failure the failure every caller gets meanwhile
	 * @param until when logins may be sent again
	 */
	record Blocked(EmnifyAuthenticationException failure, Instant until) {

	}

}
