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

import java.net.http.HttpClient.Redirect;
import java.time.Duration;
import java.util.stream.Stream;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.HttpComponentsClientHttpRequestFactory;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.http.client.ReactorClientHttpRequestFactory;
import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.http.client.reactive.JdkClientHttpConnector;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

import io.github.iotstarters.emnify.auth.EmnifyHttpClientBuilders.HttpComponents;
import io.github.iotstarters.emnify.auth.EmnifyHttpClientBuilders.Jdk;
import io.github.iotstarters.emnify.auth.EmnifyHttpClientBuilders.Jetty;
import io.github.iotstarters.emnify.auth.EmnifyHttpClientBuilders.ReactorNetty;
import io.github.iotstarters.emnify.auth.EmnifyHttpClientBuilders.SimpleNoRedirects;
import io.github.iotstarters.emnify.auth.testsupport.LoopbackWireMock;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every connector and request factory built for emnify, on each HTTP client library, and
 * every client of the application's that follows redirects until made safe for emnify: a
 * redirect reaches the caller as it came, and the host it names receives nothing; a 401
 * without a {@code WWW-Authenticate} challenge, as emnify answers a stale token, reaches
 * the caller as a 401.
 */
class EmnifyHttpClientBuildersTests {

	private static final String FOUND = "/api/v1/sim/found";

	private static final String AUTHENTICATE = "/api/v1/authenticate";

	private static final String SIMS = "/api/v1/sim";

	private static final String LOGIN = "{\"application_token\":\"app-token\"}";

	private static final String BEARER = "Bearer auth-token";

	private static final String TOKEN_EXPIRED = "{\"error_code\":1103,\"error_token\":\"TokenExpired\"}";

	@RegisterExtension
	static WireMockExtension emnify = LoopbackWireMock.extension();

	@RegisterExtension
	static WireMockExtension elsewhere = LoopbackWireMock.extension();

	static Stream<HttpClient> clients() {
		return Stream.of(new Reactive("reactor", ReactorNetty.connector()), new Reactive("jetty", Jetty.connector()),
				new Reactive("httpcomponents", HttpComponents.connector()), new Reactive("jdk", Jdk.connector()),
				new Blocking("httpcomponents", HttpComponents.requestFactory()),
				new Blocking("jetty", Jetty.requestFactory()), new Blocking("reactor", ReactorNetty.requestFactory()),
				new Blocking("jdk", Jdk.requestFactory()), new Blocking("simple", new SimpleNoRedirects()),
				// These two libraries' clients follow no redirect unless told to: here,
				// the
				// application's client told to, then made safe.
				new Reactive("reactor, the application's client following redirects",
						new ReactorClientHttpConnector(ReactorNetty.forEmnify(followingReactorNetty()))),
				new Reactive("jdk, the application's client following redirects",
						new JdkClientHttpConnector(Jdk.forEmnify(followingJdk()).build())),
				new Blocking("reactor, the application's client following redirects",
						new ReactorClientHttpRequestFactory(ReactorNetty.forEmnify(followingReactorNetty()))),
				new Blocking("jdk, the application's client following redirects",
						new JdkClientHttpRequestFactory(Jdk.forEmnify(followingJdk()).build())));
	}

