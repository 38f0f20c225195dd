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
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

import io.github.iotstarters.emnify.auth.test.JwtCodec;
import io.github.iotstarters.emnify.auth.testsupport.LoopbackWireMock;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs login, API calls from WebClient and RestClient, a 401 replay with refresh, a
 * rejected login, an MFA login from a trusted device and a workspace switch with every
 * logger of the client side at DEBUG (Spring's exchange and codec logging at TRACE, with
 * request details on, so that Spring would print request headers), and checks that no
 * secret reached the output.
 */
@ExtendWith(OutputCaptureExtension.class)
class LogHygieneTests {

	private static final JwtCodec JWTS = new JwtCodec();

	private static final String PASSWORD = "Pa55-word-in-clear";

	// echo -n 'Pa55-word-in-clear' | openssl sha1
	private static final String PASSWORD_SHA1 = "6d891ae4ae05572fbd2fc56efd8224ccd327aa6a";

	private static final String APPLICATION_TOKEN = "application-token-secret";

	private static final String TOTP_SECRET = "JBSWY3DPEHPK3PXP";

	private static final String FINGERPRINT = "trusted-device-fingerprint-secret";

	private static final String MFA_TOKEN = "mfa-token-secret";

	@RegisterExtension
	static WireMockExtension emnify = LoopbackWireMock.extension();

	private final String tokenA = JWTS.token(Instant.now(), Duration.ofMinutes(240));

	private final String tokenB = JWTS.token(Instant.now(), Duration.ofMinutes(240));

	private final String refreshToken = JWTS.token(Instant.now(), Duration.ofMinutes(350));

	private final String workspaceToken = JWTS.token(Instant.now(), Duration.ofMinutes(240));

	@Test
	void noSecretReachesAnyLoggerAtDebug(CapturedOutput output) {
		emnify.stubFor(post("/api/v1/authenticate").withRequestBody(matchingJsonPath("$.username"))
			.willReturn(okJson(
					"{\"auth_token\":\"" + this.tokenA + "\",\"refresh_token\":\"" + this.refreshToken + "\"}")));
		emnify.stubFor(post("/api/v1/authenticate")
			.withRequestBody(equalToJson("{\"refresh_token\":\"" + this.refreshToken + "\"}"))
			.willReturn(okJson("{\"auth_token\":\"" + this.tokenB + "\"}")));
		emnify.stubFor(post("/api/v1/authenticate").withRequestBody(matchingJsonPath("$.application_token"))
			.willReturn(aResponse().withStatus(401)));
		emnify.stubFor(get("/api/v1/endpoint").withHeader("Authorization", equalTo("Bearer " + this.tokenA))
			.willReturn(aResponse().withStatus(401)));
		emnify.stubFor(get("/api/v1/endpoint").withHeader("Authorization", equalTo("Bearer " + this.tokenB))
			.willReturn(okJson("[{\"id\":1}]")));

		try (ConfigurableApplicationContext context = application("emnify.username=user@service.org",
				"emnify.password=" + PASSWORD)) {
			WebClient webClient = context.getBean("emnifyWebClient", WebClient.class);
			assertThat(webClient.get().uri("/api/v1/endpoint").retrieve().bodyToMono(String.class).block())
				.isEqualTo("[{\"id\":1}]");
			RestClient restClient = context.getBean("emnifyRestClient", RestClient.class);
			assertThat(restClient.get().uri("/api/v1/endpoint").retrieve().body(String.class))
				.isEqualTo("[{\"id\":1}]");
		}
		emnify.verify(2, getRequestedFor(urlEqualTo("/api/v1/endpoint")).withHeader("Authorization",
				equalTo("Bearer " + this.tokenB)));
		try (ConfigurableApplicationContext context = application("emnify.application-token=" + APPLICATION_TOKEN)) {
			WebClient webClient = context.getBean("emnifyWebClient", WebClient.class);
			assertThat(webClient.get()
				.uri("/api/v1/endpoint")
				.retrieve()
				.bodyToMono(String.class)
				.onErrorResume((ex) -> Mono.just(ex.getMessage()))
				.block()).startsWith("emnify rejected");
		}
		emnify.resetAll();
		emnify.stubFor(post("/api/v1/authenticate").withRequestBody(matchingJsonPath("$.username"))
			.willReturn(okJson("{\"mfa_token\":\"" + MFA_TOKEN + "\"}")));
		emnify.stubFor(post("/api/v1/authenticate").withRequestBody(matchingJsonPath("$.mfa_token"))
			.willReturn(okJson("{\"auth_token\":\"" + this.tokenB + "\"}")));
		emnify.stubFor(get("/api/v1/endpoint").willReturn(okJson("[]")));
		try (ConfigurableApplicationContext context = application("emnify.username=user@service.org",
				"emnify.password=" + PASSWORD, "emnify.mfa.totp-secret=" + TOTP_SECRET,
				"emnify.mfa.trusted-device.fingerprint=" + FINGERPRINT)) {
			fetchEndpoints(context);
		}
		emnify.verify(1, getRequestedFor(urlEqualTo("/api/v1/endpoint")));
		emnify.stubFor(
				post("/api/v1/authenticate/workspace").withHeader("Authorization", equalTo("Bearer " + this.tokenB))
					.willReturn(okJson("{\"auth_token\":\"" + this.workspaceToken + "\"}")));
		try (ConfigurableApplicationContext context = application("emnify.username=user@service.org",
				"emnify.password=" + PASSWORD, "emnify.mfa.totp-secret=" + TOTP_SECRET, "emnify.workspace-id=42")) {
			fetchEndpoints(context);
		}
		emnify.verify(1, getRequestedFor(urlEqualTo("/api/v1/endpoint")).withHeader("Authorization",
				equalTo("Bearer " + this.workspaceToken)));

		assertThat(output).contains("Obtained emnify auth token by password")
			.contains("Obtained emnify auth token by refresh_token")
			.contains("replaying the request once")
			.contains("No new emnify login before");
		assertThat(output).contains("Obtained emnify auth token by mfa");
		assertThat(output).contains("HTTP GET", "HTTP POST", "headers=");
		assertThat(output).doesNotContain(PASSWORD, PASSWORD_SHA1, APPLICATION_TOKEN, this.tokenA, this.tokenB,
				this.refreshToken, this.workspaceToken, TOTP_SECRET, FINGERPRINT, MFA_TOKEN);
	}

	// Reactor Netty on both stacks: HTTP libraries log headers at DEBUG themselves
	// (Apache HttpClient's org.apache.hc.client5.http.headers), below the starter's
	// reach.
	private static void fetchEndpoints(ConfigurableApplicationContext context) {
		context.getBean("emnifyWebClient", WebClient.class)
			.get()
			.uri("/api/v1/endpoint")
			.retrieve()
			.toBodilessEntity()
			.block();
	}

	private ConfigurableApplicationContext application(String... credentials) {
		return new SpringApplicationBuilder(ClientApplication.class).web(WebApplicationType.NONE)
			.properties("spring.http.clients.reactive.connector=reactor",
					"spring.http.clients.imperative.factory=reactor")
			.properties("emnify.base-url=" + emnify.baseUrl(), "logging.level.root=DEBUG",
					"logging.level.org.springframework.web=TRACE", "logging.level.org.springframework.http=TRACE",
					"logging.level.wiremock=INFO", "spring.http.codecs.log-request-details=true",
					"logging.level.com.github.tomakehurst=INFO")
			.properties(credentials)
			.run();
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class ClientApplication {

	}

}
