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

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeoutException;

import javax.net.ssl.SSLHandshakeException;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.util.backoff.BackOffExecution;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.github.iotstarters.emnify.auth.EmnifyAuthenticationException.Failure;
import io.github.iotstarters.emnify.auth.EmnifyAuthenticationListener.Outcome;
import io.github.iotstarters.emnify.auth.mfa.EmnifyMfaCodeSource;

/**
 * Sends one grant to emnify's authenticate endpoint, with a timeout on each attempt and
 * retries of transient failures as the {@link RetryPolicy} allows.
 * <p>
 * Bodies are written and read as bytes, so that no codec logs them: they carry passwords
 * and tokens. A redirect is a rejection, not a way to emnify: its client follows none, so
 * that the body never goes to the host a redirect names.
 */
final class AuthenticationClient {

	static final String SWITCH_PATH = EmnifyTokenProvider.AUTHENTICATE_PATH + "/workspace";

	// How long emnify locks a user after three failed logins or MFA codes in a row.
	static final Duration LOCK_DURATION = Duration.ofMinutes(5);

	// The error_token of emnify's lock answer (error_code 1105).
	static final String LOCK_ERROR_TOKEN = "TooManyRequests";

	private static final Log logger = LogFactory.getLog(AuthenticationClient.class);

	// Counted when the longest send is derived; a back-off that never stops is cut there
	// by the renewal's timeout.
	private static final int COUNTED_RETRIES = 100;

	private final WebClient webClient;

	private final Duration requestTimeout;

	private final RetryPolicy retryPolicy;

	private final HoldBackPolicy holdBack;

	private final Clock clock;

	private final EmnifyAuthenticationListener listener;

	// Where the user's MFA codes come from, named when emnify rejects a code or locks the
	// user; null without a code source.
	private final EmnifyMfaCodeSource.@Nullable Kind mfaCodes;

	private final EmnifyFailureAdvice advice;

	AuthenticationClient(WebClient webClient, Duration requestTimeout, RetryPolicy retryPolicy, HoldBackPolicy holdBack,
			Clock clock, EmnifyAuthenticationListener listener, EmnifyMfaCodeSource.@Nullable Kind mfaCodes,
			EmnifyFailureAdvice advice) {
		this.webClient = webClient;
		this.requestTimeout = requestTimeout;
		this.retryPolicy = retryPolicy;
		this.holdBack = holdBack;
		this.clock = clock;
		this.listener = listener;
		this.mfaCodes = mfaCodes;
		this.advice = advice;
	}

	/**
	 * Return the longest one grant can take with its retries: every attempt timing out,
	 * every pause at its longest, and a tenth more so that jitter never cuts a send that
	 * keeps to its settings.
	 * @return the longest time one grant may take
	 */
	Duration longestSend() {
		BackOffExecution backOff = this.retryPolicy.getBackOff().start();
		Duration longest = this.requestTimeout;
		for (int retry = 0; retry < COUNTED_RETRIES; retry++) {
			long pauseMillis = backOff.nextBackOff();
			if (pauseMillis == BackOffExecution.STOP) {
				break;
			}
			Duration pause = Duration.ofMillis(Math.max(pauseMillis, this.holdBack.retryMaxDelay().toMillis()));
			longest = longest.plus(pause).plus(this.requestTimeout);
		}
		return longest.plus(longest.dividedBy(10)).plusSeconds(1);
	}

	/**
	 * Send a grant that must be answered with tokens.
	 * @param grantType the grant
	 * @param body the request body
	 * @return the tokens, or an {@link EmnifyAuthenticationException}
	 */
	Mono<Tokens> authenticate(EmnifyGrantType grantType, Map<String, ?> body) {
		return send(grantType, EmnifyTokenProvider.AUTHENTICATE_PATH, body, null, false).cast(Tokens.class);
	}

	/**
	 * Send a user login, which emnify may answer with an MFA challenge instead of tokens.
	 * @param body the login body
	 * @return the tokens or the MFA challenge, or an
	 * {@link EmnifyAuthenticationException}
	 */
	Mono<Answer> login(Map<String, ?> body) {
		return send(EmnifyGrantType.PASSWORD, EmnifyTokenProvider.AUTHENTICATE_PATH, body, null, true);
	}

