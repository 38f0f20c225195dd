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
import java.time.Duration;
import java.time.Instant;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

import io.github.iotstarters.emnify.auth.EmnifyAuthenticationListener;
import io.github.iotstarters.emnify.auth.EmnifyTokenProvider;
import io.github.iotstarters.emnify.auth.EmnifyTokenStore;
import io.github.iotstarters.emnify.auth.web.EmnifyRateLimitBuckets;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} of Micrometer meters for the emnify token lifecycle and emnify's
 * rate limits: the timers {@code emnify.auth.requests} and
 * {@code emnify.auth.rate.limit.wait}, the counters {@code emnify.auth.replays} and
 * {@code emnify.auth.rate.limit.rejections}, and the gauges
 * {@code emnify.auth.token.remaining}, {@code emnify.auth.token.store.shared} and
 * {@code emnify.auth.rate.limit.shared}. Reading them never triggers a login.
 */
@AutoConfiguration(afterName = { "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
		"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
		"org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration" })
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean(MeterRegistry.class)
@ConditionalOnBooleanProperty(name = "emnify.enabled", matchIfMissing = true)
public final class EmnifyAuthMetricsAutoConfiguration {

	static final String TOKEN_REMAINING = "emnify.auth.token.remaining";

	static final String TOKEN_STORE_SHARED = "emnify.auth.token.store.shared";

	static final String RATE_LIMIT_SHARED = "emnify.auth.rate.limit.shared";

	@Bean
	@ConditionalOnMissingBean(name = "emnifyAuthenticationMetrics")
	EmnifyAuthenticationListener emnifyAuthenticationMetrics(MeterRegistry meterRegistry) {
		return new MicrometerEmnifyAuthenticationListener(meterRegistry);
	}

	@Bean
	@ConditionalOnMissingBean(name = "emnifyTokenRemainingMetrics")
	MeterBinder emnifyTokenRemainingMetrics(ObjectProvider<EmnifyTokenProvider> tokenProvider,
			@Qualifier("emnifyClock") ObjectProvider<Clock> emnifyClock) {
		Clock clock = emnifyClock.getIfAvailable(Clock::systemUTC);
		// The gauge holds the provider weakly, and this bean holds it.
		return (registry) -> Gauge.builder(TOKEN_REMAINING, tokenProvider, (provider) -> remaining(provider, clock))
			.description("Seconds of life left in the emnify auth token held; NaN while none is held")
			.baseUnit("seconds")
			.register(registry);
	}

	@Bean
	@ConditionalOnMissingBean(name = "emnifyTokenStoreMetrics")
	MeterBinder emnifyTokenStoreMetrics(ObjectProvider<EmnifyTokenStore> tokenStore) {
		return (registry) -> Gauge.builder(TOKEN_STORE_SHARED, tokenStore, EmnifyAuthMetricsAutoConfiguration::shared)
			.description("1 while the emnify session is shared with other instances through the token store, "
					+ "0 while this instance keeps its own (memory store, or Redis unavailable)")
			.register(registry);
	}

	@Bean
	@ConditionalOnMissingBean(name = "emnifyRateLimitMetrics")
	MeterBinder emnifyRateLimitMetrics(ObjectProvider<EmnifyRateLimitBuckets> buckets) {
		return (registry) -> Gauge
			.builder(RATE_LIMIT_SHARED, buckets,
					(provider) -> (provider.getIfAvailable() != null && provider.getObject().isShared()) ? 1 : 0)
			.description("1 while emnify's rate-limit buckets are shared with other instances (Redis), 0 while "
					+ "this instance counts alone")
			.register(registry);
	}

	private static double shared(ObjectProvider<EmnifyTokenStore> tokenStore) {
		EmnifyTokenStore store = tokenStore.getIfAvailable();
		return (store != null && store.status().shared()) ? 1 : 0;
	}

	private static double remaining(ObjectProvider<EmnifyTokenProvider> tokenProvider, Clock clock) {
		EmnifyTokenProvider provider = tokenProvider.getIfAvailable();
		Instant expiresAt = (provider != null) ? provider.status().expiresAt() : null;
		if (expiresAt == null) {
			return Double.NaN;
		}
		return Math.max(0, Duration.between(clock.instant(), expiresAt).toMillis() / 1000.0);
	}

}
