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
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class RedisBinaryTests {

	@TempDir
	Path directory;

	/**
	 * The binaries the Redis helpers' tests run: the one the suite chooses (on this
	 * machine's {@code PATH} if there is one) and the shipped one, forced.
	 * @return both, named
	 */
	static Stream<Named<Path>> binaries() {
		return Stream.of(Named.of("chosen: " + RedisBinary.resolve(), RedisBinary.resolve()),
				Named.of("embedded", RedisBinary.embedded()));
	}

	@ParameterizedTest(name = "REDIS_SERVER={0}, on the PATH={1}, -Demnify.test.redis={2}: {3}")
	@CsvSource(delimiter = '|', nullValues = "none", textBlock = """
			/opt/redis/redis-server | true  | ''       | named
			/opt/redis/redis-server | true  | embedded | named
			none                    | true  | ''       | path
			none                    | true  | embedded | embedded
			none                    | false | ''       | embedded
			none                    | false | embedded | embedded
			""")
	void theNamedBinaryWinsThenThePathUnlessEmbeddedIsForced(String named, boolean onPath, String choice,
			String expected) throws IOException {
		Path installed = Files.createDirectories(this.directory.resolve("bin")).resolve("redis-server");
		if (onPath) {
			Files.writeString(installed, "#!/bin/sh\n");
			assertThat(installed.toFile().setExecutable(true)).isTrue();
		}
		Map<String, String> environment = new HashMap<>();
		environment.put("PATH", this.directory.resolve("empty") + File.pathSeparator + installed.getParent());
		if (named != null) {
			environment.put("REDIS_SERVER", named);
		}
		Path expectedBinary = switch (expected) {
			case "named" -> Path.of(named);
			case "path" -> installed;
			default -> RedisBinary.embedded();
		};
		assertThat(RedisBinary.resolve(environment, choice)).isEqualTo(expectedBinary);
	}

	@Test
	void anUnknownChoiceIsNamedWithTheOneThatIsKnown() {
		assertThatIllegalArgumentException().isThrownBy(() -> RedisBinary.resolve(Map.of("PATH", ""), "debian"))
			.withMessage("-Demnify.test.redis=debian is not known: set it to embedded, or leave it out to prefer "
					+ "the redis-server on the PATH");
	}

	@Test
	void theShippedBinaryIsExtractedOnceAsAnExecutableFile() {
		Path binary = RedisBinary.embedded();
		assertThat(binary).isRegularFile().isExecutable().isEqualTo(RedisBinary.embedded());
		assertThat(binary.getFileName().toString()).startsWith("redis-server-");
	}

}
