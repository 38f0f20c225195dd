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
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.util.unit.DataSize;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.scheduler.VirtualTimeScheduler;

import io.github.iotstarters.emnify.auth.EmnifyAuthenticationListener;
import io.github.iotstarters.emnify.auth.EmnifyCredentials;
import io.github.iotstarters.emnify.auth.EmnifyGrantType;
import io.github.iotstarters.emnify.auth.EmnifyTokenProvider;
import io.github.iotstarters.emnify.auth.web.Bucket4jRateLimitBuckets;
import io.github.iotstarters.emnify.auth.web.EmnifyAuthenticationFilter;
import io.github.iotstarters.emnify.auth.web.EmnifyRateLimits;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * How often the token endpoint is asked when nothing emnify answers helps: a token
 * endpoint down for half an hour, and a path that answers 401 to every token.
 */
class RenewalPacingTests {

	private static final String AUTHENTICATE = "/api/v1/authenticate";

	private static final Duration FIVE_MINUTES = Duration.ofMinutes(5);

	@RegisterExtension
	static WireMockExtension emnify = WireMockExtension.newInstance()
		.options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
		.build();

	@Test
	void aTokenEndpointDownForThirtyMinutesIsAskedAtMostTwentyTimesInAnyFiveMinutes() {
		emnify.stubFor(post(AUTHENTICATE).willReturn(aResponse().withStatus(503)));
		VirtualTimeScheduler time = VirtualTimeScheduler.getOrSet();
		try {
			Clock clock = new VirtualClock(time);
			List<Instant> calls = new CopyOnWriteArrayList<>();
			// Default settings: 3 retries, pauses from 10 s doubling up to 5 minutes.
			EmnifyTokenProvider provider = EmnifyTokenProvider
				.builder(WebClient.builder(), URI.create(emnify.baseUrl()),
						EmnifyCredentials.applicationToken("app-token"))
				.clock(clock)
				.listener(new EmnifyAuthenticationListener() {

					@Override
					public void authenticationRequest(EmnifyGrantType grantType, Outcome outcome, Duration duration) {
						calls.add(clock.instant());
					}

				})
				.build();
			Instant start = clock.instant();
			Instant end = start.plus(Duration.ofMinutes(30));
			// A caller every second, as an application under load brings them.
			while (clock.instant().isBefore(end)) {
				assertThat(call(provider, time)).isInstanceOf(Throwable.class);
				time.advanceTimeBy(Duration.ofSeconds(1));
			}
			int mostInFiveMinutes = mostInAnyWindow(calls, start);
			int mostLater = mostInAnyWindow(calls, start.plus(Duration.ofMinutes(10)));
			System.out.printf(
					"outage 30 minutes: authenticate calls=%d most in any 5 minutes=%d "
							+ "most in any 5 minutes after the first 10=%d (a fixed 10 s pause: about 530)%n",
					calls.size(), mostInFiveMinutes, mostLater);
			assertThat(mostInFiveMinutes).isLessThanOrEqualTo(20);
			assertThat(mostLater).isLessThanOrEqualTo(4);
			assertThat(calls).hasSizeLessThanOrEqualTo(44);
			emnify.verify(calls.size(), postRequestedFor(urlEqualTo(AUTHENTICATE)));

			emnify.stubFor(post(AUTHENTICATE).willReturn(okJson("{\"auth_token\":\"opaque-auth-token\"}")));
			Instant recovered = clock.instant();
			Object outcome = call(provider, time);
			while (!"opaque-auth-token".equals(outcome)) {
				time.advanceTimeBy(Duration.ofSeconds(1));
				outcome = call(provider, time);
			}
			assertThat(Duration.between(recovered, clock.instant())).isLessThanOrEqualTo(FIVE_MINUTES);
		}
		finally {
			VirtualTimeScheduler.reset();
		}
	}

