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

import java.io.InterruptedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.util.unit.DataSize;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import io.github.iotstarters.emnify.auth.EmnifyAuthenticationListener;
import io.github.iotstarters.emnify.auth.EmnifyTokenProvider;
import io.github.iotstarters.emnify.auth.EmnifyWireMockTests;
import io.github.iotstarters.emnify.auth.web.EmnifyRateLimits.Limit;
import io.github.iotstarters.emnify.auth.web.PacedClients.Sender;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Requests to emnify keep to its rate limits, through the filter and the interceptor
 * alike, with fast figures so that a test takes about a second: 64 callers of one class
 * reach emnify no faster than the class allows, the per-IP limit binds requests of no
 * class, a request that would wait too long is refused at once and spends nothing, a
 * caller that leaves gives its permit back, organisations count apart, and the
 * interceptor refuses to wait on an event-loop thread.
 */
class PacingTests extends EmnifyWireMockTests {

	private static final String ENDPOINTS = "/api/v1/endpoint";

	private static final String SMS = "/api/v1/endpoint/1/sms";

	private static final int CALLERS = 64;

	private final Bucket4jRateLimitBuckets buckets = Bucket4jRateLimitBuckets.inMemory();

	private final List<String> waits = new CopyOnWriteArrayList<>();

	private final EmnifyAuthenticationListener listener = new EmnifyAuthenticationListener() {

		@Override
		public void waitedForPermit(String limit, Duration waited, boolean permitted) {
			PacingTests.this.waits.add(limit + (permitted ? "" : " refused"));
		}

	};

	@AfterEach
	void closeBuckets() {
		this.buckets.close();
	}

	@ParameterizedTest
	@EnumSource(PacedClients.class)
	void callersOfOneClassReachEmnifyNoFasterThanTheClassAllows(PacedClients kind) {
		emnify.stubFor(get(urlPathEqualTo(ENDPOINTS)).willReturn(okJson("[]")));
		Sender sender = sender(kind, limits(50, 5));
		List<Integer> statuses = Flux.range(0, CALLERS)
			.flatMap((i) -> Mono.fromCallable(() -> status(sender.send(HttpMethod.GET, ENDPOINTS, null)))
				.subscribeOn(Schedulers.boundedElastic()), CALLERS)
			.collectList()
			.block(Duration.ofSeconds(30));
		assertThat(statuses).hasSize(CALLERS).containsOnly(200);
		List<Long> arrivals = arrivals(emnify.findAll(getRequestedFor(urlPathEqualTo(ENDPOINTS))));
		assertThat(arrivals).hasSize(CALLERS);
		// 4 at once, then one every 20 ms: the last no sooner than 59 x 20 ms after the
		// first (WireMock logs to the millisecond; a little slack for that).
		assertThat(arrivals.get(CALLERS - 1) - arrivals.get(0)).isGreaterThanOrEqualTo(59 * 20 - 20);
		for (int i = 0; i + 10 < CALLERS; i++) {
			assertThat(arrivals.get(i + 10) - arrivals.get(i)).as("11 requests from the %dth", i)
				.isGreaterThanOrEqualTo((10 - 5) * 20 - 20);
		}
		assertThat(this.waits).filteredOn("lists"::equals).hasSize(CALLERS);
	}

	@ParameterizedTest
	@EnumSource(PacedClients.class)
	void requestsOfNoClassAreBoundByTheLimitPerIpAddress(PacedClients kind) {
		emnify.stubFor(post(SMS).willReturn(aResponse().withStatus(201)));
		// 40 a second (less the logins' twentieth), a burst of 2.
		EmnifyRateLimits limits = EmnifyRateLimits.builder().perIp(44, Duration.ofSeconds(1), 2).build();
		Sender sender = sender(kind, limits);
		for (int i = 0; i < 12; i++) {
			assertThat(status(sender.send(HttpMethod.POST, SMS, "{}"))).isEqualTo(201);
		}
		List<Long> arrivals = arrivals(emnify.findAll(postRequestedFor(urlEqualTo(SMS))));
		assertThat(arrivals.get(11) - arrivals.get(0)).as("2 at once, then one every 25 ms")
			.isGreaterThanOrEqualTo(10 * 25 - 20);
		assertThat(this.waits).containsOnly("per-ip").hasSize(12);
	}

