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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.HttpComponentsClientHttpRequestFactory;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.http.client.ReactorClientHttpRequestFactory;
import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.http.client.reactive.JdkClientHttpConnector;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

import io.github.iotstarters.emnify.auth.test.JwtCodec;
import io.github.iotstarters.emnify.auth.testsupport.LoopbackWireMock;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Adding the starter never breaks an application: its own single {@link WebClient} and
 * {@link RestClient} stay injectable by type next to {@code emnifyWebClient} and
 * {@code emnifyRestClient}, which are injected by name; emnify's clients run on the HTTP
 * client library the application has, the JDK's when it has none, and the application's
 * own connector and request factory stay as they were without emnify.
 */
class ApplicationClientsTests {

	private static final JwtCodec JWTS = new JwtCodec();

	private static final String SIMS = "/api/v1/sim";

	private static final String REPOS = "/repos";

	@RegisterExtension
	static WireMockExtension emnify = LoopbackWireMock.extension();

	@RegisterExtension
	static WireMockExtension github = LoopbackWireMock.extension();

	private final String token = JWTS.token(Instant.now(), Duration.ofMinutes(240));

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(BootHttpClients.autoConfigurations())
		.withPropertyValues("emnify.base-url=" + emnify.baseUrl(), "emnify.application-token=app-token",
				"github.base-url=" + github.baseUrl());

	@Test
	void anApplicationsOwnClientsKeepWorkingByTypeAndEmnifysByQualifier() {
		emnify.stubFor(post("/api/v1/authenticate").willReturn(okJson("{\"auth_token\":\"" + this.token + "\"}")));
		emnify.stubFor(get(SIMS).willReturn(okJson("[]")));
		github.stubFor(get(REPOS).willReturn(okJson("[]")));
		this.contextRunner.withUserConfiguration(Application.class).run((context) -> {
			assertThat(context).hasNotFailed();
			context.getBean(GithubRepositories.class).fetch();
			context.getBean(EmnifySims.class).fetch();
		});
		github.verify(2, getRequestedFor(urlEqualTo(REPOS)).withHeader("Authorization", absent()));
		emnify.verify(2,
				getRequestedFor(urlEqualTo(SIMS)).withHeader("Authorization", equalTo("Bearer " + this.token)));
	}

	@Test
	void bootsOwnConnectorAndRequestFactoryStayTheApplicationsByType() {
		this.contextRunner.run((context) -> {
			assertThat(context.getBean(ClientHttpConnector.class)).isSameAs(context.getBean("clientHttpConnector"))
				.isNotSameAs(context.getBean("emnifyClientHttpConnector"));
			assertThat(context.getBean(ClientHttpRequestFactory.class))
				.isSameAs(context.getBean("clientHttpRequestFactory"))
				.isNotSameAs(context.getBean("emnifyClientHttpRequestFactory"));
		});
	}

	@Test
	void aConnectorNamedEmnifyClientHttpConnectorCarriesTheLoginAndTheApiCalls() {
		emnify.stubFor(post("/api/v1/authenticate").willReturn(okJson("{\"auth_token\":\"" + this.token + "\"}")));
		emnify.stubFor(get(SIMS).willReturn(okJson("[]")));
		AtomicInteger connections = new AtomicInteger();
		ReactorClientHttpConnector reactor = new ReactorClientHttpConnector();
		ClientHttpConnector counting = (method, url, requestCallback) -> {
			connections.incrementAndGet();
			return reactor.connect(method, url, requestCallback);
		};
		this.contextRunner.withBean("emnifyClientHttpConnector", ClientHttpConnector.class, () -> counting)
			.run((context) -> context.getBean("emnifyWebClient", WebClient.class)
				.get()
				.uri(SIMS)
				.retrieve()
				.toBodilessEntity()
				.block(Duration.ofSeconds(10)));
		assertThat(connections).hasValue(2);
		emnify.verify(1,
				getRequestedFor(urlEqualTo(SIMS)).withHeader("Authorization", equalTo("Bearer " + this.token)));
	}

	static Stream<Arguments> classPaths() {
		return Stream.of(
				arguments("MVC only", new String[] { "reactor.netty", "org.eclipse.jetty", "org.apache.hc" },
						JdkClientHttpConnector.class, JdkClientHttpRequestFactory.class),
				arguments("Reactor Netty", new String[] { "org.eclipse.jetty", "org.apache.hc" },
						ReactorClientHttpConnector.class, ReactorClientHttpRequestFactory.class),
				arguments("every library", new String[0], ReactorClientHttpConnector.class,
						HttpComponentsClientHttpRequestFactory.class));
	}

	@ParameterizedTest(name = "[{index}] {0}")
	@MethodSource("classPaths")
	void emnifysClientsUseTheApplicationsLibraryAndLeaveItsOwnAsTheyWere(String classPath, String[] missing,
			Class<?> connector, Class<?> requestFactory) {
		ApplicationContextRunner runner = this.contextRunner.withClassLoader(new FilteredClassLoader(missing));
		runner.withPropertyValues("emnify.enabled=false").run((context) -> {
			assertThat(context.getBean("clientHttpConnector")).isInstanceOf(connector);
			assertThat(context.getBean("clientHttpRequestFactory")).isInstanceOf(requestFactory);
		});
		runner.run((context) -> {
			assertThat(context.getBean("clientHttpConnector")).isInstanceOf(connector);
			assertThat(context.getBean("clientHttpRequestFactory")).isInstanceOf(requestFactory);
			assertThat(context.getBean("emnifyClientHttpConnector")).isInstanceOf(connector);
			assertThat(context.getBean("emnifyClientHttpRequestFactory")).isInstanceOf(requestFactory);
		});
	}

	@Configuration(proxyBeanMethods = false)
	@Import({ GithubRepositories.class, EmnifySims.class })
	static class Application {

		@Bean
		WebClient githubClient(WebClient.Builder builder, @Value("${github.base-url}") String baseUrl) {
			return builder.baseUrl(baseUrl).build();
		}

		@Bean
		RestClient githubRestClient(RestClient.Builder builder, @Value("${github.base-url}") String baseUrl) {
			return builder.baseUrl(baseUrl).build();
		}

	}

	@Component
	static class GithubRepositories {

		private final WebClient webClient;

		private final RestClient restClient;

		GithubRepositories(WebClient webClient, RestClient restClient) {
			this.webClient = webClient;
			this.restClient = restClient;
		}

		void fetch() {
			this.webClient.get().uri(REPOS).retrieve().toBodilessEntity().block(Duration.ofSeconds(10));
			this.restClient.get().uri(REPOS).retrieve().toBodilessEntity();
		}

	}

	@Component
	static class EmnifySims {

		private final WebClient webClient;

		private final RestClient restClient;

		EmnifySims(@Qualifier("emnifyWebClient") WebClient webClient,
				@Qualifier("emnifyRestClient") RestClient restClient) {
			this.webClient = webClient;
			this.restClient = restClient;
		}

		void fetch() {
			this.webClient.get().uri(SIMS).retrieve().toBodilessEntity().block(Duration.ofSeconds(10));
			this.restClient.get().uri(SIMS).retrieve().toBodilessEntity();
		}

	}

}
