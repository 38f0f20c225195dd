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

import java.util.List;

import org.junit.jupiter.api.Test;

import io.github.iotstarters.emnify.docs.PropertiesAppendix.Property;

import static org.assertj.core.api.Assertions.assertThat;

class PropertiesAppendixTests {

	@Test
	void everyPropertyOfTheStarterIsInTheAppendixWithItsDefaultAndDescription() {
		List<Property> properties = PropertiesAppendix.properties(getClass().getClassLoader());

		assertThat(properties).extracting(Property::name)
			.contains("emnify.application-token", "emnify.base-url", "emnify.password", "emnify.mfa.email.password",
					"emnify.token-store.type", "emnify.token.refresh-margin", "emnify.workspace-id")
			.isSorted()
			.doesNotHaveDuplicates()
			.allMatch((name) -> name.startsWith("emnify."));
		String table = PropertiesAppendix.table(properties);
		for (Property property : properties) {
			assertThat(table).contains("|[[" + PropertiesAppendix.anchor(property.name()) + "]]`+" + property.name());
		}
		assertThat(table).contains("|`+https://cdn.emnify.net+`\n|Base URL of the emnify API.")
			.contains("|`+(?<!\\d)(\\d{6})(?!\\d)+`\n")
			.contains("|[[property-emnify-mfa-email-sender]]`+emnify.mfa.email.sender+`\n|`+emnify.com+`\n");
	}

	@Test
	void aBarOrABraceInADescriptionStaysText() {
		String table = PropertiesAppendix.table(List.of(new Property("emnify.example", "", "Either a | b, or {c}.")));

		assertThat(table).contains("\n|Either a \\| b, or \\{c}.\n").endsWith("|===\n");
		assertThat(table.lines().filter((line) -> line.startsWith("|"))).hasSize(6);
	}

	@Test
	void anchorsAreSafeIdentifiers() {
		assertThat(PropertiesAppendix.anchor("emnify.token-store.encryption-key"))
			.isEqualTo("property-emnify-token-store-encryption-key");
	}

}
