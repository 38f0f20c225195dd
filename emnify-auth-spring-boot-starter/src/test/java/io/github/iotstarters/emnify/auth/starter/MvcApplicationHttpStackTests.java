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

package io.github.iotstarters.emnify.auth.starter;

import java.time.Duration;
import java.time.Instant;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.http.client.reactive.JdkClientHttpConnector;
import org.springframework.test.util.ReflectionTestUtils;
import org.springframework.util.ClassUtils;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

import io.github.iotstarters.emnify.auth.test.JwtCodec;
import io.github.iotstarters.emnify.auth.testsupport.LoopbackWireMock;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Adding the starter to a Spring MVC application changes nothing in how the rest of the
 * application talks HTTP: the starter brings no HTTP client library and no server, so the
 * application's own {@link RestClient}s stay on the JDK's client, and emnify's clients
 * run on it too. The test class path is such an application's: Boot's {@code RestClient}
 * support and the starter, nothing else.
 */
class MvcApplicationHttpStackTests {

	private static final JwtCodec JWTS = new JwtCodec();

	private static final String SIMS = "/api/v1/sim";

	private static final String REPOS = "/repos";

	private static final String JDK_USER_AGENT = "Java-http-client/.*";

	@RegisterExtension
	static WireMockExtension emnify = LoopbackWireMock.extension();

	@RegisterExtension
	static WireMockExtension github = LoopbackWireMock.extension();

	private final String token = JWTS.token(Instant.now(), Duration.ofMinutes(240));

	@ParameterizedTest
	@ValueSource(strings = { "reactor.netty.http.client.HttpClient", "org.eclipse.jetty.client.HttpClient",
			"org.apache.hc.client5.http.impl.classic.HttpClients", "org.apache.catalina.startup.Tomcat",
			"org.eclipse.jetty.server.Server", "io.undertow.Undertow" })
	void theStarterBringsNoHttpClientLibraryAndNoServer(String className) {
		assertThat(ClassUtils.isPresent(className, getClass().getClassLoader())).isFalse();
	}

	@ParameterizedTest
	@ValueSource(booleans = { false, true })
	void theApplicationsOwnRestClientStaysOnTheJdkClientWithAndWithoutEmnify(boolean withEmnify) {
		github.stubFor(get(REPOS).willReturn(okJson("[]")));
		try (ConfigurableApplicationContext context = start(withEmnify)) {
			RestClient githubClient = context.getBean("githubClient", RestClient.class);
			assertThat(ReflectionTestUtils.getField(githubClient, "clientRequestFactory"))
				.isInstanceOf(JdkClientHttpRequestFactory.class);
			githubClient.get().uri(REPOS).retrieve().toBodilessEntity();
			assertThat(context.containsBean("emnifyRestClient")).isEqualTo(withEmnify);
		}
		github.verify(1, getRequestedFor(urlEqualTo(REPOS)).withHeader("User-Agent", matching(JDK_USER_AGENT))
			.withHeader("Authorization", absent()));
	}

	@Test
	void emnifysClientsRunOnTheJdkClient() {
		emnify.stubFor(post("/api/v1/authenticate").willReturn(okJson("{\"auth_token\":\"" + this.token + "\"}")));
		emnify.stubFor(get(SIMS).willReturn(okJson("[]")));
		try (ConfigurableApplicationContext context = start(true)) {
			assertThat(context.getBean("emnifyClientHttpConnector")).isInstanceOf(JdkClientHttpConnector.class);
			assertThat(context.getBean("emnifyClientHttpRequestFactory"))
				.isInstanceOf(JdkClientHttpRequestFactory.class);
			context.getBean("emnifyRestClient", RestClient.class).get().uri(SIMS).retrieve().toBodilessEntity();
			context.getBean("emnifyWebClient", WebClient.class)
				.get()
				.uri(SIMS)
				.retrieve()
				.toBodilessEntity()
				.block(Duration.ofSeconds(10));
		}
		emnify.verify(2, getRequestedFor(urlEqualTo(SIMS)).withHeader("Authorization", equalTo("Bearer " + this.token))
			.withHeader("User-Agent", matching(JDK_USER_AGENT)));
	}

	private ConfigurableApplicationContext start(boolean withEmnify) {
		return new SpringApplicationBuilder(Application.class).web(WebApplicationType.NONE)
			.properties("emnify.enabled=" + withEmnify, "emnify.base-url=" + emnify.baseUrl(),
					"emnify.application-token=app-token", "github.base-url=" + github.baseUrl(),
					"spring.main.banner-mode=off")
			.run();
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class Application {

		@Bean
		RestClient githubClient(RestClient.Builder builder, @Value("${github.base-url}") String baseUrl) {
			return builder.baseUrl(baseUrl).build();
		}

	}

}
