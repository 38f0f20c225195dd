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

package io.github.iotstarters.emnify.auth.fleet;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import io.github.iotstarters.emnify.auth.test.AdjustableClock;
import io.github.iotstarters.emnify.auth.test.SimulatorCounters;
import io.github.iotstarters.emnify.auth.web.EmnifyRateLimitBuckets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cases a fleet of five instances sharing one session must pass on every Redis
 * topology, with the same figures: one login on a cold start, one refresh at expiry, one
 * renewal for 401s on all instances, one failed login for wrong credentials, one login to
 * replace a lease holder killed mid-login, and one rate-limit budget for all.
 */
abstract class FleetScenarios extends FleetSupport {

	@Test
	void fiveInstancesWithTwoHundredCallersEachLogInOnceCold() {
		startSimulator(Duration.ofMinutes(10));
		List<WebClient> fleet = startInstances(5);
		Load load = burst(fleet, 200);
		SimulatorCounters counters = this.simulator.counters();
		System.out.printf("fleet cold (%s): instances=5 callers=%d failed=%d authenticate calls=%d%n",
				redis().topology(), load.succeeded(), load.failed(), counters.authenticateRequests());
		assertThat(load.succeeded()).isEqualTo(1000);
		assertThat(load.failed()).isZero();
		assertThat(counters.passwordLogins()).isEqualTo(1);
		assertThat(counters.authenticateRequests()).isEqualTo(1);
	}

	@Test
	void fiveInstancesShareOneRateLimitBudget() {
		// The simulator keeps the same limit as the instances: what one budget allows.
		startSimulator(Duration.ofMinutes(10), Clock.systemUTC(), (builder) -> builder.apiRateLimit("lists", 50, 5));
		List<WebClient> fleet = startInstances(5, "emnify.rate-limit.enabled=true",
				"emnify.rate-limit.classes.lists.rate=50", "emnify.rate-limit.classes.lists.burst=5");
		assertThat(this.instances)
			.allSatisfy((instance) -> assertThat(instance.getBean(EmnifyRateLimitBuckets.class).isShared()).isTrue());
		// One request each first: the login and the connections, and the burst of 5.
		fleet.forEach((webClient) -> request(webClient).block(Duration.ofSeconds(30)));
		long started = System.nanoTime();
		Load load = burst(fleet, 40);
		Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
		System.out.printf(
				"fleet rate limit (%s): instances=5 requests=%d failed=%d elapsed=%s (one budget: 4 s) answered 429=%d%n",
				redis().topology(), load.succeeded(), load.failed(), elapsed,
				this.simulator.counters().apiRateLimitRefusals());
		assertThat(load.succeeded()).isEqualTo(200);
		assertThat(load.failed()).isZero();
		// Network jitter may bring two requests closer than they were sent: at most 1%
		// answered 429, each waited out, none reaching a caller.
		assertThat(this.simulator.counters().apiRateLimitRefusals()).isLessThanOrEqualTo(2);
		// One budget, spent by the first round: 50 a second, 200 / 50 = 4 s. Five budgets
		// of their own would let the fleet through in 0.8 s.
		assertThat(elapsed).isGreaterThanOrEqualTo(Duration.ofMillis(4000 - 100));
	}

	@Test
	void atExpiryTheFleetRenewsOnceWithTheSharedRefreshToken() {
		// Ten seconds from emnify: nine counted from receipt, stale after 6.75 s, which
		// the clock and Redis skip. The refreshed token is renewed 4.5 s after it arrived
		// (on Redis' clock, which goes on in real time), which the burst must not
		// outlast,
		// even on a busy machine (with four-second tokens it had 1.5 s).
		AdjustableClock clock = new AdjustableClock(Instant.now());
		startSimulator(Duration.ofSeconds(10), clock);
		List<WebClient> fleet = startInstances(5);
		assertThat(burst(fleet, 20).failed()).isZero();
		advance(clock, Duration.ofSeconds(7));
		long before = this.simulator.counters().authenticateRequests();
		Load load = burst(fleet, 200);
		SimulatorCounters counters = this.simulator.counters();
		System.out.printf("fleet at expiry (%s): callers=%d failed=%d authenticate calls=%d%n", redis().topology(),
				load.succeeded(), load.failed(), counters.authenticateRequests() - before);
		assertThat(load.failed()).isZero();
		assertThat(counters.authenticateRequests() - before).isEqualTo(1);
		assertThat(counters.refreshes()).isEqualTo(1);
		assertThat(counters.passwordLogins()).isEqualTo(1);
		assertThat(counters.reusedRefreshTokens()).isZero();
	}

