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

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import io.github.iotstarters.emnify.auth.EmnifyTokenProvider;
import io.github.iotstarters.emnify.auth.EmnifyTokenStore;
import io.github.iotstarters.emnify.auth.redis.RedisEmnifyTokenStore;
import io.github.iotstarters.emnify.auth.testsupport.LocalRedisServer;
import io.github.iotstarters.emnify.auth.web.EmnifyRateLimitBuckets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A fleet of application instances, each a Spring context with nothing but the starter's
 * auto-configuration, sharing one emnify session through a real standalone Redis server,
 * against the simulator: the cases of {@link FleetScenarios}, a Redis restart under load,
 * and what Redis holds.
 */
class FleetTests extends FleetScenarios {

	// Four-second tokens: three counted from receipt, renewed halfway.
	private static final Duration RENEWAL_PERIOD = Duration.ofMillis(1500);

	@RegisterExtension
	static final FleetRedis<LocalRedisServer> redis = FleetRedis.standalone();

	@Override
	FleetRedis<?> redis() {
		return redis;
	}

	@Test
	void redisStoppedAndRestartedUnderLoadLosesNoRequest(CapturedOutput output) throws InterruptedException {
		// Four-second tokens: renewed every 1.5 s, so the five-second outage spans
		// several renewals.
		startSimulator(Duration.ofSeconds(4));
		List<WebClient> fleet = startInstances(3);
		List<EmnifyTokenStore> stores = stores();
		Set<EmnifyTokenStore> fellBack = ConcurrentHashMap.newKeySet();
		AtomicLong succeeded = new AtomicLong();
		AtomicLong failed = new AtomicLong();
		AtomicBoolean done = new AtomicBoolean();
		long[] calls = new long[2];
		Renewals[] after = new Renewals[1];
		Mono<Void> load = Flux.fromIterable(fleet)
			.flatMap((webClient) -> run(webClient, 16, done::get, succeeded, failed))
			.then()
			.subscribeOn(Schedulers.boundedElastic());
		Thread watcher = watchFallBacks(stores, fellBack);
		// Real time throughout: an outage is Redis not answering, the store probes it
		// every retry interval on Reactor's timer, and a shared token's life is its key's
		// on Redis' clock, so neither the outage nor the renewal pace can be skipped.
		Thread outage = start(() -> {
			try {
				Thread.sleep(2900);
				calls[0] = this.simulator.counters().authenticateRequests();
				redis.get().stop();
				Thread.sleep(5000);
				redis.get().restart();
				// Each instance shares again at its first renewal after the store's retry
				// interval; then two renewal periods let every instance take up the
				// shared session before the calls are counted.
				awaitShared(stores, Duration.ofSeconds(20));
				Thread.sleep(RENEWAL_PERIOD.multipliedBy(2).toMillis());
				calls[1] = this.simulator.counters().authenticateRequests();
				after[0] = countRenewals(RENEWAL_PERIOD, 3);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			finally {
				done.set(true);
			}
		});
		load.block(Duration.ofSeconds(60));
		outage.join();
		watcher.interrupt();
		long warnings = storeWarnings(output);
		Renewals settled = after[0];
		System.out.printf(
				"fleet with a Redis restart: requests=%d failed=%d authenticate calls (before the outage %d, "
						+ "through it until shared again %d, in %d renewal periods after it %d) warnings=%d%n",
				succeeded.get(), failed.get(), calls[0], calls[1] - calls[0], settled.periods(), settled.calls(),
				warnings);
		assertThat(failed.get()).isZero();
		assertThat(succeeded.get()).isGreaterThan(1000);
		// Every instance noticed, warned once, and shares again.
		assertThat(fellBack).hasSize(3);
		assertThat(warnings).isEqualTo(3);
		assertThat(stores).allSatisfy((store) -> assertThat(store.status().shared()).isTrue());
		assertThat(sameToken()).as("the three instances use one token").isTrue();
		// Shared before the outage and once it has settled: about one authenticate call
		// per renewal period for all three instances, where a session each costs three
		// per period (nine in the three periods counted).
		assertThat(calls[0]).isBetween(1L, 3L);
		assertThat(settled.calls()).isBetween(settled.periods() - 1, settled.periods() + 2);
		assertThat(redis.get().cli("KEYS", "*auth")).contains(":auth");
	}

	@Test
	void whileRedisIsDownEachInstancePacesAloneAndSharesItsBudgetAgainAfter(CapturedOutput output)
			throws InterruptedException {
		startSimulator(Duration.ofMinutes(10));
		List<WebClient> fleet = startInstances(3, "emnify.rate-limit.enabled=true",
				"emnify.rate-limit.classes.lists.rate=100", "emnify.rate-limit.classes.lists.burst=10");
		List<EmnifyRateLimitBuckets> buckets = this.instances.stream()
			.map((instance) -> instance.getBean(EmnifyRateLimitBuckets.class))
			.toList();
		fleet.forEach((webClient) -> request(webClient).block(Duration.ofSeconds(30)));
		Set<EmnifyRateLimitBuckets> alone = ConcurrentHashMap.newKeySet();
		AtomicLong succeeded = new AtomicLong();
		AtomicLong failed = new AtomicLong();
		AtomicBoolean done = new AtomicBoolean();
		Mono<Void> load = Flux.fromIterable(fleet)
			.flatMap((webClient) -> run(webClient, 8, done::get, succeeded, failed))
			.then()
			.subscribeOn(Schedulers.boundedElastic());
		// Real time: an outage is Redis not answering, and the buckets probe it every
		// retry interval on a timer of their own.
		Thread outage = start(() -> {
			try {
				Thread.sleep(1000);
				redis.get().stop();
				long end = System.nanoTime() + Duration.ofSeconds(3).toNanos();
				while (System.nanoTime() < end) {
					buckets.stream().filter((bucket) -> !bucket.isShared()).forEach(alone::add);
					Thread.sleep(50);
				}
				redis.get().restart();
				long shared = System.nanoTime() + Duration.ofSeconds(15).toNanos();
				while (System.nanoTime() < shared && !buckets.stream().allMatch(EmnifyRateLimitBuckets::isShared)) {
					Thread.sleep(50);
				}
				Thread.sleep(500);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			finally {
				done.set(true);
			}
		});
		load.block(Duration.ofSeconds(60));
		outage.join();
		long warnings = output.getAll()
			.lines()
			.filter((line) -> line.contains("emnify rate limits cannot use Redis"))
			.count();
		System.out.printf("fleet rate limits with a Redis outage: requests=%d failed=%d paced alone=%d warnings=%d%n",
				succeeded.get(), failed.get(), alone.size(), warnings);
		assertThat(failed.get()).as("nothing fails because Redis is down").isZero();
		assertThat(succeeded.get()).as("the job went on through the outage").isGreaterThan(100);
		assertThat(alone).as("every instance paced alone during the outage").hasSize(3);
		assertThat(warnings).as("one warning per instance").isEqualTo(3);
		assertThat(buckets).allSatisfy((bucket) -> assertThat(bucket.isShared()).isTrue());
	}

	@Test
	void redisHoldsOnlyEncryptedValuesUnderKeysWithoutSecretsExpiringWithTheTokens() {
		startSimulator(Duration.ofMinutes(10));
		List<WebClient> fleet = startInstances(1);
		assertThat(burst(fleet, 1).failed()).isZero();
		String token = this.instances.get(0).getBean(EmnifyTokenProvider.class).getToken().block();
		List<String> keys = redis.get().cli("--raw", "KEYS", "*").lines().filter((line) -> !line.isBlank()).toList();
		assertThat(keys).hasSize(2).allSatisfy((key) -> {
			assertThat(key).startsWith("emnify:auth:{http://127.0.0.1:" + this.simulator.port() + "/")
				.doesNotContain(USER)
				.doesNotContain(PASSWORD);
			String value = redis.get().cli("--raw", "GET", key).strip();
			assertThat(value).isNotEmpty().doesNotContain(token).doesNotContain("eyJ");
			assertThat(new String(Base64.getDecoder().decode(value), StandardCharsets.ISO_8859_1))
				.doesNotContain(token.substring(0, 20));
			// Each entry expires with its token: the auth token lives 10 minutes, the
			// refresh token 30.
			long ttl = Long.parseLong(redis.get().cli("--raw", "PTTL", key).strip());
			Duration lifetime = key.endsWith(":auth") ? Duration.ofMinutes(10) : Duration.ofMinutes(30);
			assertThat(ttl).isPositive()
				.isLessThanOrEqualTo(lifetime.toMillis())
				.isGreaterThan(lifetime.toMillis() / 2);
		});
		// An instance with another key reads nothing it can use, and logs in itself.
		List<WebClient> otherKey = startInstances(1,
				"emnify.token-store.encryption-key=" + Base64.getEncoder().encodeToString(new byte[32]));
		assertThat(burst(otherKey, 1).failed()).isZero();
		String otherToken = this.instances.get(1).getBean(EmnifyTokenProvider.class).getToken().block();
		assertThat(otherToken).isNotEqualTo(token);
		assertThat(this.simulator.counters().passwordLogins()).isEqualTo(2);
		assertThat(this.instances.get(1).getBean(EmnifyTokenStore.class)).isInstanceOf(RedisEmnifyTokenStore.class);
	}

}
