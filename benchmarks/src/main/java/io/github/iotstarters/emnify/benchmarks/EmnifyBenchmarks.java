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
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.HdrHistogram.Histogram;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.Assert;
import org.springframework.util.unit.DataSize;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;

import io.github.iotstarters.emnify.auth.EmnifyAuthenticationListener;
import io.github.iotstarters.emnify.auth.EmnifyCredentials;
import io.github.iotstarters.emnify.auth.EmnifyTokenProvider;
import io.github.iotstarters.emnify.auth.web.Bucket4jRateLimitBuckets;
import io.github.iotstarters.emnify.auth.web.EmnifyAuthenticationFilter;
import io.github.iotstarters.emnify.auth.web.EmnifyRateLimits;

/**
 * Measures emnifyWebClient against a baseline WebClient from the same Boot builder that
 * sends a fixed bearer header, against Spring Security's OAuth2 client filter (client
 * credentials on a loopback token endpoint, same builder), and against a plain
 * {@code WebClient.create()}: steady-state throughput and latency, token-endpoint calls
 * under a stampede, latency while renewing with a slow token endpoint (drawn as a chart),
 * and allocation per request. All on one loopback server in one run.
 * <p>
 * Arguments: seconds each steady-state comparison of a variant with the baseline runs
 * (default 60), then, optionally, the keys of the steady-state comparisons to run (see
 * {@link #steadyStateRows}; default all), such as {@code 30 baseline emnifyWebClient
 * emnifyWebClientPost}.
 */
public final class EmnifyBenchmarks {

	private final LoopbackServer server;

	private final WebClient.Builder bootBuilder;

	private final String bearerHeader;

	private final StringBuilder report = new StringBuilder();

	private EmnifyBenchmarks(LoopbackServer server, WebClient.Builder bootBuilder, String bearerHeader) {
		this.server = server;
		this.bootBuilder = bootBuilder;
		this.bearerHeader = bearerHeader;
	}

	public static void main(String[] args) throws IOException {
		Duration measure = Duration.ofSeconds((args.length > 0) ? Long.parseLong(args[0]) : 60);
		List<String> rows = (args.length > 1) ? List.of(args).subList(1, args.length) : List.of();
		Path output = Files.createDirectories(BenchmarkSetup.outputDirectory());
		try (LoopbackServer server = new LoopbackServer();
				ConfigurableApplicationContext context = BenchmarkSetup.applicationContext(server)) {
			EmnifyBenchmarks benchmarks = new EmnifyBenchmarks(server, context.getBean(WebClient.Builder.class),
					BenchmarkSetup.bearerHeader(context));
			WebClient emnifyWebClient = context.getBean("emnifyWebClient", WebClient.class);
			benchmarks.steadyState(emnifyWebClient, measure, rows);
			benchmarks.stampede();
			benchmarks.renewalWithSlowTokenEndpoint(output.resolve("renewal-latency"));
			benchmarks.allocation(emnifyWebClient);
			Path results = output.resolve("benchmark-results.md");
			Files.writeString(results, benchmarks.report);
			System.out.println(benchmarks.report);
			System.out.println("Written: " + results.toAbsolutePath() + " and renewal-latency.png beside it");
		}
	}

	/**
	 * The steady-state comparisons by key, each a variant's client and the request it and
	 * the baseline send.
	 * @param emnifyWebClient the starter's bean, for the rows that measure it
	 * @return the comparisons in the order of the report's rows, by key
	 */
	private Map<String, Row> steadyStateRows(WebClient emnifyWebClient) {
		Map<String, Row> rows = new LinkedHashMap<>();
		// The baseline's row is a second baseline client against the first, the control:
		// its interval shows what the method resolves.
		rows.put("baseline", new Row("baseline (control: a second baseline client)",
				BenchmarkSetup.baseline(this.bootBuilder, this.server, this.bearerHeader), Load.Request.GET));
		rows.put("emnifyWebClient", new Row("emnifyWebClient", emnifyWebClient, Load.Request.GET));
		rows.put("emnifyWebClientPost",
				new Row("emnifyWebClient, POST with 1 kB JSON body", emnifyWebClient, Load.Request.POST));
		rows.put("springSecurity",
				new Row("Spring Security OAuth2 filter (same builder)",
						BenchmarkSetup.springSecurity(this.bootBuilder, this.server, Duration.ofSeconds(60)),
						Load.Request.GET));
		rows.put("webClientCreate", new Row("WebClient.create(), same bearer header (reference)",
				BenchmarkSetup.plainWebClient(this.server, this.bearerHeader), Load.Request.GET));
		return rows;
	}

