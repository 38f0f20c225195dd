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

import java.time.Duration;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import io.github.iotstarters.emnify.auth.testsupport.LocalRedisCluster;
import io.github.iotstarters.emnify.auth.testsupport.LocalRedisServer;

/**
 * The Redis a fleet shares its session through, as the fleet tests see it: started before
 * a test class and stopped after it (register it as an extension), the properties that
 * point an instance at it, with Boot's own {@code spring.data.redis.*} settings only, and
 * what the tests look at in it.
 *
 * @param <R> the helper that runs the Redis
 */
final class FleetRedis<R extends AutoCloseable> implements BeforeAllCallback, AfterAllCallback {

	private final String topology;

	private final Supplier<R> start;

	private final Function<R, List<String>> properties;

	private final BiFunction<R, String, List<String>> keys;

	private final Consumer<R> flushAll;

	private final KeyCommand<R> keyCommand;

	private @Nullable R running;

	private FleetRedis(String topology, Supplier<R> start, Function<R, List<String>> properties,
			BiFunction<R, String, List<String>> keys, Consumer<R> flushAll, KeyCommand<R> keyCommand) {
		this.topology = topology;
		this.start = start;
		this.properties = properties;
		this.keys = keys;
		this.flushAll = flushAll;
		this.keyCommand = keyCommand;
	}

	/**
	 * One standalone {@code redis-server}.
	 * @return the Redis as the fleet tests see it
	 */
	static FleetRedis<LocalRedisServer> standalone() {
		return new FleetRedis<>("standalone", LocalRedisServer::start,
				(server) -> List.of("spring.data.redis.host=127.0.0.1", "spring.data.redis.port=" + server.port()),
				(server, pattern) -> server.cli("--raw", "KEYS", pattern)
					.lines()
					.filter((line) -> !line.isBlank())
					.toList(),
				(server) -> server.cli("FLUSHALL"), (server, key, command) -> server.cli(command));
	}

	/**
	 * A Redis Cluster of three primaries and three replicas, with the adaptive and
	 * periodic topology refresh of Lettuce on, so that the instances follow a failover,
	 * and a command timeout of one second: with Lettuce's default of 60 seconds (Boot
	 * sets none), one instance of five stayed on a session of its own after every other
	 * failover, its commands for the session's slot timing out until the end of the test.
	 * @return the Redis as the fleet tests see it
	 */
	static FleetRedis<LocalRedisCluster> cluster() {
		return new FleetRedis<>("cluster", LocalRedisCluster::start,
				(cluster) -> List.of("spring.data.redis.cluster.nodes=" + String.join(",", cluster.nodes()),
						"spring.data.redis.lettuce.cluster.refresh.adaptive=true",
						"spring.data.redis.lettuce.cluster.refresh.period=1s", "spring.data.redis.timeout=1s"),
				LocalRedisCluster::keys, LocalRedisCluster::flushAll,
				(cluster, key, command) -> cluster.cli(cluster.primaryOf(key), command));
	}

	@Override
	public void beforeAll(ExtensionContext context) {
		this.running = this.start.get();
	}

	@Override
	public void afterAll(ExtensionContext context) throws Exception {
		R started = this.running;
		this.running = null;
		if (started != null) {
			started.close();
		}
	}

	/**
	 * Return the helper that runs the Redis.
	 * @return the helper
	 */
	R get() {
		R started = this.running;
		if (started == null) {
			throw new IllegalStateException("The " + this.topology + " Redis is not running");
		}
		return started;
	}

	/**
	 * Return what the figures printed call this Redis.
	 * @return {@code standalone} or {@code cluster}
	 */
	String topology() {
		return this.topology;
	}

	/**
	 * Return the properties that point an instance at this Redis.
	 * @return the properties, {@code name=value}
	 */
	List<String> properties() {
		return this.properties.apply(get());
	}

	/**
	 * Return the keys that match a pattern.
	 * @param pattern the pattern
	 * @return the keys
	 */
	List<String> keys(String pattern) {
		return this.keys.apply(get(), pattern);
	}

	/**
	 * Delete every key.
	 */
	void flushAll() {
		this.flushAll.accept(get());
	}

	/**
	 * Move Redis' time for every key that expires: shorten its remaining life by the
	 * duration, as if that much time had passed (at least a millisecond is left). Redis
	 * has no clock to move, and the store reads a token's expiry from its key's remaining
	 * life, so a test that moves the instances' clock moves this one with it.
	 * @param duration how far to move
	 */
	void advance(Duration duration) {
		for (String key : keys("*")) {
			long remaining = Long.parseLong(this.keyCommand.send(get(), key, "--raw", "PTTL", key).strip());
			if (remaining > 0) {
				String shortened = Long.toString(Math.max(1, remaining - duration.toMillis()));
				this.keyCommand.send(get(), key, "PEXPIRE", key, shortened);
			}
		}
	}

	/**
	 * Sends a command about one key to the node that holds it.
	 *
	 * @param <R> the helper that runs the Redis
	 */
	@FunctionalInterface
	private interface KeyCommand<R> {

		String send(R redis, String key, String... command);

	}

}
