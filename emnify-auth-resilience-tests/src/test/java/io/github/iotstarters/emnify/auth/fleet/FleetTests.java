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

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import io.github.iotstarters.emnify.auth.EmnifyAuthenticationException;
import io.github.iotstarters.emnify.auth.EmnifyTokenProvider;
import io.github.iotstarters.emnify.auth.EmnifyTokenStore;
import io.github.iotstarters.emnify.auth.redis.RedisEmnifyTokenStore;
import io.github.iotstarters.emnify.auth.test.EmnifySimulator;
import io.github.iotstarters.emnify.auth.test.LocalRedisServer;
import io.github.iotstarters.emnify.auth.test.SimulatorCounters;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A fleet of application instances, each a Spring context with nothing but the starter's
 * auto-configuration, sharing one emnify session through a real Redis server, against the
 * simulator.
 */
@ExtendWith(OutputCaptureExtension.class)
class FleetTests {

	private static final String USER = "fleet@example.org";

	private static final String PASSWORD = "fleet-password";

	static final String ENCRYPTION_KEY = Base64.getEncoder()
		.encodeToString("fleet-test-key-of-thirty-two-b!!".getBytes(StandardCharsets.US_ASCII));

	private static LocalRedisServer redis;

	private EmnifySimulator simulator;

	private final List<ConfigurableApplicationContext> instances = new ArrayList<>();

	@BeforeAll
	static void startRedis() {
		redis = LocalRedisServer.start();
	}

	@AfterAll
	static void stopRedis() {
		redis.close();
	}

	@BeforeEach
	void flushRedis() {
		redis.cli("FLUSHALL");
	}

	@AfterEach
	void stopInstances() {
		this.instances.forEach(ConfigurableApplicationContext::close);
		if (this.simulator != null) {
			this.simulator.close();
		}
	}

	@Test
	void fiveInstancesWithTwoHundredCallersEachLogInOnceCold() {
		startSimulator(Duration.ofMinutes(10));
		List<WebClient> fleet = startInstances(5);
		Load load = burst(fleet, 200);
		SimulatorCounters counters = this.simulator.counters();
		System.out.printf("fleet cold: instances=5 callers=%d failed=%d authenticate calls=%d%n", load.succeeded(),
				load.failed(), counters.authenticateRequests());
		assertThat(load.succeeded()).isEqualTo(1000);
		assertThat(load.failed()).isZero();
		assertThat(counters.passwordLogins()).isEqualTo(1);
		assertThat(counters.authenticateRequests()).isEqualTo(1);
	}

