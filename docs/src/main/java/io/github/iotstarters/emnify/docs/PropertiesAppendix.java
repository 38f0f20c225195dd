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

package io.github.iotstarters.emnify.docs;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes the reference guide's properties appendix, an Asciidoctor table of every
 * {@code emnify.*} property with its default and its description, from the configuration
 * metadata that Spring Boot's configuration processor writes from the properties'
 * javadoc.
 */
public final class PropertiesAppendix {

	static final String METADATA = "META-INF/spring-configuration-metadata.json";

	static final String PREFIX = "emnify.";

	private PropertiesAppendix() {
	}

	/**
	 * Write the appendix.
	 * @param args the file to write
	 * @throws IOException if the file cannot be written
	 */
	public static void main(String[] args) throws IOException {
		if (args.length != 1) {
			throw new IllegalArgumentException("Usage: PropertiesAppendix <file to write>");
		}
		Path target = Path.of(args[0]);
		Files.createDirectories(target.toAbsolutePath().getParent());
		Files.writeString(target, table(properties(PropertiesAppendix.class.getClassLoader())), StandardCharsets.UTF_8);
	}

	/**
	 * Read the {@code emnify.*} properties from every configuration metadata file on the
	 * class path, sorted by name.
	 * @param classLoader where to look
	 * @return the properties
	 * @throws IllegalStateException if there is none, or one has no description
	 */
	static List<Property> properties(ClassLoader classLoader) {
		List<Property> properties = new ArrayList<>();
		try {
			for (URL metadata : Collections.list(classLoader.getResources(METADATA))) {
				try (InputStream in = metadata.openStream()) {
					for (JsonNode property : JsonMapper.shared().readTree(in).path("properties")) {
						String name = property.path("name").asString("");
						if (name.startsWith(PREFIX)) {
							properties.add(new Property(name, defaultValue(property.path("defaultValue")),
									property.path("description").asString("")));
						}
					}
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		if (properties.isEmpty()) {
			throw new IllegalStateException("No emnify.* property in any " + METADATA
					+ " on the class path: build emnify-auth-spring-boot-autoconfigure with its configuration processor");
		}
		List<String> undocumented = properties.stream()
			.filter((property) -> property.description().isBlank())
			.map(Property::name)
			.toList();
		if (!undocumented.isEmpty()) {
			throw new IllegalStateException("These properties have no javadoc, so the guide cannot describe them: "
					+ String.join(", ", undocumented));
		}
		properties.sort(Comparator.comparing(Property::name));
		return properties;
	}

	// A list's default is written as a property file takes it: comma-separated.
	private static String defaultValue(JsonNode value) {
		if (value.isArray()) {
			List<String> elements = new ArrayList<>();
			value.forEach((element) -> elements.add(element.asString("")));
			return String.join(",", elements);
		}
		return value.asString("");
	}

	/**
	 * Render the properties as an Asciidoctor table.
	 * @param properties the properties
	 * @return the table
	 */
	static String table(List<Property> properties) {
		StringBuilder table = new StringBuilder();
		table.append("// Generated from ")
			.append(METADATA)
			.append(" by ")
			.append(PropertiesAppendix.class.getName())
			.append(": edit the properties' javadoc, not this file.\n");
		table.append("[cols=\"3,2,6\", options=\"header\"]\n|===\n|Property |Default |Description\n");
		for (Property property : properties) {
			table.append("\n|[[").append(anchor(property.name())).append("]]`+").append(property.name()).append("+`\n");
			table.append('|')
				.append(property.defaultValue().isEmpty() ? "" : "`+" + property.defaultValue() + "+`")
				.append('\n');
			table.append('|').append(text(property.description())).append('\n');
		}
		return table.append("|===\n").toString();
	}

	/**
	 * The anchor that a property's row carries, so that the guide can link to it.
	 * @param name the property's name
	 * @return the anchor
	 */
	static String anchor(String name) {
		return "property-" + name.replaceAll("[^a-z0-9]+", "-");
	}

	// Plain text in a table cell: a bar would end the cell, a brace start an attribute
	// reference.
	private static String text(String description) {
		return description.replace("|", "\\|").replace("{", "\\{");
	}

	/**
	 * One property as the metadata describes it.
	 *
	 * @param name the property's name
	 * @param defaultValue its default, empty if it has none
	 * @param description its description, from its javadoc
	 */
	record Property(String name, String defaultValue, String description) {

	}

}
