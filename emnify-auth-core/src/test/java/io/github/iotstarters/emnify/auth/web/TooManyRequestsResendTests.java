/*
 * Copyright 2026 the original author or authors.
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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.util.unit.DataSize;
import org.springframework.web.client.RestClient;
import reactor.core.publisher.Mono;

import io.github.iotstarters.emnify.auth.EmnifyAuthenticationListener;
import io.github.iotstarters.emnify.auth.EmnifyTokenProvider;
import io.github.iotstarters.emnify.auth.EmnifyWireMockTests;
import io.github.iotstarters.emnify.auth.web.EmnifyRateLimits.Limit;
import io.github.iotstarters.emnify.auth.web.PacedClients.Sender;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A 429 from emnify is waited out, not handed on, by the filter and by the interceptor
 * alike: what emnify received (the same bytes and headers each time, how often, how far
 * apart) and what the caller got, for a POST with a body with and without
 * {@code Retry-After}, the re-send bound, the replay bound, other statuses, and the drain
 * that makes other callers wait too.
 */
class TooManyRequestsResendTests extends EmnifyWireMockTests {

	private static final String SMS = "/api/v1/endpoint/1/sms";

	private static final String ENDPOINTS = "/api/v1/endpoint";

	private static final String BODY = "{\"payload\":\"hello\",\"source_address\":\"12345\"}";

	private static final String TOO_MANY = "{\"error_code\":1105,\"error_token\":\"TooManyRequests\","
			+ "\"message\":\"Too many requests\"}";

	private final Bucket4jRateLimitBuckets buckets = Bucket4jRateLimitBuckets.inMemory();

	private final List<String> heard = new CopyOnWriteArrayList<>();

	private final EmnifyAuthenticationListener listener = new EmnifyAuthenticationListener() {

		@Override
		public void tooManyRequests(String limit, boolean resent) {
			TooManyRequestsResendTests.this.heard.add(limit + (resent ? " resent" : " passed on"));
		}

	};

	@AfterEach
	void closeBuckets() {
		this.buckets.close();
	}

	@ParameterizedTest
	@EnumSource(PacedClients.class)
	void a429OnAPostWithABodyIsSentAgainWithTheSameBytesAndHeaders(PacedClients kind) {
		answerInTurn("sms", () -> post(SMS), tooMany(), aResponse().withStatus(201).withBody("{\"id\":7}"));
		ResponseEntity<String> got = sender(kind, fast(), DataSize.ofKilobytes(1)).send(HttpMethod.POST, SMS, BODY);
		assertThat(got).isNotNull();
		assertThat(got.getStatusCode().value()).isEqualTo(201);
		assertThat(got.getBody()).isEqualTo("{\"id\":7}");
		List<LoggedRequest> sent = emnify.findAll(postRequestedFor(urlEqualTo(SMS)));
		assertThat(sent).hasSize(2);
		assertThat(sent).extracting(LoggedRequest::getBodyAsString).containsExactly(BODY, BODY);
		for (String header : List.of("Authorization", "Content-Type", "Content-Length")) {
			assertThat(sent.get(1).getHeader(header)).as(header).isEqualTo(sent.get(0).getHeader(header));
		}
		assertThat(this.heard).containsExactly("per-ip resent");
	}

	@ParameterizedTest
	@EnumSource(PacedClients.class)
	void a401AnsweredToAReSendIsReplayedAndA429AnsweredToTheReplayIsSentAgain(PacedClients kind) {
		String first = JWTS.token(NOW, Duration.ofHours(4));
		String renewed = JWTS.token(NOW, Duration.ofHours(4));
		answerLoginsInTurn(okJson(auth(first)), okJson(auth(renewed)));
		answerInTurn("sms", () -> post(SMS), tooMany(), aResponse().withStatus(401), tooMany(),
				aResponse().withStatus(201));
		EmnifyTokenProvider tokens = applicationTokenProvider().build();
		ResponseEntity<String> got = kind
			.sender(tokens, emnify.baseUrl(), this.listener, DataSize.ofKilobytes(1), fast(), this.buckets)
			.send(HttpMethod.POST, SMS, BODY);
		assertThat(got).isNotNull();
		assertThat(got.getStatusCode().value()).isEqualTo(201);
		List<LoggedRequest> sent = emnify.findAll(postRequestedFor(urlEqualTo(SMS)));
		assertThat(sent).extracting(LoggedRequest::getBodyAsString).containsExactly(BODY, BODY, BODY, BODY);
		assertThat(sent).extracting((request) -> request.getHeader("Authorization"))
			.containsExactly("Bearer " + first, "Bearer " + first, "Bearer " + renewed, "Bearer " + renewed);
		assertThat(this.heard).containsExactly("per-ip resent", "per-ip resent");
	}

