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
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import io.github.iotstarters.emnify.auth.test.EmnifySimulator;
import io.github.iotstarters.emnify.auth.testsupport.LocalRedisCluster;
import io.github.iotstarters.emnify.auth.testsupport.LocalRedisServer;

/**
 * The rate-limit rows: a job of 1,000 endpoint-list requests from 64 concurrent callers
 * against the simulator with emnify's limits on (10 list requests a second per
 * organisation, a burst of 5, 2,000 per 5 minutes per address), done by one instance and
 * by five, without pacing (as before the starter paced), with a limiter per instance
 * (each instance's own buckets, what a Resilience4j {@code RateLimiter} gives), and with
 * the buckets shared through a real Redis server and a real Redis Cluster. Reports the
 * job's time against the time emnify's limits allow ({@code (1000 - 5) / 10} seconds),
 * the 429s the simulator answered and the 429s that reached callers.
 */
public final class RateLimitBenchmark {

	private static final int JOB = 1000;

	private static final int CALLERS = 64;

	// The burst goes at once, then 10 a second: the shortest time emnify allows.
	private static final Duration ALLOWED = Duration.ofMillis((JOB - 5) * 100L);

	private static final String USER = "limits@example.org";

	private static final String PASSWORD = "limits-password";

	private RateLimitBenchmark() {
	}

	public static void main(String[] args) throws IOException {
		Path output = BenchmarkSetup.outputDirectory();
		Files.createDirectories(output);
		StringBuilder report = new StringBuilder();
		report.append("## Rate limits: ")
			.append(JOB)
			.append(" endpoint-list requests, ")
			.append(CALLERS)
			.append(" callers, emnify's limits at the simulator; the limits allow ")
			.append(ALLOWED.toMillis() / 1000.0)
			.append(" s\n\n");
		report.append("| pacing | instances | buckets | job time (s) | job / allowed | answered 429 | 429s to callers "
				+ "| failed |\n");
		report.append("|---|---|---|---|---|---|---|---|\n");
		try (LocalRedisServer redis = LocalRedisServer.start(); LocalRedisCluster cluster = LocalRedisCluster.start()) {
			List<String> standalone = BenchmarkSetup.redisStore(redis);
			List<String> clustered = BenchmarkSetup.redisClusterStore(cluster);
			List<String> off = List.of("emnify.rate-limit.enabled=false");
			report.append(row("none (before)", 1, "-", off)).append('\n');
			report.append(row("per instance", 1, "memory", List.of())).append('\n');
			report.append(row("none (before)", 5, "-", off)).append('\n');
			report.append(row("per instance", 5, "memory", List.of())).append('\n');
			redis.cli("FLUSHALL");
			report.append(row("shared", 5, "redis", standalone)).append('\n');
			cluster.flushAll();
			report.append(row("shared", 5, "redis cluster", clustered)).append('\n');
		}
		Path results = output.resolve("rate-limit-results.md");
		Files.writeString(results, report);
		System.out.println(report);
		System.out.println("Written: " + results.toAbsolutePath());
	}

	private static String row(String pacing, int count, String buckets, List<String> properties) {
		try (EmnifySimulator simulator = EmnifySimulator.builder()
			.workspace(1, "Limits", 20, 20)
			.user(USER, PASSWORD, 1)
			.build()
			.start()) {
			List<ConfigurableApplicationContext> instances = new ArrayList<>();
			try {
				for (int i = 0; i < count; i++) {
					instances.add(BenchmarkSetup.fleetInstance(simulator, USER, PASSWORD, properties));
				}
				List<WebClient> clients = instances.stream()
					.map((instance) -> instance.getBean("emnifyWebClient", WebClient.class))
					.toList();
				// The login is no part of the job.
				clients.forEach((client) -> send(client).block());
				long refusalsBefore = simulator.counters().apiRateLimitRefusals();
				AtomicLong tooMany = new AtomicLong();
				AtomicLong failed = new AtomicLong();
				long started = System.nanoTime();
				Flux.range(0, JOB).flatMap((i) -> send(clients.get(i % count)).doOnNext((status) -> {
					if (status == 429) {
						tooMany.incrementAndGet();
					}
				}).onErrorResume((ex) -> {
					failed.incrementAndGet();
					return Mono.empty();
				}), CALLERS).blockLast(Duration.ofMinutes(10));
				Duration job = Duration.ofNanos(System.nanoTime() - started);
				long answered = simulator.counters().apiRateLimitRefusals() - refusalsBefore;
				return String.format("| %s | %d | %s | %.1f | %.3f | %d | %d | %d |", pacing, count, buckets,
						job.toMillis() / 1000.0, (double) job.toNanos() / ALLOWED.toNanos(), answered, tooMany.get(),
						failed.get());
			}
			finally {
				instances.forEach(ConfigurableApplicationContext::close);
			}
		}
	}

	private static Mono<Integer> send(WebClient client) {
		return client.get()
			.uri("/api/v1/endpoint?per_page=5")
			.exchangeToMono((response) -> response.releaseBody().thenReturn(response.statusCode().value()));
	}

}