	private void steadyState(WebClient emnifyWebClient, Duration measure, List<String> selected) {
		WebClient baseline = BenchmarkSetup.baseline(this.bootBuilder, this.server, this.bearerHeader);
		Map<String, Row> all = steadyStateRows(emnifyWebClient);
		List<Row> rows = new ArrayList<>();
		for (String key : selected.isEmpty() ? all.keySet() : selected) {
			Row row = all.get(key);
			Assert.isTrue(row != null, () -> "No steady-state comparison '" + key + "'; there are " + all.keySet());
			rows.add(row);
		}
		// Concurrency 1 alternates the two clients request by request; concurrency 64
		// runs
		// them block by block, in short blocks, so that neighbouring blocks see the same
		// machine.
		Duration pairedBlock = Duration.ofSeconds(2);
		Duration alternatingBlock = Duration.ofMillis(250);
		line("## Steady state, token cached");
		line("");
		line("Each variant against the baseline for " + measure.toSeconds()
				+ " s: at concurrency 1 in turns, request by " + "request, in blocks of " + pairedBlock.toSeconds()
				+ " s; at concurrency 64 in alternating blocks of " + alternatingBlock.toMillis()
				+ " ms. Both send the same request: a GET, or a POST with a " + Load.Request.JSON_BODY.length
				+ "-byte JSON body where the row says so. Ratios are geometric means "
				+ "over the blocks, with their 95% confidence interval; in brackets the baseline's latency in the same "
				+ "blocks.");
		line("");
		line("| variant | concurrency | requests/s | throughput vs baseline | CPU per request vs baseline | p50 µs "
				+ "| p99 µs |");
		line("|---|---|---|---|---|---|---|");
		for (int concurrency : new int[] { 1, 64 }) {
			rows.stream()
				.map(Row::request)
				.distinct()
				.forEach((request) -> Load.run(baseline, request, concurrency, Duration.ofSeconds(5), false));
			for (Row row : rows) {
				Load.run(row.client(), row.request(), concurrency, Duration.ofSeconds(5), false);
			}
			Duration block = (concurrency == 1) ? pairedBlock : alternatingBlock;
			int blocks = (int) (measure.toMillis() / ((concurrency == 1) ? block.toMillis() : 2 * block.toMillis()));
			for (Row row : rows) {
				Load.Comparison comparison = Load.compare(baseline, row.client(), row.request(), concurrency, blocks,
						block);
				Assert.state(comparison.failures() == 0,
						() -> row.name() + ": " + comparison.failures() + " failed requests");
				line(String.format(Locale.ROOT, "| %s | %d | %.0f | %s | %s | %.0f (%.0f) | %.0f (%.0f) |", row.name(),
						concurrency, comparison.throughput(), comparison.throughputRatio(),
						comparison.cpuRatio().map(Load.Ratio::toString).orElse("–"), micros(comparison.variant, 50),
						micros(comparison.baseline, 50), micros(comparison.variant, 99),
						micros(comparison.baseline, 99)));
			}
		}
		Assert.state(this.server.emnifyLogins.get() == 1,
				() -> "emnifyWebClient logged in while measured: " + this.server.emnifyLogins.get() + " logins");
		line("");
	}

	private static double micros(Histogram histogram, double percentile) {
		return histogram.getValueAtPercentile(percentile) / 1000.0;
	}

	private void stampede() {
		line("## Stampede: 1,000 concurrent requests, token-endpoint calls");
		line("");
		line("| moment | emnifyWebClient | Spring Security OAuth2 filter |");
		line("|---|---|---|");
		this.server.tokenLifetime.set(Duration.ofSeconds(3));
		WebClient emnify = emnify();
		WebClient security = BenchmarkSetup.springSecurity(this.bootBuilder, this.server, Duration.ZERO);
		line(String.format("| cold start | %d | %d |", stampedeCalls(emnify, true), stampedeCalls(security, false)));
		sleep(Duration.ofMillis(3500));
		line(String.format("| at expiry | %d | %d |", stampedeCalls(emnify, true), stampedeCalls(security, false)));
		this.server.tokenLifetime.set(Duration.ofHours(4));
		line("");
	}

	private int stampedeCalls(WebClient client, boolean emnify) {
		this.server.reset();
		Flux.range(0, 1000).flatMap((i) -> Load.request(client), 1000).blockLast();
		return emnify ? this.server.emnifyLogins.get() : this.server.oauthTokens.get();
	}

