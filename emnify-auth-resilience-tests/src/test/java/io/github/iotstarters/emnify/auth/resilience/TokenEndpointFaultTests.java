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

package io.github.iotstarters.emnify.auth.resilience;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.ScenarioMappingBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.util.unit.DataSize;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import io.github.iotstarters.emnify.auth.EmnifyAuthenticationException;
import io.github.iotstarters.emnify.auth.EmnifyAuthenticationListener;
import io.github.iotstarters.emnify.auth.EmnifyCredentials;
import io.github.iotstarters.emnify.auth.EmnifyTokenProvider;
import io.github.iotstarters.emnify.auth.web.Bucket4jRateLimitBuckets;
import io.github.iotstarters.emnify.auth.web.EmnifyAuthenticationFilter;
import io.github.iotstarters.emnify.auth.web.EmnifyRateLimits;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Each known failure of the token endpoint, met by 100 concurrent API requests: what the
 * callers get, how many token-endpoint calls it cost, and that no request is lost once
 * the endpoint recovers within the retry budget.
 */
class TokenEndpointFaultTests {

	private static final int CALLERS = 100;

	private static final String AUTHENTICATE = "/api/v1/authenticate";

	private static final String SIMS = "/api/v1/sim";

	// Opaque, so the default lifetime of 240 minutes applies.
	private static final String TOKEN = "opaque-auth-token";

	private static final String TOKEN_ANSWER = "{\"auth_token\":\"" + TOKEN + "\"}";

	@RegisterExtension
	static WireMockExtension emnify = WireMockExtension.newInstance()
		.options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
		.build();

	static Stream<Arguments> transientFaults() {
		return Stream.of(fault("500", aResponse().withStatus(500)), fault("503", aResponse().withStatus(503)),
				fault("429 without Retry-After", aResponse().withStatus(429)),
				fault("429 with Retry-After: 1", aResponse().withStatus(429).withHeader("Retry-After", "1")),
				fault("connection reset", aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)),
				fault("empty reply", aResponse().withFault(Fault.EMPTY_RESPONSE)),
				fault("reply slower than the request timeout", okJson(TOKEN_ANSWER).withFixedDelay(3000)),
				fault("HTML",
						aResponse().withStatus(200)
							.withHeader("Content-Type", "text/html")
							.withBody("<html><body>Maintenance</body></html>")),
				fault("malformed JSON", aResponse().withStatus(200).withBody("{\"auth_token\":")),
				fault("200 without auth_token", okJson("{\"status\":\"ok\"}")));
	}

	static Stream<Arguments> rejections() {
		return Stream.of(fault("401 with an empty body", aResponse().withStatus(401)),
				fault("401 TooManyRequests", aResponse().withStatus(401)
					.withHeader("Content-Type", "application/json")
					.withBody("{\"error_code\":1105,\"error_token\":\"TooManyRequests\",\"message\":\"Too many\"}")));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("transientFaults")
	void noRequestIsLostWhenTheEndpointRecoversWithinTheRetryBudget(String name, ResponseDefinitionBuilder fault) {
		answerInTurn(fault, fault, okJson(TOKEN_ANSWER));
		emnify.stubFor(get(urlPathEqualTo(SIMS)).withHeader("Authorization", equalTo("Bearer " + TOKEN))
			.willReturn(okJson("[]")));
		List<Object> outcomes = callConcurrently(webClient());
		long served = outcomes.stream().filter("ok"::equals).count();
		int tokenCalls = emnify.findAll(postRequestedFor(urlEqualTo(AUTHENTICATE))).size();
		System.out.printf("fault %-40s requests=%d served=%d failed=%d token-endpoint calls=%d%n", name, CALLERS,
				served, CALLERS - served, tokenCalls);
		assertThat(outcomes).containsOnly("ok");
		assertThat(tokenCalls).isEqualTo(3);
		emnify.verify(CALLERS, getRequestedFor(urlPathEqualTo(SIMS)));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("rejections")
	void rejectionsReachEveryCallerAfterOneCallAndAreNotRetried(String name, ResponseDefinitionBuilder rejection) {
		answerInTurn(rejection);
		List<Object> outcomes = callConcurrently(webClient());
		int tokenCalls = emnify.findAll(postRequestedFor(urlEqualTo(AUTHENTICATE))).size();
		System.out.printf("rejection %-36s requests=%d failed=%d token-endpoint calls=%d%n", name, CALLERS,
				outcomes.size(), tokenCalls);
		assertThat(outcomes).hasSize(CALLERS)
			.allSatisfy((outcome) -> assertThat(outcome).isInstanceOf(EmnifyAuthenticationException.class));
		assertThat(outcomes.stream().distinct()).as("one shared failure").hasSize(1);
		assertThat(tokenCalls).isOne();
		emnify.verify(0, getRequestedFor(urlPathEqualTo(SIMS)));
	}

	private static List<Object> callConcurrently(WebClient webClient) {
		return Flux.range(0, CALLERS)
			.flatMap((i) -> webClient.get()
				.uri(SIMS + "?page=" + i)
				.retrieve()
				.toBodilessEntity()
				.map((entity) -> (Object) "ok")
				.onErrorResume(Mono::just), CALLERS)
			.collectList()
			.block(Duration.ofSeconds(60));
	}

	private static WebClient webClient() {
		URI baseUrl = URI.create(emnify.baseUrl());
		EmnifyTokenProvider tokens = EmnifyTokenProvider
			.builder(WebClient.builder(), baseUrl, EmnifyCredentials.applicationToken("app-token"))
			.requestTimeout(Duration.ofSeconds(1))
			.retryPolicy(RetryPolicy.builder().maxRetries(3).delay(Duration.ofMillis(50)).build())
			.build();
		return WebClient.builder()
			.baseUrl(emnify.baseUrl())
			.filter(new EmnifyAuthenticationFilter(tokens, baseUrl, EmnifyAuthenticationListener.NONE,
					DataSize.ofMegabytes(1), EmnifyRateLimits.none(), Bucket4jRateLimitBuckets.inThisJvm()))
			.build();
	}

	private static void answerInTurn(ResponseDefinitionBuilder... answers) {
		for (int i = 0; i < answers.length; i++) {
			ScenarioMappingBuilder mapping = post(AUTHENTICATE).inScenario("token endpoint")
				.whenScenarioStateIs((i == 0) ? STARTED : "answer " + i)
				.willReturn(answers[i]);
			if (i + 1 < answers.length) {
				mapping.willSetStateTo("answer " + (i + 1));
			}
			emnify.stubFor(mapping);
		}
	}

	private static Arguments fault(String name, ResponseDefinitionBuilder response) {
		return arguments(name, response);
	}

}
