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

import io.github.iotstarters.emnify.auth.mfa.EmnifyMfaCodeSource;

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
 */
@FunctionalInterface
public interface EmnifyFailureAdvice {

	/**
	 * Advice that names the methods of {@link EmnifyTokenProviderBuilder}, the factories
	 * of {@link EmnifyCredentials} and the builder of the Redis token store.
	 */
	EmnifyFailureAdvice DEFAULT = new BuilderFailureAdvice();

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
	 * A setting that a message names in what happened.
	 */
	enum Setting {

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
		 * How soon a lease of a shared token store expires after its holder died.
		 */
		LEASE_TIME

	}

}