	@Test
	void atExpiryTheFleetRenewsOnceWithTheSharedRefreshToken() throws InterruptedException {
		// Four seconds from emnify: three counted from receipt, stale after 2.25 s.
		startSimulator(Duration.ofSeconds(4));
		List<WebClient> fleet = startInstances(5);
		assertThat(burst(fleet, 20).failed()).isZero();
		Thread.sleep(2600);
		long before = this.simulator.counters().authenticateRequests();
		Load load = burst(fleet, 200);
		SimulatorCounters counters = this.simulator.counters();
		System.out.printf("fleet at expiry: callers=%d failed=%d authenticate calls=%d%n", load.succeeded(),
				load.failed(), counters.authenticateRequests() - before);
		assertThat(load.failed()).isZero();
		assertThat(counters.authenticateRequests() - before).isEqualTo(1);
		assertThat(counters.refreshes()).isEqualTo(1);
		assertThat(counters.passwordLogins()).isEqualTo(1);
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
		System.out.printf("fleet 401s: callers=%d failed=%d answered 401=%d authenticate calls=%d%n", load.succeeded(),
				load.failed(), counters.rejected(401) - rejectedBefore, counters.authenticateRequests() - before);
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
			Thread.sleep(1500);
			assertThat(redis.cli("KEYS", "*lease*")).contains("lease");
			assertThat(this.simulator.counters().authenticateRequests()).isEqualTo(1);
			this.simulator.faults().clear();
			holder.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			long before = this.simulator.counters().authenticateRequests();
			Load load = waiting.block(Duration.ofSeconds(60));
			SimulatorCounters counters = this.simulator.counters();
			System.out.printf("fleet after a killed lease holder: callers=%d failed=%d authenticate calls=%d%n",
					load.succeeded(), load.failed(), counters.authenticateRequests() - before);
			assertThat(load.failed()).isZero();
			assertThat(load.succeeded()).isEqualTo(800);
			assertThat(counters.authenticateRequests() - before).isEqualTo(1);
			assertThat(redis.cli("KEYS", "*lease*")).doesNotContain("lease");
		}
		finally {
			holder.destroyForcibly();
		}
	}

	@Test
	void redisStoppedAndRestartedUnderLoadLosesNoRequest(CapturedOutput output) throws InterruptedException {
		// Four-second tokens: renewed every 1.5 s, so the five-second outage spans
		// several renewals.
		startSimulator(Duration.ofSeconds(4));
		List<WebClient> fleet = startInstances(3);
		List<EmnifyTokenStore> stores = this.instances.stream()
			.map((instance) -> instance.getBean(EmnifyTokenStore.class))
			.toList();
		Set<EmnifyTokenStore> fellBack = ConcurrentHashMap.newKeySet();
		AtomicLong succeeded = new AtomicLong();
		AtomicLong failed = new AtomicLong();
		AtomicBoolean done = new AtomicBoolean();
		long[] calls = new long[3];
		long[] window = new long[2];
		Mono<Void> load = Flux.fromIterable(fleet)
			.flatMap((webClient) -> run(webClient, 16, done::get, succeeded, failed))
			.then()
			.subscribeOn(Schedulers.boundedElastic());
		Thread watcher = start(() -> {
			while (!Thread.currentThread().isInterrupted()) {
				stores.stream().filter((store) -> !store.status().shared()).forEach(fellBack::add);
				try {
					Thread.sleep(20);
				}
				catch (InterruptedException ex) {
					return;
				}
			}
		});
		Thread outage = start(() -> {
			try {
				Thread.sleep(2900);
				calls[0] = this.simulator.counters().authenticateRequests();
				redis.stop();
				Thread.sleep(5000);
				redis.restart();
				// Each instance shares again at its first renewal after the store's retry
				// interval; then two renewal periods let every instance take up the
				// shared session before the calls are counted.
				awaitShared(stores, Duration.ofSeconds(20));
				Thread.sleep(3000);
				calls[1] = this.simulator.counters().authenticateRequests();
				window[0] = System.nanoTime();
				Thread.sleep(4500);
				calls[2] = this.simulator.counters().authenticateRequests();
				window[1] = System.nanoTime();
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
		long warnings = output.getAll()
			.lines()
			.filter((line) -> line.contains("The emnify token store cannot use Redis"))
			.count();
		long periods = Math.round((window[1] - window[0]) / (double) Duration.ofMillis(1500).toNanos());
		System.out.printf(
				"fleet with a Redis restart: requests=%d failed=%d authenticate calls (before the outage %d, "
						+ "through it until shared again %d, in %d renewal periods after it %d) warnings=%d%n",
				succeeded.get(), failed.get(), calls[0], calls[1] - calls[0], periods, calls[2] - calls[1], warnings);
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
		assertThat(calls[2] - calls[1]).isBetween(periods - 1, periods + 2);
		assertThat(redis.cli("KEYS", "*auth")).contains(":auth");
	}

	private static void awaitShared(List<EmnifyTokenStore> stores, Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (!stores.stream().allMatch((store) -> store.status().shared())) {
			if (System.nanoTime() > deadline) {
				throw new AssertionError("The instances did not share again within " + timeout);
			}
			Thread.sleep(20);
		}
	}

	// Whether every instance holds the same token: asked a few times, since the
	// instances take up a renewed token one after the other.
	private boolean sameToken() throws InterruptedException {
		for (int attempt = 0; attempt < 20; attempt++) {
			Set<String> tokens = this.instances.stream()
				.map((instance) -> instance.getBean(EmnifyTokenProvider.class).getToken().block(Duration.ofSeconds(5)))
				.collect(Collectors.toSet());
			if (tokens.size() == 1) {
				return true;
			}
			Thread.sleep(50);
		}
		return false;
	}

	@Test
	void redisHoldsOnlyEncryptedValuesUnderKeysWithoutSecretsExpiringWithTheTokens() {
		startSimulator(Duration.ofMinutes(10));
		List<WebClient> fleet = startInstances(1);
		assertThat(burst(fleet, 1).failed()).isZero();
		String token = this.instances.get(0).getBean(EmnifyTokenProvider.class).getToken().block();
		List<String> keys = redis.cli("--raw", "KEYS", "*").lines().filter((line) -> !line.isBlank()).toList();
		assertThat(keys).hasSize(2).allSatisfy((key) -> {
			assertThat(key).startsWith("emnify:auth:{http://127.0.0.1:" + this.simulator.port() + "/")
				.doesNotContain(USER)
				.doesNotContain(PASSWORD);
			String value = redis.cli("--raw", "GET", key).strip();
			assertThat(value).isNotEmpty().doesNotContain(token).doesNotContain("eyJ");
			assertThat(new String(Base64.getDecoder().decode(value), StandardCharsets.ISO_8859_1))
				.doesNotContain(token.substring(0, 20));
			// Each entry expires with its token: the auth token lives 10 minutes, the
			// refresh token 30.
			long ttl = Long.parseLong(redis.cli("--raw", "PTTL", key).strip());
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

	private static Thread start(Runnable runnable) {
		Thread thread = new Thread(runnable);
		thread.setDaemon(true);
		thread.start();
		return thread;
	}

	private void startSimulator(Duration authTokenLifetime) {
		this.simulator = EmnifySimulator.builder()
			.workspace(1, "Fleet")
			.user(USER, PASSWORD, 1)
			.authTokenLifetime(authTokenLifetime)
			.refreshTokenLifetime(Duration.ofMinutes(30))
			.build()
			.start();
	}

	private List<WebClient> startInstances(int count, String... properties) {
		return IntStream.range(0, count).mapToObj((i) -> {
			ConfigurableApplicationContext context = new SpringApplicationBuilder(FleetInstance.class)
				.web(WebApplicationType.NONE)
				.bannerMode(Banner.Mode.OFF)
				.logStartupInfo(false)
				.properties(instanceProperties())
				.properties(properties)
				.run();
			this.instances.add(context);
			return context.getBean("emnifyWebClient", WebClient.class);
		}).toList();
	}

	private String[] instanceProperties() {
		return new String[] { "emnify.base-url=" + this.simulator.baseUrl(), "emnify.username=" + USER,
				"emnify.password=" + PASSWORD, "emnify.token-store.type=redis",
				"emnify.token-store.encryption-key=" + ENCRYPTION_KEY, "emnify.token-store.lease-time=2s",
				"emnify.token-store.timeout=500ms", "emnify.token-store.retry-interval=1s",
				"emnify.rejected-credentials-cooldown=1m", "spring.data.redis.host=127.0.0.1",
				"spring.data.redis.port=" + redis.port() };
	}

	private Process startSeparateInstance() throws Exception {
		List<String> command = new ArrayList<>(List.of(
				System.getProperty("java.home") + File.separator + "bin" + File.separator + "java", "-cp",
				System.getProperty("java.class.path"), FleetInstance.class.getName(), "--spring.main.banner-mode=off"));
		for (String property : instanceProperties()) {
			command.add("--" + property);
		}
		return new ProcessBuilder(command).inheritIO().start();
	}

	private static void awaitLease(Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			if (redis.cli("KEYS", "*lease*").contains("lease")) {
				return;
			}
			Thread.sleep(50);
		}
		throw new AssertionError("No instance took the lease within " + timeout);
	}

	// Every instance's callers at once: one request each.
	private static Load burst(List<WebClient> fleet, int callersPerInstance) {
		AtomicLong succeeded = new AtomicLong();
		AtomicLong failed = new AtomicLong();
		AtomicLong rejectedLogins = new AtomicLong();
		Flux.fromIterable(fleet)
			.flatMap((webClient) -> Flux.range(0, callersPerInstance)
				.flatMap((caller) -> request(webClient).doOnNext((status) -> succeeded.incrementAndGet())
					.onErrorResume((ex) -> {
						failed.incrementAndGet();
						if (ex instanceof EmnifyAuthenticationException auth && auth.isRejected()) {
							rejectedLogins.incrementAndGet();
						}
						return Mono.empty();
					}), callersPerInstance))
			.blockLast(Duration.ofSeconds(60));
		return new Load(succeeded.get(), failed.get(), rejectedLogins.get());
	}

	private static Mono<Void> run(WebClient webClient, int concurrency, BooleanSupplier done, AtomicLong succeeded,
			AtomicLong failed) {
		return Flux.range(0, concurrency)
			.flatMap((worker) -> request(webClient).doOnNext((status) -> succeeded.incrementAndGet())
				.onErrorResume((ex) -> {
					failed.incrementAndGet();
					System.out.println("fleet: failed request: " + ex);
					return Mono.empty();
				})
				.repeat(() -> !done.getAsBoolean()), concurrency)
			.then();
	}

	private static Mono<Integer> request(WebClient webClient) {
		return webClient.get()
			.uri("/api/v1/endpoint?per_page=5")
			.retrieve()
			.toBodilessEntity()
			.map((entity) -> entity.getStatusCode().value());
	}

	record Load(long succeeded, long failed, long rejectedLogins) {

	}

}