	@Test
	void anInstanceThatSharesNoAddressHasOneBucketPerIpForAllItsClients() {
		emnify.stubFor(post(SMS).willReturn(aResponse().withStatus(201)));
		EmnifyRateLimits limits = EmnifyRateLimits.builder()
			.perIp(20, Duration.ofMinutes(1), 1)
			.perIpShared(false)
			.maxWait(Duration.ofMillis(100))
			.build();
		answerLogins(okJson(auth(JWTS.token(NOW, Duration.ofHours(4)))));
		EmnifyTokenProvider tokens = applicationTokenProvider().build();
		Sender webClient = PacedClients.FILTER.sender(tokens, emnify.baseUrl(), this.listener, DataSize.ofKilobytes(1),
				limits, this.buckets);
		Sender restClient = PacedClients.INTERCEPTOR.sender(tokens, emnify.baseUrl(), this.listener,
				DataSize.ofKilobytes(1), limits, this.buckets);
		assertThat(status(webClient.send(HttpMethod.POST, SMS, "{}"))).isEqualTo(201);
		assertThatExceptionOfType(EmnifyRateLimitException.class)
			.as("the instance's address spent its burst through the WebClient")
			.isThrownBy(() -> restClient.send(HttpMethod.POST, SMS, "{}"))
			.satisfies((ex) -> assertThat(ex.getLimitName()).isEqualTo(EmnifyRateLimits.PER_IP));
		emnify.verify(1, postRequestedFor(urlEqualTo(SMS)));
	}

	@ParameterizedTest
	@EnumSource(PacedClients.class)
	void aRequestThatWouldWaitLongerThanTheBoundIsRefusedAtOnceAndSpendsNothing(PacedClients kind) {
		emnify.stubFor(get(urlPathEqualTo(ENDPOINTS)).willReturn(okJson("[]")));
		EmnifyRateLimits limits = EmnifyRateLimits.builder()
			.limit(new Limit("lists", List.of("GET " + ENDPOINTS), 1, 1))
			.maxWait(Duration.ofMillis(200))
			.build();
		Sender sender = sender(kind, limits);
		assertThat(status(sender.send(HttpMethod.GET, ENDPOINTS, null))).isEqualTo(200);
		EmnifyRateLimitException refused = assertThatExceptionOfType(EmnifyRateLimitException.class)
			.isThrownBy(() -> sender.send(HttpMethod.GET, ENDPOINTS, null))
			.actual();
		assertThat(refused)
			.hasMessageStartingWith("emnify's rate limit 'lists' (1 requests/s, burst 1, per "
					+ "organisation) would hold this GET /api/v1/endpoint for PT0.")
			.hasMessageContaining("longer than the wait bound of PT0.2S; the request was not sent.");
		assertThat(refused.getLimitName()).isEqualTo("lists");
		assertThat(refused.getMaxWait()).isEqualTo(Duration.ofMillis(200));
		emnify.verify(1, getRequestedFor(urlPathEqualTo(ENDPOINTS)));
		assertThat(this.waits).containsExactly("lists", "per-ip", "lists refused");
	}

	@ParameterizedTest
	@EnumSource(PacedClients.class)
	void aClassPermitIsGivenBackWhenTheLimitPerIpAddressRefusesTheRequest(PacedClients kind) {
		emnify.stubFor(get(urlPathEqualTo(ENDPOINTS)).willReturn(okJson("[]")));
		Limit lists = new Limit("lists", List.of("GET " + ENDPOINTS), 1, 3);
		EmnifyRateLimits limits = EmnifyRateLimits.builder()
			.limit(lists)
			.perIp(20, Duration.ofMinutes(1), 1)
			.maxWait(Duration.ofMillis(200))
			.build();
		Sender sender = sender(kind, limits);
		assertThat(status(sender.send(HttpMethod.GET, ENDPOINTS, null))).isEqualTo(200);
		assertThatExceptionOfType(EmnifyRateLimitException.class)
			.isThrownBy(() -> sender.send(HttpMethod.GET, ENDPOINTS, null))
			.satisfies((ex) -> assertThat(ex.getLimitName()).isEqualTo(EmnifyRateLimits.PER_IP));
		String organisation = "http://" + URI.create(emnify.baseUrl()).getRawAuthority() + "/*";
		assertThat(this.buckets.expectedWait(organisation, lists).block()).as("the second of the bucket's 2 is back")
			.isZero();
		emnify.verify(1, getRequestedFor(urlPathEqualTo(ENDPOINTS)));
	}

	@Test
	void aCallerThatLeavesWhileItWaitsGivesItsPermitBack() throws Exception {
		emnify.stubFor(get(urlPathEqualTo(ENDPOINTS)).willReturn(okJson("[]")));
		Limit lists = new Limit("lists", List.of("GET " + ENDPOINTS), 2, 1);
		WebClient client = webClient(EmnifyRateLimits.builder().limit(lists).build());
		assertThat(client.get().uri(ENDPOINTS).retrieve().toBodilessEntity().block()).isNotNull();
		Disposable left = client.get().uri(ENDPOINTS).retrieve().toBodilessEntity().subscribe();
		left.dispose();
		String organisation = "http://" + URI.create(emnify.baseUrl()).getRawAuthority() + "/*";
		assertThat(this.buckets.expectedWait(organisation, lists).block()).as("the one who left is still in line")
			.isPositive();
		Thread.sleep(600);
		assertThat(this.buckets.expectedWait(organisation, lists).block())
			.as("its permit came due and went back to the bucket")
			.isZero();
		emnify.verify(1, getRequestedFor(urlPathEqualTo(ENDPOINTS)));
	}

