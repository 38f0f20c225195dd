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

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.netty.buffer.PooledByteBufAllocator;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.core.io.InputStreamResource;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.NettyDataBufferFactory;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ReactiveHttpOutputMessage;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.http.client.reactive.ClientHttpRequest;
import org.springframework.http.client.reactive.HttpComponentsClientHttpConnector;
import org.springframework.http.client.reactive.JdkClientHttpConnector;
import org.springframework.http.client.reactive.JettyClientHttpConnector;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.mock.http.client.reactive.MockClientHttpRequest;
import org.springframework.util.unit.DataSize;
import org.springframework.web.reactive.function.BodyInserter;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ExchangeStrategies;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import reactor.test.StepVerifier;

import io.github.iotstarters.emnify.auth.EmnifyAuthenticationListener;
import io.github.iotstarters.emnify.auth.EmnifyCredentials;
import io.github.iotstarters.emnify.auth.EmnifyHttpClientBuilders;
import io.github.iotstarters.emnify.auth.EmnifyTokenProvider;
import io.github.iotstarters.emnify.auth.EmnifyWireMockTests;
import io.github.iotstarters.emnify.auth.testsupport.NettyLeakDetection;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The replay after a 401 against emnify played by WireMock, through Reactor Netty: it
 * carries the very bytes the first attempt sent, whatever the caller's body does when it
 * is subscribed again, or it does not happen and the caller gets the 401. No test leaks a
 * Netty buffer.
 */
@ExtendWith(NettyLeakDetection.class)
class EmnifyAuthenticationFilterReplayTests extends EmnifyWireMockTests {

	private static final String SIMS = "/api/v1/sim";

	private static final String TOKEN_EXPIRED = "{\"error_code\":1103,\"error_token\":\"TokenExpired\"}";

	private static final byte[] SIM = "{\"iccid\":\"8988303000000001\",\"label\":\"sensor-1\"}"
		.getBytes(StandardCharsets.UTF_8);

	private final String tokenA = JWTS.token(NOW, Duration.ofMinutes(240));

	private final String tokenB = JWTS.token(NOW, Duration.ofMinutes(240));

	private final EmnifyTokenProvider tokenProvider = applicationTokenProvider().build();

	private final WebClient webClient = webClient(
			new EmnifyAuthenticationFilter(this.tokenProvider, URI.create(emnify.baseUrl())));

	private final NettyDataBufferFactory pooled = new NettyDataBufferFactory(PooledByteBufAllocator.DEFAULT);

	@Test
	void aBodyThatEmitsOnlyOnItsFirstSubscriptionIsReplayedWithTheBytesFirstSent() {
		answerUnauthorizedToTokenA();
		ResponseEntity<String> response = postSim(this.webClient, emittedOnce(SIM));
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(response.getBody()).isEqualTo("{\"id\":99}");
		assertBothAttemptsCarried(SIM);
	}