	private void renewalWithSlowTokenEndpoint(Path chartFile) throws IOException {
		this.server.tokenLifetime.set(Duration.ofSeconds(6));
		this.server.tokenDelay.set(Duration.ofMillis(500));
		WebClient emnify = emnify();
		WebClient security = BenchmarkSetup.springSecurity(this.bootBuilder, this.server, Duration.ofSeconds(2));
		// The first login is no renewal: take it before measuring.
		Load.send(emnify);
		Load.send(security);
		this.server.reset();
		Load.Result emnifyRun = Load.run(emnify, 16, Duration.ofSeconds(20), true);
		List<Long> emnifyRenewals = List.copyOf(this.server.tokenRequests);
		this.server.reset();
		Load.Result securityRun = Load.run(security, 16, Duration.ofSeconds(20), true);
		List<Long> securityRenewals = List.copyOf(this.server.tokenRequests);
		Duration window = this.server.tokenDelay.get();
		this.server.tokenDelay.set(Duration.ZERO);
		this.server.tokenLifetime.set(Duration.ofHours(4));
		line("## Renewal with a slow token endpoint (500 ms), six-second tokens, concurrency 16, 20 s");
		line("");
		line("A request is in a renewal window when it was sent while the token endpoint was answering.");
		line("");
		line("| variant | token-endpoint calls | requests | failed | in renewal windows | p99 µs in renewal windows "
				+ "| p99 µs otherwise | max ms |");
		line("|---|---|---|---|---|---|---|---|");
		renewalRow("emnifyWebClient", emnifyRun, emnifyRenewals, window);
		renewalRow("Spring Security OAuth2 filter", securityRun, securityRenewals, window);
		line("");
		XYChart chart = new XYChartBuilder().width(1000)
			.height(500)
			.title("Request latency across token renewals (token endpoint answers in 500 ms)")
			.xAxisTitle("time (s)")
			.yAxisTitle("latency (ms)")
			.build();
		chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
		chart.getStyler().setMarkerSize(3);
		addSeries(chart, "Spring Security OAuth2 filter", securityRun);
		addSeries(chart, "emnifyWebClient", emnifyRun);
		BitmapEncoder.saveBitmap(chart, chartFile.toString(), BitmapEncoder.BitmapFormat.PNG);
	}

	/**
	 * A row of the renewal table: the requests sent while the token endpoint was
	 * answering a renewal against the others.
	 * @param name the variant's name in the table
	 * @param run the variant's run, with its timeline
	 * @param renewals when the token endpoint received each request
	 * ({@link System#nanoTime()})
	 * @param window how long it took to answer
	 */
	private void renewalRow(String name, Load.Result run, List<Long> renewals, Duration window) {
		Histogram inWindows = new Histogram(3);
		Histogram otherwise = new Histogram(3);
		for (long[] sample : run.timeline()) {
			long sent = sample[0];
			boolean inWindow = renewals.stream().anyMatch((start) -> sent >= start && sent < start + window.toNanos());
			(inWindow ? inWindows : otherwise).recordValue(sample[1]);
		}
		line(String.format(Locale.ROOT, "| %s | %d | %d | %d | %d | %.0f | %.0f | %.1f |", name, renewals.size(),
				run.histogram().getTotalCount(), run.failures(), inWindows.getTotalCount(), micros(inWindows, 99),
				micros(otherwise, 99), run.histogram().getMaxValue() / 1e6));
	}

	private static void addSeries(XYChart chart, String name, Load.Result run) {
		long origin = run.timeline().stream().mapToLong((sample) -> sample[0]).min().orElse(0);
		List<Double> times = new ArrayList<>();
		List<Double> latencies = new ArrayList<>();
		for (long[] sample : run.timeline()) {
			times.add((sample[0] - origin) / 1e9);
			latencies.add(sample[1] / 1e6);
		}
		chart.addSeries(name, times, latencies);
	}

	private void allocation(WebClient emnifyWebClient) {
		WebClient baseline = BenchmarkSetup.baseline(this.bootBuilder, this.server, this.bearerHeader);
		line("## Allocation per request (all threads, concurrency 1, 20,000 requests)");
		line("");
		line("| variant | request | bytes/request |");
		line("|---|---|---|");
		for (Load.Request request : Load.Request.values()) {
			allocationRow("baseline (Boot builder, fixed bearer header)", baseline, request);
			allocationRow("emnifyWebClient", emnifyWebClient, request);
		}
		line("");
	}

	private void allocationRow(String name, WebClient client, Load.Request request) {
		Load.run(client, request, 1, Duration.ofSeconds(2), false);
		long before = allocatedBytes();
		Flux.range(0, 20_000).concatMap((i) -> request.on(client)).blockLast();
		line(String.format("| %s | %s | %d |", name, request, (allocatedBytes() - before) / 20_000));
	}

	private static long allocatedBytes() {
		com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
		long total = 0;
		for (long allocated : threads.getThreadAllocatedBytes(threads.getAllThreadIds())) {
			total += Math.max(0, allocated);
		}
		return total;
	}

	private WebClient emnify() {
		URI baseUrl = URI.create(this.server.baseUrl());
		EmnifyTokenProvider tokens = EmnifyTokenProvider
			.builder(this.bootBuilder, baseUrl, EmnifyCredentials.applicationToken("benchmark"))
			.build();
		// Without pacing: these rows compare logins and renewals with Spring Security's
		// filter, which paces nothing.
		return this.bootBuilder.clone()
			.baseUrl(this.server.baseUrl())
			.filter(new EmnifyAuthenticationFilter(tokens, baseUrl, EmnifyAuthenticationListener.NONE,
					DataSize.ofMegabytes(1), EmnifyRateLimits.none(), Bucket4jRateLimitBuckets.inThisJvm()))
			.build();
	}

	private void line(String text) {
		this.report.append(text).append('\n');
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * A steady-state comparison: a variant's client, and the request that it and the
	 * baseline send.
	 */
	private record Row(String name, WebClient client, Load.Request request) {

	}

}
