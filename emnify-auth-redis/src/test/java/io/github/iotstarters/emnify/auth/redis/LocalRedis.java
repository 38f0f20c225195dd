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

package io.github.iotstarters.emnify.auth.redis;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.data.redis.connection.ReactiveRedisConnection;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import io.github.iotstarters.emnify.auth.testsupport.LocalRedisServer;

/**
 * The Redis server of a test class and a connection to it, as the stores of the tests
 * share it: the server started before the class and stopped after it (register it as a
 * static extension), emptied before each test, and started again after a test that
 * stopped it. Each test has a connection of its own, made on first use, so that no test
 * starts on a connection that another test's stop of the server left reconnecting.
 */
final class LocalRedis implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {

	private @Nullable LocalRedisServer server;

	private @Nullable LettuceConnectionFactory connectionFactory;

	private boolean stopped;

	@Override
	public void beforeAll(ExtensionContext context) {
		this.server = LocalRedisServer.start();
	}

	@Override
	public void afterAll(ExtensionContext context) {
		server().close();
	}

	@Override
	public void beforeEach(ExtensionContext context) {
		cli("FLUSHALL");
	}

	@Override
	public synchronized void afterEach(ExtensionContext context) {
		LettuceConnectionFactory connection = this.connectionFactory;
		this.connectionFactory = null;
		if (connection != null) {
			connection.destroy();
		}
		if (this.stopped) {
			server().restart();
			this.stopped = false;
		}
	}

	/**
	 * Return the test's connection, which its stores share, made on first use: a test
	 * class's fields may make stores before the test starts.
	 * @return the connection factory
	 */
	synchronized LettuceConnectionFactory connectionFactory() {
		LettuceConnectionFactory connection = this.connectionFactory;
		if (connection == null) {
			connection = new LettuceConnectionFactory(new RedisStandaloneConfiguration("127.0.0.1", server().port()));
			connection.start();
			this.connectionFactory = connection;
		}
		return connection;
	}

	/**
	 * Send a command to the server; no {@code redis-cli} is run.
	 * @param command the command and its arguments, optionally preceded by {@code --raw}
	 * @return the reply as redis-cli would print it
	 */
	String cli(String... command) {
		return server().cli(command);
	}

	/**
	 * Stop the server, as an outage would.
	 */
	void stop() {
		server().stop();
		this.stopped = true;
	}

	/**
	 * Start the server again, empty, and wait until the connection has found it, so that
	 * the next command does not time out while the connection reconnects.
	 */
	void restart() {
		server().restart();
		this.stopped = false;
		try (ReactiveRedisConnection connection = connectionFactory().getReactiveConnection()) {
			connection.ping().block(Duration.ofSeconds(30));
		}
	}

	private LocalRedisServer server() {
		LocalRedisServer started = this.server;
		if (started == null) {
			throw new IllegalStateException("Redis is not running");
		}
		return started;
	}

}
