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
import java.util.concurrent.TimeoutException;

import javax.net.ssl.SSLHandshakeException;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.github.iotstarters.emnify.auth.AuthenticationClient.Answer;
import io.github.iotstarters.emnify.auth.AuthenticationClient.MfaChallenge;
import io.github.iotstarters.emnify.auth.AuthenticationClient.Tokens;
import io.github.iotstarters.emnify.auth.EmnifyAuthenticationException.Failure;
import io.github.iotstarters.emnify.auth.mfa.EmnifyMfaCodeSource;

/**
 * Reads what the authenticate endpoints answered, or that they did not, into tokens, an
 * MFA challenge, or a failure of a {@link EmnifyFailureKind kind} whose message says what
 * emnify answered, what follows, and what to check.
 * <p>
 * emnify's lock is told apart from a wrong password, a redirect names its host and port
 * only, and a failure that carried no request is told apart from one that emnify may have
 * served.
 */
final class AuthenticationAnswers {

	// How long emnify locks a user after three failed logins or MFA codes in a row.
	static final Duration LOCK_DURATION = Duration.ofMinutes(5);

	// The error_token of emnify's lock answer (error_code 1105).
	static final String LOCK_ERROR_TOKEN = "TooManyRequests";

	private final Duration requestTimeout;

	private final HoldBackPolicy holdBack;

	private final Clock clock;

	// Where the user's MFA codes come from, named when emnify rejects a code or locks the
	// user; null without a code source.
	private final EmnifyMfaCodeSource.@Nullable Kind mfaCodes;

	private final EmnifyFailureAdvice advice;

	AuthenticationAnswers(Duration requestTimeout, HoldBackPolicy holdBack, Clock clock,
			EmnifyMfaCodeSource.@Nullable Kind mfaCodes, EmnifyFailureAdvice advice) {
		this.requestTimeout = requestTimeout;
		this.holdBack = holdBack;
		this.clock = clock;
		this.mfaCodes = mfaCodes;
		this.advice = advice;
	}

	/**
	 * Read an answer of the authenticate endpoints.
	 * @param grantType the grant that was sent
	 * @param response the answer
	 * @param body the answer's body, empty if it had none
	 * @param mfaExpected whether an MFA challenge may answer the grant
	 * @return the tokens or the MFA challenge
	 * @throws EmnifyAuthenticationException for any other answer
	 */
	Answer interpret(EmnifyGrantType grantType, ClientResponse response, byte[] body, boolean mfaExpected) {
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

	/**
	 * Read a request that got no answer: a timeout, a connection that failed, or an
	 * answer that could not be read.
	 * @param grantType the grant that was sent
	 * @param ex why no answer was read
	 * @return the failure, {@linkplain EmnifyAuthenticationException#isUnanswered()
	 * unanswered} unless the request provably never left
	 */
	EmnifyAuthenticationException unreachable(EmnifyGrantType grantType, Throwable ex) {
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

}
