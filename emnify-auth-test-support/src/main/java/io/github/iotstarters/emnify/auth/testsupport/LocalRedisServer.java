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

package io.github.iotstarters.emnify.auth.testsupport;

import java.nio.file.Path;
import java.util.List;

/**
 * A real {@code redis-server} process on a free loopback port, for tests of the Redis
 * token store ({@code emnify.token-store.type=redis}): start it, point
 * {@code spring.data.redis.port} at {@link #port()}, stop and restart it to test an
 * outage. It runs the binary that the environment variable {@code REDIS_SERVER} names,
 * else the {@code redis-server} on the {@code PATH}, else the one that embedded-redis
 * ships for this machine (the system property {@code emnify.test.redis=embedded} skips
 * the {@code PATH}); {@code redis-cli} is not needed. Nothing is persisted, so a restart
 * starts empty, as a Redis without persistence does.
 *
 * @see LocalRedisCluster
 */
public final class LocalRedisServer implements AutoCloseable {

	private final RedisNode node;

	private LocalRedisServer(RedisNode node) {
		this.node = node;
	}

	/**
	 * Start a server on a free port and wait until it answers.
	 * @return the running server
	 * @throws IllegalStateException if no redis-server can be started
	 */
	public static LocalRedisServer start() {
		return start(RedisBinary.resolve());
	}

	/**
	 * Start a server of the given binary on a free port and wait until it answers.
	 * @param binary the redis-server to run
	 * @return the running server
	 */
	static LocalRedisServer start(Path binary) {
		LocalRedisServer server = new LocalRedisServer(
				new RedisNode(binary, RedisNode.freePort(0, List.of()), List.of()));
		server.node.start();
		return server;
	}

	/**
	 * Return the port the server listens on, on 127.0.0.1; it stays the same across
	 * restarts.
	 * @return the port
	 */
	public int port() {
		return this.node.port();
	}

	/**
	 * Stop the server, as an outage would; {@link #restart()} starts it again.
	 */
	public synchronized void stop() {
		this.node.stop();
	}

	/**
	 * Start the server again on the same port, empty.
	 */
	public synchronized void restart() {
		stop();
		this.node.start();
	}

	/**
	 * Send a command to the server and return its reply as {@code redis-cli} would print
	 * it; no redis-cli is run.
	 * @param command the command and its arguments, optionally preceded by the redis-cli
	 * option {@code --raw} (or {@code --no-raw}, the default)
	 * @return the reply as redis-cli prints it, ending in a line feed
	 */
	public String cli(String... command) {
		return this.node.cli(command);
	}

	@Override
	public void close() {
		stop();
	}

}
