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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import redis.embedded.core.ExecutableProvider;

/**
 * The {@code redis-server} binary the Redis helpers run, so that the tests need nothing
 * installed: the one the environment variable {@value #VARIABLE} names; else the one on
 * the {@code PATH}; else the one that {@code com.github.codemonstur:embedded-redis} ships
 * for this operating system and architecture (Redis 6.2 for Linux and macOS, 5.0 for
 * Windows), extracted to a temporary file. The system property
 * {@value #SWITCH}{@code =embedded} skips the {@code PATH}, so that a machine with a
 * {@code redis-server} installed can run the suite as one without does.
 */
final class RedisBinary {

	/**
	 * The environment variable that names the {@code redis-server} to run, before any
	 * other.
	 */
	static final String VARIABLE = "REDIS_SERVER";

	/**
	 * The system property that, set to {@code embedded}, makes the tests run the shipped
	 * binary even where a {@code redis-server} is on the {@code PATH}.
	 */
	static final String SWITCH = "emnify.test.redis";

	private static @Nullable Path embedded;

	private RedisBinary() {
	}

	/**
	 * Return the binary the tests run on this machine, as the class comment says.
	 * @return the path of a {@code redis-server}
	 * @throws IllegalStateException if there is none to run
	 */
	static Path resolve() {
		return choose(System.getenv(VARIABLE), System.getProperty(SWITCH, ""), RedisBinary::onPath,
				RedisBinary::embedded);
	}

	/**
	 * Choose the binary the tests run; the {@code PATH} is looked up and the shipped
	 * binary extracted only when the choice comes to them.
	 * @param named the value of {@value #VARIABLE}, if set
	 * @param choice the value of {@value #SWITCH}: {@code embedded}, or empty
	 * @param onPath looks the {@code redis-server} on the {@code PATH} up
	 * @param shipped extracts the binary that embedded-redis ships
	 * @return the path of a {@code redis-server}
	 * @throws IllegalArgumentException for another choice
	 * @throws IllegalStateException if the choice comes to the shipped binary and there
	 * is none for this machine
	 */
	static Path choose(@Nullable String named, String choice, Supplier<Optional<Path>> onPath, Supplier<Path> shipped) {
		if (named != null && !named.isBlank()) {
			return Path.of(named);
		}
		if (!choice.isEmpty() && !choice.equals("embedded")) {
			throw new IllegalArgumentException("-D" + SWITCH + "=" + choice
					+ " is not known: set it to embedded, or leave it out to prefer the redis-server on the PATH");
		}
		Optional<Path> installed = choice.isEmpty() ? onPath.get() : Optional.empty();
		return installed.orElseGet(shipped);
	}

	/**
	 * Return the {@code redis-server} on this machine's {@code PATH}, if there is one.
	 * @return the binary, or empty
	 */
	static Optional<Path> onPath() {
		return onPath(System.getenv().getOrDefault("PATH", ""));
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
	 * @throws IllegalStateException if embedded-redis ships none for this machine
	 */
	static synchronized Path embedded() {
		Path binary = embedded;
		if (binary == null) {
			binary = extract(ExecutableProvider.newJarResourceProvider(),
					System.getProperty("os.name") + " " + System.getProperty("os.arch").toLowerCase(Locale.ROOT));
			embedded = binary;
		}
		return binary;
	}

	/**
	 * Extract a shipped binary, or say what to install instead.
	 * @param provider the binary's provider
	 * @param machine the operating system and architecture, for the message
	 * @return the binary
	 * @throws IllegalStateException if the provider has none for this machine or cannot
	 * write it
	 */
	static Path extract(ExecutableProvider provider, String machine) {
		try {
			return provider.get().toPath();
		}
		// embedded-redis throws UnknownOSName or OsArchitectureNotFound for a machine it
		// does not know, a NullPointerException for one it knows but ships nothing for
		// (Windows on 32 bits), and an IOException if it cannot write the file.
		catch (IOException | RuntimeException ex) {
			throw new IllegalStateException("embedded-redis ships no redis-server for the Redis tests that runs on "
					+ machine + " (" + ex + "): install Redis (Debian and Ubuntu: sudo apt-get install redis-server; "
					+ "macOS: brew install redis) so that redis-server is on the PATH and leave -D" + SWITCH
					+ " out, or set " + VARIABLE + " to a redis-server", ex);
		}
	}

}