	// A GET with the token, and a login (no token, a body to keep) that a client which
	// follows redirects would send again to the host named.
	@ParameterizedTest(name = "{0}")
	@MethodSource("clients")
	void redirectsReachTheCallerAsTheyCameAndTheHostTheyNameReceivesNothing(HttpClient client) {
		emnify.stubFor(get(FOUND).willReturn(redirect(302, FOUND)));
		emnify.stubFor(post(AUTHENTICATE).willReturn(redirect(307, AUTHENTICATE)));
		elsewhere.stubFor(any(anyUrl()).willReturn(okJson("{\"auth_token\":\"stolen\"}")));
		ResponseEntity<String> found = client.get(FOUND);
		assertThat(found.getStatusCode().value()).isEqualTo(302);
		assertThat(found.getHeaders().getFirst(HttpHeaders.LOCATION)).isEqualTo(elsewhere.baseUrl() + FOUND);
		ResponseEntity<String> temporary = client.login(AUTHENTICATE, LOGIN);
		assertThat(temporary.getStatusCode().value()).isEqualTo(307);
		assertThat(temporary.getHeaders().getFirst(HttpHeaders.LOCATION)).isEqualTo(elsewhere.baseUrl() + AUTHENTICATE);
		emnify.verify(1, getRequestedFor(urlEqualTo(FOUND)).withHeader(HttpHeaders.AUTHORIZATION, equalTo(BEARER)));
		emnify.verify(1, postRequestedFor(urlEqualTo(AUTHENTICATE)).withRequestBody(equalToJson(LOGIN)));
		assertThat(elsewhere.getAllServeEvents()).isEmpty();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("clients")
	void a401WithoutAChallengeReachesTheCallerAsA401(HttpClient client) {
		emnify.stubFor(get(SIMS).willReturn(aResponse().withStatus(401)
			.withHeader(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON_VALUE)
			.withBody(TOKEN_EXPIRED)));
		ResponseEntity<String> response = client.get(SIMS);
		assertThat(response.getStatusCode().value()).isEqualTo(401);
		assertThat(response.getBody()).isEqualTo(TOKEN_EXPIRED);
		emnify.verify(1, getRequestedFor(urlEqualTo(SIMS)));
	}

	@Test
	void theLibraryIsPickedInSpringsOrderWhenEveryOneIsPresent() {
		assertThat(EmnifyHttpClientBuilders.connector()).isInstanceOf(ReactorClientHttpConnector.class);
		assertThat(EmnifyHttpClientBuilders.requestFactory())
			.isInstanceOf(HttpComponentsClientHttpRequestFactory.class);
	}

	private static reactor.netty.http.client.HttpClient followingReactorNetty() {
		return reactor.netty.http.client.HttpClient.create().followRedirect(true);
	}

	private static java.net.http.HttpClient.Builder followingJdk() {
		return java.net.http.HttpClient.newBuilder().followRedirects(Redirect.ALWAYS);
	}

	private static ResponseDefinitionBuilder redirect(int status, String path) {
		return aResponse().withStatus(status).withHeader(HttpHeaders.LOCATION, elsewhere.baseUrl() + path);
	}

	/**
	 * A client of emnify on the connector or request factory under test; every status
	 * reaches the caller as it came.
	 */
	interface HttpClient {

		ResponseEntity<String> get(String path);

		ResponseEntity<String> login(String path, String json);

	}

	record Reactive(String library, ClientHttpConnector connector) implements HttpClient {

		@Override
		public ResponseEntity<String> get(String path) {
			return exchange(client().get().uri(path).header(HttpHeaders.AUTHORIZATION, BEARER));
		}

		@Override
		public ResponseEntity<String> login(String path, String json) {
			return exchange(client().post().uri(path).contentType(MediaType.APPLICATION_JSON).bodyValue(json));
		}

		private WebClient client() {
			return WebClient.builder().baseUrl(emnify.baseUrl()).clientConnector(this.connector).build();
		}

		private ResponseEntity<String> exchange(WebClient.RequestHeadersSpec<?> request) {
			return request.exchangeToMono((response) -> response.toEntity(String.class)).block(Duration.ofSeconds(30));
		}

		@Override
		public String toString() {
			return "WebClient on " + this.library;
		}

	}

	record Blocking(String library, ClientHttpRequestFactory requestFactory) implements HttpClient {

		@Override
		public ResponseEntity<String> get(String path) {
			return exchange(client().get().uri(path).header(HttpHeaders.AUTHORIZATION, BEARER));
		}

		@Override
		public ResponseEntity<String> login(String path, String json) {
			return exchange(client().post().uri(path).contentType(MediaType.APPLICATION_JSON).body(json));
		}

		private RestClient client() {
			return RestClient.builder().baseUrl(emnify.baseUrl()).requestFactory(this.requestFactory).build();
		}

		private ResponseEntity<String> exchange(RestClient.RequestHeadersSpec<?> request) {
			return request.exchange((clientRequest, response) -> ResponseEntity.status(response.getStatusCode())
				.headers(response.getHeaders())
				.body(response.bodyTo(String.class)));
		}

		@Override
		public String toString() {
			return "RestClient on " + this.library;
		}

	}

}