	@Test
	void concurrent401sAcrossInstancesCauseOneRenewal() {
		startSimulator(Duration.ofMinutes(10));
		List<WebClient> fleet = startInstances(5);
		assertThat(burst(fleet, 20).failed()).isZero();
		this.simulator.expireAuthTokens();
		long before = this.simulator.counters().authenticateRequests();
		long rejectedBefore = this.simulator.counters().rejected(401);
		Load load = burst(fleet, 200);
		SimulatorCounters counters = this.simulator.counters();
		System.out.printf("fleet 401s (%s): callers=%d failed=%d answered 401=%d authenticate calls=%d%n",
				redis().topology(), load.succeeded(), load.failed(), counters.rejected(401) - rejectedBefore,
				counters.authenticateRequests() - before);
		assertThat(load.failed()).isZero();
		assertThat(counters.rejected(401) - rejectedBefore).isGreaterThanOrEqualTo(5);
		assertThat(counters.authenticateRequests() - before).isEqualTo(1);
	}

	@Test
	void rejectedCredentialsAreTriedOnceForTheWholeFleet() {
		startSimulator(Duration.ofMinutes(10));
		List<WebClient> fleet = startInstances(5, "emnify.password=wrong-password");
		Load load = burst(fleet, 100);
		SimulatorCounters counters = this.simulator.counters();
		System.out.printf("fleet with wrong credentials (%s): callers=%d rejected=%d authenticate calls=%d%n",
				redis().topology(), load.succeeded() + load.failed(), load.rejectedLogins(),
				counters.authenticateRequests());
		assertThat(load.succeeded()).isZero();
		assertThat(load.rejectedLogins()).isEqualTo(500);
		// emnify locks a user out after three failed logins: five instances must not try
		// five times.
		assertThat(counters.authenticateRequests()).isEqualTo(1);
		assertThat(counters.rejected(401)).isEqualTo(1);
	}

	@Test
	void aLeaseHolderKilledMidLoginIsReplacedWhileTheOthersWait() throws Exception {
		startSimulator(Duration.ofMinutes(10));
		this.simulator.faults().authenticate().delay(Duration.ofSeconds(60));
		Process holder = startSeparateInstance();
		try {
			awaitLease(Duration.ofSeconds(60));
			List<WebClient> fleet = startInstances(4);
			// The lease holder keeps its lease while the others start and wait for it.
			Mono<Load> waiting = Mono.fromCallable(() -> burst(fleet, 200))
				.subscribeOn(Schedulers.boundedElastic())
				.cache();
			waiting.subscribe();
			// Real time: the others wait for a lease in Redis, whose expiry (two seconds)
			// is on Redis' clock.
			Thread.sleep(1500);
			assertThat(redis().keys("*lease*")).isNotEmpty();
			assertThat(this.simulator.counters().authenticateRequests()).isEqualTo(1);
			this.simulator.faults().clear();
			holder.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			long before = this.simulator.counters().authenticateRequests();
			Load load = waiting.block(Duration.ofSeconds(60));
			SimulatorCounters counters = this.simulator.counters();
			System.out.printf("fleet after a killed lease holder (%s): callers=%d failed=%d authenticate calls=%d%n",
					redis().topology(), load.succeeded(), load.failed(), counters.authenticateRequests() - before);
			assertThat(load.failed()).isZero();
			assertThat(load.succeeded()).isEqualTo(800);
			assertThat(counters.authenticateRequests() - before).isEqualTo(1);
			assertThat(redis().keys("*lease*")).isEmpty();
		}
		finally {
			holder.destroyForcibly();
		}
	}

}
