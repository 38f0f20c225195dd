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

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.client.autoconfigure.service.HttpServiceClientPropertiesAutoConfiguration;
import org.springframework.boot.http.codec.autoconfigure.CodecsAutoConfiguration;
import org.springframework.boot.http.converter.autoconfigure.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.service.HttpServiceClientAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.boot.webclient.autoconfigure.service.ReactiveHttpServiceClientAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.support.RestClientAdapter;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.invoker.HttpServiceProxyFactory;
import org.springframework.web.service.registry.HttpServiceGroup.ClientType;
import org.springframework.web.service.registry.ImportHttpServices;
import reactor.core.publisher.Mono;

import io.github.iotstarters.emnify.api.EmnifyEndpoints;
import io.github.iotstarters.emnify.api.EmnifyEvents;
import io.github.iotstarters.emnify.api.EmnifyHttpServices;
import io.github.iotstarters.emnify.api.EmnifyNotFoundException;
import io.github.iotstarters.emnify.api.EmnifySims;
import io.github.iotstarters.emnify.api.ReactiveEmnifyEndpoints;
import io.github.iotstarters.emnify.api.ReactiveEmnifyEvents;
import io.github.iotstarters.emnify.api.ReactiveEmnifySims;
import io.github.iotstarters.emnify.api.model.Endpoint;
import io.github.iotstarters.emnify.auth.test.JwtCodec;
import io.github.iotstarters.emnify.auth.testsupport.LoopbackWireMock;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.notFound;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The six typed clients as beans of the names the issue gives, on
 * {@code emnifyRestClient} and {@code emnifyWebClient}: a call carries emnify's token and
 * reads emnify's shapes, a 404 is emnify's typed exception, a bean of the application's
 * wins, and without {@code emnify-api} there are none.
 */
class EmnifyApiAutoConfigurationTests {

	private static final JwtCodec JWTS = new JwtCodec();

	private static final List<String> NAMES = List.of("emnifyEndpoints", "emnifySims", "emnifyEvents",
			"reactiveEmnifyEndpoints", "reactiveEmnifySims", "reactiveEmnifyEvents");

	private static final String ENDPOINT = "{\"id\":11380017,\"name\":\"pump-station-7\",\"tags\":null,"
			+ "\"created\":\"2023-05-02T09:14:07.000+0000\",\"status\":{\"id\":0,\"description\":\"Enabled\"},"
			+ "\"unknown_field\":1}";

	private static final String NOT_FOUND = "{\"error_code\":1401,\"error_token\":\"InvalidReference\","
			+ "\"message\":\"Endpoint with Id '7' not found.\"}";

