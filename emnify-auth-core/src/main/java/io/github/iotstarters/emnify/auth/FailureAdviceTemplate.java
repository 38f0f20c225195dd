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

import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import io.github.iotstarters.emnify.auth.mfa.EmnifyMfaCodeSource.Kind;

/**
 * The advice of {@link EmnifyFailureAdvice#withSettingNames}: every sentence written
 * once, with each setting named as the configuration's vocabulary names it. The code
 * source is named by its {@link Kind}, so that no message blames a setting the
 * application does not use.
 */
final class FailureAdviceTemplate implements EmnifyFailureAdvice {

	/**
	 * The settings as {@link EmnifyFailureAdvice#DEFAULT} names them: the methods of
	 * {@link EmnifyTokenProviderBuilder}, the factories of {@link EmnifyCredentials} and
	 * the builder of the Redis token store.
	 */
	static final Function<Setting, String> BUILDER_NAMES = (setting) -> switch (setting) {
		case BASE_URL -> "the base URL given to EmnifyTokenProvider.builder";
		case APPLICATION_TOKEN -> "EmnifyCredentials.applicationToken";
		case USER -> "the user name and password given to EmnifyCredentials.user";
		case PASSWORD_SHA1 -> "EmnifyCredentials.userWithPasswordSha1";
		case WORKSPACE -> "the workspace id given to EmnifyUserSession.tokenProvider";
		case REJECTED_CREDENTIALS_COOLDOWN -> "EmnifyTokenProviderBuilder.rejectedCredentialsCooldown";
		case REQUEST_TIMEOUT -> "EmnifyTokenProviderBuilder.requestTimeout";
		case RETRIES -> "EmnifyTokenProviderBuilder.retryPolicy";
		case TOTP_SECRET -> "EmnifyTokenProviderBuilder.mfaTotpSecret";
		case MFA_CODE_SOURCE -> "an EmnifyMfaCodeSource for EmnifyTokenProviderBuilder.mfaCodeSource";
		case MFA_MAILBOX -> "EmnifyMfaCodeSource.email";
		case MFA_MAIL_MATCHING -> "the sender and code pattern of the EmnifyMfaEmailSettings";
		case MFA_CODE_TIMEOUT -> "EmnifyTokenProviderBuilder.mfaCodeTimeout";
		case TRUSTED_DEVICE -> "fingerprint for EmnifyTokenProviderBuilder.trustedDevice";
		case TOKEN_STORE -> "the EmnifyTokenStore given to EmnifyTokenProviderBuilder.tokenStore";
		case SHARED_TOKEN_STORE -> "a RedisEmnifyTokenStore";
		case REDIS_CONNECTION -> "the connection factory given to RedisEmnifyTokenStore.builder";
		case ENCRYPTION_KEY -> "encryption key for RedisEmnifyTokenStore.builder";
		case LEASE_TIME -> "RedisEmnifyTokenStore.Builder.leaseTime";
		case RATE_LIMIT_MAX_WAIT -> "EmnifyRateLimits.Builder.maxWait";
		case RATE_LIMIT_REDIS_CONNECTION -> "the connection factory given to RedisEmnifyRateLimitBuckets.builder";
	};

	private final Function<Setting, String> names;

	FailureAdviceTemplate(Function<Setting, String> names) {
		this.names = names;
	}

	@Override
	public String advise(EmnifyFailureKind kind, @Nullable EmnifyGrantType grantType, @Nullable Kind codeSource) {
		return switch (kind) {
			case REJECTED, UNEXPECTED_STATUS -> rejected(kind, grantType, codeSource);
			case REDIRECTED -> baseUrl() + " No new login is sent " + cooldown() + ".";
			case USER_LOCKED ->
				"Check " + name(Setting.USER) + ((codeSource != null) ? ", and " + source(codeSource) : "") + ".";
			case NO_AUTH_TOKEN -> "This is unexpected from emnify; " + retried();
			case UNAVAILABLE -> "If this persists, check emnify's status page; " + retried();
			case TIMED_OUT, UNREACHABLE, UNREADABLE_ANSWER ->
				"Check the network path to " + name(Setting.BASE_URL) + "; " + retried();
			case MFA_REQUIRED -> "Set " + name(Setting.TOTP_SECRET) + " to the base32 secret of the user's MFA key (or "
					+ "declare " + name(Setting.MFA_CODE_SOURCE) + "), or log in with an application token ("
					+ name(Setting.APPLICATION_TOKEN) + "), which emnify recommends for integrations.";
			case DEVICE_NOT_TRUSTED -> "Enrol the device again (a new " + name(Setting.TRUSTED_DEVICE)
					+ ", registered with one MFA login), or set " + name(Setting.TOTP_SECRET) + " (or declare "
					+ name(Setting.MFA_CODE_SOURCE)
					+ ") so that logins complete MFA and register the device again by themselves.";
			case MFA_CODE_LATE ->
				noCode(codeSource) + " Raise " + name(Setting.MFA_CODE_TIMEOUT) + " if codes arrive later than that.";
			case MFA_CODE_SOURCE_FAILED -> noCode(codeSource);
			case LOGINS_STOPPED -> "Correct the credentials or the MFA code source, then restart.";
			case RENEWAL_TIMED_OUT, TOKEN_STORE_FAILED ->
				"Check " + name(Setting.TOKEN_STORE) + " (for the Redis " + "store: " + name(Setting.REDIS_CONNECTION)
						+ " and the Redis server); the next renewal is held " + "back as after any transient failure.";
			case NO_MFA_WITHOUT_SHARED_STORE -> "Restore Redis (check " + name(Setting.REDIS_CONNECTION)
					+ " and the Redis server), or log in with an application token (" + name(Setting.APPLICATION_TOKEN)
					+ "), which needs no MFA code.";
			case TOKEN_STORE_UNAVAILABLE -> redisDown(Setting.REDIS_CONNECTION);
			case RATE_LIMIT_BUCKETS_UNAVAILABLE -> redisDown(Setting.RATE_LIMIT_REDIS_CONNECTION);
			case TOKEN_STORE_KEY_MISMATCH -> "Give every instance the same " + name(Setting.ENCRYPTION_KEY) + ".";
			case RATE_LIMIT_WAIT -> "Raise " + name(Setting.RATE_LIMIT_MAX_WAIT)
					+ ", lower the number of callers that call emnify at the same time, or spread the job over a "
					+ "longer time.";
		};
	}

