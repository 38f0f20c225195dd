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

import tools.jackson.databind.node.ObjectNode;

import io.github.iotstarters.emnify.auth.test.Accounts.UserAccount;
import io.github.iotstarters.emnify.auth.test.SimulatorEvent.Kind;

/**
 * Logins with {@code username} and the SHA-1 hex of the {@code password}: auth and
 * refresh tokens, or for a user with MFA whose device is not trusted an {@code mfa_token}
 * that the {@link MfaGrant} answers.
 */
final class PasswordGrant {

	private final Accounts accounts;

	private final UserStates userStates;

	private final Lockout lockout;

	private final MfaGrant mfaGrant;

	private final TokenIssuer tokens;

	private final Responses responses;

	PasswordGrant(Accounts accounts, UserStates userStates, Lockout lockout, MfaGrant mfaGrant, TokenIssuer tokens,
			Responses responses) {
		this.accounts = accounts;
		this.userStates = userStates;
		this.lockout = lockout;
		this.mfaGrant = mfaGrant;
		this.tokens = tokens;
		this.responses = responses;
	}

	Outcome authenticate(ObjectNode body, Instant now) {
		String username = Responses.text(body, "username");
		String passwordHash = Responses.text(body, "password");
		if (username == null || passwordHash == null) {
			return new Outcome(Kind.PASSWORD_LOGIN, (username != null) ? username : Outcome.UNKNOWN_PRINCIPAL,
					"username or password missing", this.responses.badRequest("username and password must be strings"));
		}
		UserAccount user = this.accounts.user(username);
		if (user == null) {
			return new Outcome(Kind.PASSWORD_LOGIN, username, "unknown user", this.responses.emptyUnauthorized());
		}
		UserState state = this.userStates.stateOf(user);
		synchronized (state) {
			if (state.isLocked(now)) {
				return this.lockout.lockedOut(Kind.PASSWORD_LOGIN, user);
			}
			if (!user.passwordMatches(passwordHash)) {
				return this.lockout.failedLogin(Kind.PASSWORD_LOGIN, user, state, "wrong password", now);
			}
			String fingerprint = Responses.text(body, "fingerprint");
			boolean trustedDevice = state.trusts(fingerprint, now);
			if ((state.totpKey(user) != null || user.mfaMailbox() != null) && !trustedDevice) {
				String mfaToken = this.mfaGrant.issueMfaToken(user, now);
				return new Outcome(Kind.MFA_CHALLENGE, username,
						(user.mfaMailbox() != null) ? "mfa token issued, code mailed" : "mfa token issued",
						this.responses.ok(this.responses.object().put("mfa_token", mfaToken)));
			}
			// Only issued tokens end a run of failures, so that the right password
			// between wrong MFA codes does not keep the user from being locked.
			state.failures = 0;
			return new Outcome(Kind.PASSWORD_LOGIN, username,
					trustedDevice ? "tokens issued to trusted device" : "tokens issued",
					this.responses.ok(this.tokens.issueLoginTokens(user, state, now)));
		}
	}

}