	// The JDK's and Apache's connectors complete writeWith before they pull the body, so
	// the recording must end with the body, not with writeWith; Jetty's turns a 401
	// without a challenge into a protocol violation unless made safe for emnify.
	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "reactor", "jdk", "jetty", "httpcomponents" })
	void aBodyIsReplayedWithTheBytesFirstSentOnEveryConnector(String library) {
		answerUnauthorizedToTokenA();
		ClientHttpConnector connector = switch (library) {
			case "reactor" ->
				new ReactorClientHttpConnector(EmnifyHttpClientBuilders.ReactorNetty.forEmnify(HttpClient.create()));
			case "jdk" -> new JdkClientHttpConnector(
					EmnifyHttpClientBuilders.Jdk.forEmnify(java.net.http.HttpClient.newBuilder()).build());
			case "jetty" -> new JettyClientHttpConnector(
					EmnifyHttpClientBuilders.Jetty.forEmnify(new org.eclipse.jetty.client.HttpClient()));
			default -> new HttpComponentsClientHttpConnector(
					EmnifyHttpClientBuilders.HttpComponents.forEmnify(HttpAsyncClients.custom()).build());
		};
		WebClient client = WebClient.builder()
			.baseUrl(emnify.baseUrl())
			.clientConnector(connector)
			.filter(new EmnifyAuthenticationFilter(this.tokenProvider, URI.create(emnify.baseUrl())))
			.build();
		ResponseEntity<String> response = postSim(client, emittedOnce(SIM));
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertBothAttemptsCarried(SIM);
	}

	@Test
	void aRequestWrittenTwiceByARetryAfterOursIsReplayedWithOneCopyOfItsBody() {
		answerUnauthorizedToTokenA();
		// A filter after ours that writes the request once to nowhere, then for real, as
		// a
		// retry after a failed first attempt would.
		WebClient retrying = WebClient.builder()
			.baseUrl(emnify.baseUrl())
			.filter(new EmnifyAuthenticationFilter(this.tokenProvider, URI.create(emnify.baseUrl())))
			.filter((request, next) -> request
				.writeTo(new MockClientHttpRequest(HttpMethod.POST, SIMS), ExchangeStrategies.withDefaults())
				.then(next.exchange(request)))
			.build();
		ResponseEntity<String> response = postSim(retrying, BodyInserters.fromValue(SIM));
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertBothAttemptsCarried(SIM);
	}

	@Test
	void aPooledBufferIsReplayedWithoutWritingItTwice() {
		answerUnauthorizedToTokenA();
		DataBuffer buffer = this.pooled.allocateBuffer(SIM.length).write(SIM);
		ResponseEntity<String> response = postSim(this.webClient, BodyInserters.fromDataBuffers(Mono.just(buffer)));
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertBothAttemptsCarried(SIM);
	}

	@Test
	void aMultipartBodyFromAnInputStreamIsReplayedWithTheSameBytesAndBoundary() {
		answerUnauthorizedToTokenA();
		byte[] csv = "iccid,label\n8988303000000001,sensor-1\n".getBytes(StandardCharsets.UTF_8);
		MultipartBodyBuilder parts = new MultipartBodyBuilder();
		parts.part("sims", new InputStreamResource(new ByteArrayInputStream(csv)), MediaType.TEXT_PLAIN);
		parts.part("note", "import");
		ResponseEntity<String> response = this.webClient.post()
			.uri(SIMS)
			.body(BodyInserters.fromMultipartData(parts.build()))
			.retrieve()
			.toEntity(String.class)
			.block();
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
		List<LoggedRequest> attempts = emnify.findAll(postRequestedFor(urlEqualTo(SIMS)));
		assertThat(attempts).hasSize(2);
		assertThat(new String(attempts.get(0).getBody(), StandardCharsets.UTF_8))
			.contains(new String(csv, StandardCharsets.UTF_8));
		assertThat(attempts.get(0).getHeader("Content-Type")).startsWith("multipart/form-data;").contains("boundary=");
		assertThat(attempts.get(1).getHeader("Content-Type")).isEqualTo(attempts.get(0).getHeader("Content-Type"));
		assertThat(attempts.get(1).getBody()).isEqualTo(attempts.get(0).getBody());
	}

	@Test
	void aFilterAfterOursThatCopiesTheRequestStillGetsTheRecordedBodyReplayed() {
		answerUnauthorizedToTokenA();
		WebClient copying = WebClient.builder()
			.baseUrl(emnify.baseUrl())
			.filter(new EmnifyAuthenticationFilter(this.tokenProvider, URI.create(emnify.baseUrl())))
			.filter((request, next) -> next.exchange(ClientRequest.from(request).header("X-Trace", "t-1").build()))
			.build();
		ResponseEntity<String> response = postSim(copying, emittedOnce(SIM));
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertBothAttemptsCarried(SIM);
	}

	@Test
	void aBodyOverTheBoundIsNotReplayedTheCallerGetsThe401AndTheNextRequestANewToken() {
		answerUnauthorizedToTokenA();
		emnify.stubFor(get(SIMS).willReturn(okJson("[]")));
		WebClient bounded = webClient(new EmnifyAuthenticationFilter(this.tokenProvider, URI.create(emnify.baseUrl()),
				EmnifyAuthenticationListener.NONE, DataSize.ofBytes(SIM.length - 1)));
		ResponseEntity<String> response = postSim(bounded, BodyInserters.fromValue(SIM));
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
		assertThat(response.getBody()).isEqualTo(TOKEN_EXPIRED);
		emnify.verify(1, postRequestedFor(urlEqualTo(SIMS)));
		assertThat(bounded.get().uri(SIMS).retrieve().toEntity(String.class).block().getStatusCode())
			.isEqualTo(HttpStatus.OK);
		emnify.verify(1,
				getRequestedFor(urlEqualTo(SIMS)).withHeader("Authorization", equalTo("Bearer " + this.tokenB)));
		emnify.verify(2, authenticateRequests());
	}

	@Test
	void aBodyOfExactlyTheBoundIsReplayed() {
		answerUnauthorizedToTokenA();
		WebClient bounded = webClient(new EmnifyAuthenticationFilter(this.tokenProvider, URI.create(emnify.baseUrl()),
				EmnifyAuthenticationListener.NONE, DataSize.ofBytes(SIM.length)));
		ResponseEntity<String> response = postSim(bounded, BodyInserters.fromValue(SIM));
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertBothAttemptsCarried(SIM);
	}

	@Test
	void aCallerThatCancelsWhileTheTokenIsRenewedCausesNoReplayAndLeaksNothing() {
		RenewedOnDemand tokens = new RenewedOnDemand(this.tokenA);
		emnify.stubFor(post(SIMS).willReturn(aResponse().withStatus(401).withBody(TOKEN_EXPIRED)));
		DataBuffer buffer = this.pooled.allocateBuffer(SIM.length).write(SIM);
		WebClient client = webClient(new EmnifyAuthenticationFilter(tokens, URI.create(emnify.baseUrl())));
		StepVerifier
			.create(client.post()
				.uri(SIMS)
				.contentType(MediaType.APPLICATION_JSON)
				.body(BodyInserters.fromDataBuffers(Mono.just(buffer)))
				.exchangeToMono((r) -> r.toEntity(String.class)))
			.then(tokens::awaitRenewal)
			.thenCancel()
			.verify(Duration.ofSeconds(10));
		tokens.renew(this.tokenB);
		emnify.verify(1, postRequestedFor(urlEqualTo(SIMS)));
		assertThat(tokens.invalidated).containsExactly(this.tokenA);
	}

	@Test
	void aRequestWithoutABodyIsStillReplayedWithItsHeadersCookiesAndNativeCallback() {
		answerLoginsInTurn(okJson(auth(this.tokenA)), okJson(auth(this.tokenB)));
		emnify.stubFor(get(SIMS).withHeader("Authorization", equalTo("Bearer " + this.tokenA))
			.willReturn(aResponse().withStatus(401).withBody(TOKEN_EXPIRED)));
		emnify
			.stubFor(get(SIMS).withHeader("Authorization", equalTo("Bearer " + this.tokenB)).willReturn(okJson("[]")));
		ResponseEntity<String> response = this.webClient.get()
			.uri(SIMS)
			.header("X-Request-Id", "r-1")
			.cookie("session", "s-1")
			.httpRequest((request) -> request.getHeaders().add("X-Native", "n-1"))
			.retrieve()
			.toEntity(String.class)
			.block();
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(response.getBody()).isEqualTo("[]");
		emnify.verify(1,
				getRequestedFor(urlEqualTo(SIMS)).withHeader("Authorization", equalTo("Bearer " + this.tokenB))
					.withHeader("X-Request-Id", equalTo("r-1"))
					.withCookie("session", equalTo("s-1"))
					.withHeader("X-Native", equalTo("n-1")));
		assertThat(emnify.findAll(getRequestedFor(urlEqualTo(SIMS)))).allSatisfy((attempt) -> {
			assertThat(attempt.getBody()).isEmpty();
			assertThat(attempt.getHeaders().getHeader("X-Native").values()).containsExactly("n-1");
		});
	}

	@Test
	void aTokenThatTheProviderKeepsAfterA401IsNotReplayedAndTheCallerGetsThe401AsItCame() {
		KeptToken tokens = new KeptToken(this.tokenA);
		emnify.stubFor(post(SIMS).willReturn(
				aResponse().withStatus(401).withHeader("Content-Type", "application/json").withBody(TOKEN_EXPIRED)));
		WebClient client = webClient(new EmnifyAuthenticationFilter(tokens, URI.create(emnify.baseUrl())));
		ResponseEntity<String> response = postSim(client, BodyInserters.fromValue(SIM));
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
		assertThat(response.getBody()).isEqualTo(TOKEN_EXPIRED);
		assertThat(tokens.invalidated).containsExactly(this.tokenA);
		emnify.verify(1, postRequestedFor(urlEqualTo(SIMS)));
	}

	@Test
	void the401HeldWhileTheTokenIsRenewedLeavesThePoolsOnlyConnectionToTheRenewal() {
		answerUnauthorizedToTokenA();
		ConnectionProvider oneConnection = ConnectionProvider.builder("one-connection")
			.maxConnections(1)
			.pendingAcquireTimeout(Duration.ofSeconds(5))
			.build();
		try {
			WebClient.Builder builder = WebClient.builder()
				.clientConnector(new ReactorClientHttpConnector(HttpClient.create(oneConnection)));
			EmnifyTokenProvider tokens = EmnifyTokenProvider
				.builder(builder, URI.create(emnify.baseUrl()), EmnifyCredentials.applicationToken("app-token"))
				.clock(this.clock)
				.build();
			WebClient client = builder.clone()
				.baseUrl(emnify.baseUrl())
				.filter(new EmnifyAuthenticationFilter(tokens, URI.create(emnify.baseUrl())))
				.build();
			assertThat(postSim(client, BodyInserters.fromValue(SIM)).getStatusCode()).isEqualTo(HttpStatus.OK);
			assertBothAttemptsCarried(SIM);
		}
		finally {
			oneConnection.dispose();
		}
	}

	private void answerUnauthorizedToTokenA() {
		answerLoginsInTurn(okJson(auth(this.tokenA)), okJson(auth(this.tokenB)));
		emnify.stubFor(post(SIMS).withHeader("Authorization", equalTo("Bearer " + this.tokenA))
			.willReturn(aResponse().withStatus(401)
				.withHeader("Content-Type", "application/json")
				.withBody(TOKEN_EXPIRED)));
		emnify.stubFor(post(SIMS).withHeader("Authorization", equalTo("Bearer " + this.tokenB))
			.willReturn(okJson("{\"id\":99}")));
	}

	private void assertBothAttemptsCarried(byte[] body) {
		List<LoggedRequest> attempts = emnify.findAll(postRequestedFor(urlEqualTo(SIMS)));
		assertThat(attempts).hasSize(2);
		assertThat(attempts).extracting((attempt) -> attempt.getHeader("Authorization"))
			.containsExactlyInAnyOrder("Bearer " + this.tokenA, "Bearer " + this.tokenB);
		assertThat(attempts).allSatisfy((attempt) -> {
			assertThat(attempt.getBody()).isEqualTo(body);
			assertThat(attempt.getHeader("Content-Type")).isEqualTo("application/json");
		});
	}

	/**
	 * Post a JSON body to emnify, taking any answer.
	 */
	private static ResponseEntity<String> postSim(WebClient client, BodyInserter<?, ? super ClientHttpRequest> body) {
		return client.post()
			.uri(SIMS)
			.contentType(MediaType.APPLICATION_JSON)
			.body(body)
			.exchangeToMono((response) -> response.toEntity(String.class))
			.block();
	}

	/**
	 * A body that emits its bytes on its first subscription only, and nothing on later
	 * ones.
	 */
	private static BodyInserter<Mono<byte[]>, ReactiveHttpOutputMessage> emittedOnce(byte[] bytes) {
		AtomicBoolean emitted = new AtomicBoolean();
		return BodyInserters.fromPublisher(
				Mono.defer(() -> emitted.compareAndSet(false, true) ? Mono.just(bytes) : Mono.empty()), byte[].class);
	}

	private static WebClient webClient(EmnifyAuthenticationFilter filter) {
		return WebClient.builder().baseUrl(emnify.baseUrl()).filter(filter).build();
	}

	/**
	 * Holds one token until it is invalidated, then makes callers wait until the test
	 * renews it.
	 */
	static final class RenewedOnDemand implements EmnifyTokenProvider {

		private final Sinks.One<String> renewal = Sinks.one();

		private final CountDownLatch renewalAwaited = new CountDownLatch(1);

		private volatile @Nullable String current;

		final Queue<String> invalidated = new ConcurrentLinkedQueue<>();

		RenewedOnDemand(String token) {
			this.current = token;
		}

		@Override
		public Mono<String> getToken() {
			String current = this.current;
			return (current != null) ? Mono.just(current)
					: this.renewal.asMono().doOnSubscribe((subscription) -> this.renewalAwaited.countDown());
		}

		@Override
		public boolean invalidate(String token) {
			this.invalidated.add(token);
			boolean current = token.equals(this.current);
			if (current) {
				this.current = null;
			}
			return current;
		}

		void awaitRenewal() {
			try {
				assertThat(this.renewalAwaited.await(10, TimeUnit.SECONDS)).as("a caller waits for a new token")
					.isTrue();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}

		void renew(String token) {
			this.renewal.tryEmitValue(token).orThrow();
		}

	}

	/**
	 * Keeps its one token when told that emnify rejected it, as a provider does whose
	 * renewal is held back.
	 */
	static final class KeptToken implements EmnifyTokenProvider {

		private final String token;

		final Queue<String> invalidated = new ConcurrentLinkedQueue<>();

		KeptToken(String token) {
			this.token = token;
		}

		@Override
		public Mono<String> getToken() {
			return Mono.just(this.token);
		}

		@Override
		public boolean invalidate(String token) {
			this.invalidated.add(token);
			return false;
		}

	}

}
