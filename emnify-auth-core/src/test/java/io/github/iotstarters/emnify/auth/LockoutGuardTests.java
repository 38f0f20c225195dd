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

import java.io.IOException;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.http.HttpStatusCode;

import io.github.iotstarters.emnify.auth.EmnifyAuthenticationException.Failure;
import io.github.iotstarters.emnify.auth.LockoutGuard.LoginRun;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The decisions of the lockout rule as tables: for a run of failed logins so far and a
 * failed step (or the fleet's last rejection), whether callers get the failure as it
 * came, counted, or stopping every further login, and the run after it. emnify locks the
 * user at the third failed login in a row; the guard stops at the second.
 */
class LockoutGuardTests {

	enum Outcome {

		/** The failure reaches callers as it came: it does not count. */
		AS_IT_CAME,

		/** Counted as a failed login in a row; logins go on after the cooldown. */
		COUNTED,

		/** No login is sent until the application restarts. */
		STOPPED

	}

	private static final Supplier<EmnifyAuthenticationException> WRONG_PASSWORD = () -> rejected(
			EmnifyGrantType.PASSWORD, 401, null);

	private static final Supplier<EmnifyAuthenticationException> WRONG_CODE = () -> rejected(EmnifyGrantType.MFA, 400,
			null);

	private static final Supplier<EmnifyAuthenticationException> LOCK = () -> rejected(EmnifyGrantType.PASSWORD, 401,
			AuthenticationAnswers.LOCK_ERROR_TOKEN);

	private static final Supplier<EmnifyAuthenticationException> PASSWORD_UNANSWERED = () -> unanswered(
			EmnifyGrantType.PASSWORD);

	private static final Supplier<EmnifyAuthenticationException> MFA_UNANSWERED = () -> unanswered(EmnifyGrantType.MFA);

	private static final Supplier<EmnifyAuthenticationException> PASSWORD_500 = () -> transientFailure(
			EmnifyGrantType.PASSWORD, 500);

	private static final Supplier<EmnifyAuthenticationException> PASSWORD_503 = () -> transientFailure(
			EmnifyGrantType.PASSWORD, 503);

	private static final Supplier<EmnifyAuthenticationException> PASSWORD_429 = () -> transientFailure(
			EmnifyGrantType.PASSWORD, 429);

	private static final Supplier<EmnifyAuthenticationException> APP_TOKEN_REJECTED = () -> rejected(
			EmnifyGrantType.APPLICATION_TOKEN, 401, null);

	private static final Supplier<EmnifyAuthenticationException> REFRESH_REJECTED = () -> rejected(
			EmnifyGrantType.REFRESH_TOKEN, 401, null);

	private static final Supplier<EmnifyAuthenticationException> REFRESH_LOCK = () -> rejected(
			EmnifyGrantType.REFRESH_TOKEN, 401, AuthenticationAnswers.LOCK_ERROR_TOKEN);

	private static final Supplier<EmnifyAuthenticationException> WORKSPACE_REJECTED = () -> rejected(
			EmnifyGrantType.WORKSPACE, 403, null);

	static Stream<Arguments> aFailedStep() {
		LoginRun none = LoginRun.NONE;
		LoginRun oneRejected = new LoginRun(1, 0);
		LoginRun oneUnanswered = new LoginRun(0, 1);
		LoginRun twoUnanswered = new LoginRun(0, 2);
		return Stream.of(
				// run before, the provider's grant, the failure -> outcome, failed logins
				// in a
				// row the callers see, run after
				row(none, EmnifyGrantType.PASSWORD, "wrong password", WRONG_PASSWORD, Outcome.COUNTED, 1, none),
				row(none, EmnifyGrantType.PASSWORD, "wrong code", WRONG_CODE, Outcome.COUNTED, 1, none),
				row(oneRejected, EmnifyGrantType.PASSWORD, "wrong password", WRONG_PASSWORD, Outcome.STOPPED, 2,
						oneRejected),
				row(oneRejected, EmnifyGrantType.PASSWORD, "wrong code", WRONG_CODE, Outcome.STOPPED, 2, oneRejected),
				row(oneUnanswered, EmnifyGrantType.PASSWORD, "wrong password", WRONG_PASSWORD, Outcome.STOPPED, 2,
						none),
				row(twoUnanswered, EmnifyGrantType.PASSWORD, "wrong password", WRONG_PASSWORD, Outcome.STOPPED, 3,
						none),
				row(none, EmnifyGrantType.PASSWORD, "lock", LOCK, Outcome.COUNTED, 1, none),
				row(twoUnanswered, EmnifyGrantType.PASSWORD, "lock", LOCK, Outcome.COUNTED, 1, none),
				row(oneRejected, EmnifyGrantType.PASSWORD, "lock", LOCK, Outcome.COUNTED, 1, oneRejected),
				row(none, EmnifyGrantType.PASSWORD, "password unanswered", PASSWORD_UNANSWERED, Outcome.AS_IT_CAME, 0,
						oneUnanswered),
				row(oneUnanswered, EmnifyGrantType.PASSWORD, "password unanswered", PASSWORD_UNANSWERED,
						Outcome.AS_IT_CAME, 0, twoUnanswered),
				row(oneRejected, EmnifyGrantType.PASSWORD, "password unanswered", PASSWORD_UNANSWERED, Outcome.STOPPED,
						2, new LoginRun(1, 1)),
				row(oneRejected, EmnifyGrantType.PASSWORD, "MFA step unanswered", MFA_UNANSWERED, Outcome.STOPPED, 2,
						new LoginRun(1, 1)),
				row(oneRejected, EmnifyGrantType.PASSWORD, "HTTP 500", PASSWORD_500, Outcome.STOPPED, 2,
						new LoginRun(1, 1)),
				row(none, EmnifyGrantType.PASSWORD, "HTTP 500", PASSWORD_500, Outcome.AS_IT_CAME, 0, oneUnanswered),
				row(oneRejected, EmnifyGrantType.PASSWORD, "HTTP 503", PASSWORD_503, Outcome.AS_IT_CAME, 0,
						oneRejected),
				row(oneRejected, EmnifyGrantType.PASSWORD, "HTTP 429", PASSWORD_429, Outcome.AS_IT_CAME, 0,
						oneRejected),
				row(oneRejected, EmnifyGrantType.APPLICATION_TOKEN, "application token rejected", APP_TOKEN_REJECTED,
						Outcome.AS_IT_CAME, 0, oneRejected),
				row(oneRejected, EmnifyGrantType.PASSWORD, "refresh rejected", REFRESH_REJECTED, Outcome.AS_IT_CAME, 0,
						oneRejected),
				row(none, EmnifyGrantType.PASSWORD, "lock on a refresh", REFRESH_LOCK, Outcome.COUNTED, 1, none),
				row(oneRejected, EmnifyGrantType.WORKSPACE, "workspace switch rejected", WORKSPACE_REJECTED,
						Outcome.AS_IT_CAME, 0, oneRejected),
				// A step left unanswered counts only for a provider that logs in with the
				// password; a workspace provider's user step is counted by the user's.
				row(oneRejected, EmnifyGrantType.WORKSPACE, "password unanswered", PASSWORD_UNANSWERED,
						Outcome.AS_IT_CAME, 0, oneRejected));
	}

	@ParameterizedTest(name = "run {0}, {1} provider, {2} -> {4} ({5} in a row), run after {6}")
	@MethodSource
	void aFailedStep(LoginRun before, EmnifyGrantType grantType, String failure,
			Supplier<EmnifyAuthenticationException> step, Outcome outcome, int inARow, LoginRun after) {
		LockoutGuard guard = guard(grantType, before);
		EmnifyAuthenticationException sent = step.get();
		EmnifyAuthenticationException seen = guard.counted(sent);
		assertThat(outcomeOf(sent, seen)).isEqualTo(outcome);
		assertThat(seen.getRejectedLoginsInARow()).isEqualTo(inARow);
		assertThat(guard.run()).isEqualTo(after);
		assertThat(guard.stopsLogins(seen)).as("stopped once remembered").isEqualTo(outcome == Outcome.STOPPED);
	}

	@Test
	void aFailureCountedByAnotherProviderIsNotCountedAgain() {
		LockoutGuard guard = guard(EmnifyGrantType.PASSWORD, new LoginRun(1, 0));
		EmnifyAuthenticationException counted = WRONG_PASSWORD.get().countedAs(1);
		assertThat(guard.counted(counted)).isSameAs(counted);
		assertThat(guard.run()).isEqualTo(new LoginRun(1, 0));
	}

	static Stream<Arguments> theFleetsLastRejection() {
		LoginRun none = LoginRun.NONE;
		return Stream.of(
				// run before, the rejection the store holds, counted as -> login refused
				// with, run after
				Arguments.of(none, "none", null, Refused.NO, none),
				Arguments.of(none, "wrong password, 1 in a row", stored(WRONG_PASSWORD, 1), Refused.NO,
						new LoginRun(1, 0)),
				Arguments.of(none, "stop, 2 in a row", stored(WRONG_PASSWORD, 2), Refused.WITH_THE_STORED_FAILURE,
						none),
				Arguments.of(new LoginRun(0, 1), "wrong password, 1 in a row", stored(WRONG_PASSWORD, 1),
						Refused.STOPPING_LOGINS, new LoginRun(1, 1)),
				Arguments.of(new LoginRun(0, 1), "lock, 1 in a row", stored(LOCK, 1), Refused.NO, new LoginRun(1, 0)),
				Arguments.of(new LoginRun(2, 0), "wrong password, 1 in a row", stored(WRONG_PASSWORD, 1),
						Refused.STOPPING_LOGINS, new LoginRun(2, 0)));
	}

	enum Refused {

		NO, WITH_THE_STORED_FAILURE, STOPPING_LOGINS

	}

	@ParameterizedTest(name = "run {0}, the fleet's last rejection: {1} -> refused: {3}, run after {4}")
	@MethodSource
	void theFleetsLastRejection(LoginRun before, String description, @Nullable EmnifyAuthenticationException stored,
			Refused refused, LoginRun after) {
		LockoutGuard guard = guard(EmnifyGrantType.PASSWORD, before);
		EmnifyAuthenticationException failure = guard.beforeLogin(stored);
		switch (refused) {
			case NO -> assertThat(failure).isNull();
			case WITH_THE_STORED_FAILURE -> assertThat(failure).isSameAs(stored);
			case STOPPING_LOGINS -> {
				assertThat(failure).isNotNull();
				assertThat(failure.getKind()).isEqualTo(EmnifyFailureKind.LOGINS_STOPPED);
				assertThat(failure.getMessage()).contains("no further login is sent until the application restarts");
			}
		}
		assertThat(guard.run()).isEqualTo(after);
	}

	@Test
	void aSuccessfulLoginEndsTheRun() {
		LockoutGuard guard = guard(EmnifyGrantType.PASSWORD, new LoginRun(1, 1));
		guard.succeeded();
		assertThat(guard.run()).isEqualTo(LoginRun.NONE);
		assertThat(outcomeOf(WRONG_PASSWORD.get(), guard.counted(WRONG_PASSWORD.get()))).isEqualTo(Outcome.COUNTED);
	}

	@Test
	void aStopSaysWhatWasCountedAndNeverShowsMoreThanTheLastMessage() {
		LockoutGuard guard = guard(EmnifyGrantType.PASSWORD, new LoginRun(1, 1));
		EmnifyAuthenticationException stop = guard.counted(WRONG_PASSWORD.get());
		assertThat(stop.getKind()).isEqualTo(EmnifyFailureKind.LOGINS_STOPPED);
		assertThat(stop.getMessage())
			.startsWith("emnify rejected 2 logins of this user and left 1 unanswered that it "
					+ "may have counted, 3 in a row, so no further login is sent until the application restarts")
			.contains("emnify may have locked the user already.")
			.endsWith("The last rejection: " + WRONG_PASSWORD.get().getMessage());
	}

	private static LockoutGuard guard(EmnifyGrantType grantType, LoginRun run) {
		LockoutGuard guard = new LockoutGuard(grantType, EmnifyFailureAdvice.DEFAULT);
		// The run is reached the way a provider reaches it: a renewal that ended in
		// counted rejections, then unanswered steps.
		if (run.rejected() > 0) {
			guard.stopsLogins(stored(WRONG_PASSWORD, run.rejected()));
		}
		for (int i = 0; i < run.unanswered(); i++) {
			guard.counted(PASSWORD_UNANSWERED.get());
		}
		assertThat(guard.run()).as("the run set up").isEqualTo(run);
		return guard;
	}

	private static Outcome outcomeOf(EmnifyAuthenticationException sent, EmnifyAuthenticationException seen) {
		if (seen.getKind() == EmnifyFailureKind.LOGINS_STOPPED) {
			return Outcome.STOPPED;
		}
		return (seen.getRejectedLoginsInARow() > sent.getRejectedLoginsInARow()) ? Outcome.COUNTED : Outcome.AS_IT_CAME;
	}

	private static Arguments row(LoginRun before, EmnifyGrantType grantType, String failure,
			Supplier<EmnifyAuthenticationException> step, Outcome outcome, int inARow, LoginRun after) {
		return Arguments.of(before, grantType, failure, step, outcome, inARow, after);
	}

	private static EmnifyAuthenticationException stored(Supplier<EmnifyAuthenticationException> failure, int inARow) {
		return failure.get().countedAs(inARow);
	}

	private static EmnifyAuthenticationException rejected(EmnifyGrantType grantType, int status,
			@Nullable String errorToken) {
		return EmnifyAuthenticationException.of(new Failure(
				(errorToken != null) ? EmnifyFailureKind.USER_LOCKED : EmnifyFailureKind.REJECTED, grantType,
				HttpStatusCode.valueOf(status), errorToken, null, true, null, "rejected the step", "Check it."), null);
	}

	private static EmnifyAuthenticationException transientFailure(EmnifyGrantType grantType, int status) {
		return EmnifyAuthenticationException.of(new Failure(EmnifyFailureKind.UNAVAILABLE, grantType,
				HttpStatusCode.valueOf(status), null, null, false, null, "answered an error", "Try later."), null);
	}

	private static EmnifyAuthenticationException unanswered(EmnifyGrantType grantType) {
		return EmnifyAuthenticationException.unanswered(new Failure(EmnifyFailureKind.TIMED_OUT, grantType, null, null,
				null, false, null, "did not answer", "Try later."), new IOException("timeout"));
	}

}
