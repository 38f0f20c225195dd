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
import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;

class LocalRedisServerTests {

	// The shipped binary always, the one on the PATH where there is one.
	@ParameterizedTest
	@MethodSource("io.github.iotstarters.emnify.auth.testsupport.RedisBinaryTests#binaries")
	void startsStopsAndRestartsEmptyOnTheSamePort(Optional<Path> candidate) {
		Path binary = RedisBinaryTests.present(candidate);
		try (LocalRedisServer redis = LocalRedisServer.start(binary)) {
			assertThat(redis.cli("SET", "emnify", "value")).isEqualTo("OK\n");
			assertThat(redis.cli("GET", "emnify")).isEqualTo("\"value\"\n");
			assertThat(redis.cli("--raw", "GET", "emnify")).isEqualTo("value\n");
			assertThat(redis.cli("INFO", "server").lines()).contains("executable:" + binary.toAbsolutePath());
			redis.stop();
			assertThatIOException().isThrownBy(() -> connect(redis.port()));
			redis.restart();
			assertThat(redis.cli("PING")).isEqualTo("PONG\n");
			assertThat(redis.cli("--raw", "EXISTS", "emnify")).isEqualTo("0\n");
			assertThat(redis.cli("EXISTS", "emnify")).isEqualTo("(integer) 0\n");
			assertThat(redis.cli("GET", "emnify")).isEqualTo("(nil)\n");
			assertThat(redis.cli("KEYS", "*")).isEqualTo("(empty array)\n");
			assertThat(redis.cli("SET", "emnify")).startsWith("(error) ERR wrong number of arguments");
		}
	}

	private static void connect(int port) throws IOException {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
		}
	}

}
