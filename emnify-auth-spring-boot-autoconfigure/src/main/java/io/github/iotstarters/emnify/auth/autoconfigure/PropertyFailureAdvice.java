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

package io.github.iotstarters.emnify.auth.autoconfigure;

import org.jspecify.annotations.Nullable;

import io.github.iotstarters.emnify.auth.EmnifyFailureAdvice;
import io.github.iotstarters.emnify.auth.EmnifyFailureKind;
import io.github.iotstarters.emnify.auth.EmnifyGrantType;
import io.github.iotstarters.emnify.auth.mfa.EmnifyMfaCodeSource.Kind;

/**
 * {@link EmnifyFailureAdvice} that names the {@code emnify.*} and
 * {@code spring.data.redis.*} properties to check: the one place in which a failure's
 * message meets a property's name. The code source is named by its {@link Kind}, so that
 * no message blames a setting the application does not use.
 */
final class PropertyFailureAdvice implements EmnifyFailureAdvice {

	static final PropertyFailureAdvice INSTANCE = new PropertyFailureAdvice();

	private static final String RETRIED = "the request is retried within emnify.retry.*, unless it was a password, "
			+ "MFA or refresh step that emnify may have served: a refresh is followed by a login at once, the others "
			+ "are left to the next renewal.";

	private static final String BASE_URL = "Check that emnify.base-url points at emnify's API "
			+ "(https://cdn.emnify.net), not at a proxy or another service.";

	private static final String COOLDOWN = "during emnify.rejected-credentials-cooldown";

	// Any two logins of one user at the same time that read one mailbox get each other's
	// codes: instances without a shared session log in at the same time, too.
	private static final String SHARED_MAILBOX = "A mailbox that another login of the same user reads at the same "
			+ "time (another application, an instance of this one without a shared session, or a person in the "
			+ "Portal) holds that login's codes too: give each application and user a mailbox of its own, let the "
			+ "instances share one session (emnify.token-store.type=redis), or use TOTP (emnify.mfa.totp-secret) or "
			+ "an application token (emnify.application-token), which emnify recommends for integrations.";

	private PropertyFailureAdvice() {
	}

	@Override
	public String advise(EmnifyFailureKind kind, @Nullable EmnifyGrantType grantType, @Nullable Kind codeSource) {
		return switch (kind) {
			case REJECTED, UNEXPECTED_STATUS -> rejected(kind, grantType, codeSource);
			case REDIRECTED -> BASE_URL + " No new login is sent " + COOLDOWN + ".";
			case USER_LOCKED -> "Check emnify.username and emnify.password"
					+ ((codeSource != null) ? ", and " + source(codeSource) : "") + ".";
			case NO_AUTH_TOKEN -> "This is unexpected from emnify; " + RETRIED;
			case UNAVAILABLE -> "If this persists, check emnify's status page; " + RETRIED;
			case TIMED_OUT, UNREACHABLE, UNREADABLE_ANSWER -> "Check the network path to emnify.base-url; " + RETRIED;
			case MFA_REQUIRED -> "Set emnify.mfa.totp-secret to the base32 secret of the user's MFA key (or declare an "
					+ "EmnifyMfaCodeSource bean), or log in with an application token (emnify.application-token), "
					+ "which emnify recommends for integrations.";
			case DEVICE_NOT_TRUSTED ->
				"Enrol the device again (a new emnify.mfa.trusted-device.fingerprint, registered "
						+ "with one MFA login), or set emnify.mfa.totp-secret (or declare an EmnifyMfaCodeSource bean) so "
						+ "that logins complete MFA and register the device again by themselves.";
			case MFA_CODE_LATE ->
				noCode(codeSource) + " Raise emnify.mfa.code-timeout if codes arrive later than that.";
			case MFA_CODE_SOURCE_FAILED -> noCode(codeSource);
			case RENEWAL_TIMED_OUT, TOKEN_STORE_FAILED -> "Check the EmnifyTokenStore (for the Redis store: "
					+ "spring.data.redis.* and the Redis server); the next renewal is held back as after any transient "
					+ "failure.";
			case NO_MFA_WITHOUT_SHARED_STORE ->
				"Restore Redis (check spring.data.redis.* and the Redis server), or log "
						+ "in with an application token (emnify.application-token), which needs no MFA code.";
			case TOKEN_STORE_UNAVAILABLE -> "Check spring.data.redis.* and the Redis server.";
			case TOKEN_STORE_KEY_MISMATCH -> "Give every instance the same emnify.token-store.encryption-key.";
			// Names no setting.
			case LOGINS_STOPPED -> EmnifyFailureAdvice.DEFAULT.advise(kind, grantType, codeSource);
		};
	}

	@Override
	public String settingName(Setting setting) {
		return switch (setting) {
			case REQUEST_TIMEOUT -> "emnify.token.request-timeout";
			case RETRIES -> "emnify.retry.*";
			case LEASE_TIME -> "emnify.token-store.lease-time";
		};
	}

	private static String rejected(EmnifyFailureKind kind, @Nullable EmnifyGrantType grantType,
			@Nullable Kind codeSource) {
		String credentials = switch ((grantType != null) ? grantType : EmnifyGrantType.PASSWORD) {
			case APPLICATION_TOKEN -> "Check emnify.application-token: the token may be mistyped, revoked or expired.";
			case PASSWORD -> "Check emnify.username and emnify.password (or emnify.password-sha1).";
			case REFRESH_TOKEN -> "";
			case MFA -> (codeSource != null) ? rejectedCode(codeSource) : "";
			case WORKSPACE -> "Check emnify.workspace-id: the user must be allowed into that workspace.";
		};
		String target = (kind == EmnifyFailureKind.UNEXPECTED_STATUS) ? " " + BASE_URL : "";
		String cooldown = (grantType == EmnifyGrantType.REFRESH_TOKEN) ? ""
				: (grantType == EmnifyGrantType.WORKSPACE) ? " No new switch is sent " + COOLDOWN + "."
						: " No new login is sent " + COOLDOWN + " (emnify locks a user out after three failed logins).";
		return (credentials + target + cooldown).strip();
	}

	private static String source(Kind codeSource) {
		return switch (codeSource) {
			case TOTP -> "the TOTP secret (emnify.mfa.totp-secret) and this machine's clock";
			case EMAIL -> "the mailbox that emnify.mfa.email.* reads, which no other login of the user may share";
			case CUSTOM -> "your EmnifyMfaCodeSource";
		};
	}

	private static String rejectedCode(Kind codeSource) {
		return switch (codeSource) {
			case TOTP -> "The code was computed from the TOTP secret (emnify.mfa.totp-secret): check that it is the "
					+ "secret of the user's active MFA key, and that this machine's clock is right.";
			case EMAIL -> "The code was read from a mail in the mailbox that emnify.mfa.email.* reads. "
					+ SHARED_MAILBOX + " Check emnify.mfa.email.sender and emnify.mfa.email.code-pattern too.";
			case CUSTOM -> "The code came from your EmnifyMfaCodeSource: check where it takes its codes from.";
		};
	}

	private static String noCode(@Nullable Kind codeSource) {
		if (codeSource == Kind.EMAIL) {
			return "Check the mailbox that emnify.mfa.email.* reads. " + SHARED_MAILBOX;
		}
		return "Check " + source((codeSource != null) ? codeSource : Kind.CUSTOM) + ".";
	}

}
