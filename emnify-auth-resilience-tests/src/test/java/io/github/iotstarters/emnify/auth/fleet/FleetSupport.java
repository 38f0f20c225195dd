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
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
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

import io.github.iotstarters.emnify.auth.EmnifyAuthenticationException;
import io.github.iotstarters.emnify.auth.EmnifyTokenProvider;
import io.github.iotstarters.emnify.auth.EmnifyTokenStore;
import io.github.iotstarters.emnify.auth.test.AdjustableClock;
import io.github.iotstarters.emnify.auth.test.EmnifySimulator;
import io.github.iotstarters.emnify.auth.test.EmnifySimulatorBuilder;

/**
 * What the fleet tests share: a simulator, instances that are Spring contexts with
 * nothing but the starter's auto-configuration and the Redis a subclass names, and load
 * on them.
 */
@ExtendWith(OutputCaptureExtension.class)
abstract class FleetSupport {

	static final String USER = "fleet@example.org";

	static final String PASSWORD = "fleet-password";

	static final String ENCRYPTION_KEY = Base64.getEncoder()
		.encodeToString("fleet-test-key-of-thirty-two-b!!".getBytes(StandardCharsets.US_ASCII));

	EmnifySimulator simulator;

	// The clock of the simulator and of every instance (their emnifyClock).
	Clock clock = Clock.systemUTC();

	final List<ConfigurableApplicationContext> instances = new ArrayList<>();

	/**
	 * Return the Redis the instances share their session through.
	 * @return the Redis
	 */
	abstract FleetRedis<?> redis();

	@BeforeEach
	void flushRedis() {
		redis().flushAll();
	}

	@AfterEach
	void stopInstances() {
		this.instances.forEach(ConfigurableApplicationContext::close);
		if (this.simulator != null) {
			this.simulator.close();
		}
	}

	void startSimulator(Duration authTokenLifetime) {
		startSimulator(authTokenLifetime, Clock.systemUTC());
	}

	// The simulator and every instance started after it read the given clock.
	void startSimulator(Duration authTokenLifetime, Clock clock) {
		// Hundreds of callers per instance test shared sessions, not emnify's API rate
		// limits.
		startSimulator(authTokenLifetime, clock, (builder) -> builder.apiRateLimits(false));
	}

	void startSimulator(Duration authTokenLifetime, Clock clock, UnaryOperator<EmnifySimulatorBuilder> limits) {
		this.clock = clock;
		this.simulator = limits
			.apply(EmnifySimulator.builder()
				.clock(clock)
				.workspace(1, "Fleet")
				.user(USER, PASSWORD, 1)
				.authTokenLifetime(authTokenLifetime)
				.refreshTokenLifetime(Duration.ofMinutes(30)))
			.build()
			.start();
	}

	List<WebClient> startInstances(int count, String... properties) {
		return IntStream.range(0, count).mapToObj((i) -> {
			ConfigurableApplicationContext context = new SpringApplicationBuilder(FleetInstance.class)
				.web(WebApplicationType.NONE)
				.bannerMode(Banner.Mode.OFF)
				.logStartupInfo(false)
				.properties(instanceProperties())
				.properties(properties)
				.initializers((instance) -> instance.getBeanFactory().registerSingleton("emnifyClock", this.clock))
				.run();
			this.instances.add(context);
			return context.getBean("emnifyWebClient", WebClient.class);
		}).toList();
	}

	List<EmnifyTokenStore> stores() {
		return this.instances.stream().map((instance) -> instance.getBean(EmnifyTokenStore.class)).toList();
	}

	private String[] instanceProperties() {
		List<String> properties = new ArrayList<>(List.of("emnify.base-url=" + this.simulator.baseUrl(),
				"emnify.username=" + USER, "emnify.password=" + PASSWORD, "emnify.token-store.type=redis",
				"emnify.token-store.encryption-key=" + ENCRYPTION_KEY, "emnify.token-store.lease-time=2s",
				"emnify.token-store.timeout=500ms", "emnify.token-store.retry-interval=1s",
				"emnify.rejected-credentials-cooldown=1m",
				// The scenarios load the simulator to test the shared session, not
				// emnify's
				// rate limits, which would hold 1,000 list requests for 100 s.
				"emnify.rate-limit.enabled=false"));
		properties.addAll(redis().properties());
		return properties.toArray(String[]::new);
	}

	Process startSeparateInstance() throws Exception {
		List<String> command = new ArrayList<>(List.of(
				System.getProperty("java.home") + File.separator + "bin" + File.separator + "java", "-cp",
				System.getProperty("java.class.path"), FleetInstance.class.getName(), "--spring.main.banner-mode=off"));
		for (String property : instanceProperties()) {
			command.add("--" + property);
		}
		return new ProcessBuilder(command).inheritIO().start();
	}

	// As if the duration had passed for the simulator, the instances and Redis.
	void advance(AdjustableClock clock, Duration duration) {
		clock.advance(duration);
		redis().advance(duration);
	}

	void awaitLease(Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			if (!redis().keys("*lease*").isEmpty()) {
				return;
			}
			Thread.sleep(50);
		}
		throw new AssertionError("No instance took the lease within " + timeout);
	}

	static void awaitShared(List<EmnifyTokenStore> stores, Duration timeout) throws InterruptedException {
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
	boolean sameToken() throws InterruptedException {
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

	// The authenticate calls the fleet makes in whole renewal periods from now, counted
	// over at least the given number of them. In real time: instances that share a token
	// renew it by its key's remaining life on Redis' clock.
	Renewals countRenewals(Duration renewalPeriod, int periods) throws InterruptedException {
		long before = this.simulator.counters().authenticateRequests();
		long start = System.nanoTime();
		Thread.sleep(renewalPeriod.multipliedBy(periods).toMillis());
		long calls = this.simulator.counters().authenticateRequests() - before;
		long counted = Math.round((System.nanoTime() - start) / (double) renewalPeriod.toNanos());
		return new Renewals(counted, calls);
	}

	static long storeWarnings(CapturedOutput output) {
		return output.getAll()
			.lines()
			.filter((line) -> line.contains("The emnify token store cannot use Redis"))
			.count();
	}

	// Records each store that reports not shared, until interrupted.
	static Thread watchFallBacks(List<EmnifyTokenStore> stores, Set<EmnifyTokenStore> fellBack) {
		return start(() -> {
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
	}

	static Thread start(Runnable runnable) {
		Thread thread = new Thread(runnable);
		thread.setDaemon(true);
		thread.start();
		return thread;
	}

	// Every instance's callers at once: one request each.
	static Load burst(List<WebClient> fleet, int callersPerInstance) {
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

	// Requests one after the other on each of concurrency workers, until done.
	static Mono<Void> run(WebClient webClient, int concurrency, BooleanSupplier done, AtomicLong succeeded,
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

	static Mono<Integer> request(WebClient webClient) {
		return webClient.get()
			.uri("/api/v1/endpoint?per_page=5")
			.retrieve()
			.toBodilessEntity()
			.map((entity) -> entity.getStatusCode().value());
	}

	record Load(long succeeded, long failed, long rejectedLogins) {

	}

	/**
	 * Authenticate calls counted over whole renewal periods.
	 *
	 * @param periods the renewal periods counted
	 * @param calls the authenticate calls in them
	 */
	record Renewals(long periods, long calls) {

	}

}
