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

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import io.github.iotstarters.emnify.auth.web.EmnifyRateLimits;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} of emnify's rate limits for the starter's clients: the limits from
 * {@code emnify.rate-limit.*} ({@code emnifyRateLimits}), and the buckets that count them
 * ({@code emnifyRateLimitBuckets}). With {@code emnify.token-store.type=redis} and
 * Lettuce's connection factory the buckets are in Redis, shared by the fleet; otherwise
 * they are this instance's own. Either bean of the application's own is used instead.
 */
@AutoConfiguration(before = { EmnifyAuthAutoConfiguration.class, EmnifyWorkspacesAutoConfiguration.class },
		afterName = "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration")
@ConditionalOnBooleanProperty(name = "emnify.enabled", matchIfMissing = true)
@EnableConfigurationProperties(EmnifyProperties.class)
// In this order: a fleet's shared buckets if it has them, else the instance's own.
@Import({ EmnifyRateLimitBucketsConfigurations.Shared.class, EmnifyRateLimitBucketsConfigurations.Own.class })
public final class EmnifyRateLimitAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	EmnifyRateLimits emnifyRateLimits(EmnifyProperties properties) {
		return new EmnifyPropertiesMapper(properties).rateLimits();
	}

}