	@ParameterizedTest
	@EnumSource(PacedClients.class)
	void aRetryAfterIsWaitedOutBeforeTheRequestIsSentAgain(PacedClients kind) {
		answerInTurn("sms", () -> post(SMS), tooMany().withHeader("Retry-After", "1"), aResponse().withStatus(201));
		ResponseEntity<String> got = sender(kind, fast(), DataSize.ofKilobytes(1)).send(HttpMethod.POST, SMS, BODY);
		assertThat(got).isNotNull();
		assertThat(got.getStatusCode().value()).isEqualTo(201);
		List<LoggedRequest> sent = emnify.findAll(postRequestedFor(urlEqualTo(SMS)));
		assertThat(sent).extracting(LoggedRequest::getBodyAsString).containsExactly(BODY, BODY);
		long gap = sent.get(1).getLoggedDate().getTime() - sent.get(0).getLoggedDate().getTime();
		assertThat(gap).as("milliseconds between the 429 and the re-send").isGreaterThanOrEqualTo(1000);
	}

	@ParameterizedTest
	@EnumSource(PacedClients.class)
	void afterTheLastReSendTheCallerGetsThe429AsItCame(PacedClients kind) {
		emnify.stubFor(post(SMS).willReturn(tooMany()));
		ResponseEntity<String> got = sender(kind, fast(), DataSize.ofKilobytes(1)).send(HttpMethod.POST, SMS, BODY);
		assertThat(got).isNotNull();
		assertThat(got.getStatusCode().value()).isEqualTo(429);
		assertThat(got.getBody()).isEqualTo(TOO_MANY);
		emnify.verify(1 + 2, postRequestedFor(urlEqualTo(SMS)));
		assertThat(this.heard).containsExactly("per-ip resent", "per-ip resent", "per-ip passed on");
	}

	@ParameterizedTest
	@EnumSource(PacedClients.class)
	void nothingButA429IsSentAgain(PacedClients kind) {
		emnify.stubFor(post(SMS).willReturn(aResponse().withStatus(503).withHeader("Retry-After", "1")));
		ResponseEntity<String> got = sender(kind, fast(), DataSize.ofKilobytes(1)).send(HttpMethod.POST, SMS, BODY);
		assertThat(got).isNotNull();
		assertThat(got.getStatusCode().value()).isEqualTo(503);
		emnify.verify(1, postRequestedFor(urlEqualTo(SMS)));
		assertThat(this.heard).isEmpty();
	}

	@ParameterizedTest
	@EnumSource(PacedClients.class)
	void aBodyOverTheReplayBoundIsNotSentAgain(PacedClients kind) {
		answerInTurn("sms", () -> post(SMS), tooMany(), aResponse().withStatus(201));
		ResponseEntity<String> got = sender(kind, fast(), DataSize.ofBytes(BODY.length() - 1)).send(HttpMethod.POST,
				SMS, BODY);
		assertThat(got).isNotNull();
		assertThat(got.getStatusCode().value()).isEqualTo(429);
		assertThat(got.getBody()).isEqualTo(TOO_MANY);
		emnify.verify(1, postRequestedFor(urlEqualTo(SMS)));
		assertThat(this.heard).containsExactly("per-ip passed on");
	}

	@ParameterizedTest
	@EnumSource(PacedClients.class)
	void a429DrainsItsClassSoThatTheReSendWaitsForTheNextRefill(PacedClients kind) {
		// 1 permit a second and a burst of 5: without the drain the re-send would find 3
		// permits left and go at once. With it, the re-send waits for the next refill, a
		// second after the first permit; the first request's round trip (118 ms seen on
		// a busy machine) takes less than half of that.
		EmnifyRateLimits limits = EmnifyRateLimits.builder()
			.withoutLimits()
			.limit(new Limit("lists", List.of("GET " + ENDPOINTS), 1, 5))
			.maxResends(1)
			.build();
		answerInTurn("list", () -> get(urlPathEqualTo(ENDPOINTS)), tooMany(), okJson("[]"));
		ResponseEntity<String> got = sender(kind, limits, DataSize.ofKilobytes(1)).send(HttpMethod.GET, ENDPOINTS,
				null);
		assertThat(got).isNotNull();
		assertThat(got.getStatusCode().value()).isEqualTo(200);
		List<LoggedRequest> sent = emnify.findAll(getRequestedFor(urlPathEqualTo(ENDPOINTS)));
		assertThat(sent).hasSize(2);
		long gap = sent.get(1).getLoggedDate().getTime() - sent.get(0).getLoggedDate().getTime();
		assertThat(gap).as("milliseconds between the 429 and the re-send").isGreaterThanOrEqualTo(500);
		assertThat(this.heard).containsExactly("lists resent");
	}

