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

import io.github.iotstarters.emnify.auth.mfa.EmnifyMfaCodeSource.Kind;

/**
 * What to check when emnify rejects an MFA code, locks the user, or no code came, by the
 * {@link Kind} of the code source that the login took its codes from: the one place that
 * names the settings behind each kind, so that no message blames a setting the
 * application does not use.
 */
final class MfaCodeAdvice {

	// Any two logins of one user at the same time that read one mailbox get each other's
	// codes: instances without a shared session log in at the same time, too.
	private static final String SHARED_MAILBOX = "A mailbox that another login of the same user reads at the same "
			+ "time (another application, an instance of this one without a shared session, or a person in the "
			+ "Portal) holds that login's codes too: give each application and user a mailbox of its own, let the "
			+ "instances share one session (emnify.token-store.type=redis), or use TOTP (emnify.mfa.totp-secret) or "
			+ "an application token (emnify.application-token), which emnify recommends for integrations.";

	private MfaCodeAdvice() {
	}

	/**
	 * Name where the codes came from, to complete "Check ...".
	 * @param kind the kind of code source
	 * @return the settings to check
	 */
	static String source(Kind kind) {
		return switch (kind) {
			case TOTP -> "the TOTP secret (emnify.mfa.totp-secret) and this machine's clock";
			case EMAIL -> "the mailbox that emnify.mfa.email.* reads, which no other login of the user may share";
			case CUSTOM -> "your EmnifyMfaCodeSource";
		};
	}

	/**
	 * Say what to check after emnify rejected a code of the source.
	 * @param kind the kind of code source
	 * @return the advice
	 */
	static String rejectedCode(Kind kind) {
		return switch (kind) {
			case TOTP -> "The code was computed from the TOTP secret (emnify.mfa.totp-secret): check that it is the "
					+ "secret of the user's active MFA key, and that this machine's clock is right.";
			case EMAIL -> "The code was read from a mail in the mailbox that emnify.mfa.email.* reads. "
					+ SHARED_MAILBOX + " Check emnify.mfa.email.sender and emnify.mfa.email.code-pattern too.";
			case CUSTOM -> "The code came from your EmnifyMfaCodeSource: check where it takes its codes from.";
		};
	}

	/**
	 * Say what to check after the source supplied no code.
	 * @param kind the kind of code source
	 * @return the advice
	 */
	static String noCode(Kind kind) {
		return switch (kind) {
			case EMAIL -> "Check the mailbox that emnify.mfa.email.* reads. " + SHARED_MAILBOX;
			default -> "Check " + source(kind) + ".";
		};
	}

}
