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
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.ClassPathResource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An {@code emnify.*} property that emnify does not know is named at start with the
 * nearest one it knows, as a warning or, with {@code emnify.strict-properties}, as a
 * failure; what Boot's relaxed binding binds is known. No value is shown.
 */
@ExtendWith(OutputCaptureExtension.class)
class UnknownEmnifyPropertiesTests {

	private static final String VALUE = "value-4711";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(BootHttpClients.autoConfigurations())
		.withPropertyValues("emnify.username=user@service.org", "emnify.password=" + VALUE);

	@ParameterizedTest
	@CsvSource({ "emnify.workspace, emnify.workspace-id", "emnify.token.refresh-margn, emnify.token.refresh-margin",
			"emnify.pasword, emnify.password", "emnify.passwordSha, emnify.password-sha1",
			"emnify.mfa.totp, emnify.mfa.totp-secret",
			"emnify.token-store.encryption-kee, emnify.token-store.encryption-key",
			"emnify.retry.max-retry, emnify.retry.max-retries", "emnify.mfa.email.hots, emnify.mfa.email.host" })
	void anUnknownPropertyIsWarnedOfWithTheNearestKnownOne(String property, String nearest, CapturedOutput output) {
		String name = property.toLowerCase();
		this.contextRunner.withPropertyValues(property + "=" + VALUE).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(output).containsOnlyOnce("emnify does not know the property ")
				.contains("WARN")
				.contains("emnify does not know the property " + name + " (")
				.contains("the nearest it knows is " + nearest + ": it is ignored.")
				.doesNotContain(VALUE);
		});
	}

	@ParameterizedTest
	@CsvSource({ "emnify.workspace, emnify.workspace-id", "emnify.token.refresh-margn, emnify.token.refresh-margin" })
	void anUnknownPropertyStopsTheStartWhenPropertiesAreStrict(String property, String nearest) {
		this.contextRunner.withPropertyValues("emnify.strict-properties=true", property + "=" + VALUE)
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidEmnifyPropertiesException.class)
				.hasMessageContaining("emnify does not know the property " + property)
				.hasMessageContaining("the nearest it knows is " + nearest)
				.message()
				.doesNotContain(VALUE));
	}

	@ParameterizedTest
	@ValueSource(strings = { "emnify.workspace-id=1002", "emnify.workspaceId=1002", "emnify.WORKSPACE-ID=1002",
			"emnify.token.refreshMargin=5m", "emnify.mfa.email.sender=emnify.com,emnify.net",
			"emnify.mfa.email.sender[0]=emnify.com", "emnify.retry.max-retries=2", "emnify.strict-properties=true" })
	void whatRelaxedBindingBindsIsKnown(String property, CapturedOutput output) {
		this.contextRunner.withPropertyValues("emnify.strict-properties=true", property)
			.run((context) -> assertThat(context).hasNotFailed());
		assertThat(output).doesNotContain("emnify does not know");
	}

	@Test
	void environmentVariablesAreKnownByTheirRelaxedNames(CapturedOutput output) {
		this.contextRunner.withPropertyValues("emnify.strict-properties=true")
			.withInitializer(
					(context) -> context.getEnvironment()
						.getPropertySources()
						.addFirst(new SystemEnvironmentPropertySource(
								StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
								Map.of("EMNIFY_WORKSPACE_ID", "1002", "EMNIFY_TOKEN_REFRESH_MARGIN", "5m"))))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(EmnifyProperties.class).getWorkspaceId()).isEqualTo(1002L);
			});
		assertThat(output).doesNotContain("emnify does not know");
	}

	@Test
	void everyPropertyOfTheMetadataIsKnown() throws IOException {
		JsonNode metadata = JsonMapper.shared()
			.readTree(new ClassPathResource("META-INF/spring-configuration-metadata.json").getInputStream());
		assertThat(UnknownEmnifyProperties.KNOWN).containsExactlyInAnyOrderElementsOf(
				metadata.get("properties").valueStream().map((property) -> property.get("name").asString()).toList());
	}

	@Test
	void noPropertyIsUnknownWithoutAnyMisspelling(CapturedOutput output) {
		this.contextRunner.run((context) -> assertThat(context).hasNotFailed());
		assertThat(output).doesNotContain("emnify does not know");
	}

}