	@ParameterizedTest
	@EnumSource(PacedClients.class)
	void withTheLimitsOffA429ReachesTheCallerAtOnce(PacedClients kind) {
		answerInTurn("sms", () -> post(SMS), tooMany(), aResponse().withStatus(201));
		ResponseEntity<String> got = sender(kind, EmnifyRateLimits.none(), DataSize.ofKilobytes(1))
			.send(HttpMethod.POST, SMS, BODY);
		assertThat(got).isNotNull();
		assertThat(got.getStatusCode().value()).isEqualTo(429);
		emnify.verify(1, postRequestedFor(urlEqualTo(SMS)));
		assertThat(this.heard).isEmpty();
	}

	@Test
	void anInterceptorThreadInterruptedWhileTheBucketDrainsGetsThe429AndKeepsItsInterrupt() throws Exception {
		emnify.stubFor(post(SMS).willReturn(tooMany()));
		CountDownLatch draining = new CountDownLatch(1);
		// Buckets whose drain never ends, as a Redis that stopped answering
		// mid-round-trip.
		EmnifyRateLimitBuckets stuck = new EmnifyRateLimitBuckets() {

			@Override
			public Mono<Boolean> take(String key, Limit limit, Duration maxWait) {
				return TooManyRequestsResendTests.this.buckets.take(key, limit, maxWait);
			}

			@Override
			public Mono<Void> giveBack(String key, Limit limit) {
				return TooManyRequestsResendTests.this.buckets.giveBack(key, limit);
			}

			@Override
			public Mono<Duration> expectedWait(String key, Limit limit) {
				return TooManyRequestsResendTests.this.buckets.expectedWait(key, limit);
			}

			@Override
			public Mono<Void> drain(String key, Limit limit) {
				return Mono.<Void>never().doOnSubscribe((subscription) -> draining.countDown());
			}

		};
		answerLogins(okJson(auth(JWTS.token(NOW, Duration.ofHours(4)))));
		AtomicBoolean stillInterrupted = new AtomicBoolean();
		AtomicReference<@Nullable Integer> handedOn = new AtomicReference<>();
		// Outermost, to see the answer and the thread as the interceptor leaves them:
		// reading the body afterwards is the HTTP client's business (the JDK's reads it
		// on Java 17 and fails as interrupted on Java 25).
		RestClient client = RestClient.builder()
			.requestFactory(new JdkClientHttpRequestFactory())
			.baseUrl(emnify.baseUrl())
			.requestInterceptor((request, body, execution) -> {
				ClientHttpResponse response = execution.execute(request, body);
				stillInterrupted.set(Thread.currentThread().isInterrupted());
				handedOn.set(response.getStatusCode().value());
				return response;
			})
			.requestInterceptor(new EmnifyAuthenticationInterceptor(applicationTokenProvider().build(),
					URI.create(emnify.baseUrl()), this.listener, DataSize.ofKilobytes(1), fast(), stuck))
			.build();
		Thread caller = new Thread(() -> {
			try (ClientHttpResponse ignored = client.post()
				.uri(SMS)
				.contentType(MediaType.APPLICATION_JSON)
				.body(BODY)
				.exchange((request, response) -> response, false)) {
				// The answer is closed with it.
			}
			catch (RuntimeException ex) {
				// An interrupted read of the body, on some Java versions.
			}
		});
		caller.start();
		assertThat(draining.await(10, TimeUnit.SECONDS)).isTrue();
		caller.interrupt();
		caller.join(10_000);
		assertThat(caller.isAlive()).isFalse();
		assertThat(handedOn.get()).as("the 429 handed on as it came").isEqualTo(429);
		assertThat(stillInterrupted).as("the thread keeps its interrupt").isTrue();
		emnify.verify(1, postRequestedFor(urlEqualTo(SMS)));
	}

	private Sender sender(PacedClients kind, EmnifyRateLimits limits, DataSize replayBound) {
		answerLogins(okJson(auth(JWTS.token(NOW, Duration.ofHours(4)))));
		EmnifyTokenProvider tokens = applicationTokenProvider().build();
		return kind.sender(tokens, emnify.baseUrl(), this.listener, replayBound, limits, this.buckets);
	}

	private static EmnifyRateLimits fast() {
		return EmnifyRateLimits.builder().maxResends(2).build();
	}

	private static ResponseDefinitionBuilder tooMany() {
		return aResponse().withStatus(429).withHeader("Content-Type", "application/json").withBody(TOO_MANY);
	}

}
