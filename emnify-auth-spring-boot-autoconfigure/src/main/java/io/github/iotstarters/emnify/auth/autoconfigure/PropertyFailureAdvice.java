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
 * message meets a property's name. The sentences are the library's
 * ({@link EmnifyFailureAdvice#withSettingNames}); this class names the settings, and adds
 * what only the properties tell: that {@code emnify.password} looks like a SHA-1 hash.
 */
final class PropertyFailureAdvice implements EmnifyFailureAdvice {

	static final PropertyFailureAdvice INSTANCE = new PropertyFailureAdvice(false);

	/**
	 * Advice for a login whose {@code emnify.password} looks like a SHA-1 hash: after a
	 * rejection, it suggests {@code emnify.password-sha1}.
	 */
	static final PropertyFailureAdvice PASSWORD_LOOKS_HASHED = new PropertyFailureAdvice(true);

	// Said at start-up and after each rejection of such a password, in the words of the
	// reverse mistake's report (EmnifyProperties: "emnify.password-sha1 is not a SHA-1
	// hash"). The value is never shown: it is the password, or its hash.
	static final String HASHED_PASSWORD_HINT = "emnify.password looks like a SHA-1 hash (40 hexadecimal digits; its "
			+ "value is not shown), and is hashed once more before it is sent: if it is the SHA-1 of the password, set "
			+ "it as emnify.password-sha1 instead of emnify.password.";

	private static final EmnifyFailureAdvice TEMPLATE = EmnifyFailureAdvice
		.withSettingNames(PropertyFailureAdvice::propertyName);

	private final boolean passwordLooksHashed;

	private PropertyFailureAdvice(boolean passwordLooksHashed) {
		this.passwordLooksHashed = passwordLooksHashed;
	}

	@Override
	public String advise(EmnifyFailureKind kind, @Nullable EmnifyGrantType grantType, @Nullable Kind codeSource) {
		String advice = TEMPLATE.advise(kind, grantType, codeSource);
		boolean rejectedPassword = grantType == EmnifyGrantType.PASSWORD
				&& (kind == EmnifyFailureKind.REJECTED || kind == EmnifyFailureKind.UNEXPECTED_STATUS);
		return (this.passwordLooksHashed && rejectedPassword) ? advice + " " + HASHED_PASSWORD_HINT : advice;
	}

	@Override
	public String settingName(Setting setting) {
		return propertyName(setting);
	}

	private static String propertyName(Setting setting) {
		return switch (setting) {
			case BASE_URL -> "emnify.base-url";
			case APPLICATION_TOKEN -> "emnify.application-token";
			case USER -> "emnify.username and emnify.password";
			case PASSWORD_SHA1 -> "emnify.password-sha1";
			case WORKSPACE -> "emnify.workspace-id";
			case REJECTED_CREDENTIALS_COOLDOWN -> "emnify.rejected-credentials-cooldown";
			case REQUEST_TIMEOUT -> "emnify.token.request-timeout";
			case RETRIES -> "emnify.retry.*";
			case TOTP_SECRET -> "emnify.mfa.totp-secret";
			case MFA_CODE_SOURCE -> "an EmnifyMfaCodeSource bean";
			case MFA_MAILBOX -> "emnify.mfa.email.*";
			case MFA_MAIL_MATCHING -> "emnify.mfa.email.sender and emnify.mfa.email.code-pattern";
			case MFA_CODE_TIMEOUT -> "emnify.mfa.code-timeout";
			case TRUSTED_DEVICE -> "emnify.mfa.trusted-device.fingerprint";
			case TOKEN_STORE -> "the EmnifyTokenStore";
			case SHARED_TOKEN_STORE -> "emnify.token-store.type=redis";
			case REDIS_CONNECTION, RATE_LIMIT_REDIS_CONNECTION -> "spring.data.redis.*";
			case ENCRYPTION_KEY -> "emnify.token-store.encryption-key";
			case LEASE_TIME -> "emnify.token-store.lease-time";
			case RATE_LIMIT_MAX_WAIT -> "emnify.rate-limit.max-wait";
		};
	}

}
