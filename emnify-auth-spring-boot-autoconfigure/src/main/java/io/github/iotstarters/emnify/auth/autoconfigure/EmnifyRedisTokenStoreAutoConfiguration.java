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

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.PropertyMapper;
import org.springframework.context.annotation.Bean;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.util.ClassUtils;

import io.github.iotstarters.emnify.auth.EmnifyTokenStore;
import io.github.iotstarters.emnify.auth.redis.RedisEmnifyTokenStore;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} of a {@link RedisEmnifyTokenStore} when
 * {@code emnify.token-store.type=redis} and a {@link ReactiveRedisConnectionFactory}
 * exists (Boot's {@code spring.data.redis.*} configures it), so that all instances of the
 * application share one emnify session. On a Redis Cluster whose Lettuce client does not
 * refresh its topology, the start logs one warning that says which settings keep the
 * session shared through a failover ({@link LettuceClusterTopologyCheck}).
 */
@AutoConfiguration(before = EmnifyAuthAutoConfiguration.class,
		afterName = "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration")
@ConditionalOnClass(ReactiveRedisConnectionFactory.class)
@ConditionalOnBooleanProperty(name = "emnify.enabled", matchIfMissing = true)
@ConditionalOnProperty(name = "emnify.token-store.type", havingValue = "redis")
@EnableConfigurationProperties(EmnifyProperties.class)
public final class EmnifyRedisTokenStoreAutoConfiguration {

	private static final boolean LETTUCE_PRESENT = ClassUtils.isPresent("io.lettuce.core.cluster.ClusterClientOptions",
			EmnifyRedisTokenStoreAutoConfiguration.class.getClassLoader());

	@Bean
	@ConditionalOnMissingBean(EmnifyTokenStore.class)
	@ConditionalOnBean(ReactiveRedisConnectionFactory.class)
	RedisEmnifyTokenStore emnifyTokenStore(ReactiveRedisConnectionFactory redisConnectionFactory,
			EmnifyProperties properties, @Qualifier("emnifyClock") ObjectProvider<Clock> emnifyClock) {
		if (LETTUCE_PRESENT) {
			LettuceClusterTopologyCheck.warnIfClusterWithoutTopologyRefresh(redisConnectionFactory);
		}
		EmnifyProperties.TokenStore store = properties.getTokenStore();
		RedisEmnifyTokenStore.Builder builder = RedisEmnifyTokenStore
			.builder(redisConnectionFactory, new EmnifyPropertiesMapper(properties).redisEncryptionKey())
			.clock(emnifyClock.getIfAvailable(Clock::systemUTC))
			.failureAdvice(PropertyFailureAdvice.INSTANCE);
		PropertyMapper map = PropertyMapper.get();
		map.from(store::getKeyPrefix).to(builder::keyPrefix);
		map.from(store::getLeaseTime).to(builder::leaseTime);
		map.from(store::getTimeout).to(builder::commandTimeout);
		map.from(store::getRetryInterval).to(builder::retryInterval);
		return builder.build();
	}

}
