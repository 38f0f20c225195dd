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

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.actuate.autoconfigure.context.properties.ConfigurationPropertiesReportEndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.env.EnvironmentEndpointAutoConfiguration;
import org.springframework.boot.actuate.context.properties.ConfigurationPropertiesReportEndpoint;
import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.actuate.env.EnvironmentEndpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Actuator never shows emnify's secrets, even when told to show values; the other
 * {@code emnify.*} values still show.
 */
class EmnifySanitizingAutoConfigurationTests {

	private static final String SANITIZED = SanitizableData.SANITIZED_VALUE;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(EndpointAutoConfiguration.class,
				ConfigurationPropertiesReportEndpointAutoConfiguration.class,
				EnvironmentEndpointAutoConfiguration.class, EmnifySanitizingAutoConfiguration.class))
		.withPropertyValues("management.endpoints.web.exposure.include=configprops,env",
				"management.endpoint.configprops.show-values=always", "management.endpoint.env.show-values=always");

	@ParameterizedTest
	@CsvSource({ "emnify.password, true", "emnify.password-sha1, true", "emnify.passwordSha1, true",
			"EMNIFY_PASSWORD_SHA1, true", "emnify.application-token, true", "emnify.applicationToken, true",
			"emnify.mfa.totp-secret, true", "emnify.mfa.totpSecret, true", "emnify.mfa.email.password, true",
			"emnify.mfa.trusted-device.fingerprint, true", "emnify.token-store.encryption-key, true",
			"EMNIFY_TOKENSTORE_ENCRYPTIONKEY, true", "emnify.username, false", "emnify.base-url, false",
			"emnify.mfa.email.username, false", "emnify.mfa.trusted-device.name, false",
			"spring.data.redis.password, false", "emnify.password.hint, false", "password, false" })
	void aSecretIsKnownByItsNameInEveryRelaxedForm(String key, boolean secret) {
		assertThat(EmnifySanitizingAutoConfiguration.isSecret(key)).isEqualTo(secret);
	}

	@ParameterizedTest
	@CsvSource({ "emnify.password", "emnify.password-sha1", "emnify.application-token", "emnify.mfa.totp-secret",
			"emnify.mfa.email.password", "emnify.mfa.trusted-device.fingerprint", "emnify.token-store.encryption-key",
			"EMNIFY_PASSWORD" })
	void theEnvEndpointNeverShowsASecret(String key) {
		this.contextRunner
			.withInitializer((context) -> context.getEnvironment()
				.getPropertySources()
				.addFirst(new SystemEnvironmentPropertySource(
						StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, Map.of(key, "secret-value"))))
			.run((context) -> {
				EnvironmentEndpoint env = context.getBean(EnvironmentEndpoint.class);
				assertThat(env.environmentEntry(key).getProperty().getValue()).isEqualTo(SANITIZED);
			});
	}

	@Test
	void theEnvEndpointShowsOtherEmnifyValues() {
		this.contextRunner
			.withInitializer((context) -> context.getEnvironment()
				.getPropertySources()
				.addFirst(new MapPropertySource("application",
						Map.of("emnify.password", "secret-value", "emnify.username", "user@service.org"))))
			.run((context) -> {
				EnvironmentEndpoint env = context.getBean(EnvironmentEndpoint.class);
				assertThat(env.environmentEntry("emnify.password").getProperty().getValue()).isEqualTo(SANITIZED);
				assertThat(env.environmentEntry("emnify.username").getProperty().getValue())
					.isEqualTo("user@service.org");
			});
	}

	@Test
	void theConfigpropsEndpointNeverShowsASecret() {
		this.contextRunner.withUserConfiguration(EmnifyPropertiesConfiguration.class)
			.withPropertyValues("emnify.username=user@service.org", "emnify.password=secret-password",
					"emnify.mfa.totp-secret=JBSWY3DPEHPK3PXP",
					"emnify.mfa.trusted-device.fingerprint=secret-fingerprint")
			.run((context) -> {
				Map<String, Object> emnify = context.getBean(ConfigurationPropertiesReportEndpoint.class)
					.configurationPropertiesWithPrefix("emnify")
					.getContexts()
					.values()
					.iterator()
					.next()
					.getBeans()
					.values()
					.iterator()
					.next()
					.getProperties();
				assertThat(emnify).containsEntry("password", SANITIZED)
					.containsEntry("username", "user@service.org")
					.containsEntry("baseUrl", "https://cdn.emnify.net");
				assertThat(emnify.toString()).doesNotContain("secret-", "JBSWY3DPEHPK3PXP");
			});
	}

	@Test
	void backsOffWithoutActuator() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(SanitizingFunction.class))
			.run((context) -> assertThat(context).doesNotHaveBean("emnifySanitizingFunction"));
	}

	@Test
	void backsOffForAFunctionOfTheSameName() {
		SanitizingFunction own = (data) -> data;
		this.contextRunner.withBean("emnifySanitizingFunction", SanitizingFunction.class, () -> own)
			.run((context) -> assertThat(context.getBean("emnifySanitizingFunction")).isSameAs(own));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(EmnifyProperties.class)
	static class EmnifyPropertiesConfiguration {

	}

}
