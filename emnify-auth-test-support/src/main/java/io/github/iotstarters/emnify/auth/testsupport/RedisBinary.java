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

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import redis.embedded.core.ExecutableProvider;

/**
 * The {@code redis-server} binary the Redis helpers run, so that the tests need nothing
 * installed: the one the environment variable {@code REDIS_SERVER} names; else the one on
 * the {@code PATH}; else the one that {@code com.github.codemonstur:embedded-redis} ships
 * for this operating system and architecture (Redis 6.2 for Linux and macOS, 5.0 for
 * Windows), extracted to a temporary file. The system property
 * {@value #SWITCH}{@code =embedded} skips the {@code PATH}, so that a machine with a
 * {@code redis-server} installed can run the suite as one without does.
 */
final class RedisBinary {

	/**
	 * The system property that, set to {@code embedded}, makes the tests run the shipped
	 * binary even where a {@code redis-server} is on the {@code PATH}.
	 */
	static final String SWITCH = "emnify.test.redis";

	private static @Nullable Path embedded;

	private RedisBinary() {
	}

	/**
	 * Return the binary the tests run, as the class comment says.
	 * @return the path of a {@code redis-server}
	 */
	static Path resolve() {
		return resolve(System.getenv(), System.getProperty(SWITCH, ""));
	}

	/**
	 * Return the binary the tests run in the given environment.
	 * @param environment the environment variables, {@code REDIS_SERVER} and {@code PATH}
	 * among them
	 * @param choice the value of {@value #SWITCH}: {@code embedded}, or empty
	 * @return the path of a {@code redis-server}
	 * @throws IllegalArgumentException for another choice
	 */
	static Path resolve(Map<String, String> environment, String choice) {
		String named = environment.get("REDIS_SERVER");
		if (named != null && !named.isBlank()) {
			return Path.of(named);
		}
		if (!choice.isEmpty() && !choice.equals("embedded")) {
			throw new IllegalArgumentException("-D" + SWITCH + "=" + choice
					+ " is not known: set it to embedded, or leave it out to prefer " + "the redis-server on the PATH");
		}
		Optional<Path> onPath = choice.isEmpty() ? onPath(environment.getOrDefault("PATH", "")) : Optional.empty();
		return onPath.orElseGet(RedisBinary::embedded);
	}

	/**
	 * Return the {@code redis-server} on a search path, if there is one.
	 * @param searchPath directories separated as the {@code PATH} separates them
	 * @return the binary, or empty
	 */
	static Optional<Path> onPath(String searchPath) {
		List<String> names = List.of("redis-server", "redis-server.exe");
		return Arrays.stream(searchPath.split(File.pathSeparator))
			.filter((directory) -> !directory.isBlank())
			.flatMap((directory) -> names.stream().map((name) -> Path.of(directory, name)))
			.filter((candidate) -> Files.isRegularFile(candidate) && Files.isExecutable(candidate))
			.findFirst();
	}

	/**
	 * Return the shipped binary for this machine, extracted once per JVM to a temporary
	 * file that is deleted when the JVM exits.
	 * @return the binary
	 */
	static synchronized Path embedded() {
		Path binary = embedded;
		if (binary == null) {
			try {
				binary = ExecutableProvider.newJarResourceProvider().get().toPath();
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Cannot extract the redis-server that embedded-redis ships for "
						+ System.getProperty("os.name") + " " + System.getProperty("os.arch").toLowerCase(Locale.ROOT)
						+ ": install a redis-server on the PATH, or set REDIS_SERVER to one", ex);
			}
			embedded = binary;
		}
		return binary;
	}

}
