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

import io.github.iotstarters.emnify.auth.mfa.EmnifyMfaCodeSource;
import io.github.iotstarters.emnify.auth.mfa.EmnifyMfaEmailSettings;

/**
 * What the message of a failure advises to check, by the failure's
 * {@link EmnifyFailureKind kind}, in the words of whoever configured the library: the
 * {@link #DEFAULT} names the methods of {@link EmnifyTokenProviderBuilder} and the
 * factories of {@link EmnifyCredentials}, Spring Boot's auto-configuration names its
 * properties, a command line tool may name what the person typed. Set it with
 * {@link EmnifyTokenProviderBuilder#failureAdvice} (and on the Redis token store's
 * builder, for its failures and warnings).
 * <p>
 * A message mostly reads "emnify &lt;what happened&gt; (&lt;grant, HTTP status and
 * emnify's answer&gt;). &lt;what emnify or the library does about it, where that is
 * fixed&gt; &lt;advice&gt;". The advice is composed once, where the failure is made, and
 * every caller that shares the failure gets the same message. Advice never holds a
 * secret.
 * <p>
 * The library's own advice is one text that names each {@link Setting} in the words of
 * the configuration: {@link #withSettingNames} gives it for another vocabulary, so that
 * only the names need writing.
 */
@FunctionalInterface
public interface EmnifyFailureAdvice {

	/**
	 * Advice that names the methods of {@link EmnifyTokenProviderBuilder}, the factories
	 * of {@link EmnifyCredentials} and the builder of the Redis token store.
	 */
	EmnifyFailureAdvice DEFAULT = withSettingNames(FailureAdviceTemplate.BUILDER_NAMES);

	/**
	 * Say what to check or do after a failure.
	 * @param kind what went wrong
	 * @param grantType the grant of the request that failed; {@code null} for what a
	 * token store warns about ({@link EmnifyFailureKind#TOKEN_STORE_UNAVAILABLE},
	 * {@link EmnifyFailureKind#TOKEN_STORE_KEY_MISMATCH})
	 * @param codeSource where the login takes its MFA codes from; {@code null} when it
	 * has no code source or the failure is no concern of it
	 * @return one or more sentences, or an empty string when there is nothing to check
	 */
	String advise(EmnifyFailureKind kind, @Nullable EmnifyGrantType grantType,
			EmnifyMfaCodeSource.@Nullable Kind codeSource);

	/**
	 * Name a setting where a message names it in what happened, as the bound that was
	 * outlasted: "did not answer within PT10S (&lt;name&gt;)". By default as
	 * {@link #DEFAULT} names it.
	 * @param setting the setting
	 * @return its name
	 */
	default String settingName(Setting setting) {
		return DEFAULT.settingName(setting);
	}

	/**
	 * Return the library's advice, with every setting named as the given function names
	 * it: the sentences are the same for every vocabulary.
	 * @param settingNames the name of each setting, as it fits into a sentence in place
	 * of the setting: a property, a method, or a short phrase that names one ("the
	 * connection factory given to ..."); never a value
	 * @return the advice, whose {@link #settingName} is the given function
	 */
	static EmnifyFailureAdvice withSettingNames(Function<Setting, String> settingNames) {
		return new FailureAdviceTemplate(settingNames);
	}

	/**
	 * A setting that a message names: in what happened, or in what to check.
	 */
	enum Setting {

		/**
		 * The base URL of emnify's API ({@link EmnifyTokenProvider#builder}).
		 */
		BASE_URL,

		/**
		 * The application token ({@link EmnifyCredentials#applicationToken}).
		 */
		APPLICATION_TOKEN,

		/**
		 * The user name and password ({@link EmnifyCredentials#user}), named as one.
		 */
		USER,

		/**
		 * The SHA-1 of the password, given instead of the password
		 * ({@link EmnifyCredentials#userWithPasswordSha1}).
		 */
		PASSWORD_SHA1,

		/**
		 * The workspace that a user session switches to
		 * ({@link EmnifyUserSession#tokenProvider}).
		 */
		WORKSPACE,

		/**
		 * How long no new login follows a rejected one
		 * ({@link EmnifyTokenProviderBuilder#rejectedCredentialsCooldown}).
		 */
		REJECTED_CREDENTIALS_COOLDOWN,

		/**
		 * The bound on one call to the authenticate endpoint
		 * ({@link EmnifyTokenProviderBuilder#requestTimeout}).
		 */
		REQUEST_TIMEOUT,

		/**
		 * The retries of transient failures
		 * ({@link EmnifyTokenProviderBuilder#retryPolicy},
		 * {@link EmnifyTokenProviderBuilder#retryMaxDelay}).
		 */
		RETRIES,

		/**
		 * The base32 secret of the user's TOTP key
		 * ({@link EmnifyTokenProviderBuilder#mfaTotpSecret}).
		 */
		TOTP_SECRET,

		/**
		 * A code source of the application's own
		 * ({@link EmnifyTokenProviderBuilder#mfaCodeSource}), named as the thing to
		 * declare: "or declare &lt;name&gt;".
		 */
		MFA_CODE_SOURCE,

		/**
		 * The mailbox that MFA codes are read from ({@link EmnifyMfaCodeSource#email}).
		 */
		MFA_MAILBOX,

		/**
		 * How a mail from emnify and the code in it are told
		 * ({@link EmnifyMfaEmailSettings#sender()},
		 * {@link EmnifyMfaEmailSettings#codePattern()}).
		 */
		MFA_MAIL_MATCHING,

		/**
		 * How long a login waits for an MFA code
		 * ({@link EmnifyTokenProviderBuilder#mfaCodeTimeout}).
		 */
		MFA_CODE_TIMEOUT,

		/**
		 * The fingerprint of a trusted device
		 * ({@link EmnifyTokenProviderBuilder#trustedDevice}).
		 */
		TRUSTED_DEVICE,

		/**
		 * The token store ({@link EmnifyTokenProviderBuilder#tokenStore}).
		 */
		TOKEN_STORE,

		/**
		 * A token store that the instances share, named as what to choose: "let the
		 * instances share one session (&lt;name&gt;)".
		 */
		SHARED_TOKEN_STORE,

		/**
		 * The connection of the Redis token store to its server.
		 */
		REDIS_CONNECTION,

		/**
		 * The key that the Redis token store encrypts tokens with, the same on every
		 * instance.
		 */
		ENCRYPTION_KEY,

		/**
		 * How soon a lease of a shared token store expires after its holder died.
		 */
		LEASE_TIME,

		/**
		 * The longest a request waits for emnify's rate limits
		 * ({@link io.github.iotstarters.emnify.auth.web.EmnifyRateLimits.Builder#maxWait}).
		 */
		RATE_LIMIT_MAX_WAIT,

		/**
		 * The connection of the rate-limit buckets that the instances share to their
		 * Redis server.
		 */
		RATE_LIMIT_REDIS_CONNECTION

	}

}