	/**
	 * Switch a user's auth token to a workspace.
	 * @param userToken the user's auth token
	 * @param workspaceId the workspace to switch to
	 * @return the workspace's tokens, or an {@link EmnifyAuthenticationException}
	 */
	Mono<Tokens> switchWorkspace(String userToken, long workspaceId) {
		return send(EmnifyGrantType.WORKSPACE, SWITCH_PATH, Map.of("target_organisation", Map.of("id", workspaceId)),
				userToken, false)
			.cast(Tokens.class);
	}

	private Mono<Answer> send(EmnifyGrantType grantType, String path, Map<String, ?> body, @Nullable String bearerToken,
			boolean mfaExpected) {
		byte[] payload = JsonMapper.shared().writeValueAsBytes(body);
		return Mono.defer(() -> attempt(grantType, path, payload, bearerToken, mfaExpected))
			.retryWhen(retry(grantType));
	}

	private Mono<Answer> attempt(EmnifyGrantType grantType, String path, byte[] payload, @Nullable String bearerToken,
			boolean mfaExpected) {
		long started = System.nanoTime();
		return this.webClient.post()
			.uri(path)
			.contentType(MediaType.APPLICATION_JSON)
			.accept(MediaType.APPLICATION_JSON)
			.headers((headers) -> {
				if (bearerToken != null) {
					headers.setBearerAuth(bearerToken);
				}
			})
			.bodyValue(payload)
			.exchangeToMono((response) -> response.bodyToMono(byte[].class)
				.defaultIfEmpty(new byte[0])
				.map((body) -> interpret(grantType, response, body, mfaExpected)))
			.timeout(this.requestTimeout)
			.onErrorMap((ex) -> !(ex instanceof EmnifyAuthenticationException), (ex) -> unreachable(grantType, ex))
			.doOnSuccess((answer) -> report(grantType, Outcome.SUCCESS, started))
			.doOnError(EmnifyAuthenticationException.class,
					(ex) -> report(grantType, ex.isRejected() ? Outcome.REJECTED : Outcome.ERROR, started));
	}

	private void report(EmnifyGrantType grantType, Outcome outcome, long startedNanos) {
		this.listener.authenticationRequest(grantType, outcome, Duration.ofNanos(System.nanoTime() - startedNanos));
	}

	private Answer interpret(EmnifyGrantType grantType, ClientResponse response, byte[] body, boolean mfaExpected) {
		HttpStatusCode status = response.statusCode();
		JsonNode json = parse(body);
		if (status.is2xxSuccessful()) {
			String authToken = text(json, "auth_token");
			if (authToken != null) {
				return new Tokens(grantType, authToken, text(json, "refresh_token"));
			}
			String mfaToken = text(json, "mfa_token");
			if (mfaExpected && mfaToken != null) {
				return new MfaChallenge(mfaToken);
			}
			throw failure(EmnifyFailureKind.NO_AUTH_TOKEN, grantType, status, json, false, null,
					"answered without an auth_token", "");
		}
		if (status.is3xxRedirection()) {
			throw failure(EmnifyFailureKind.REDIRECTED, grantType, status, json, true, null,
					"answered the authentication request with a redirect to " + redirectTarget(response)
							+ ", which was not followed",
					"No credential is sent to another host.");
		}
		Duration retryAfter = this.holdBack
			.retryAfter(response.headers().asHttpHeaders().getFirst(HttpHeaders.RETRY_AFTER), this.clock.instant());
		if (isTransient(status)) {
			throw failure(EmnifyFailureKind.UNAVAILABLE, grantType, status, json, false, retryAfter,
					"could not serve the authentication request", "");
		}
		if (isLock(status, json)) {
			// Named by its error_token even when the answer had only the error_code, so
			// that the lock is never counted as one more rejected login.
			throw EmnifyAuthenticationException.of(new Failure(EmnifyFailureKind.USER_LOCKED, grantType, status,
					LOCK_ERROR_TOKEN, text(json, "message"), true, LOCK_DURATION,
					"has locked the user after repeated failed logins or MFA codes",
					action("emnify counts a wrong password and a rejected MFA code alike, and locks the user for "
							+ LOCK_DURATION.toMinutes() + " minutes after three in a row; no login is sent before "
							+ "the lock ends.", EmnifyFailureKind.USER_LOCKED, grantType)),
					null);
		}
		EmnifyFailureKind kind = switch (status.value()) {
			case 400, 401, 403, 422 -> EmnifyFailureKind.REJECTED;
			default -> EmnifyFailureKind.UNEXPECTED_STATUS;
		};
		String consequence = switch (grantType) {
			case REFRESH_TOKEN -> "The refresh token is no longer valid; a full login follows.";
			case MFA -> "emnify did not accept the MFA code, and no second code follows at once: emnify counts a "
					+ "rejected code like a wrong password.";
			default -> "";
		};
		throw failure(kind, grantType, status, json, true, retryAfter, "rejected the authentication request",
				consequence);
	}

