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
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFunctions;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

import io.github.iotstarters.emnify.auth.EmnifyAuthenticationException;
import io.github.iotstarters.emnify.auth.EmnifyTokenProvider;
import io.github.iotstarters.emnify.auth.EmnifyWireMockTests;
import io.github.iotstarters.emnify.auth.testsupport.LoopbackWireMock;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class EmnifyAuthenticationFilterTests extends EmnifyWireMockTests {

	private static final String ENDPOINTS = "/api/v1/endpoint";

	@RegisterExtension
	static WireMockExtension elsewhere = LoopbackWireMock.extension();

	private final String tokenA = JWTS.token(NOW, Duration.ofMinutes(240));

	private final String tokenB = JWTS.token(NOW, Duration.ofMinutes(240));

	private final EmnifyTokenProvider tokenProvider = applicationTokenProvider().build();

	private final WebClient webClient = WebClient.builder()
		.baseUrl(emnify.baseUrl())
		.filter(new EmnifyAuthenticationFilter(this.tokenProvider, URI.create(emnify.baseUrl())))
		.build();

	@Test
	void requestsToEmnifyCarryTheBearerToken() {
		answerLogins(okJson(auth(this.tokenA)));
		emnify.stubFor(get(ENDPOINTS).willReturn(okJson("[{\"id\":1}]")));
		assertThat(fetch(ENDPOINTS).getBody()).isEqualTo("[{\"id\":1}]");
		assertThat(fetch(ENDPOINTS).getStatusCode()).isEqualTo(HttpStatus.OK);
		emnify.verify(2,
				getRequestedFor(urlEqualTo(ENDPOINTS)).withHeader("Authorization", equalTo("Bearer " + this.tokenA)));
		emnify.verify(1, authenticateRequests());
	}

	@Test
	void requestsToAnotherPortAreUntouchedAndNeedNoLogin() {
		elsewhere.stubFor(get("/anything").willReturn(okJson("{}")));
		assertThat(this.webClient.get()
			.uri(elsewhere.baseUrl() + "/anything")
			.retrieve()
			.toBodilessEntity()
			.block()
			.getStatusCode()).isEqualTo(HttpStatus.OK);
		elsewhere.verify(1, getRequestedFor(urlEqualTo("/anything")).withHeader("Authorization", absent()));
		assertThat(emnify.getAllServeEvents()).isEmpty();
	}

	@Test
	void requestsToAnotherHostOnTheSamePortAreUntouchedAndNeedNoLogin() {
		emnify.stubFor(get("/anything").willReturn(okJson("{}")));
		String sameServerOtherName = emnify.baseUrl().replace("localhost", "127.0.0.1") + "/anything";
		assertThat(this.webClient.get().uri(sameServerOtherName).retrieve().toBodilessEntity().block().getStatusCode())
			.isEqualTo(HttpStatus.OK);
		emnify.verify(1, getRequestedFor(urlEqualTo("/anything")).withHeader("Authorization", absent()));
		emnify.verify(0, authenticateRequests());
	}

	@Test
	void baseUrlWithAPathOrTrailingSlashOrExplicitDefaultPortScopesByOrigin() {
		answerLogins(okJson(auth(this.tokenA)));
		emnify.stubFor(get(ENDPOINTS).willReturn(okJson("[]")));
		EmnifyAuthenticationFilter withPath = new EmnifyAuthenticationFilter(this.tokenProvider,
				URI.create(emnify.baseUrl() + "/prefix/"));
		WebClient.builder()
			.filter(withPath)
			.build()
			.get()
			.uri(emnify.baseUrl() + ENDPOINTS)
			.retrieve()
			.toBodilessEntity()
			.block();
		emnify.verify(1,
				getRequestedFor(urlEqualTo(ENDPOINTS)).withHeader("Authorization", equalTo("Bearer " + this.tokenA)));
		EmnifyAuthenticationFilter defaultPort = new EmnifyAuthenticationFilter(this.tokenProvider,
				URI.create("https://cdn.emnify.net:443"));
		ClientRequest request = ClientRequest.create(HttpMethod.GET, URI.create("https://cdn.emnify.net/api/v1/sim"))
			.build();
		ClientRequest[] sent = new ClientRequest[1];
		defaultPort.filter(request, (authorized) -> {
			sent[0] = authorized;
			return Mono.just(ClientResponse.create(HttpStatus.OK).build());
		}).block();
		assertThat(sent[0].headers().getFirst("Authorization")).isEqualTo("Bearer " + this.tokenA);
	}

	@Test
	void sameHostWithAnotherSchemeIsUntouched() {
		EmnifyAuthenticationFilter httpsOnly = new EmnifyAuthenticationFilter(this.tokenProvider,
				URI.create(emnify.baseUrl().replace("http:", "https:")));
		emnify.stubFor(get(ENDPOINTS).willReturn(okJson("[]")));
		WebClient client = WebClient.builder().baseUrl(emnify.baseUrl()).filter(httpsOnly).build();
		client.get().uri(ENDPOINTS).retrieve().toBodilessEntity().block();
		emnify.verify(1, getRequestedFor(urlEqualTo(ENDPOINTS)).withHeader("Authorization", absent()));
		emnify.verify(0, authenticateRequests());
	}

	@Test
	void anAuthorizationHeaderSetByTheCallerIsLeftAlone() {
		emnify.stubFor(get(ENDPOINTS).willReturn(aResponse().withStatus(401)));
		ResponseEntity<Void> response = this.webClient.get()
			.uri(ENDPOINTS)
			.header("Authorization", "Bearer callers-own")
			.exchangeToMono((r) -> r.toBodilessEntity())
			.block();
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
		emnify.verify(1,
				getRequestedFor(urlEqualTo(ENDPOINTS)).withHeader("Authorization", equalTo("Bearer callers-own")));
		emnify.verify(0, authenticateRequests());
	}

	@Test
	void theLoginEndpointNeverGetsATokenEvenWhenTheFilterIsOnItsClient() {
		emnify.stubFor(post("/api/v1/authenticate").willReturn(okJson(auth(this.tokenA))));
		this.webClient.post()
			.uri("/api/v1/authenticate")
			.bodyValue(Map.of("application_token", "x"))
			.retrieve()
			.toBodilessEntity()
			.block();
		emnify.verify(1, authenticateRequests().withRequestBody(equalToJson("{\"application_token\":\"x\"}")));
		emnify.verify(0, authenticateRequests().withHeader("Authorization", matching(".*")));
	}

	@Test
	void theWorkspaceSwitchEndpointGetsTheToken() {
		answerLogins(okJson(auth(this.tokenA)));
		emnify.stubFor(post("/api/v1/authenticate/workspace").willReturn(okJson(auth(this.tokenB))));
		this.webClient.post()
			.uri("/api/v1/authenticate/workspace")
			.bodyValue(Map.of("target_organisation", Map.of("id", 123)))
			.retrieve()
			.toBodilessEntity()
			.block();
		emnify.verify(1, postRequestedFor(urlEqualTo("/api/v1/authenticate/workspace")).withHeader("Authorization",
				equalTo("Bearer " + this.tokenA)));
	}

	@Test
	void unauthorizedIsAnsweredByRenewingAndReplayingOnceWithTheBody() {
		answerLoginsInTurn(okJson(auth(this.tokenA)), okJson(auth(this.tokenB)));
		emnify.stubFor(post(ENDPOINTS).withHeader("Authorization", equalTo("Bearer " + this.tokenA))
			.willReturn(aResponse().withStatus(401)
				.withHeader("Content-Type", "application/json")
				.withBody("{\"error_code\":1103,\"error_token\":\"TokenExpired\",\"message\":\"Token expired\"}")));
		emnify.stubFor(post(ENDPOINTS).withHeader("Authorization", equalTo("Bearer " + this.tokenB))
			.willReturn(okJson("{\"id\":99}")));
		ResponseEntity<String> response = this.webClient.post()
			.uri(ENDPOINTS)
			.bodyValue(Map.of("name", "sensor-1"))
			.retrieve()
			.toEntity(String.class)
			.block();
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(response.getBody()).isEqualTo("{\"id\":99}");
		emnify.verify(2,
				postRequestedFor(urlEqualTo(ENDPOINTS)).withRequestBody(equalToJson("{\"name\":\"sensor-1\"}")));
		emnify.verify(2, authenticateRequests());
	}

	@Test
	void aSecondUnauthorizedGoesBackToTheCallerAsItCame() {
		answerLoginsInTurn(okJson(auth(this.tokenA)), okJson(auth(this.tokenB)));
		emnify.stubFor(get(ENDPOINTS).willReturn(aResponse().withStatus(401)
			.withHeader("x-amzn-ErrorType", "AccessDeniedException")
			.withBody("{\"message\":\"token contains an invalid number of segments\"}")));
		ResponseEntity<String> response = this.webClient.get()
			.uri(ENDPOINTS)
			.exchangeToMono((r) -> r.toEntity(String.class))
			.block();
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
		assertThat(response.getHeaders().getFirst("x-amzn-ErrorType")).isEqualTo("AccessDeniedException");
		assertThat(response.getBody()).isEqualTo("{\"message\":\"token contains an invalid number of segments\"}");
		emnify.verify(1,
				getRequestedFor(urlEqualTo(ENDPOINTS)).withHeader("Authorization", equalTo("Bearer " + this.tokenA)));
		emnify.verify(1,
				getRequestedFor(urlEqualTo(ENDPOINTS)).withHeader("Authorization", equalTo("Bearer " + this.tokenB)));
		emnify.verify(2, authenticateRequests());
	}

	@Test
	void forbiddenIsNotAnAuthenticationProblemAndPassesThrough() {
		answerLogins(okJson(auth(this.tokenA)));
		emnify.stubFor(get(ENDPOINTS).willReturn(aResponse().withStatus(403)
			.withBody("{\"error_code\":1104,\"error_token\":\"Forbidden\",\"message\":\"Forbidden\"}")));
		ResponseEntity<String> response = this.webClient.get()
			.uri(ENDPOINTS)
			.exchangeToMono((r) -> r.toEntity(String.class))
			.block();
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
		emnify.verify(1, getRequestedFor(urlEqualTo(ENDPOINTS)));
		emnify.verify(1, authenticateRequests());
	}

	@Test
	void concurrentUnauthorizedAnswersForOneStaleTokenCauseOneRenewal() {
		answerLoginsInTurn(okJson(auth(this.tokenA)), okJson(auth(this.tokenB)).withFixedDelay(200));
		emnify.stubFor(get(urlPathEqualTo(ENDPOINTS)).withHeader("Authorization", equalTo("Bearer " + this.tokenA))
			.willReturn(aResponse().withStatus(401)));
		emnify.stubFor(get(urlPathEqualTo(ENDPOINTS)).withHeader("Authorization", equalTo("Bearer " + this.tokenB))
			.willReturn(okJson("[]")));
		this.tokenProvider.getToken().block();
		List<HttpStatus> statuses = concurrently(300,
				() -> this.webClient.get()
					.uri(ENDPOINTS + "?page=1")
					.exchangeToMono((r) -> r.toBodilessEntity())
					.map((entity) -> HttpStatus.valueOf(entity.getStatusCode().value())))
			.collectList()
			.block(Duration.ofSeconds(60));
		assertThat(statuses).hasSize(300).containsOnly(HttpStatus.OK);
		emnify.verify(2, authenticateRequests());
		emnify.verify(300, getRequestedFor(urlPathEqualTo(ENDPOINTS)).withHeader("Authorization",
				equalTo("Bearer " + this.tokenB)));
	}

	@Test
	void aFailedRenewalAfterUnauthorizedReachesTheCallerAsEmnifyAuthenticationException() {
		answerLoginsInTurn(okJson(auth(this.tokenA)), aResponse().withStatus(401));
		emnify.stubFor(get(ENDPOINTS).willReturn(aResponse().withStatus(401)));
		assertThat(this.webClient.get()
			.uri(ENDPOINTS)
			.retrieve()
			.toBodilessEntity()
			.map(Object.class::cast)
			.onErrorResume(Mono::just)
			.block()).isInstanceOf(EmnifyAuthenticationException.class);
		emnify.verify(1, getRequestedFor(urlEqualTo(ENDPOINTS)));
	}

	@Test
	void aCachedTokenIsTakenWithoutAskingForAMono() {
		answerLogins(okJson(auth(this.tokenA)));
		emnify.stubFor(get(ENDPOINTS).willReturn(okJson("[]")));
		CountingTokenProvider counting = new CountingTokenProvider(this.tokenProvider, true);
		WebClient client = webClient(counting);
		for (int i = 0; i < 5; i++) {
			assertThat(client.get().uri(ENDPOINTS).retrieve().toBodilessEntity().block().getStatusCode())
				.isEqualTo(HttpStatus.OK);
		}
		assertThat(counting.monos).hasValue(1);
		emnify.verify(5,
				getRequestedFor(urlEqualTo(ENDPOINTS)).withHeader("Authorization", equalTo("Bearer " + this.tokenA)));
		emnify.verify(1, authenticateRequests());
	}

	@Test
	void aProviderThatHoldsNoCacheIsAskedForATokenOnEveryRequest() {
		answerLogins(okJson(auth(this.tokenA)));
		emnify.stubFor(get(ENDPOINTS).willReturn(okJson("[]")));
		CountingTokenProvider counting = new CountingTokenProvider(this.tokenProvider, false);
		WebClient client = webClient(counting);
		for (int i = 0; i < 5; i++) {
			client.get().uri(ENDPOINTS).retrieve().toBodilessEntity().block();
		}
		assertThat(counting.monos).hasValue(5);
		emnify.verify(5,
				getRequestedFor(urlEqualTo(ENDPOINTS)).withHeader("Authorization", equalTo("Bearer " + this.tokenA)));
	}

	@Test
	void aTokenRenewedInTheBackgroundGoesOnTheNextRequests() {
		answerLoginsInTurn(okJson(auth(this.tokenA)), okJson(auth(this.tokenB)));
		emnify.stubFor(get(ENDPOINTS).willReturn(okJson("[]")));
		fetch(ENDPOINTS);
		this.clock.advance(Duration.ofMinutes(236));
		fetch(ENDPOINTS);
		await().untilAsserted(() -> assertThat(this.tokenProvider.getTokenIfAvailable()).isEqualTo(this.tokenB));
		fetch(ENDPOINTS);
		fetch(ENDPOINTS);
		emnify.verify(2,
				getRequestedFor(urlEqualTo(ENDPOINTS)).withHeader("Authorization", equalTo("Bearer " + this.tokenA)));
		emnify.verify(2,
				getRequestedFor(urlEqualTo(ENDPOINTS)).withHeader("Authorization", equalTo("Bearer " + this.tokenB)));
		emnify.verify(2, authenticateRequests());
	}

	@Test
	void theTokenIsTakenWhenTheExchangeIsSubscribedNotWhenItIsAssembled() {
		answerLoginsInTurn(okJson(auth(this.tokenA)), okJson(auth(this.tokenB)));
		emnify.stubFor(get(ENDPOINTS).willReturn(okJson("[]")));
		fetch(ENDPOINTS);
		Mono<ClientResponse> exchange = new EmnifyAuthenticationFilter(this.tokenProvider, URI.create(emnify.baseUrl()))
			.filter(ClientRequest.create(HttpMethod.GET, URI.create(emnify.baseUrl() + ENDPOINTS)).build(),
					ExchangeFunctions.create(new ReactorClientHttpConnector()));
		this.clock.advance(Duration.ofMinutes(240));
		exchange.flatMap(ClientResponse::releaseBody).block(Duration.ofSeconds(10));
		emnify.verify(1,
				getRequestedFor(urlEqualTo(ENDPOINTS)).withHeader("Authorization", equalTo("Bearer " + this.tokenB)));
		emnify.verify(2, authenticateRequests());
	}

	@Test
	void filtersAfterOursSeeTheAuthorizationHeaderAndMayCopyTheRequest() {
		answerLogins(okJson(auth(this.tokenA)));
		emnify.stubFor(get(ENDPOINTS).willReturn(okJson("[]")));
		AtomicReference<String> seen = new AtomicReference<>();
		WebClient client = WebClient.builder()
			.baseUrl(emnify.baseUrl())
			.filter(new EmnifyAuthenticationFilter(this.tokenProvider, URI.create(emnify.baseUrl())))
			.filter((request, next) -> {
				seen.set(request.headers().getFirst("Authorization"));
				return next.exchange(ClientRequest.from(request).header("X-Trace", "t-1").build());
			})
			.build();
		client.get().uri(ENDPOINTS).retrieve().toBodilessEntity().block();
		assertThat(seen).hasValue("Bearer " + this.tokenA);
		emnify.verify(1,
				getRequestedFor(urlEqualTo(ENDPOINTS)).withHeader("Authorization", equalTo("Bearer " + this.tokenA))
					.withHeader("X-Trace", equalTo("t-1")));
	}

	@Test
	void aFilterAfterOursThatSendsTheRequestElsewhereSendsNoToken() {
		answerLogins(okJson(auth(this.tokenA)));
		elsewhere.stubFor(get(ENDPOINTS).willReturn(okJson("[]")));
		URI elsewhereUrl = URI.create(elsewhere.baseUrl() + ENDPOINTS);
		WebClient client = WebClient.builder()
			.baseUrl(emnify.baseUrl())
			.filter(new EmnifyAuthenticationFilter(this.tokenProvider, URI.create(emnify.baseUrl())))
			.filter((request, next) -> next.exchange(ClientRequest.from(request).url(elsewhereUrl).build()))
			.build();
		client.get()
			.uri(ENDPOINTS)
			.httpRequest((request) -> request.getHeaders().add("X-Native", "n-1"))
			.retrieve()
			.toBodilessEntity()
			.block();
		elsewhere.verify(1, getRequestedFor(urlEqualTo(ENDPOINTS)).withHeader("Authorization", absent())
			.withHeader("X-Native", equalTo("n-1")));
		emnify.verify(0, getRequestedFor(urlEqualTo(ENDPOINTS)));
	}

	@Test
	void aRequestWrittenForAnotherHostGetsNoToken() {
		answerLogins(okJson(auth(this.tokenA)));
		elsewhere.stubFor(get(ENDPOINTS).willReturn(okJson("[]")));
		ReactorClientHttpConnector reactor = new ReactorClientHttpConnector();
		ClientHttpConnector toElsewhere = (method, url, requestCallback) -> reactor.connect(method,
				URI.create(elsewhere.baseUrl() + url.getRawPath()), requestCallback);
		WebClient client = WebClient.builder()
			.clientConnector(toElsewhere)
			.baseUrl(emnify.baseUrl())
			.filter(new EmnifyAuthenticationFilter(this.tokenProvider, URI.create(emnify.baseUrl())))
			.build();
		client.get().uri(ENDPOINTS).retrieve().toBodilessEntity().block();
		elsewhere.verify(1, getRequestedFor(urlEqualTo(ENDPOINTS)).withHeader("Authorization", absent()));
		emnify.verify(1, authenticateRequests());
	}

	@Test
	void theRequestKeepsItsHeadersCookiesAndNativeRequestCallback() {
		answerLogins(okJson(auth(this.tokenA)));
		emnify.stubFor(get(ENDPOINTS).willReturn(okJson("[]")));
		this.webClient.get()
			.uri(ENDPOINTS)
			.header("X-Request-Id", "r-1")
			.cookie("session", "s-1")
			.httpRequest((request) -> request.getHeaders().add("X-Native", "n-1"))
			.retrieve()
			.toBodilessEntity()
			.block();
		emnify.verify(1,
				getRequestedFor(urlEqualTo(ENDPOINTS)).withHeader("Authorization", equalTo("Bearer " + this.tokenA))
					.withHeader("X-Request-Id", equalTo("r-1"))
					.withCookie("session", equalTo("s-1"))
					.withHeader("X-Native", equalTo("n-1")));
	}

	private WebClient webClient(EmnifyTokenProvider provider) {
		return WebClient.builder()
			.baseUrl(emnify.baseUrl())
			.filter(new EmnifyAuthenticationFilter(provider, URI.create(emnify.baseUrl())))
			.build();
	}

	@Test
	void twentyRequestsToAPathThatAlwaysAnswers401CostTwoLoginsAndEachCallerGetsThe401() {
		answerLoginsInTurn(okJson(auth(this.tokenA)), okJson(auth(this.tokenB)), okJson(auth(this.tokenA)));
		emnify.stubFor(get(ENDPOINTS).willReturn(aResponse().withStatus(401)));
		for (int i = 0; i < 20; i++) {
			assertThat(this.webClient.get()
				.uri(ENDPOINTS)
				.exchangeToMono((response) -> response.releaseBody().thenReturn(response.statusCode().value()))
				.block()).isEqualTo(401);
		}
		emnify.verify(2, authenticateRequests());
		// The first request is replayed once with the new token; the 401s to that token
		// go to their callers as they came.
		emnify.verify(1,
				getRequestedFor(urlEqualTo(ENDPOINTS)).withHeader("Authorization", equalTo("Bearer " + this.tokenA)));
		emnify.verify(20,
				getRequestedFor(urlEqualTo(ENDPOINTS)).withHeader("Authorization", equalTo("Bearer " + this.tokenB)));
	}

	private ResponseEntity<String> fetch(String path) {
		return this.webClient.get().uri(path).retrieve().toEntity(String.class).block();
	}

	/**
	 * Counts the token Monos subscribed to; hands out the cached token at once, or, as a
	 * provider without a cache of its own, never.
	 */
	static final class CountingTokenProvider implements EmnifyTokenProvider {

		private final EmnifyTokenProvider delegate;

		private final boolean cached;

		final AtomicInteger monos = new AtomicInteger();

		CountingTokenProvider(EmnifyTokenProvider delegate, boolean cached) {
			this.delegate = delegate;
			this.cached = cached;
		}

		@Override
		public Mono<String> getToken() {
			return this.delegate.getToken().doOnSubscribe((subscription) -> this.monos.incrementAndGet());
		}

		@Override
		public @Nullable String getTokenIfAvailable() {
			return this.cached ? this.delegate.getTokenIfAvailable() : null;
		}

		@Override
		public boolean invalidate(String token) {
			return this.delegate.invalidate(token);
		}

	}

}
