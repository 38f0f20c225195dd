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

package io.github.iotstarters.emnify.auth.fleet;

import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.iotstarters.emnify.auth.testsupport.LocalRedisCluster;

/**
 * The cases of {@link FleetScenarios} on a Redis Cluster of three primaries and three
 * replicas, the topology of managed Redis services in cluster mode: the instances are
 * configured with Boot's {@code spring.data.redis.cluster.nodes} and Lettuce's topology
 * refresh only, and the figures are those of the standalone server.
 */
class ClusterFleetTests extends FleetScenarios {

	@RegisterExtension
	static final FleetRedis<LocalRedisCluster> redis = FleetRedis.cluster();

	@Override
	FleetRedis<?> redis() {
		return redis;
	}

}