	// The host and port only: a redirect's query may carry anything.
	private static String redirectTarget(ClientResponse response) {
		try {
			URI location = response.headers().asHttpHeaders().getLocation();
			if (location == null) {
				return "nowhere (no Location header)";
			}
			URI target = response.request().getURI().resolve(location);
			if (target.getHost() != null) {
				return (target.getPort() != -1) ? target.getHost() + ":" + target.getPort() : target.getHost();
			}
		}
		catch (IllegalArgumentException ex) {
			// Not a URI: as unreadable as one without a host.
		}
		return "an unreadable Location";
	}

	// emnify's lock after three failures is a 401 with TooManyRequests (1105), unlike its
	// rate limit (429) and a wrong password (401, often without a body).
	private static boolean isLock(HttpStatusCode status, @Nullable JsonNode json) {
		return status.value() == 401 && (LOCK_ERROR_TOKEN.equals(text(json, "error_token"))
				|| (json != null && json.path("error_code").asInt() == 1105));
	}

	private static boolean isTransient(HttpStatusCode status) {
		int code = status.value();
		return status.is5xxServerError() || code == 429 || code == 408 || code == 425;
	}

	// A failure answered by emnify; what it or this client does about it, if anything is
	// fixed, comes before the advice.
	private EmnifyAuthenticationException failure(EmnifyFailureKind kind, EmnifyGrantType grantType,
			HttpStatusCode status, @Nullable JsonNode json, boolean rejected, @Nullable Duration retryAfter,
			String problem, String consequence) {
		return EmnifyAuthenticationException.of(new Failure(kind, grantType, status, text(json, "error_token"),
				text(json, "message"), rejected, retryAfter, problem, action(consequence, kind, grantType)), null);
	}

	private String action(String consequence, EmnifyFailureKind kind, EmnifyGrantType grantType) {
		return (consequence + " " + this.advice.advise(kind, grantType, this.mfaCodes)).strip();
	}

	private EmnifyAuthenticationException unreachable(EmnifyGrantType grantType, Throwable ex) {
		EmnifyFailureKind kind;
		String problem;
		if (ex instanceof TimeoutException) {
			kind = EmnifyFailureKind.TIMED_OUT;
			problem = "did not answer within " + this.requestTimeout + " ("
					+ this.advice.settingName(EmnifyFailureAdvice.Setting.REQUEST_TIMEOUT) + ")";
		}
		else if (ex instanceof WebClientRequestException) {
			kind = EmnifyFailureKind.UNREACHABLE;
			problem = "could not be reached: " + describe((ex.getCause() != null) ? ex.getCause() : ex);
		}
		else {
			kind = EmnifyFailureKind.UNREADABLE_ANSWER;
			problem = "answered in a way that could not be read: " + describe(ex);
		}
		Failure failure = new Failure(kind, grantType, null, null, null, false, null, problem,
				action("", kind, grantType));
		return neverSent(ex) ? EmnifyAuthenticationException.of(failure, ex)
				: EmnifyAuthenticationException.unanswered(failure, ex);
	}

	// A connection that never opened, to a host that was not found or whose TLS handshake
	// failed, carried no request. The JDK client's connect timeout is known by its name,
	// so that a runtime without java.net.http needs no class of it.
	private static boolean neverSent(Throwable ex) {
		Throwable cause = ex;
		for (int depth = 0; cause != null && depth < 32; depth++, cause = cause.getCause()) {
			if (cause instanceof ConnectException || cause instanceof UnknownHostException
					|| cause instanceof NoRouteToHostException || cause instanceof SSLHandshakeException
					|| cause.getClass().getName().equals("java.net.http.HttpConnectTimeoutException")) {
				return true;
			}
		}
		return false;
	}

	private static String describe(Throwable ex) {
		return (ex.getMessage() != null) ? ex.getMessage() : ex.getClass().getSimpleName();
	}