	@Override
	public String settingName(Setting setting) {
		return this.names.apply(setting);
	}

	private String name(Setting setting) {
		return settingName(setting);
	}

	private String rejected(EmnifyFailureKind kind, @Nullable EmnifyGrantType grantType, @Nullable Kind codeSource) {
		EmnifyGrantType credential = (grantType != null) ? grantType : EmnifyGrantType.PASSWORD;
		String check = switch (credential) {
			case APPLICATION_TOKEN ->
				"Check " + name(Setting.APPLICATION_TOKEN) + ": the token may be mistyped, revoked or expired.";
			case PASSWORD -> "Check " + name(Setting.USER) + " (or " + name(Setting.PASSWORD_SHA1) + ").";
			case REFRESH_TOKEN -> "";
			case MFA -> (codeSource != null) ? rejectedCode(codeSource) : "";
			case WORKSPACE -> "Check " + name(Setting.WORKSPACE) + ": the user must be allowed into that workspace.";
		};
		String target = (kind == EmnifyFailureKind.UNEXPECTED_STATUS) ? " " + baseUrl() : "";
		// emnify locks users, and counts a rejected code like a wrong password; no lock
		// is
		// documented for an application token or a workspace switch. A refresh is
		// followed by a login at once, which speaks for itself.
		String resend = switch (credential) {
			case APPLICATION_TOKEN -> " No new login is sent " + cooldown() + ".";
			case PASSWORD ->
				" No new login is sent " + cooldown() + " (emnify locks a user out after three failed logins).";
			case MFA -> " No new login is sent " + cooldown()
					+ " (emnify locks a user out after three rejected MFA codes or passwords in a row).";
			case REFRESH_TOKEN -> "";
			case WORKSPACE -> " No new switch is sent " + cooldown() + ".";
		};
		return (check + target + resend).strip();
	}

	private String redisDown(Setting connection) {
		return "Check " + name(connection) + " and the Redis server.";
	}

	private String retried() {
		return "the request is retried within " + name(Setting.RETRIES) + ", unless it was a password, MFA or "
				+ "refresh step that emnify may have served: a refresh is followed by a login at once, the others "
				+ "are left to the next renewal.";
	}

	private String baseUrl() {
		return "Check that " + name(Setting.BASE_URL)
				+ " points at emnify's API (https://cdn.emnify.net), not at a proxy or another service.";
	}

	private String cooldown() {
		return "during " + name(Setting.REJECTED_CREDENTIALS_COOLDOWN);
	}

	// Any two logins of one user at the same time that read one mailbox get each other's
	// codes: instances without a shared session log in at the same time, too.
	private String sharedMailbox() {
		return "A mailbox that another login of the same user reads at the same time (another application, an "
				+ "instance of this one without a shared session, or a person in the Portal) holds that login's codes "
				+ "too: give each application and user a mailbox of its own, let the instances share one session ("
				+ name(Setting.SHARED_TOKEN_STORE) + "), or use TOTP (" + name(Setting.TOTP_SECRET)
				+ ") or an application token (" + name(Setting.APPLICATION_TOKEN)
				+ "), which emnify recommends for integrations.";
	}

	private String source(Kind codeSource) {
		return switch (codeSource) {
			case TOTP -> "the TOTP secret (" + name(Setting.TOTP_SECRET) + ") and this machine's clock";
			case EMAIL ->
				"the mailbox that " + name(Setting.MFA_MAILBOX) + " reads, which no other login of the user may share";
			case CUSTOM -> "your EmnifyMfaCodeSource";
		};
	}

	private String rejectedCode(Kind codeSource) {
		return switch (codeSource) {
			case TOTP ->
				"The code was computed from the TOTP secret (" + name(Setting.TOTP_SECRET) + "): check that it "
						+ "is the secret of the user's active MFA key, and that this machine's clock is right.";
			case EMAIL -> "The code was read from a mail in the mailbox that " + name(Setting.MFA_MAILBOX) + " reads. "
					+ sharedMailbox() + " Check " + name(Setting.MFA_MAIL_MATCHING) + " too.";
			case CUSTOM -> "The code came from your EmnifyMfaCodeSource: check where it takes its codes from.";
		};
	}

	private String noCode(@Nullable Kind codeSource) {
		if (codeSource == Kind.EMAIL) {
			return "Check the mailbox that " + name(Setting.MFA_MAILBOX) + " reads. " + sharedMailbox();
		}
		return "Check " + source((codeSource != null) ? codeSource : Kind.CUSTOM) + ".";
	}

}
