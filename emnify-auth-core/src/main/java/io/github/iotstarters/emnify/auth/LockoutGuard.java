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

import org.jspecify.annotations.Nullable;

/**
 * The rule that keeps the library from causing emnify's lockout of the user, in one
 * place. emnify locks a user for {@link AuthenticationClient#LOCK_DURATION} after three
 * failed logins or MFA codes in a row, for every application and for people in the Portal
 * alike; so no login is sent once emnify may have counted two of this run, until the
 * application restarts.
 * <ul>
 * <li>A rejected password or MFA step (a 4xx) counts one.</li>
 * <li>A password step that emnify may have checked without saying so (no answer, a server
 * error other than 503) counts one, but only with a rejection in the run: unanswered
 * steps alone are a network problem more often than a wrong password, and never stop
 * logins.</li>
 * <li>emnify's lock answer counts as one short of the stop, so that one more rejection
 * stops logins, and takes in the unanswered steps before it.</li>
 * <li>Through a shared store, the run of rejections that another instance met, read as
 * the fleet's last rejection, counts here too, as long as it was met with the same
 * settings; a run stopped there stops logins here at once.</li>
 * <li>A successful login ends the run.</li>
 * </ul>
 * Only the one renewal in flight calls the guard, so its run needs no lock.
 */
final class LockoutGuard {

	/**
	 * Failed logins in a row after which no login is sent: emnify locks the user at the
	 * third.
	 */
	static final int REJECTED_LOGINS_BEFORE_STOP = 2;

	private final EmnifyGrantType grantType;

	private final EmnifyFailureAdvice advice;

	private volatile LoginRun run = LoginRun.NONE;

	/**
	 * Create the guard of one provider.
	 * @param grantType how the provider logs in
	 * @param advice what a stop tells the application to do
	 */
	LockoutGuard(EmnifyGrantType grantType, EmnifyFailureAdvice advice) {
		this.grantType = grantType;
		this.advice = advice;
	}

	/**
	 * Return the run of failed logins this provider knows of.
	 * @return the run
	 */
	LoginRun run() {
		return this.run;
	}

	/**
	 * Take up, before a login, the last rejection the fleet met with these settings, and
	 * tell whether the login may be sent.
	 * @param lastRejection the rejection a shared store holds, if any
	 * @return the failure every caller gets instead of a login, or {@code null} when the
	 * login may be sent
	 */
	@Nullable EmnifyAuthenticationException beforeLogin(@Nullable EmnifyAuthenticationException lastRejection) {
		if (lastRejection == null) {
			return null;
		}
		int stored = lastRejection.getRejectedLoginsInARow();
		if (stored >= REJECTED_LOGINS_BEFORE_STOP) {
			return lastRejection;
		}
		LoginRun run = this.run;
		// Steps left unanswered before emnify's lock are in it.
		run = new LoginRun(Math.max(run.rejected(), stored), lastRejection.isLock() ? 0 : run.unanswered());
		this.run = run;
		return run.mayHaveCountedTwo() ? stop(lastRejection, run) : null;
	}

	/**
	 * Count a failed step of this provider's login, before a shared store passes it on,
	 * so that the other instances count it too.
	 * @param failure how the step failed
	 * @return the failure as callers get it: as it came, counted as the number of failed
	 * logins in a row, or stopping logins
	 */
	EmnifyAuthenticationException counted(EmnifyAuthenticationException failure) {
		if (failure.getRejectedLoginsInARow() > 0) {
			// Counted already, by the provider whose login it was (the user's, for a
			// workspace).
			return failure;
		}
		LoginRun run = this.run;
		if (failure.isLock() && (failure.isUserLogin() || failure.getGrantType() == EmnifyGrantType.REFRESH_TOKEN)) {
			// emnify may count on from its lock, or others may have caused part of it:
			// one more rejected login stops. Steps left unanswered before it are in it.
			this.run = new LoginRun(run.rejected(), 0);
			return failure.countedAs(REJECTED_LOGINS_BEFORE_STOP - 1);
		}
		if (failure.mayHaveBeenChecked() && this.grantType == EmnifyGrantType.PASSWORD) {
			run = new LoginRun(run.rejected(), run.unanswered() + 1);
			this.run = run;
			return run.mayHaveCountedTwo() ? stop(failure, run) : failure;
		}
		if (!failure.isFailedLogin()) {
			return failure;
		}
		this.run = new LoginRun(run.rejected(), 0);
		LoginRun counted = new LoginRun(run.rejected() + 1, run.unanswered());
		return (counted.inARow() < REJECTED_LOGINS_BEFORE_STOP) ? failure.countedAs(counted.inARow())
				: stop(failure, counted);
	}

	/**
	 * Remember the failure that ended a renewal, as every caller got it, and tell whether
	 * logins are stopped for good.
	 * @param failure the failure
	 * @return whether no login is sent until the application restarts
	 */
	boolean stopsLogins(EmnifyAuthenticationException failure) {
		if (failure.getRejectedLoginsInARow() > 0) {
			this.run = new LoginRun(failure.getRejectedLoginsInARow(), this.run.unanswered());
		}
		return this.run.rejected() >= REJECTED_LOGINS_BEFORE_STOP;
	}

	/**
	 * End the run: a login succeeded.
	 */
	void succeeded() {
		this.run = LoginRun.NONE;
	}

	private EmnifyAuthenticationException stop(EmnifyAuthenticationException failure, LoginRun run) {
		int inARow = run.inARow();
		String counted = (run.unanswered() == 0) ? "emnify rejected " + inARow + " logins of this user in a row"
				: "emnify rejected " + run.rejected() + ((run.rejected() == 1) ? " login" : " logins")
						+ " of this user and left " + run.unanswered() + " unanswered that it may have counted, "
						+ inARow + " in a row";
		String locked = (inARow > REJECTED_LOGINS_BEFORE_STOP) ? " emnify may have locked the user already." : "";
		return failure.stoppingLogins(counted
				+ ", so no further login is sent until the application restarts: emnify locks the user for "
				+ AuthenticationAnswers.LOCK_DURATION.toMinutes()
				+ " minutes after three failed logins or MFA codes in a row, for this application and for people "
				+ "in the Portal alike." + locked + " "
				+ this.advice.advise(EmnifyFailureKind.LOGINS_STOPPED, failure.getGrantType(), null) + " The last "
				+ (failure.isRejected() ? "rejection: " : "failure: ") + failure.getMessage(), inARow);
	}

	/**
	 * The failed logins of the user in a row since the last that succeeded.
	 *
	 * @param rejected the steps emnify rejected, here or on another instance with the
	 * same settings
	 * @param unanswered the steps left unanswered that emnify may have checked and
	 * counted unseen
	 */
	record LoginRun(int rejected, int unanswered) {

		static final LoginRun NONE = new LoginRun(0, 0);

		int inARow() {
			return this.rejected + this.unanswered;
		}

		// Whether emnify may have counted two failed logins of this run, one of them a
		// rejection: a third would lock the user.
		boolean mayHaveCountedTwo() {
			return this.rejected >= 1 && inARow() >= REJECTED_LOGINS_BEFORE_STOP;
		}

	}

}
