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

/**
 * Thrown when no emnify auth token could be obtained. The message names the grant type,
 * the HTTP status, emnify's {@code error_token} and message where the answer carried
 * them, and what to do; it never contains a token, password or hash. What went wrong is
 * also told by its {@link #getKind() kind}.
 */
public class EmnifyAuthenticationException extends RuntimeException {

	private final EmnifyFailureKind kind;

	private final EmnifyGrantType grantType;

	private final @Nullable HttpStatusCode statusCode;

	private final @Nullable String errorToken;

	private final @Nullable String emnifyMessage;

	private final boolean rejected;

	private final transient @Nullable Duration retryAfter;

	private final transient @Nullable Duration sharedHoldBack;

	private final int rejectedLoginsInARow;

	// Whether the request went out and no answer came: timed out, cut off, unreadable.
	private final transient boolean unanswered;

	// The canonical constructor, which the factories below call.
	EmnifyAuthenticationException(String message, Failure failure, @Nullable Duration sharedHoldBack,
			int rejectedLoginsInARow, @Nullable Throwable cause, boolean unanswered) {
		// One instance reaches every caller that shared a login or waits out a cooldown;
		// without suppression, Reactor's block() and checkpoints cannot grow it per
		// caller.
		super(message, cause, false, true);
		this.kind = failure.kind();
		this.grantType = failure.grantType();
		this.statusCode = failure.statusCode();
		this.errorToken = failure.errorToken();
		this.emnifyMessage = failure.emnifyMessage();
		this.rejected = failure.rejected();
		this.retryAfter = failure.retryAfter();
		this.sharedHoldBack = sharedHoldBack;
		this.rejectedLoginsInARow = rejectedLoginsInARow;
		this.unanswered = unanswered;
	}

	/**
	 * Create the exception for a failure of this instance's own: emnify answered, or the
	 * request never went out.
	 * @param failure what went wrong
	 * @param cause the exception that caused it, if any
	 * @return the exception
	 */
	static EmnifyAuthenticationException of(Failure failure, @Nullable Throwable cause) {
		return new EmnifyAuthenticationException(failure.message(), failure, null, 0, cause, false);
	}

	/**
	 * Create the exception for a request that went out to emnify and got no answer (it
	 * timed out, the connection broke, or the answer could not be read): emnify may have
	 * served it.
	 * @param failure what went wrong
	 * @param cause the exception of the HTTP client
	 * @return the exception
	 */
	static EmnifyAuthenticationException unanswered(Failure failure, Throwable cause) {
		return new EmnifyAuthenticationException(failure.message(), failure, null, 0, cause, true);
	}

	/**
	 * Create the failure another instance met, as a shared store recorded it.
	 * @param recorded the failure as the store keeps it
	 * @param consequence how it applies to this instance, ending the sentence that says
	 * where it comes from
	 * @return the failure, held back for what is left of the recorded hold-back
	 */
	static EmnifyAuthenticationException recorded(EmnifyTokenStore.RecordedFailure recorded, String consequence) {
		Integer status = recorded.status();
		return new EmnifyAuthenticationException(
				recorded.message() + " (Reported through the shared token store by the instance that tried"
						+ consequence,
				new Failure(recorded.kind(), recorded.grantType(),
						(status != null) ? HttpStatusCode.valueOf(status) : null, recorded.errorToken(),
						recorded.emnifyMessage(), recorded.rejected(), null, "", ""),
				recorded.remaining(), Math.max(0, recorded.rejectedLoginsInARow()), null, false);
	}

	/**
	 * Create a failure that sent nothing to emnify and holds back every caller for the
	 * given time.
	 * @param message the message
	 * @param kind what went wrong
	 * @param grantType the step that was not sent
	 * @param holdBack how long to hold back
	 * @return the failure
	 */
	static EmnifyAuthenticationException notSent(String message, EmnifyFailureKind kind, EmnifyGrantType grantType,
			Duration holdBack) {
		return new EmnifyAuthenticationException(message,
				new Failure(kind, grantType, null, null, null, false, null, "", ""), holdBack, 0, null, false);
	}

	/**
	 * Return this failure counted as one of the user's logins that emnify rejected in a
	 * row, with the same message.
	 * @param inARow the rejected logins in a row, this one included
	 * @return the counted failure
	 */
	EmnifyAuthenticationException countedAs(int inARow) {
		return copy(this.kind, String.valueOf(getMessage()), inARow);
	}

	/**
	 * Return this failure as the one that stops further logins of the user, in the words
	 * of the rule that stops them.
	 * @param message the message
	 * @param inARow the logins emnify rejected in a row, or may have counted
	 * @return the failure that stops logins
	 */
	EmnifyAuthenticationException stoppingLogins(String message, int inARow) {
		return copy(EmnifyFailureKind.LOGINS_STOPPED, message, inARow);
	}

	private EmnifyAuthenticationException copy(EmnifyFailureKind kind, String message, int inARow) {
		return new EmnifyAuthenticationException(
				message, new Failure(kind, this.grantType, this.statusCode, this.errorToken, this.emnifyMessage,
						this.rejected, this.retryAfter, "", ""),
				this.sharedHoldBack, inARow, getCause(), this.unanswered);
	}

	/**
	 * Return what went wrong, so that a caller can tell failures apart, or give advice of
	 * its own, without reading the message.
	 * @return the kind of failure
	 */
	public EmnifyFailureKind getKind() {
		return this.kind;
	}