	@Test
	void organisationsCountApart() {
		emnify.stubFor(get(urlPathEqualTo(ENDPOINTS)).willReturn(okJson("[]")));
		Limit lists = new Limit("lists", List.of("GET " + ENDPOINTS), 1, 1);
		EmnifyRateLimits limits = EmnifyRateLimits.builder().limit(lists).maxWait(Duration.ofMillis(100)).build();
		for (long organisation : List.of(101L, 202L)) {
			String token = JWTS.sign("{\"esc.org\":" + organisation + ",\"exp\":"
					+ NOW.plusSeconds(3600).getEpochSecond() + ",\"iat\":" + NOW.getEpochSecond() + "}");
			answerLogins(okJson(auth(token)));
			EmnifyTokenProvider tokens = applicationTokenProvider().build();
			Sender sender = PacedClients.FILTER.sender(tokens, emnify.baseUrl(), this.listener, DataSize.ofKilobytes(1),
					limits, this.buckets);
			assertThat(status(sender.send(HttpMethod.GET, ENDPOINTS, null))).as("organisation %d", organisation)
				.isEqualTo(200);
			assertThatExceptionOfType(EmnifyRateLimitException.class)
				.isThrownBy(() -> sender.send(HttpMethod.GET, ENDPOINTS, null));
		}
		emnify.verify(2, getRequestedFor(urlPathEqualTo(ENDPOINTS)));
	}

	@Test
	void theInterceptorRefusesToWaitOnAnEventLoopThreadAndSendsNothing() {
		emnify.stubFor(get(urlPathEqualTo(ENDPOINTS)).willReturn(okJson("[]")));
		Sender sender = sender(PacedClients.INTERCEPTOR, limits(50, 5));
		assertThatIllegalStateException()
			.isThrownBy(() -> Mono.fromCallable(() -> sender.send(HttpMethod.GET, ENDPOINTS, null))
				.subscribeOn(Schedulers.parallel())
				.block(Duration.ofSeconds(10)))
			.withMessageContaining("block");
		emnify.verify(0, getRequestedFor(urlPathEqualTo(ENDPOINTS)));
	}

	@Test
	void anInterceptorThreadInterruptedWhileItWaitsFailsAsInterruptedIoSendsNothingAndGivesItsPermitBack()
			throws Exception {
		emnify.stubFor(get(urlPathEqualTo(ENDPOINTS)).willReturn(okJson("[]")));
		Limit lists = new Limit("lists", List.of("GET " + ENDPOINTS), 2, 1);
		Sender sender = sender(PacedClients.INTERCEPTOR, EmnifyRateLimits.builder().limit(lists).build());
		assertThat(status(sender.send(HttpMethod.GET, ENDPOINTS, null))).isEqualTo(200);
		AtomicReference<@Nullable Throwable> failure = new AtomicReference<>();
		AtomicBoolean stillInterrupted = new AtomicBoolean();
		Thread caller = new Thread(() -> {
			try {
				sender.send(HttpMethod.GET, ENDPOINTS, null);
			}
			catch (RuntimeException ex) {
				failure.set(ex);
				stillInterrupted.set(Thread.currentThread().isInterrupted());
			}
		});
		caller.start();
		Thread.sleep(100);
		caller.interrupt();
		caller.join(5000);
		assertThat(failure.get()).as("an I/O failure the caller knows, not a Reactor internal")
			.isInstanceOf(ResourceAccessException.class)
			.hasCauseInstanceOf(InterruptedIOException.class);
		assertThat(stillInterrupted).as("the thread keeps its interrupt").isTrue();
		Thread.sleep(600);
		String organisation = "http://" + URI.create(emnify.baseUrl()).getRawAuthority() + "/*";
		assertThat(this.buckets.expectedWait(organisation, lists).block()).as("its permit went back").isZero();
		emnify.verify(1, getRequestedFor(urlPathEqualTo(ENDPOINTS)));
	}

	@ParameterizedTest
	@EnumSource(PacedClients.class)
	void theLoginAndOtherHostsAreNeverPaced(PacedClients kind) {
		emnify.stubFor(get(urlPathEqualTo(ENDPOINTS)).willReturn(okJson("[]")));
		EmnifyRateLimits limits = EmnifyRateLimits.builder().perIp(20, Duration.ofMinutes(1), 1).build();
		Sender sender = sender(kind, limits);
		assertThat(status(sender.send(HttpMethod.GET, ENDPOINTS, null))).isEqualTo(200);
		emnify.verify(1, authenticateRequests());
		assertThat(this.waits).as("the login took no permit").containsExactly("lists", "per-ip");
	}