	@Test
	void sixtyFourCallersOnAPathThatAlwaysAnswers401CauseAtMostTwoLoginsInThirtySeconds() {
		emnify.stubFor(post(AUTHENTICATE)
			.willReturn(okJson("{\"auth_token\":\"token-{{randomValue length=16 type='ALPHANUMERIC'}}\"}")
				.withTransformers("response-template")));
		emnify.stubFor(get(urlPathEqualTo("/api/v1/sim")).willReturn(aResponse().withStatus(401)));
		// Thirty seconds of the token provider's time in three of the test's.
		Clock clock = new FastClock(10);
		URI baseUrl = URI.create(emnify.baseUrl());
		EmnifyTokenProvider tokens = EmnifyTokenProvider
			.builder(WebClient.builder(), baseUrl, EmnifyCredentials.applicationToken("app-token"))
			.clock(clock)
			.unauthorizedRenewalInterval(Duration.ofSeconds(30))
			.build();
		WebClient webClient = WebClient.builder()
			.baseUrl(emnify.baseUrl())
			.filter(new EmnifyAuthenticationFilter(tokens, baseUrl, EmnifyAuthenticationListener.NONE,
					DataSize.ofMegabytes(1), EmnifyRateLimits.none(), Bucket4jRateLimitBuckets.inThisJvm()))
			.build();
		Instant end = clock.instant().plusSeconds(30);
		List<Integer> statuses = Flux.range(0, 64)
			.flatMap((caller) -> Mono
				.defer(() -> webClient.get()
					.uri("/api/v1/sim")
					.exchangeToMono((response) -> response.releaseBody().thenReturn(response.statusCode().value())))
				.repeat(() -> clock.instant().isBefore(end)), 64)
			.collectList()
			.block(Duration.ofSeconds(30));
		int authenticateCalls = emnify.findAll(postRequestedFor(urlEqualTo(AUTHENTICATE))).size();
		System.out.printf("always 401: callers=64 seconds=30 requests=%d answered 401=%d authenticate calls=%d%n",
				statuses.size(), statuses.stream().filter((status) -> status == 401).count(), authenticateCalls);
		assertThat(statuses).hasSizeGreaterThan(64).containsOnly(401);
		assertThat(authenticateCalls).isLessThanOrEqualTo(2);
	}

	// Subscribes one caller and moves virtual time on while its renewal runs; real time
	// goes by only for the HTTP exchanges, which each take a few milliseconds against a
	// request timeout of ten virtual seconds, a hundred steps away.
	private static Object call(EmnifyTokenProvider provider, VirtualTimeScheduler time) {
		AtomicReference<Object> outcome = new AtomicReference<>();
		AtomicBoolean done = new AtomicBoolean();
		provider.getToken().subscribe((token) -> {
			outcome.set(token);
			done.set(true);
		}, (ex) -> {
			outcome.set(ex);
			done.set(true);
		});
		while (!done.get()) {
			LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
			time.advanceTimeBy(Duration.ofMillis(100));
		}
		return outcome.get();
	}

	private static int mostInAnyWindow(List<Instant> calls, Instant from) {
		int most = 0;
		for (Instant windowStart : calls) {
			if (windowStart.isBefore(from)) {
				continue;
			}
			Instant windowEnd = windowStart.plus(FIVE_MINUTES);
			int inWindow = (int) calls.stream()
				.filter((call) -> !call.isBefore(windowStart) && call.isBefore(windowEnd))
				.count();
			most = Math.max(most, inWindow);
		}
		return most;
	}

	/**
	 * A clock that reads the virtual time of Reactor's scheduler, so that the token
	 * provider's hold-backs and its retries' delays move together.
	 */
	private static final class VirtualClock extends UtcClock {

		private static final Instant EPOCH = Instant.parse("2026-12-01T00:00:00Z");

		private final VirtualTimeScheduler time;

		VirtualClock(VirtualTimeScheduler time) {
			this.time = time;
		}

		@Override
		public Instant instant() {
			return EPOCH.plusMillis(this.time.now(TimeUnit.MILLISECONDS));
		}

	}

	/**
	 * A clock that runs a given number of times faster than real time.
	 */
	private static final class FastClock extends UtcClock {

		private final Instant start = Instant.now();

		private final long startNanos = System.nanoTime();

		private final int speed;

		FastClock(int speed) {
			this.speed = speed;
		}

		@Override
		public Instant instant() {
			return this.start.plusNanos((System.nanoTime() - this.startNanos) * this.speed);
		}

	}

	/**
	 * A clock in UTC whose instants subclasses make.
	 */
	private abstract static class UtcClock extends Clock {

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

	}

}