	@RegisterExtension
	static WireMockExtension emnify = LoopbackWireMock.extension();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(CodecsAutoConfiguration.class, WebClientAutoConfiguration.class,
				RestClientAutoConfiguration.class, EmnifyRateLimitAutoConfiguration.class,
				EmnifyAuthAutoConfiguration.class, EmnifyRestClientAutoConfiguration.class,
				EmnifyApiAutoConfiguration.class))
		.withPropertyValues("emnify.base-url=" + emnify.baseUrl(), "emnify.application-token=app-token");

	@Test
	void theSixTypedClientsAreBeansOfTheirNames() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean("emnifyEndpoints")).isInstanceOf(EmnifyEndpoints.class);
			assertThat(context.getBean("emnifySims")).isInstanceOf(EmnifySims.class);
			assertThat(context.getBean("emnifyEvents")).isInstanceOf(EmnifyEvents.class);
			assertThat(context.getBean("reactiveEmnifyEndpoints")).isInstanceOf(ReactiveEmnifyEndpoints.class);
			assertThat(context.getBean("reactiveEmnifySims")).isInstanceOf(ReactiveEmnifySims.class);
			assertThat(context.getBean("reactiveEmnifyEvents")).isInstanceOf(ReactiveEmnifyEvents.class);
		});
	}

	@Test
	void bothStylesCallEmnifyWithItsTokenAndTypeItsAnswersAndErrors() {
		String token = JWTS.token(Instant.now(), Duration.ofHours(4));
		emnify.stubFor(post("/api/v1/authenticate").willReturn(okJson("{\"auth_token\":\"" + token + "\"}")));
		emnify.stubFor(get(urlPathEqualTo("/api/v1/endpoint/11380017")).willReturn(okJson(ENDPOINT)));
		emnify.stubFor(get(urlPathEqualTo("/api/v1/endpoint/7"))
			.willReturn(notFound().withHeader("Content-Type", "application/json").withBody(NOT_FOUND)));
		this.contextRunner.run((context) -> {
			Endpoint blocking = context.getBean(EmnifyEndpoints.class).get(11380017);
			Endpoint reactive = context.getBean(ReactiveEmnifyEndpoints.class)
				.get(11380017)
				.block(Duration.ofSeconds(10));
			for (Endpoint endpoint : new Endpoint[] { blocking, reactive }) {
				assertThat(endpoint).isNotNull();
				assertThat(endpoint.id()).isEqualTo(11380017);
				assertThat(endpoint.name()).isEqualTo("pump-station-7");
			}
			emnify.verify(2, getRequestedFor(urlPathEqualTo("/api/v1/endpoint/11380017")).withHeader("Authorization",
					equalTo("Bearer " + token)));
			assertThatExceptionOfType(EmnifyNotFoundException.class)
				.isThrownBy(() -> context.getBean(EmnifyEndpoints.class).get(7))
				.satisfies((ex) -> assertThat(ex.getErrorCode()).isEqualTo(1401));
			assertThatExceptionOfType(EmnifyNotFoundException.class)
				.isThrownBy(() -> context.getBean(ReactiveEmnifyEndpoints.class).get(7).block(Duration.ofSeconds(10)));
		});
	}

	@Test
	void theProxyFactoriesOfTheTwoStylesLeaveTheApplicationsOwnToInjectionByType() {
		this.contextRunner.withUserConfiguration(OwnProxyFactory.class).run((context) -> {
			assertThat(context).hasNotFailed()
				.hasBean("emnifyRestClientProxyFactory")
				.hasBean("emnifyWebClientProxyFactory");
			assertThat(context.getBean("injected")).isSameAs(context.getBean("ownProxyFactory"));
		});
	}

	@Test
	void aProxyFactoryOfTheApplicationsOfTheSameNameServesTheTypedClients() {
		this.contextRunner.withUserConfiguration(OwnNamedProxyFactory.class).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean("emnifyRestClientProxyFactory"))
				.isSameAs(context.getBean(OwnNamedProxyFactory.class).factory);
			assertThat(context).hasSingleBean(EmnifyEndpoints.class);
		});
	}

	@Test
	void interfacesOfTheApplicationInTheEmnifyGroupThrowTypedErrorsInBothStyles() {
		String token = JWTS.token(Instant.now(), Duration.ofHours(4));
		emnify.stubFor(post("/api/v1/authenticate").willReturn(okJson("{\"auth_token\":\"" + token + "\"}")));
		emnify.stubFor(get(urlPathEqualTo("/api/v1/endpoint/7"))
			.willReturn(notFound().withHeader("Content-Type", "application/json").withBody(NOT_FOUND)));
		ApplicationContextRunner groups = this.contextRunner
			.withConfiguration(AutoConfigurations.of(HttpServiceClientPropertiesAutoConfiguration.class,
					HttpMessageConvertersAutoConfiguration.class, HttpServiceClientAutoConfiguration.class,
					ReactiveHttpServiceClientAutoConfiguration.class))
			.withPropertyValues("spring.http.serviceclient.elsewhere.base-url=" + emnify.baseUrl());
		groups.withUserConfiguration(BlockingGroupServices.class).run((context) -> {
			assertThatExceptionOfType(EmnifyNotFoundException.class)
				.isThrownBy(() -> context.getBean(OwnEndpoints.Blocking.class).get(7))
				.satisfies((ex) -> assertThat(ex.getErrorCode()).isEqualTo(1401));
			// Another group is not emnify's: Spring's own exception, and no token.
			assertThatExceptionOfType(HttpClientErrorException.NotFound.class)
				.isThrownBy(() -> context.getBean(OwnEndpoints.Elsewhere.class).get(7));
		});
		groups.withUserConfiguration(ReactiveGroupServices.class)
			.run((context) -> assertThatExceptionOfType(EmnifyNotFoundException.class)
				.isThrownBy(() -> context.getBean(OwnEndpoints.Reactive.class).get(7).block(Duration.ofSeconds(10))));
		emnify.verify(2, getRequestedFor(urlPathEqualTo("/api/v1/endpoint/7")).withHeader("Authorization",
				equalTo("Bearer " + token)));
		emnify.verify(3, getRequestedFor(urlPathEqualTo("/api/v1/endpoint/7")));
	}

	@Test
	void aTypedClientOfTheApplicationsWins() {
		this.contextRunner.withUserConfiguration(OwnEndpoints.class).run((context) -> {
			assertThat(context).getBeans(EmnifyEndpoints.class).containsOnlyKeys("ownEndpoints");
			assertThat(context).hasBean("emnifySims").hasBean("reactiveEmnifyEndpoints");
		});
	}

	@Test
	void withoutEmnifyApiThereAreNoTypedClients() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(EmnifyHttpServices.class)).run((context) -> {
			assertThat(context).hasNotFailed();
			NAMES.forEach((name) -> assertThat(context).doesNotHaveBean(name));
			assertThat(context).hasBean("emnifyWebClient");
		});
	}

	@Test
	void withEmnifyOffThereAreNoTypedClients() {
		this.contextRunner.withPropertyValues("emnify.enabled=false").run((context) -> {
			assertThat(context).hasNotFailed();
			NAMES.forEach((name) -> assertThat(context).doesNotHaveBean(name));
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class OwnEndpoints {

		@Bean
		EmnifyEndpoints ownEndpoints() {
			return EmnifyHttpServices.blocking(RestClient.create("https://gateway.example"))
				.createClient(EmnifyEndpoints.class);
		}

		interface Blocking {

			@GetExchange("/api/v1/endpoint/{id}")
			String get(@PathVariable long id);

		}

		interface Reactive {

			@GetExchange("/api/v1/endpoint/{id}")
			Mono<String> get(@PathVariable long id);

		}

		interface Elsewhere {

			@GetExchange("/api/v1/endpoint/{id}")
			String get(@PathVariable long id);

		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OwnNamedProxyFactory {

		final HttpServiceProxyFactory factory = EmnifyHttpServices
			.blocking(RestClient.create("https://gateway.example"));

		@Bean(defaultCandidate = false)
		HttpServiceProxyFactory emnifyRestClientProxyFactory() {
			return this.factory;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OwnProxyFactory {

		@Bean
		HttpServiceProxyFactory ownProxyFactory() {
			return HttpServiceProxyFactory.builderFor(RestClientAdapter.create(RestClient.create())).build();
		}

		@Bean
		Object injected(HttpServiceProxyFactory factory) {
			return factory;
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ImportHttpServices(group = "emnify", types = OwnEndpoints.Blocking.class, clientType = ClientType.REST_CLIENT)
	@ImportHttpServices(group = "elsewhere", types = OwnEndpoints.Elsewhere.class, clientType = ClientType.REST_CLIENT)
	static class BlockingGroupServices {

	}

	@Configuration(proxyBeanMethods = false)
	@ImportHttpServices(group = "emnify", types = OwnEndpoints.Reactive.class, clientType = ClientType.WEB_CLIENT)
	static class ReactiveGroupServices {

	}

}
