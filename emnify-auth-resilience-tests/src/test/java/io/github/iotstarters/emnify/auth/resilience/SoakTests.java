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

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import io.github.iotstarters.emnify.auth.EmnifyAuthenticationListener;
import io.github.iotstarters.emnify.auth.EmnifyCredentials;
import io.github.iotstarters.emnify.auth.EmnifyTokenProvider;
import io.github.iotstarters.emnify.auth.test.EmnifySimulator;
import io.github.iotstarters.emnify.auth.test.SimulatorCounters;
import io.github.iotstarters.emnify.auth.web.Bucket4jRateLimitBuckets;
import io.github.iotstarters.emnify.auth.web.EmnifyAuthenticationFilter;
import io.github.iotstarters.emnify.auth.web.EmnifyRateLimits;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Continuous load against the simulator while its tokens live six seconds and refresh
 * tokens are invalidated at random, as a login elsewhere does: no request may fail, and
 * the renewals must cost about one authenticate call each.
 */
class SoakTests {

	private static final String USER = "soak@example.org";

	private static final String PASSWORD = "soak-password";

	private static final Duration TOKEN_LIFETIME = Duration.ofSeconds(6);

	@Test
	void sixtySecondsAtConcurrency64AcrossManyRenewalsLoseNoRequest() throws InterruptedException {
		try (EmnifySimulator simulator = simulator().start()) {
			WebClient webClient = webClient(simulator);
			MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
			runLoad(webClient, 64, Duration.ofSeconds(5));
			System.gc();
			long heapBefore = memory.getHeapMemoryUsage().getUsed();
			ScheduledExecutorService elsewhere = Executors.newSingleThreadScheduledExecutor();
			AtomicLong invalidations = new AtomicLong();
			elsewhere.scheduleWithFixedDelay(() -> {
				if (ThreadLocalRandom.current().nextInt(3) == 0) {
					simulator.invalidateRefreshTokens(USER);
					invalidations.incrementAndGet();
				}
			}, 1, 1, TimeUnit.SECONDS);
			long authenticateBefore = simulator.counters().authenticateRequests();
			Load load;
			try {
				load = runLoad(webClient, 64, Duration.ofSeconds(60));
			}
			finally {
				elsewhere.shutdownNow();
			}
			System.gc();
			long heapAfter = memory.getHeapMemoryUsage().getUsed();
			SimulatorCounters counters = simulator.counters();
			long authenticateCalls = counters.authenticateRequests() - authenticateBefore;
			long expectedRenewals = Duration.ofSeconds(60).toMillis() / (TOKEN_LIFETIME.toMillis() / 2);
			System.out.printf("soak: requests=%d failed=%d seconds=60 concurrency=64 refresh invalidations=%d "
					+ "authenticate calls=%d (logins=%d refreshes=%d rejected=%d) heap before=%dMB after=%dMB%n",
					load.succeeded(), load.failed(), invalidations.get(), authenticateCalls, counters.passwordLogins(),
					counters.refreshes(), counters.rejected(401), heapBefore >> 20, heapAfter >> 20);
			assertThat(load.failed()).isZero();
			assertThat(load.succeeded()).isGreaterThan(1000);
			// A renewal is a refresh, or after an invalidation a refused refresh and a
			// login.
			assertThat(authenticateCalls).isGreaterThanOrEqualTo(10)
				.isLessThanOrEqualTo(2 * expectedRenewals + invalidations.get() + 4);
			assertThat(heapAfter).isLessThan(heapBefore + (64L << 20));
		}
	}

	@Test
	void twoInstancesOfOneUserKeepWorkingThoughEachLoginInvalidatesTheOthersRefreshToken() {
		try (EmnifySimulator simulator = simulator().start()) {
			WebClient first = webClient(simulator);
			WebClient second = webClient(simulator);
			Load load = Flux
				.merge(Mono.fromCallable(() -> runLoad(first, 16, Duration.ofSeconds(20))),
						Mono.fromCallable(() -> runLoad(second, 16, Duration.ofSeconds(20))))
				.subscribeOn(Schedulers.boundedElastic())
				.reduce((a, b) -> new Load(a.succeeded() + b.succeeded(), a.failed() + b.failed()))
				.block();
			SimulatorCounters counters = simulator.counters();
			System.out.printf("two instances: requests=%d failed=%d logins=%d refreshes=%d refused refreshes=%d%n",
					load.succeeded(), load.failed(), counters.passwordLogins(), counters.refreshes(),
					counters.rejected(401));
			assertThat(load.failed()).isZero();
			assertThat(counters.passwordLogins()).isGreaterThanOrEqualTo(2);
		}
	}

	private static Load runLoad(WebClient webClient, int concurrency, Duration duration) {
		long deadline = System.nanoTime() + duration.toNanos();
		AtomicLong succeeded = new AtomicLong();
		AtomicLong failed = new AtomicLong();
		Flux.range(0, concurrency)
			.flatMap((worker) -> webClient.get()
				.uri("/api/v1/endpoint?per_page=5")
				.retrieve()
				.toBodilessEntity()
				.doOnNext((entity) -> succeeded.incrementAndGet())
				.onErrorResume((ex) -> {
					failed.incrementAndGet();
					System.out.println("soak: failed request: " + ex);
					return Mono.empty();
				})
				.repeat(() -> System.nanoTime() < deadline), concurrency)
			.blockLast(duration.plusSeconds(30));
		return new Load(succeeded.get(), failed.get());
	}

	private static EmnifySimulator simulator() {
		return EmnifySimulator.builder()
			.workspace(1, "Soak")
			.user(USER, PASSWORD, 1)
			.authTokenLifetime(TOKEN_LIFETIME)
			.refreshTokenLifetime(Duration.ofMinutes(10))
			// 64 callers for a minute test renewals under load, not emnify's API rate
			// limits.
			.apiRateLimits(false)
			.build();
	}

	private static WebClient webClient(EmnifySimulator simulator) {
		URI baseUrl = URI.create(simulator.baseUrl());
		EmnifyTokenProvider tokens = EmnifyTokenProvider
			.builder(WebClient.builder(), baseUrl, EmnifyCredentials.user(USER, PASSWORD))
			.build();
		return WebClient.builder()
			.baseUrl(simulator.baseUrl())
			.filter(new EmnifyAuthenticationFilter(tokens, baseUrl, EmnifyAuthenticationListener.NONE,
					DataSize.ofMegabytes(1), EmnifyRateLimits.none(), Bucket4jRateLimitBuckets.inThisJvm()))
			.build();
	}

	record Load(long succeeded, long failed) {

	}

}