	private Retry retry(EmnifyGrantType grantType) {
		return Retry.from((signals) -> {
			BackOffExecution backOff = this.retryPolicy.getBackOff().start();
			return signals.concatMap((signal) -> {
				Throwable failure = signal.failure();
				if (!isRetryable(grantType, failure)) {
					return Mono.error(failure);
				}
				long backOffMillis = backOff.nextBackOff();
				if (backOffMillis == BackOffExecution.STOP) {
					return Mono.error(failure);
				}
				Duration delay = Duration.ofMillis(backOffMillis);
				Duration retryAfter = ((EmnifyAuthenticationException) failure).getRetryAfter();
				if (retryAfter != null && this.holdBack.endsRetries(retryAfter)) {
					// Too long to hold callers: the provider remembers it and sends
					// nothing before then.
					return Mono.error(failure);
				}
				if (retryAfter != null && retryAfter.compareTo(delay) > 0) {
					delay = retryAfter;
				}
				if (logger.isDebugEnabled()) {
					logger.debug("Retrying emnify " + grantType.value() + " authentication in " + delay.toMillis()
							+ " ms after: " + failure.getMessage());
				}
				return Mono.delay(delay);
			});
		});
	}

	private boolean isRetryable(EmnifyGrantType grantType, Throwable failure) {
		return failure instanceof EmnifyAuthenticationException authenticationFailure
				&& maySendAgain(grantType, authenticationFailure) && this.retryPolicy.shouldRetry(failure);
	}

	/**
	 * Decide whether a step that failed may be sent again at once, the one rule for every
	 * grant. A rejection never is. A single-use step, an MFA code or a refresh token, is
	 * sent again only when emnify {@linkplain #wasNotServed provably did not serve it}: a
	 * code checked twice counts twice towards emnify's lock, or is rejected as used, and
	 * a refresh token presented twice is refused and may end the session. A password step
	 * is sent again unless emnify may have checked it and counted a wrong password (the
	 * provider counts such a step). An application token login and a workspace switch may
	 * always be sent again.
	 * @param grantType the step that failed
	 * @param failure its failure
	 * @return whether the step may be sent again at once
	 */
	static boolean maySendAgain(EmnifyGrantType grantType, EmnifyAuthenticationException failure) {
		if (failure.isRejected()) {
			return false;
		}
		return switch (grantType) {
			case MFA, REFRESH_TOKEN -> wasNotServed(failure);
			case PASSWORD -> !failure.mayHaveBeenChecked();
			case APPLICATION_TOKEN, WORKSPACE -> true;
		};
	}

	/**
	 * Return whether emnify provably did not serve the request that failed: it answered
	 * that it could not (429, 503), or the connection never opened. A timeout, a broken
	 * connection, an unreadable answer or any other server error may have followed
	 * emnify's work.
	 * @param failure the failure of a request to emnify
	 * @return whether emnify did not serve it
	 */
	static boolean wasNotServed(EmnifyAuthenticationException failure) {
		HttpStatusCode status = failure.getStatusCode();
		if (status != null) {
			return status.value() == 429 || status.value() == 503;
		}
		return !failure.isUnanswered();
	}

	private static @Nullable JsonNode parse(byte[] body) {
		if (body.length == 0) {
			return null;
		}
		try {
			return JsonMapper.shared().readTree(new String(body, StandardCharsets.UTF_8));
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	private static @Nullable String text(@Nullable JsonNode json, String field) {
		if (json == null || !json.isObject()) {
			return null;
		}
		JsonNode value = json.path(field);
		return (value.isString() && !value.stringValue().isBlank()) ? value.stringValue() : null;
	}

	/**
	 * A successful answer of the authenticate endpoints.
	 */
	sealed interface Answer permits Tokens, MfaChallenge {

	}

	/**
	 * Tokens from a successful answer. {@link #toString()} never shows them.
	 *
	 * @param grantType the grant that obtained them
	 * @param authToken the auth token
	 * @param refreshToken the refresh token, if the answer carried one
	 */
	record Tokens(EmnifyGrantType grantType, String authToken, @Nullable String refreshToken) implements Answer {

		@Override
		public String toString() {
			return "Tokens[grantType=" + this.grantType.value() + ", authToken=******, refreshToken="
					+ ((this.refreshToken != null) ? "******" : "none") + "]";
		}

	}

	/**
	 * emnify's demand for a second factor after a correct password.
	 *
	 * @param mfaToken the token to send back with the code
	 */
	record MfaChallenge(String mfaToken) implements Answer {

		@Override
		public String toString() {
			return "MfaChallenge[mfaToken=******]";
		}

	}

}
