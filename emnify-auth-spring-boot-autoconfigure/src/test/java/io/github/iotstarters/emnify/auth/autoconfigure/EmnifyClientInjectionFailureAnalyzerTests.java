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

import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.imperative.ImperativeHttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration;
import org.springframework.boot.http.codec.autoconfigure.CodecsAutoConfiguration;
import org.springframework.boot.http.converter.autoconfigure.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * An application that injects a {@link WebClient} or {@link RestClient} by type, meaning
 * emnify's, is told at start to inject it with its qualifier, or to declare its own; a
 * failure that is not about emnify's clients keeps Boot's report.
 */
@ExtendWith(OutputCaptureExtension.class)
class EmnifyClientInjectionFailureAnalyzerTests {

	private static final String QUALIFIER_ADVICE = "inject its client with @Qualifier";

	static Stream<Arguments> failures() {
		return Stream.of(
				arguments("WebClient, none of the application's", "emnify.application-token=app-token",
						WebClientUser.class, "required a single WebClient, and no bean of type WebClient",
						action("emnifyWebClient", "WebClient")),
				arguments("RestClient, none of the application's", "emnify.application-token=app-token",
						RestClientUser.class, "required a single RestClient, and no bean of type RestClient",
						action("emnifyRestClient", "RestClient")),
				arguments("WebClient, two of the application's", "emnify.application-token=app-token",
						TwoWebClientsAndAUser.class,
						"required a single WebClient, and 2 beans of type WebClient were found: firstClient, secondClient",
						action("emnifyWebClient", "WebClient")),
				arguments("WebClient, emnify turned off", "emnify.enabled=false", WebClientUser.class,
						"required a bean of type 'org.springframework.web.reactive.function.client.WebClient'", null),
				arguments("another type", "emnify.application-token=app-token", InventoryUser.class,
						"required a bean of type '" + Inventory.class.getName() + "'", null));
	}

	private static String action(String emnifyClient, String client) {
		return "To call emnify, inject its client with @Qualifier(\"" + emnifyClient + "\"). To call another API, "
				+ "declare a " + client + " bean of the application's own";
	}

	@ParameterizedTest(name = "[{index}] {0}")
	@MethodSource("failures")
	void aFailedInjectionOfAClientIsReportedWithEmnifysQualifier(String failure, String property, Class<?> application,
			String description, @Nullable String action, CapturedOutput output) {
		assertThatException().isThrownBy(
				() -> new SpringApplicationBuilder(BootAndEmnifyClients.class, application).web(WebApplicationType.NONE)
					.bannerMode(Banner.Mode.OFF)
					.properties(property)
					.run()
					.close());
		assertThat(output).contains("APPLICATION FAILED TO START").contains(description);
		if (action != null) {
			assertThat(output).contains(action);
		}
		else {
			assertThat(output).doesNotContain(QUALIFIER_ADVICE);
		}
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ HttpClientAutoConfiguration.class, ReactiveHttpClientAutoConfiguration.class,
			ImperativeHttpClientAutoConfiguration.class, CodecsAutoConfiguration.class,
			WebClientAutoConfiguration.class, HttpMessageConvertersAutoConfiguration.class,
			RestClientAutoConfiguration.class, EmnifyAuthAutoConfiguration.class,
			EmnifyRestClientAutoConfiguration.class })
	static class BootAndEmnifyClients {

	}

	static class WebClientUser {

		WebClientUser(WebClient client) {
		}

	}

	static class RestClientUser {

		RestClientUser(RestClient client) {
		}

	}

	@Configuration(proxyBeanMethods = false)
	@Import(WebClientUser.class)
	static class TwoWebClientsAndAUser {

		@Bean
		WebClient firstClient(WebClient.Builder builder) {
			return builder.build();
		}

		@Bean
		WebClient secondClient(WebClient.Builder builder) {
			return builder.build();
		}

	}

	interface Inventory {

	}

	static class InventoryUser {

		InventoryUser(Inventory inventory) {
		}

	}

}