	// A permit free at once costs no thread hop; one that comes later comes on the
	// buckets' timer, and the request leaves that thread before the filters after
	// emnify's run.
	@Test
	void theFiltersAfterEmnifysRunOnTheCallersThreadOrOffTheBucketsTimer() {
		emnify.stubFor(get(urlPathEqualTo(ENDPOINTS)).willReturn(okJson("[]")));
		List<String> threads = new CopyOnWriteArrayList<>();
		// Two permits in hand: the first request's goes with the login, on the thread
		// the token came on.
		WebClient client = webClient(limits(2, 3)).mutate().filter((request, next) -> {
			threads.add(Thread.currentThread().getName());
			return next.exchange(request);
		}).build();
		for (int i = 0; i < 3; i++) {
			client.get().uri(ENDPOINTS).retrieve().toBodilessEntity().block(Duration.ofSeconds(10));
		}
		assertThat(threads).hasSize(3);
		assertThat(threads.get(1)).as("a permit free at once, the token cached")
			.isEqualTo(Thread.currentThread().getName());
		assertThat(threads.get(2)).as("a permit due 500 ms later").startsWith("parallel-");
		assertThat(this.waits).containsExactly("lists", "per-ip", "lists", "per-ip", "lists", "per-ip");
	}

	@Test
	void requestsWithAnAuthorizationOfTheirOwnAreNeitherPacedNorAuthenticated() {
		emnify.stubFor(get(urlPathEqualTo(ENDPOINTS)).willReturn(okJson("[]")));
		// One permit in hand and the next in 1,000 s: a paced second request would be
		// refused at once.
		EmnifyRateLimits limits = limits(0.001, 2);
		WebClient webClient = webClient(limits);
		RestClient restClient = RestClient.builder()
			.baseUrl(emnify.baseUrl())
			.requestInterceptor(new EmnifyAuthenticationInterceptor(applicationTokenProvider().build(),
					URI.create(emnify.baseUrl()), this.listener, DataSize.ofKilobytes(1), limits, this.buckets))
			.build();
		for (int i = 0; i < 3; i++) {
			assertThat(webClient.get()
				.uri(ENDPOINTS)
				.header(HttpHeaders.AUTHORIZATION, "Bearer callers-own")
				.retrieve()
				.toBodilessEntity()
				.block(Duration.ofSeconds(10))
				.getStatusCode()
				.value()).isEqualTo(200);
			assertThat(restClient.get()
				.uri(ENDPOINTS)
				.header(HttpHeaders.AUTHORIZATION, "Bearer callers-own")
				.retrieve()
				.toBodilessEntity()
				.getStatusCode()
				.value()).isEqualTo(200);
		}
		emnify.verify(6, getRequestedFor(urlPathEqualTo(ENDPOINTS)).withHeader(HttpHeaders.AUTHORIZATION,
				equalTo("Bearer callers-own")));
		emnify.verify(0, authenticateRequests());
		assertThat(this.waits).as("no permit taken").isEmpty();
	}

	private Sender sender(PacedClients kind, EmnifyRateLimits limits) {
		answerLogins(okJson(auth(JWTS.token(NOW, Duration.ofHours(4)))));
		EmnifyTokenProvider tokens = applicationTokenProvider().build();
		return kind.sender(tokens, emnify.baseUrl(), this.listener, DataSize.ofKilobytes(1), limits, this.buckets);
	}

	private WebClient webClient(EmnifyRateLimits limits) {
		answerLogins(okJson(auth(JWTS.token(NOW, Duration.ofHours(4)))));
		EmnifyTokenProvider tokens = applicationTokenProvider().build();
		return WebClient.builder()
			.baseUrl(emnify.baseUrl())
			.filter(new EmnifyAuthenticationFilter(tokens, URI.create(emnify.baseUrl()), this.listener,
					DataSize.ofKilobytes(1), limits, this.buckets))
			.build();
	}

	private static EmnifyRateLimits limits(double rate, int burst) {
		return EmnifyRateLimits.builder().limit(new Limit("lists", List.of("GET " + ENDPOINTS), rate, burst)).build();
	}

	private static int status(@Nullable ResponseEntity<String> response) {
		return (response != null) ? response.getStatusCode().value() : -1;
	}

	private static List<Long> arrivals(List<LoggedRequest> requests) {
		List<Long> arrivals = new ArrayList<>(
				requests.stream().map((request) -> request.getLoggedDate().getTime()).toList());
		Collections.sort(arrivals);
		return arrivals;
	}

}
