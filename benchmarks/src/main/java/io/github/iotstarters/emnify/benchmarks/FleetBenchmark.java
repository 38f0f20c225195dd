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

package io.github.iotstarters.emnify.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import io.github.iotstarters.emnify.auth.test.EmnifySimulator;
import io.github.iotstarters.emnify.auth.test.SimulatorCounters;
import io.github.iotstarters.emnify.auth.testsupport.LocalRedisCluster;
import io.github.iotstarters.emnify.auth.testsupport.LocalRedisServer;

/**
 * The fleet rows: instances of one service, each a Spring context with the starter,
 * logging in as the same emnify user under continuous load against the simulator with
 * six-second tokens: five with the default in-memory store, then five and twenty sharing
 * the session through a real standalone Redis server and through a real six-node Redis
 * Cluster. Counts the authenticate calls per renewal period.
 */
public final class FleetBenchmark {

	private static final int CALLERS_PER_INSTANCE = 8;

	private static final Duration TOKEN_LIFETIME = Duration.ofSeconds(6);

	// emnify's six seconds are five counted from receipt; renewal starts at half of that.
	private static final Duration RENEWAL_PERIOD = Duration.ofMillis(2500);

	private static final String USER = "fleet@example.org";

	private static final String PASSWORD = "fleet-password";

	private FleetBenchmark() {
	}

	public static void main(String[] args) throws IOException {
		Duration duration = Duration.ofSeconds((args.length > 0) ? Long.parseLong(args[0]) : 30);
		Path output = Files.isDirectory(Path.of("benchmarks")) ? Path.of("benchmarks", "target") : Path.of("target");
		Files.createDirectories(output);
		StringBuilder report = new StringBuilder();
		report.append("## Fleet: instances of one user, ")
			.append(CALLERS_PER_INSTANCE)
			.append(" callers each, ")
			.append(duration.toSeconds())
			.append(" s, six-second tokens\n\n");
		report.append("| token store | instances | requests | failed | logins | refreshes | authenticate calls "
				+ "| renewal periods | authenticate calls per renewal period |\n");
		report.append("|---|---|---|---|---|---|---|---|---|\n");
		try (LocalRedisServer redis = LocalRedisServer.start(); LocalRedisCluster cluster = LocalRedisCluster.start()) {
			List<String> standalone = BenchmarkSetup.redisStore(redis);
			List<String> clustered = BenchmarkSetup.redisClusterStore(cluster);
			report.append(run("memory", 5, List.of("emnify.token-store.type=memory"), duration)).append('\n');
			for (int instances : new int[] { 5, 20 }) {
				redis.cli("FLUSHALL");
				report.append(run("redis", instances, standalone, duration)).append('\n');
			}
			for (int instances : new int[] { 5, 20 }) {
				cluster.flushAll();
				report.append(run("redis cluster", instances, clustered, duration)).append('\n');
			}
		}
		Path results = output.resolve("fleet-results.md");
		Files.writeString(results, report);
		System.out.println(report);
		System.out.println("Written: " + results.toAbsolutePath());
	}

	private static String run(String store, int count, List<String> storeProperties, Duration duration) {
		try (EmnifySimulator simulator = EmnifySimulator.builder()
			.workspace(1, "Fleet")
			.user(USER, PASSWORD, 1)
			.authTokenLifetime(TOKEN_LIFETIME)
			.refreshTokenLifetime(Duration.ofMinutes(30))
			// Latency rows measure the starter, not the waits emnify's API rate limits
			// impose.
			.apiRateLimits(false)
			.build()
			.start()) {
			// Logins per renewal period are measured here, not emnify's rate limits.
			List<String> properties = new ArrayList<>(storeProperties);
			properties.add("emnify.rate-limit.enabled=false");
			List<ConfigurableApplicationContext> instances = new ArrayList<>();
			try {
				for (int i = 0; i < count; i++) {
					instances.add(BenchmarkSetup.fleetInstance(simulator, USER, PASSWORD, properties));
				}
				List<Load.Result> results = Flux.fromIterable(instances)
					.flatMap((instance) -> Mono
						.fromCallable(() -> Load.run(instance.getBean("emnifyWebClient", WebClient.class),
								CALLERS_PER_INSTANCE, duration, false))
						.subscribeOn(Schedulers.boundedElastic()), count)
					.collectList()
					.blockOptional()
					.orElseThrow();
				long requests = results.stream().mapToLong((result) -> result.histogram().getTotalCount()).sum();
				long failed = results.stream().mapToLong(Load.Result::failures).sum();
				SimulatorCounters counters = simulator.counters();
				long periods = duration.toMillis() / RENEWAL_PERIOD.toMillis();
				return String.format("| %s | %d | %d | %d | %d | %d | %d | %d | %.2f |", store, count, requests, failed,
						counters.passwordLogins(), counters.refreshes(), counters.authenticateRequests(), periods,
						(double) counters.authenticateRequests() / periods);
			}
			finally {
				instances.forEach(ConfigurableApplicationContext::close);
			}
		}
	}

}
