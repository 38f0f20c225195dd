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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import io.github.iotstarters.emnify.auth.test.EmnifySimulator;
import io.github.iotstarters.emnify.auth.test.LocalRedisServer;
import io.github.iotstarters.emnify.auth.test.SimulatorCounters;

/**
 * The fleet row: five instances of one service, each a Spring context with the starter,
 * logging in as the same emnify user under continuous load against the simulator with
 * six-second tokens, once with the default in-memory store and once sharing the session
 * through a real Redis server. Counts the authenticate calls per renewal period.
 */
public final class FleetBenchmark {

	private static final int INSTANCES = 5;

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
		report.append("## Fleet: ")
			.append(INSTANCES)
			.append(" instances of one user, ")
			.append(CALLERS_PER_INSTANCE)
			.append(" callers each, ")
			.append(duration.toSeconds())
			.append(" s, six-second tokens\n\n");
		report.append("| token store | requests | failed | logins | refreshes | authenticate calls "
				+ "| renewal periods | authenticate calls per renewal period |\n");
		report.append("|---|---|---|---|---|---|---|---|\n");
		try (LocalRedisServer redis = LocalRedisServer.start()) {
			for (String store : new String[] { "memory", "redis" }) {
				report.append(run(store, redis, duration)).append('\n');
			}
		}
		Path results = output.resolve("fleet-results.md");
		Files.writeString(results, report);
		System.out.println(report);
		System.out.println("Written: " + results.toAbsolutePath());
	}

	private static String run(String store, LocalRedisServer redis, Duration duration) {
		try (EmnifySimulator simulator = EmnifySimulator.builder()
			.workspace(1, "Fleet")
			.user(USER, PASSWORD, 1)
			.authTokenLifetime(TOKEN_LIFETIME)
			.refreshTokenLifetime(Duration.ofMinutes(30))
			.build()
			.start()) {
			List<ConfigurableApplicationContext> instances = new ArrayList<>();
			try {
				for (int i = 0; i < INSTANCES; i++) {
					instances.add(instance(simulator, redis, store));
				}
				List<Load.Result> results = Flux.fromIterable(instances)
					.flatMap((instance) -> Mono
						.fromCallable(() -> Load.run(instance.getBean("emnifyWebClient", WebClient.class),
								CALLERS_PER_INSTANCE, duration, false))
						.subscribeOn(Schedulers.boundedElastic()))
					.collectList()
					.blockOptional()
					.orElseThrow();
				long requests = results.stream().mapToLong((result) -> result.histogram().getTotalCount()).sum();
				long failed = results.stream().mapToLong(Load.Result::failures).sum();
				SimulatorCounters counters = simulator.counters();
				long periods = duration.toMillis() / RENEWAL_PERIOD.toMillis();
				return String.format("| %s | %d | %d | %d | %d | %d | %d | %.2f |", store, requests, failed,
						counters.passwordLogins(), counters.refreshes(), counters.authenticateRequests(), periods,
						(double) counters.authenticateRequests() / periods);
			}
			finally {
				instances.forEach(ConfigurableApplicationContext::close);
			}
		}
	}

	private static ConfigurableApplicationContext instance(EmnifySimulator simulator, LocalRedisServer redis,
			String store) {
		String key = Base64.getEncoder()
			.encodeToString("fleet-benchmark-key-32-bytes-ok!".getBytes(StandardCharsets.US_ASCII));
		return new SpringApplicationBuilder(EmnifyBenchmarks.BenchmarkApplication.class).web(WebApplicationType.NONE)
			.properties("emnify.base-url=" + simulator.baseUrl(), "emnify.username=" + USER,
					"emnify.password=" + PASSWORD, "emnify.token-store.type=" + store,
					"emnify.token-store.encryption-key=" + key, "spring.data.redis.host=127.0.0.1",
					"spring.data.redis.port=" + redis.port(), "logging.level.root=WARN", "spring.main.banner-mode=off")
			.run();
	}

}
