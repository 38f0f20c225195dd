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

import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} that hides the values of emnify's secret properties in Actuator's
 * {@code configprops} and {@code env} endpoints, whatever their {@code show-values} say:
 * an application that shows values to find a setting must not show emnify's credentials
 * with them. Other {@code emnify.*} values show as configured.
 * <p>
 * A secret is known by its name in any form that Boot's relaxed binding reads
 * ({@code emnify.password-sha1}, {@code emnify.passwordSha1},
 * {@code EMNIFY_PASSWORD_SHA1}).
 */
@AutoConfiguration
@ConditionalOnClass(SanitizingFunction.class)
public final class EmnifySanitizingAutoConfiguration {

	private static final Set<String> SECRETS = Set
		.of("emnify.password", "emnify.password-sha1", "emnify.application-token", "emnify.mfa.totp-secret",
				"emnify.mfa.email.password", "emnify.mfa.trusted-device.fingerprint",
				"emnify.token-store.encryption-key")
		.stream()
		.map(EmnifySanitizingAutoConfiguration::uniform)
		.collect(Collectors.toUnmodifiableSet());

	@Bean
	@ConditionalOnMissingBean(name = "emnifySanitizingFunction")
	SanitizingFunction emnifySanitizingFunction() {
		return EmnifySanitizingAutoConfiguration::sanitize;
	}

	static SanitizableData sanitize(SanitizableData data) {
		return isSecret(data.getKey()) ? data.withSanitizedValue() : data;
	}

	static boolean isSecret(String key) {
		return SECRETS.contains(uniform(key));
	}

	// The relaxed forms of a name differ only in case and separators:
	// emnify.passwordSha1,
	// emnify.password-sha1 and EMNIFY_PASSWORD_SHA1 are one property.
	private static String uniform(String name) {
		return name.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "").replace(".", "");
	}

}
