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
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import redis.embedded.error.UnknownOSName;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RedisBinaryTests {

	private static final Path NAMED = Path.of("/opt/redis/bin/redis-server");

	private static final Path INSTALLED = Path.of("/usr/bin/redis-server");

	private static final Path SHIPPED = Path.of("/tmp/redis-server-6.2.6-v5-linux-amd64");

	private static final String NOTHING_TO_RUN = "embedded-redis ships no redis-server for the Redis tests that "
			+ "runs on SunOS sparcv9 (redis.embedded.error.UnknownOSName: Unrecognized OS: SunOS): install Redis "
			+ "(Debian and Ubuntu: sudo apt-get install redis-server; macOS: brew install redis) so that "
			+ "redis-server is on the PATH and leave -Demnify.test.redis out, or set REDIS_SERVER to a redis-server";

	private static final String UNKNOWN_CHOICE = "-Demnify.test.redis=debian is not known: set it to embedded, or "
			+ "leave it out to prefer the redis-server on the PATH";

	@TempDir
	Path directory;

	/**
	 * The binaries the Redis helpers' tests run each: the one on this machine's
	 * {@code PATH}, if there is one, and the shipped one.
	 * @return both, named
	 */
	static Stream<Named<Optional<Path>>> binaries() {
		return Stream.of(Named.of("the redis-server on the PATH", RedisBinary.onPath()),
				Named.of("the redis-server embedded-redis ships", Optional.of(RedisBinary.embedded())));
	}

	/**
	 * Return a binary of {@link #binaries()}, or skip the test where it is absent.
	 * @param binary the binary, if there is one
	 * @return the binary
	 */
	static Path present(Optional<Path> binary) {
		Assumptions.assumeTrue(binary.isPresent(), "No redis-server on the PATH");
		return binary.orElseThrow();
	}

	// The PATH and embedded-redis are asked only when the choice comes to them: a
	// lookup the choice should not make would answer what the row does not expect.
	@ParameterizedTest(name = "REDIS_SERVER={0}, on the PATH: {1}, -Demnify.test.redis={2}, shipped: {3} -> {4}")
	@CsvSource(delimiter = '|', nullValues = "unset", textBlock = """
			/opt/redis/bin/redis-server | true  | ''       | true  | named
			/opt/redis/bin/redis-server | false | embedded | false | named
			' '                         | true  | ''       | true  | installed
			unset                       | true  | ''       | true  | installed
			unset                       | true  | ''       | false | installed
			unset                       | true  | embedded | true  | shipped
			unset                       | false | ''       | true  | shipped
			unset                       | false | embedded | true  | shipped
			unset                       | false | ''       | false | nothing to run
			unset                       | true  | embedded | false | nothing to run
			unset                       | true  | debian   | true  | unknown choice
			""")
	void theNamedBinaryWinsThenThePathUnlessEmbeddedIsForcedThenTheShippedOne(@Nullable String named, boolean installed,
			String choice, boolean shipped, String expected) {
		Supplier<Optional<Path>> onPath = () -> (installed ? Optional.of(INSTALLED) : Optional.empty());
		Supplier<Path> extracted = () -> RedisBinary
			.extract((shipped ? SHIPPED::toFile : RedisBinaryTests::unknownMachine), "SunOS sparcv9");
		switch (expected) {
			case "named" -> assertThat(RedisBinary.choose(named, choice, onPath, extracted)).isEqualTo(NAMED);
			case "installed" -> assertThat(RedisBinary.choose(named, choice, onPath, extracted)).isEqualTo(INSTALLED);
			case "shipped" -> assertThat(RedisBinary.choose(named, choice, onPath, extracted)).isEqualTo(SHIPPED);
			case "nothing to run" ->
				assertThatIllegalStateException().isThrownBy(() -> RedisBinary.choose(named, choice, onPath, extracted))
					.withMessage(NOTHING_TO_RUN)
					.withCauseInstanceOf(UnknownOSName.class);
			default -> assertThatThrownBy(() -> RedisBinary.choose(named, choice, onPath, extracted))
				.isInstanceOf(IllegalArgumentException.class)
				.hasMessage(UNKNOWN_CHOICE);
		}
	}

	@Test
	void thePathIsSearchedInOrderForAnExecutableRedisServer() throws IOException {
		Path empty = Files.createDirectories(this.directory.resolve("empty"));
		Path notExecutable = Files.createDirectories(this.directory.resolve("documents")).resolve("redis-server");
		Files.writeString(notExecutable, "not a program\n");
		Path bin = Files.createDirectories(this.directory.resolve("bin"));
		Path installed = Files.writeString(bin.resolve("redis-server"), "#!/bin/sh\n");
		assertThat(installed.toFile().setExecutable(true)).isTrue();
		assertThat(RedisBinary.onPath(String.join(File.pathSeparator, empty.toString(), "",
				notExecutable.getParent().toString(), bin.toString())))
			.contains(installed);
		assertThat(RedisBinary
			.onPath(String.join(File.pathSeparator, empty.toString(), notExecutable.getParent().toString()))).isEmpty();
		assertThat(RedisBinary.onPath("")).isEmpty();
	}

	@Test
	void theShippedBinaryIsExtractedOnceAsAnExecutableFile() {
		Path binary = RedisBinary.embedded();
		assertThat(binary).isRegularFile().isExecutable().isEqualTo(RedisBinary.embedded());
		assertThat(binary.getFileName().toString()).startsWith("redis-server-");
	}

	// What embedded-redis throws on a machine it does not know.
	private static File unknownMachine() {
		throw new UnknownOSName("SunOS");
	}

}
