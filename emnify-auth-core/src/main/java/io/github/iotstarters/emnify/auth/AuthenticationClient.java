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
import java.util.Map;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.http.MediaType;
import org.springframework.util.backoff.BackOffExecution;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;
import tools.jackson.databind.json.JsonMapper;

import io.github.iotstarters.emnify.auth.EmnifyAuthenticationListener.Outcome;

/**
 * Sends one grant to emnify's authenticate endpoint, with a timeout on each attempt and
 * retries of transient failures as the {@link RetryPolicy} and the {@link SendAgainRule}
 * allow; what an answer means is {@link AuthenticationAnswers}'.
 * <p>
 * Bodies are written and read as bytes, so that no codec logs them: they carry passwords
 * and tokens. A redirect is a rejection, not a way to emnify: its client follows none, so
 * that the body never goes to the host a redirect names.
 */
final class AuthenticationClient {

	static final String SWITCH_PATH = EmnifyTokenProvider.AUTHENTICATE_PATH + "/workspace";

	private static final Log logger = LogFactory.getLog(AuthenticationClient.class);

	// Counted when the longest send is derived; a back-off that never stops is cut there
	// by the renewal's timeout.
	private static final int COUNTED_RETRIES = 100;

	private final WebClient webClient;

	private final Duration requestTimeout;

	private final RetryPolicy retryPolicy;

	private final HoldBackPolicy holdBack;

	private final EmnifyAuthenticationListener listener;

	private final AuthenticationAnswers answers;

	AuthenticationClient(WebClient webClient, Duration requestTimeout, RetryPolicy retryPolicy, HoldBackPolicy holdBack,
			EmnifyAuthenticationListener listener, AuthenticationAnswers answers) {
		this.webClient = webClient;
		this.requestTimeout = requestTimeout;
		this.retryPolicy = retryPolicy;
		this.holdBack = holdBack;
		this.listener = listener;
		this.answers = answers;
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
				.map((body) -> this.answers.interpret(grantType, response, body, mfaExpected)))
			.timeout(this.requestTimeout)
			.onErrorMap((ex) -> !(ex instanceof EmnifyAuthenticationException),
					(ex) -> this.answers.unreachable(grantType, ex))
			.doOnSuccess((answer) -> report(grantType, Outcome.SUCCESS, started))
			.doOnError(EmnifyAuthenticationException.class,
					(ex) -> report(grantType, ex.isRejected() ? Outcome.REJECTED : Outcome.ERROR, started));
	}

	private void report(EmnifyGrantType grantType, Outcome outcome, long startedNanos) {
		this.listener.authenticationRequest(grantType, outcome, Duration.ofNanos(System.nanoTime() - startedNanos));
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
				&& SendAgainRule.maySendAgain(grantType, authenticationFailure)
				&& this.retryPolicy.shouldRetry(failure);
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
