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

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.PropertyMapper;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import io.github.iotstarters.emnify.auth.redis.RedisEmnifyRateLimitBuckets;
import io.github.iotstarters.emnify.auth.web.Bucket4jRateLimitBuckets;
import io.github.iotstarters.emnify.auth.web.EmnifyRateLimitBuckets;

/**
 * The configurations of {@code emnifyRateLimitBuckets} that
 * {@link EmnifyRateLimitAutoConfiguration} imports in turn, outside it so that they are
 * registered in that order and not as its member classes in any order.
 */
final class EmnifyRateLimitBucketsConfigurations {

	private static final Log logger = LogFactory.getLog(EmnifyRateLimitBucketsConfigurations.class);

	private EmnifyRateLimitBucketsConfigurations() {
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = { "org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory",
			"io.github.bucket4j.redis.lettuce.Bucket4jLettuce",
			"io.github.iotstarters.emnify.auth.redis.RedisEmnifyRateLimitBuckets" })
	@ConditionalOnProperty(name = "emnify.token-store.type", havingValue = "redis")
	static class Shared {

		@Bean
		@ConditionalOnMissingBean(EmnifyRateLimitBuckets.class)
		@ConditionalOnBean(LettuceConnectionFactory.class)
		RedisEmnifyRateLimitBuckets emnifyRateLimitBuckets(LettuceConnectionFactory redisConnectionFactory,
				EmnifyProperties properties) {
			EmnifyProperties.TokenStore store = properties.getTokenStore();
			RedisEmnifyRateLimitBuckets.Builder builder = RedisEmnifyRateLimitBuckets.builder(redisConnectionFactory)
				.failureAdvice(PropertyFailureAdvice.INSTANCE);
			PropertyMapper map = PropertyMapper.get();
			map.from(store::getKeyPrefix).to(builder::keyPrefix);
			map.from(store::getTimeout).to(builder::commandTimeout);
			map.from(store::getRetryInterval).to(builder::retryInterval);
			return builder.build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class Own {

		@Bean
		@ConditionalOnMissingBean(EmnifyRateLimitBuckets.class)
		Bucket4jRateLimitBuckets emnifyRateLimitBuckets(EmnifyProperties properties) {
			if (properties.getTokenStore().getType() == EmnifyProperties.TokenStore.Type.REDIS
					&& properties.getRateLimit().isEnabled()) {
				logger.info("emnify.token-store.type=redis shares the emnify session, but emnify's rate limits are "
						+ "counted by this instance alone: sharing them needs Lettuce's LettuceConnectionFactory (Spring "
						+ "Boot's default Redis client) and com.bucket4j:bucket4j_jdk17-lettuce on the class path. A "
						+ "fleet may then exceed emnify's limits and see 429s, which are waited out.");
			}
			return Bucket4jRateLimitBuckets.inMemory();
		}

	}

}
