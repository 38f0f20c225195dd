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

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;

class LocalRedisServerTests {

	@Test
	void startsStopsAndRestartsEmptyOnTheSamePort() {
		try (LocalRedisServer redis = LocalRedisServer.start()) {
			assertThat(redis.cli("SET", "emnify", "value")).contains("OK");
			assertThat(redis.cli("--raw", "GET", "emnify")).isEqualTo("value\n");
			redis.stop();
			assertThatIOException().isThrownBy(() -> connect(redis.port()));
			redis.restart();
			assertThat(redis.cli("PING")).contains("PONG");
			assertThat(redis.cli("--raw", "EXISTS", "emnify")).isEqualTo("0\n");
		}
	}

	private static void connect(int port) throws IOException {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
		}
	}

}
