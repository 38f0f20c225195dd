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

import io.github.iotstarters.emnify.auth.mfa.EmnifyMfaCodeSource.Kind;

/**
 * {@link EmnifyFailureAdvice#DEFAULT}: advice in the words of the builders, for an
 * application that configures the library in code. The code source is named by its
 * {@link Kind}, so that no message blames a setting the application does not use.
 */
final class BuilderFailureAdvice implements EmnifyFailureAdvice {

	private static final String RETRIED = "the request is retried as EmnifyTokenProviderBuilder.retryPolicy allows, "
			+ "unless it was a password, MFA or refresh step that emnify may have served: a refresh is followed by a "
			+ "login at once, the others are left to the next renewal.";

	private static final String BASE_URL = "Check that the base URL given to EmnifyTokenProvider.builder points at "
			+ "emnify's API (https://cdn.emnify.net), not at a proxy or another service.";

	private static final String COOLDOWN = "during EmnifyTokenProviderBuilder.rejectedCredentialsCooldown";

	// Any two logins of one user at the same time that read one mailbox get each other's
	// codes: instances without a shared session log in at the same time, too.
	private static final String SHARED_MAILBOX = "A mailbox that another login of the same user reads at the same "
			+ "time (another application, an instance of this one without a shared session, or a person in the "
			+ "Portal) holds that login's codes too: give each application and user a mailbox of its own, let the "
			+ "instances share one session (a RedisEmnifyTokenStore), or use TOTP "
			+ "(EmnifyTokenProviderBuilder.mfaTotpSecret) or an application token "
			+ "(EmnifyCredentials.applicationToken), which emnify recommends for integrations.";

	@Override
	public String advise(EmnifyFailureKind kind, @Nullable EmnifyGrantType grantType, @Nullable Kind codeSource) {
		return switch (kind) {
			case REJECTED, UNEXPECTED_STATUS -> rejected(kind, grantType, codeSource);
			case REDIRECTED -> BASE_URL + " No new login is sent " + COOLDOWN + ".";
			case USER_LOCKED -> "Check the user name and password given to EmnifyCredentials.user"
					+ ((codeSource != null) ? ", and " + source(codeSource) : "") + ".";
			case NO_AUTH_TOKEN -> "This is unexpected from emnify; " + RETRIED;
			case UNAVAILABLE -> "If this persists, check emnify's status page; " + RETRIED;
			case TIMED_OUT, UNREACHABLE, UNREADABLE_ANSWER ->
				"Check the network path to the base URL given to EmnifyTokenProvider.builder; " + RETRIED;
			case MFA_REQUIRED ->
				"Give EmnifyTokenProviderBuilder.mfaTotpSecret the base32 secret of the user's MFA key "
						+ "(or give mfaCodeSource an EmnifyMfaCodeSource), or log in with an application token "
						+ "(EmnifyCredentials.applicationToken), which emnify recommends for integrations.";
			case DEVICE_NOT_TRUSTED -> "Enrol the device again (a new fingerprint for "
					+ "EmnifyTokenProviderBuilder.trustedDevice, registered with one MFA login), or give the builder "
					+ "mfaTotpSecret or mfaCodeSource so that logins complete MFA and register the device again by "
					+ "themselves.";
			case MFA_CODE_LATE -> noCode(codeSource)
					+ " Raise EmnifyTokenProviderBuilder.mfaCodeTimeout if codes arrive later than that.";
			case MFA_CODE_SOURCE_FAILED -> noCode(codeSource);
			case LOGINS_STOPPED -> "Correct the credentials or the MFA code source, then restart.";
			case RENEWAL_TIMED_OUT, TOKEN_STORE_FAILED -> "Check the EmnifyTokenStore given to "
					+ "EmnifyTokenProviderBuilder.tokenStore (for the Redis store: the connection factory given to "
					+ "RedisEmnifyTokenStore.builder, and the Redis server); the next renewal is held back as after any "
					+ "transient failure.";
			case NO_MFA_WITHOUT_SHARED_STORE -> "Restore Redis (check the connection factory given to "
					+ "RedisEmnifyTokenStore.builder, and the Redis server), or log in with an application token "
					+ "(EmnifyCredentials.applicationToken), which needs no MFA code.";
			case TOKEN_STORE_UNAVAILABLE ->
				"Check the Redis server and the connection factory given to RedisEmnifyTokenStore.builder.";
			case TOKEN_STORE_KEY_MISMATCH ->
				"Give RedisEmnifyTokenStore.builder the same encryption key on every instance.";
		};
	}

	@Override
	public String settingName(Setting setting) {
		return switch (setting) {
			case REQUEST_TIMEOUT -> "EmnifyTokenProviderBuilder.requestTimeout";
			case RETRIES -> "EmnifyTokenProviderBuilder.retryPolicy";
			case LEASE_TIME -> "RedisEmnifyTokenStore.Builder.leaseTime";
		};
	}

	private static String rejected(EmnifyFailureKind kind, @Nullable EmnifyGrantType grantType,
			@Nullable Kind codeSource) {
		String credentials = switch ((grantType != null) ? grantType : EmnifyGrantType.PASSWORD) {
			case APPLICATION_TOKEN ->
				"Check the token given to EmnifyCredentials.applicationToken: it may be mistyped, revoked or expired.";
			case PASSWORD ->
				"Check the user name and password given to EmnifyCredentials.user (or userWithPasswordSha1).";
			case REFRESH_TOKEN -> "";
			case MFA -> (codeSource != null) ? rejectedCode(codeSource) : "";
			case WORKSPACE ->
				"Check the workspace id given to EmnifyUserSession.tokenProvider: the user must be allowed into it.";
		};
		String target = (kind == EmnifyFailureKind.UNEXPECTED_STATUS) ? " " + BASE_URL : "";
		String cooldown = (grantType == EmnifyGrantType.REFRESH_TOKEN) ? ""
				: (grantType == EmnifyGrantType.WORKSPACE) ? " No new switch is sent " + COOLDOWN + "."
						: " No new login is sent " + COOLDOWN + " (emnify locks a user out after three failed logins).";
		return (credentials + target + cooldown).strip();
	}

	private static String source(Kind codeSource) {
		return switch (codeSource) {
			case TOTP -> "the TOTP secret given to EmnifyTokenProviderBuilder.mfaTotpSecret and this machine's clock";
			case EMAIL ->
				"the mailbox that EmnifyMfaCodeSource.email reads, which no other login of the user may share";
			case CUSTOM -> "your EmnifyMfaCodeSource";
		};
	}

	private static String rejectedCode(Kind codeSource) {
		return switch (codeSource) {
			case TOTP ->
				"The code was computed from the TOTP secret given to EmnifyTokenProviderBuilder.mfaTotpSecret: "
						+ "check that it is the secret of the user's active MFA key, and that this machine's clock is right.";
			case EMAIL -> "The code was read from a mail in the mailbox that EmnifyMfaCodeSource.email reads. "
					+ SHARED_MAILBOX + " Check the sender and code pattern of its EmnifyMfaEmailSettings too.";
			case CUSTOM -> "The code came from your EmnifyMfaCodeSource: check where it takes its codes from.";
		};
	}

	private static String noCode(@Nullable Kind codeSource) {
		if (codeSource == Kind.EMAIL) {
			return "Check the mailbox that EmnifyMfaCodeSource.email reads. " + SHARED_MAILBOX;
		}
		return "Check " + source((codeSource != null) ? codeSource : Kind.CUSTOM) + ".";
	}

}
