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

import io.lettuce.core.ClientOptions;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * Warns, once when the Redis token store is created, that the store runs on a Redis
 * Cluster whose Lettuce client never refreshes its view of the cluster: after a failover
 * such a client keeps sending the session's commands to the node that is gone, every
 * instance falls back to a session of its own and logs in alone (or, for a user whose
 * logins need an MFA code, fails once its token is stale), and none finds the shared
 * session again until it is restarted. The application's client is left as it is; the
 * warning names the setting that fixes it.
 * <p>
 * The check reads the {@link LettuceConnectionFactory} the store is given, not Boot's
 * {@code spring.data.redis.*} properties: the factory is what the client runs with,
 * whether Boot built it from {@code spring.data.redis.cluster.nodes}, from connection
 * details (a service connection), with a
 * {@code LettuceClientConfigurationBuilderCustomizer} that sets refresh options of its
 * own (which the properties would not show), or the application declared its own factory
 * (which the properties would not show either). A factory is on a cluster when it has a
 * cluster configuration, and its client refreshes the topology when its
 * {@link ClusterClientOptions} enable periodic refresh or any adaptive trigger.
 * Standalone, Sentinel and static primary/replica factories, Jedis (which re-reads the
 * slots on a redirect by itself) and factories that are not a
 * {@code LettuceConnectionFactory} (a proxy, say), whose client cannot be seen, are not
 * warned about. Loaded only when Lettuce is on the class path.
 */
final class LettuceClusterTopologyCheck {

	private static final Log logger = LogFactory.getLog(LettuceClusterTopologyCheck.class);

	private LettuceClusterTopologyCheck() {
	}

	static void warnIfClusterWithoutTopologyRefresh(ReactiveRedisConnectionFactory connectionFactory) {
		if (connectionFactory instanceof LettuceConnectionFactory lettuce && lettuce.getClusterConfiguration() != null
				&& !refreshesTopology(lettuce.getClientConfiguration().getClientOptions().orElse(null))) {
			logger.warn("The emnify token store runs on a Redis Cluster whose Lettuce client does not refresh the "
					+ "cluster topology: after a failover the instances do not find the shared emnify session again "
					+ "and each logs in on its own, until they are restarted. Set "
					+ "spring.data.redis.lettuce.cluster.refresh.adaptive=true (Boot 4.0; Boot 4.1 turns every "
					+ "adaptive trigger on by itself) and spring.data.redis.lettuce.cluster.refresh.period=1s (or "
					+ "refresh options of your own ClusterClientOptions).");
		}
	}

	private static boolean refreshesTopology(@Nullable ClientOptions options) {
		// Without cluster options, Lettuce's defaults: none in the Lettuce of Boot 4.0,
		// every adaptive trigger in that of Boot 4.1.
		ClusterTopologyRefreshOptions refresh = (options instanceof ClusterClientOptions clusterOptions)
				? clusterOptions.getTopologyRefreshOptions() : ClusterTopologyRefreshOptions.create();
		return refresh.isPeriodicRefreshEnabled() || !refresh.getAdaptiveRefreshTriggers().isEmpty();
	}

}