	/**
	 * Return the grant type of the authentication request that failed.
	 * @return the grant type
	 */
	public EmnifyGrantType getGrantType() {
		return this.grantType;
	}

	/**
	 * Return the HTTP status that emnify answered with.
	 * @return the status, or {@code null} when no answer was received
	 */
	public @Nullable HttpStatusCode getStatusCode() {
		return this.statusCode;
	}

	/**
	 * Return emnify's {@code error_token}, such as {@code InvalidCredentials}; for
	 * emnify's lock {@code TooManyRequests}, even when the answer named the lock by its
	 * {@code error_code} 1105 alone.
	 * @return the error token, or {@code null} when the answer had none
	 */
	public @Nullable String getErrorToken() {
		return this.errorToken;
	}

	/**
	 * Return the {@code message} of emnify's error answer.
	 * @return the message, or {@code null} when the answer had none
	 */
	public @Nullable String getEmnifyMessage() {
		return this.emnifyMessage;
	}

	/**
	 * Return whether emnify rejected the request, as opposed to a transient failure such
	 * as a timeout or a server error. Rejected logins are not retried.
	 * @return whether the request was rejected
	 */
	public boolean isRejected() {
		return this.rejected;
	}

	@Nullable Duration getRetryAfter() {
		return this.retryAfter;
	}

	/**
	 * Return what is left of the hold-back of the instance that met this failure, when a
	 * shared token store reported it, or the store's own hold-back for a renewal it
	 * refused; {@code null} for a failure of this instance.
	 * @return the hold-back left, or {@code null}
	 */
	public @Nullable Duration getSharedHoldBack() {
		return this.sharedHoldBack;
	}

	/**
	 * Return how many logins of the user emnify rejected in a row, this one included,
	 * with a wrong password or MFA code, as far as the token provider knows them (its
	 * own, and those a shared store kept for the same settings): emnify locks the user
	 * after three. A password or MFA step that emnify left unanswered (a timeout, a
	 * broken connection, a server error other than 503) counts too once a login of the
	 * run was rejected, as emnify may have counted it. The default token provider sends
	 * no login after two until the application restarts. emnify's lock counts as one,
	 * since one more rejected login after it stops the provider.
	 * @return the rejected logins in a row, unanswered steps counted, or {@code 0} when
	 * this failure is no rejected login and stops none (a transient failure, an
	 * application token, a refresh token, a workspace switch of its own)
	 */
	public int getRejectedLoginsInARow() {
		return this.rejectedLoginsInARow;
	}

	// Whether emnify may count this failure towards its lock: a user login, password or
	// MFA step, that it rejected with a 4xx, whatever the status or the body's shape (a
	// wrong code's is not documented): counting one too many stops logins, counting one
	// too few locks the user. Not the lock itself.
	boolean isFailedLogin() {
		return isUserLogin() && this.rejected && this.statusCode != null && this.statusCode.is4xxClientError()
				&& !isLock();
	}

	// Whether emnify may have checked this user login step, and counted a wrong password
	// or code towards its lock, although no answer said so: the request went out and no
	// answer came, or a server error other than 503 did. Not a code source that supplied
	// no code, nor a connection that never opened.
	boolean mayHaveBeenChecked() {
		if (!isUserLogin() || this.rejected) {
			return false;
		}
		if (this.statusCode != null) {
			return this.statusCode.is5xxServerError() && this.statusCode.value() != 503;
		}
		return this.unanswered;
	}

	boolean isUnanswered() {
		return this.unanswered;
	}

	boolean isUserLogin() {
		return this.grantType == EmnifyGrantType.PASSWORD || this.grantType == EmnifyGrantType.MFA;
	}

	// Whether this failure is emnify's lock of the user after repeated failed logins.
	boolean isLock() {
		return this.statusCode != null && this.statusCode.value() == 401
				&& AuthenticationAnswers.LOCK_ERROR_TOKEN.equals(this.errorToken);
	}

	/**
	 * What went wrong, gathered before the message is composed.
	 *
	 * @param kind what kind of failure it is
	 * @param grantType the grant of the failed request
	 * @param statusCode the HTTP status, if an answer came
	 * @param errorToken emnify's error token, if the answer had one
	 * @param emnifyMessage emnify's message, if the answer had one
	 * @param rejected whether emnify rejected the request (not worth retrying)
	 * @param retryAfter the delay emnify asked for, if any
	 * @param problem what happened, completing "emnify ..."
	 * @param action what emnify or the library does about it, where that is fixed, and
	 * the {@link EmnifyFailureAdvice advice}
	 */
	record Failure(EmnifyFailureKind kind, EmnifyGrantType grantType, @Nullable HttpStatusCode statusCode,
			@Nullable String errorToken, @Nullable String emnifyMessage, boolean rejected,
			@Nullable Duration retryAfter, String problem, String action) {

		String message() {
			StringBuilder message = new StringBuilder("emnify ").append(this.problem)
				.append(" (")
				.append(this.grantType.description());
			if (this.statusCode != null) {
				message.append(", HTTP ").append(this.statusCode.value());
			}
			if (this.errorToken != null) {
				message.append(", ").append(this.errorToken);
			}
			if (this.emnifyMessage != null) {
				message.append(": ").append(this.emnifyMessage);
			}
			return message.append("). ").append(this.action).toString();
		}

	}

}
