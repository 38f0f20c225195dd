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

package io.github.iotstarters.emnify.auth;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.ScenarioMappingBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import io.github.iotstarters.emnify.auth.test.AdjustableClock;
import io.github.iotstarters.emnify.auth.test.JwtCodec;
import io.github.iotstarters.emnify.auth.testsupport.LoopbackWireMock;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Base for tests against emnify played by WireMock on loopback: the server, a clock that
 * tests move, token providers on both, and stubs for the authenticate endpoint.
 */
public abstract class EmnifyWireMockTests {

	protected static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");

	protected static final String AUTHENTICATE = "/api/v1/authenticate";

	protected static final String PASSWORD_SHA1 = "5eb942810a75ebc850972a89285d570d484c89c4";

	protected static final JwtCodec JWTS = new JwtCodec();

	@RegisterExtension
	protected static WireMockExtension emnify = LoopbackWireMock.extension();

	protected final AdjustableClock clock = new AdjustableClock(NOW);

	protected static <T> Flux<T> concurrently(int callers, Supplier<Mono<T>> call) {
		return Flux.range(0, callers)
			.flatMap((i) -> Mono.defer(call).subscribeOn(Schedulers.boundedElastic()), callers);
	}

	protected static EmnifyAuthenticationException failure(EmnifyTokenProvider provider) {
		return assertThatExceptionOfType(EmnifyAuthenticationException.class)
			.isThrownBy(() -> provider.getToken().block(Duration.ofSeconds(30)))
			.actual();
	}

	protected EmnifyTokenProviderBuilder applicationTokenProvider() {
		return builder(EmnifyCredentials.applicationToken("app-token"));
	}

	protected EmnifyTokenProviderBuilder userProvider() {
		return builder(EmnifyCredentials.user("user@service.org", "my_password"));
	}

	protected EmnifyTokenProviderBuilder builder(EmnifyCredentials credentials) {
		return EmnifyTokenProvider.builder(WebClient.builder(), URI.create(emnify.baseUrl()), credentials)
			.clock(this.clock)
			.retryPolicy(fastRetries(3));
	}

	protected static RetryPolicy fastRetries(int maxRetries) {
		return RetryPolicy.builder().maxRetries(maxRetries).delay(Duration.ofMillis(10)).build();
	}

	protected static String auth(String authToken) {
		return "{\"auth_token\":\"" + authToken + "\"}";
	}

	protected static String auth(String authToken, String refreshToken) {
		return "{\"auth_token\":\"" + authToken + "\",\"refresh_token\":\"" + refreshToken + "\"}";
	}

	protected static RequestPatternBuilder authenticateRequests() {
		return postRequestedFor(urlEqualTo(AUTHENTICATE));
	}

	protected static RequestPatternBuilder loginRequests() {
		return authenticateRequests().withRequestBody(matchingJsonPath("$.refresh_token", absent()))
			.withRequestBody(matchingJsonPath("$.mfa_token", absent()));
	}

	protected static RequestPatternBuilder refreshRequests() {
		return authenticateRequests().withRequestBody(matchingJsonPath("$.refresh_token"));
	}

	protected static void answerLogins(ResponseDefinitionBuilder response) {
		emnify.stubFor(login().willReturn(response));
	}

	protected static void answerLoginsInTurn(ResponseDefinitionBuilder... responses) {
		answerInTurn("logins", EmnifyWireMockTests::login, responses);
	}

	/**
	 * Answer the requests that match with the given responses in turn, the last one from
	 * then on.
	 * @param scenario the name of WireMock's scenario that keeps the turn
	 * @param requests a new builder of the requests to answer, such as MFA code steps, on
	 * each call
	 * @param responses the answers, in order
	 */
	protected static void answerInTurn(String scenario, Supplier<MappingBuilder> requests,
			ResponseDefinitionBuilder... responses) {
		for (int i = 0; i < responses.length; i++) {
			ScenarioMappingBuilder mapping = requests.get()
				.inScenario(scenario)
				.whenScenarioStateIs((i == 0) ? STARTED : "answer " + i)
				.willReturn(responses[i]);
			if (i + 1 < responses.length) {
				mapping.willSetStateTo("answer " + (i + 1));
			}
			emnify.stubFor(mapping);
		}
	}

	protected static void answerRefresh(String refreshToken, ResponseDefinitionBuilder response) {
		emnify.stubFor(post(AUTHENTICATE).withRequestBody(equalToJson("{\"refresh_token\":\"" + refreshToken + "\"}"))
			.willReturn(response));
	}

	private static MappingBuilder login() {
		return post(AUTHENTICATE).withRequestBody(matchingJsonPath("$.refresh_token", absent()))
			.withRequestBody(matchingJsonPath("$.mfa_token", absent()));
	}

}
