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

package io.github.iotstarters.emnify.auth.autoconfigure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The libraries that any JVM can use name no property of this module's, nor Spring Data
 * Redis': a name that means nothing without Spring Boot would mislead whoever configures
 * them in code. Their messages name properties only through the advice that the
 * auto-configuration gives them ({@link PropertyFailureAdvice}).
 */
class PropertyNamesStayInBootTests {

	// Written by the configuration processor when this module compiles.
	private static final Path METADATA = Path.of("target/classes/META-INF/spring-configuration-metadata.json");

	private static final List<Path> LIBRARIES = List.of(Path.of("../emnify-auth-core/src/main/java"),
			Path.of("../emnify-auth-redis/src/main/java"));

	private static final String SPRING_DATA_REDIS = "spring.data.redis";

	// A dotted lower-case name in emnify's or Spring's namespace, as far as it goes:
	// "emnify.retry.*" gives "emnify.retry", "emnify.token-store.type=redis" gives
	// "emnify.token-store.type".
	private static final Pattern DOTTED_NAME = Pattern.compile("(?:emnify|spring)(?:\\.[a-z0-9-]+)+");

	@Test
	void noMainSourceOfTheLibrariesNamesAProperty() throws IOException {
		Set<String> names = propertyAndGroupNames();
		assertThat(names).as("names read from " + METADATA).contains("emnify.token.request-timeout", "emnify.retry");
		List<String> named = new ArrayList<>();
		for (Path library : LIBRARIES) {
			assertThat(library).isDirectory();
			try (Stream<Path> sources = Files.walk(library)) {
				for (Path source : sources.filter((path) -> path.toString().endsWith(".java")).sorted().toList()) {
					List<String> lines = Files.readAllLines(source);
					for (int line = 0; line < lines.size(); line++) {
						Matcher name = DOTTED_NAME.matcher(lines.get(line));
						while (name.find()) {
							if (isProperty(name.group(), names)) {
								named.add(source.normalize() + ":" + (line + 1) + ": " + name.group());
							}
						}
					}
				}
			}
		}
		assertThat(named).as("property names in library sources").isEmpty();
	}

	// Every property and group but the root, "emnify", which begins all of them.
	private static Set<String> propertyAndGroupNames() throws IOException {
		assertThat(METADATA).as("the configuration processor's metadata").isRegularFile();
		JsonNode metadata = JsonMapper.shared().readTree(Files.readString(METADATA));
		Set<String> names = new TreeSet<>();
		Stream.concat(metadata.path("properties").valueStream(), metadata.path("groups").valueStream())
			.map((entry) -> entry.path("name").asString())
			.filter((name) -> name.contains("."))
			.forEach(names::add);
		return names;
	}

	private static boolean isProperty(String dottedName, Set<String> names) {
		return dottedName.startsWith(SPRING_DATA_REDIS)
				|| names.stream().anyMatch((name) -> dottedName.equals(name) || dottedName.startsWith(name + "."));
	}

}
