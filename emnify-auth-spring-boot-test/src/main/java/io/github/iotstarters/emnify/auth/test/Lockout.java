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

package io.github.iotstarters.emnify.auth.test;

import java.time.Instant;

import io.github.iotstarters.emnify.auth.test.Accounts.UserAccount;
import io.github.iotstarters.emnify.auth.test.SimulatorEvent.Kind;

/**
 * emnify's lockout: {@value SimulatorSettings#LOCKOUT_FAILURES} failed logins or MFA
 * codes in a row lock a user for {@link SimulatorSettings#LOCKOUT_DURATION}. Callers hold
 * the monitor of the user's {@link UserState}.
 */
final class Lockout {

	private final Responses responses;

	Lockout(Responses responses) {
		this.responses = responses;
	}

	Outcome failedLogin(Kind kind, UserAccount user, UserState state, String reason, Instant now) {
		state.failures++;
		if (state.failures >= SimulatorSettings.LOCKOUT_FAILURES) {
			state.failures = 0;
			state.lockedUntil = now.plus(SimulatorSettings.LOCKOUT_DURATION);
			return new Outcome(kind, user.username(), reason + ", user locked", this.responses.emptyUnauthorized());
		}
		return new Outcome(kind, user.username(), reason, this.responses.emptyUnauthorized());
	}

	Outcome lockedOut(Kind kind, UserAccount user) {
		return new Outcome(kind, user.username(), "user locked",
				this.responses.locked("Too many failed login attempts, user is locked for "
						+ SimulatorSettings.LOCKOUT_DURATION.toMinutes() + " minutes"));
	}

}
