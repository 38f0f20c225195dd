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

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.client.autoconfigure.service.HttpServiceClientPropertiesAutoConfiguration;
import org.springframework.boot.http.codec.autoconfigure.CodecsAutoConfiguration;
import org.springframework.boot.http.converter.autoconfigure.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.service.HttpServiceClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.boot.webclient.autoconfigure.service.ReactiveHttpServiceClientAutoConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.registry.HttpServiceGroup.ClientType;
import org.springframework.web.service.registry.ImportHttpServices;
import reactor.core.publisher.Mono;

import io.github.iotstarters.emnify.auth.test.JwtCodec;
import io.github.iotstarters.emnify.auth.testsupport.LoopbackWireMock;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * HTTP service interfaces in the group {@code emnify} get emnify's base URL and
 * authentication, blocking and reactive alike, with the replay after a 401.
 */
class EmnifyHttpServiceGroupTests {

	private static final JwtCodec JWTS = new JwtCodec();

	@RegisterExtension
	static WireMockExtension emnify = LoopbackWireMock.extension();

	private final String tokenA = JWTS.token(Instant.now(), Duration.ofMinutes(240));

	private final String tokenB = JWTS.token(Instant.now(), Duration.ofMinutes(240));

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(HttpServiceClientPropertiesAutoConfiguration.class, CodecsAutoConfiguration.class,
						WebClientAutoConfiguration.class, ReactiveHttpServiceClientAutoConfiguration.class,
						HttpMessageConvertersAutoConfiguration.class, RestClientAutoConfiguration.class,
						HttpServiceClientAutoConfiguration.class, EmnifyWorkspacesAutoConfiguration.class,
						EmnifyAuthAutoConfiguration.class, EmnifyRestClientAutoConfiguration.class))
		.withPropertyValues("emnify.base-url=" + emnify.baseUrl(), "emnify.application-token=app-token");

	@Test
	void blockingServiceInterfaceOfTheEmnifyGroupIsAuthenticated() {
		stubTokenGoingStale();
		this.contextRunner.withUserConfiguration(BlockingServices.class)
			.run((context) -> assertThat(context.getBean(Sims.class).all()).isEqualTo("[{\"id\":1}]"));
		verifyReplayWithNewToken();
	}

	@Test
	void reactiveServiceInterfaceOfTheEmnifyGroupIsAuthenticated() {
		stubTokenGoingStale();
		this.contextRunner.withUserConfiguration(ReactiveServices.class)
			.run((context) -> assertThat(context.getBean(ReactiveSims.class).all().block()).isEqualTo("[{\"id\":1}]"));
		verifyReplayWithNewToken();
	}

	@Test
	@ExtendWith(OutputCaptureExtension.class)
	void reactiveServiceInterfaceLogsNoTokenWithRequestDetailsOn(CapturedOutput output) {
		stubTokenGoingStale();
		LoggingSystem logging = LoggingSystem.get(getClass().getClassLoader());
		String exchangeLogger = "org.springframework.web.reactive.function.client.ExchangeFunctions";
		logging.setLogLevel(exchangeLogger, LogLevel.TRACE);
		try {
			this.contextRunner.withUserConfiguration(ReactiveServices.class)
				.withPropertyValues("spring.http.codecs.log-request-details=true")
				.run((context) -> assertThat(context.getBean(ReactiveSims.class).all().block())
					.isEqualTo("[{\"id\":1}]"));
		}
		finally {
			logging.setLogLevel(exchangeLogger, null);
		}
		verifyReplayWithNewToken();
		assertThat(output).contains("HTTP GET", "headers=").doesNotContain(this.tokenA, this.tokenB);
	}

	private void stubTokenGoingStale() {
		emnify.stubFor(post("/api/v1/authenticate").inScenario("logins")
			.whenScenarioStateIs(STARTED)
			.willReturn(okJson("{\"auth_token\":\"" + this.tokenA + "\"}"))
			.willSetStateTo("second"));
		emnify.stubFor(post("/api/v1/authenticate").inScenario("logins")
			.whenScenarioStateIs("second")
			.willReturn(okJson("{\"auth_token\":\"" + this.tokenB + "\"}")));
		emnify.stubFor(get("/api/v1/sim").withHeader("Authorization", equalTo("Bearer " + this.tokenA))
			.willReturn(aResponse().withStatus(401)));
		emnify.stubFor(get("/api/v1/sim").withHeader("Authorization", equalTo("Bearer " + this.tokenB))
			.willReturn(okJson("[{\"id\":1}]")));
	}

	private void verifyReplayWithNewToken() {
		emnify.verify(2, postRequestedFor(urlEqualTo("/api/v1/authenticate")));
		emnify.verify(1, getRequestedFor(urlEqualTo("/api/v1/sim")).withHeader("Authorization",
				equalTo("Bearer " + this.tokenB)));
	}

	interface Sims {

		@GetExchange("/api/v1/sim")
		String all();

	}

	interface ReactiveSims {

		@GetExchange("/api/v1/sim")
		Mono<String> all();

	}

	@Configuration(proxyBeanMethods = false)
	@ImportHttpServices(group = "emnify", types = Sims.class, clientType = ClientType.REST_CLIENT)
	static class BlockingServices {

	}

	@Configuration(proxyBeanMethods = false)
	@ImportHttpServices(group = "emnify", types = ReactiveSims.class, clientType = ClientType.WEB_CLIENT)
	static class ReactiveServices {

	}

}
