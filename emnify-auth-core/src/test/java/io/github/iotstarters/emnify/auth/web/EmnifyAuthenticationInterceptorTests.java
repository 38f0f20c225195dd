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

package io.github.iotstarters.emnify.auth.web;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.util.unit.DataSize;
import org.springframework.web.client.RestClient;
import reactor.core.publisher.Mono;

import io.github.iotstarters.emnify.auth.EmnifyAuthenticationListener;
import io.github.iotstarters.emnify.auth.EmnifyTokenProvider;
import io.github.iotstarters.emnify.auth.EmnifyWireMockTests;
import io.github.iotstarters.emnify.auth.testsupport.LoopbackWireMock;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link EmnifyAuthenticationInterceptor} on a {@link RestClient} against emnify played
 * by WireMock: what emnify receives (tokens, bodies, how often) and what the caller gets,
 * for each way a 401 can go; the decisions themselves are {@link ReplayPolicyTests}'.
 */
class EmnifyAuthenticationInterceptorTests extends EmnifyWireMockTests {

	private static final String SMS = "/api/v1/endpoint/1/sms";

	private static final String BODY = "{\"payload\":\"hello\"}";

	@RegisterExtension
	static WireMockExtension elsewhere = LoopbackWireMock.extension();

	private final String tokenA = JWTS.token(NOW, Duration.ofMinutes(240));

	private final String tokenB = JWTS.token(NOW, Duration.ofMinutes(240));

	private final EmnifyTokenProvider tokenProvider = applicationTokenProvider().build();

	static Stream<Arguments> answers() {
		return Stream.of(
				// emnify's answers to the call, the replay bound -> status the caller
				// gets,
				// tokens the calls carried
				Arguments.of(List.of(200), 1024, 200, List.of("A")),
				Arguments.of(List.of(401, 200), 1024, 200, List.of("A", "B")),
				Arguments.of(List.of(401, 401), 1024, 401, List.of("A", "B")),
				Arguments.of(List.of(403), 1024, 403, List.of("A")),
				Arguments.of(List.of(500), 1024, 500, List.of("A")),
				Arguments.of(List.of(401, 200), 0, 401, List.of("A")),
				Arguments.of(List.of(401, 200), BODY.length(), 200, List.of("A", "B")),
				Arguments.of(List.of(401, 200), BODY.length() - 1, 401, List.of("A")));
	}

	@ParameterizedTest(name = "emnify answers {0}, bound {1} bytes -> caller gets {2}, tokens sent {3}")
	@MethodSource("answers")
	void aCallAndItsReplay(List<Integer> statuses, int replayMaxBodySize, int callerStatus, List<String> tokens) {
		answerLoginsInTurn(okJson(auth(this.tokenA)), okJson(auth(this.tokenB)));
		answerInTurn("sms", () -> post(SMS),
				statuses.stream()
					.map((status) -> aResponse().withStatus(status))
					.toArray(ResponseDefinitionBuilder[]::new));
		RestClient client = client(new EmnifyAuthenticationInterceptor(this.tokenProvider, URI.create(emnify.baseUrl()),
				EmnifyAuthenticationListener.NONE, DataSize.ofBytes(replayMaxBodySize)));
		assertThat(send(client).getStatusCode().value()).isEqualTo(callerStatus);
		List<LoggedRequest> calls = emnify.findAll(postRequestedFor(urlEqualTo(SMS)));
		assertThat(calls).extracting((call) -> call.getHeader("Authorization"))
			.containsExactlyElementsOf(tokens.stream().map((token) -> "Bearer " + token(token)).toList());
		assertThat(calls).extracting(LoggedRequest::getBodyAsString).allMatch(BODY::equals);
		emnify.verify(tokens.size(), authenticateRequests());
		boolean rejected = statuses.get(0) == 401;
		assertThat(this.tokenProvider.getTokenIfAvailable()).as("the token after the call")
			.isEqualTo((rejected && tokens.size() == 1) ? null : token(tokens.get(tokens.size() - 1)));
	}

	@Test
	void aProviderThatKeepsTheRejectedTokenGetsTheCallerThe401WithoutAReplay() {
		answerInTurn("sms", () -> post(SMS), aResponse().withStatus(401), aResponse().withStatus(200));
		EmnifyTokenProvider keeping = new EmnifyTokenProvider() {

			@Override
			public Mono<String> getToken() {
				return Mono.just("kept");
			}

			@Override
			public boolean invalidate(String token) {
				return false;
			}

		};
		RestClient client = client(new EmnifyAuthenticationInterceptor(keeping, URI.create(emnify.baseUrl())));
		assertThat(send(client).getStatusCode().value()).isEqualTo(401);
		emnify.verify(1, postRequestedFor(urlEqualTo(SMS)).withHeader("Authorization", equalTo("Bearer kept")));
	}

	@Test
	void requestsElsewhereOrWithTheirOwnAuthorizationAreUntouchedAndNeedNoLogin() {
		elsewhere.stubFor(post(SMS).willReturn(aResponse().withStatus(401)));
		emnify.stubFor(post(SMS).willReturn(aResponse().withStatus(200)));
		RestClient client = client(
				new EmnifyAuthenticationInterceptor(this.tokenProvider, URI.create(emnify.baseUrl())));
		assertThat(client.post()
			.uri(elsewhere.baseUrl() + SMS)
			.body(BODY)
			.retrieve()
			.onStatus((status) -> true, (request, response) -> {
			})
			.toBodilessEntity()
			.getStatusCode()
			.value()).isEqualTo(401);
		assertThat(client.post()
			.uri(SMS)
			.header("Authorization", "Basic own")
			.body(BODY)
			.retrieve()
			.toBodilessEntity()
			.getStatusCode()
			.value()).isEqualTo(200);
		elsewhere.verify(1, postRequestedFor(urlEqualTo(SMS)).withHeader("Authorization", absent()));
		emnify.verify(1, postRequestedFor(urlEqualTo(SMS)).withHeader("Authorization", equalTo("Basic own")));
		emnify.verify(0, authenticateRequests());
		emnify.verify(0, getRequestedFor(urlEqualTo(SMS)));
	}

	private String token(String name) {
		return name.equals("A") ? this.tokenA : this.tokenB;
	}

	private static RestClient client(EmnifyAuthenticationInterceptor interceptor) {
		return RestClient.builder()
			.requestFactory(new JdkClientHttpRequestFactory())
			.baseUrl(emnify.baseUrl())
			.requestInterceptor(interceptor)
			.build();
	}

	private static ResponseEntity<Void> send(RestClient client) {
		return client.post().uri(SMS).body(BODY).retrieve().onStatus((status) -> true, (request, response) -> {
		}).toBodilessEntity();
	}

}
