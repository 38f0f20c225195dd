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

import java.time.Clock;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.util.StringUtils;

import io.github.iotstarters.emnify.auth.EmnifyTokenProvider;
import io.github.iotstarters.emnify.auth.EmnifyTokenStore;
import io.github.iotstarters.emnify.auth.mfa.EmnifyMfaCodeSource;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} of the {@code emnify} health indicator.
 */
@AutoConfiguration(after = EmnifyAuthAutoConfiguration.class)
@ConditionalOnClass(ReactiveHealthIndicator.class)
@ConditionalOnBean(EmnifyTokenProvider.class)
@ConditionalOnEnabledHealthIndicator("emnify")
public final class EmnifyHealthAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "emnifyHealthIndicator")
	ReactiveHealthIndicator emnifyHealthIndicator(EmnifyTokenProvider emnifyTokenProvider,
			ObjectProvider<EmnifyTokenStore> emnifyTokenStore, ObjectProvider<EmnifyProperties> properties,
			ObjectProvider<EmnifyMfaCodeSource> mfaCodeSource,
			@Qualifier("emnifyClock") ObjectProvider<Clock> emnifyClock) {
		EmnifyProperties emnify = properties.getIfAvailable();
		return new EmnifyHealthIndicator(emnifyTokenProvider, emnifyTokenStore.getIfAvailable(),
				emnifyClock.getIfAvailable(Clock::systemUTC),
				(emnify != null) ? mfa(emnify, mfaCodeSource.getIfAvailable() != null) : null);
	}

	// How a user login completes MFA, by name only: never a secret.
	static @Nullable Map<String, Object> mfa(EmnifyProperties properties, boolean codeSourceBean) {
		if (!StringUtils.hasText(properties.getUsername())) {
			return null;
		}
		return Map.of("trustedDevice", StringUtils.hasText(properties.getMfa().getTrustedDevice().getFingerprint()),
				"codes", MfaCodes.of(properties, codeSourceBean).value());
	}

}
