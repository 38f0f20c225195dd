package io.github.iotstarters.emnify.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import reactor.core.publisher.Flux;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.security.oauth2.client.AuthorizedClientServiceReactiveOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.InMemoryReactiveOAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientProviderBuilder;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.InMemoryReactiveClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.reactive.function.client.ServerOAuth2AuthorizedClientExchangeFilterFunction;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.web.reactive.function.client.WebClient;

import io.github.iotstarters.emnify.auth.EmnifyAuthenticationFilter;
import io.github.iotstarters.emnify.auth.EmnifyCredentials;
import io.github.iotstarters.emnify.auth.EmnifyTokenProvider;

/**
 * Measures emnifyWebClient against a baseline WebClient from the same Boot builder that
 * sends a fixed bearer header, against Spring Security's OAuth2 client filter (client
 * credentials on a loopback token endpoint, same builder), and against a plain
 * {@code WebClient.create()}: steady-state throughput and latency, token-endpoint calls
 * under a stampede, latency while renewing with a slow token endpoint (drawn as a chart),
 * and allocation per request. All on one loopback server in one run.
 * <p>
 * Argument: seconds of measurement per steady-state run (default 8).
 */
public final class EmnifyBenchmarks {

	private static final String STATIC_TOKEN = "Bearer static-token";

	private final LoopbackServer server;

	private final WebClient.Builder bootBuilder;

	private final StringBuilder report = new StringBuilder();

	private EmnifyBenchmarks(LoopbackServer server, WebClient.Builder bootBuilder) {
		this.server = server;
		this.bootBuilder = bootBuilder;
	}

	public static void main(String[] args) throws IOException {
		Duration measure = Duration.ofSeconds((args.length > 0) ? Long.parseLong(args[0]) : 8);
		// exec:java runs in Maven's working directory: the project root or this module.
		Path output = Files.isDirectory(Path.of("benchmarks")) ? Path.of("benchmarks", "target") : Path.of("target");
		Files.createDirectories(output);
		try (LoopbackServer server = new LoopbackServer();
				ConfigurableApplicationContext context = new SpringApplicationBuilder(BenchmarkApplication.class)
					.web(WebApplicationType.NONE)
					.properties("emnify.base-url=" + server.baseUrl(), "emnify.application-token=benchmark",
							"logging.level.root=WARN", "spring.main.banner-mode=off")
					.run()) {
			EmnifyBenchmarks benchmarks = new EmnifyBenchmarks(server, context.getBean(WebClient.Builder.class));
			WebClient emnifyWebClient = context.getBean("emnifyWebClient", WebClient.class);
			benchmarks.steadyState(emnifyWebClient, measure);
			benchmarks.stampede();
			benchmarks.renewalWithSlowTokenEndpoint(output.resolve("renewal-latency"));
			benchmarks.allocation(emnifyWebClient);
			Path results = output.resolve("benchmark-results.md");
			Files.writeString(results, benchmarks.report);
			System.out.println(benchmarks.report);
			System.out.println("Written: " + results.toAbsolutePath() + " and renewal-latency.png beside it");
		}
	}

	private void steadyState(WebClient emnifyWebClient, Duration measure) {
		Map<String, WebClient> variants = new LinkedHashMap<>();
		variants.put("baseline (Boot builder, fixed bearer header)",
				this.bootBuilder.clone().baseUrl(this.server.baseUrl())
					.defaultHeader(HttpHeaders.AUTHORIZATION, STATIC_TOKEN).build());
		variants.put("emnifyWebClient", emnifyWebClient);
		variants.put("Spring Security OAuth2 filter (same builder)", springSecurity(Duration.ofSeconds(60)));
		variants.put("WebClient.create(), fixed bearer header (reference)",
				WebClient.builder().baseUrl(this.server.baseUrl())
					.defaultHeader(HttpHeaders.AUTHORIZATION, STATIC_TOKEN).build());
		line("## Steady state, token cached");
		line("");
		line("| variant | concurrency | requests/s | vs baseline | p50 µs | p99 µs |");
		line("|---|---|---|---|---|---|");
		for (int concurrency : new int[] { 1, 64 }) {
			for (WebClient client : variants.values()) {
				Load.run(client, concurrency, Duration.ofSeconds(5), false);
			}
			// Three rounds in rotating order, so warm-up and machine drift favour no variant;
			// each variant's median round counts.
			Map<String, List<Load.Result>> rounds = new LinkedHashMap<>();
			List<String> names = new ArrayList<>(variants.keySet());
			for (int round = 0; round < 3; round++) {
				for (String name : names) {
					rounds.computeIfAbsent(name, (key) -> new ArrayList<>())
						.add(Load.run(variants.get(name), concurrency, measure, false));
				}
				Collections.rotate(names, 1);
			}
			Map<String, Load.Result> medians = new LinkedHashMap<>();
			rounds.forEach((name, results) -> medians.put(name, results.stream()
				.sorted(Comparator.comparingDouble(Load.Result::throughput))
				.toList()
				.get(1)));
			double baseline = medians.values().iterator().next().throughput();
			medians.forEach((name, result) -> line(String.format(Locale.ROOT, "| %s | %d | %.0f | %.3f | %.0f | %.0f |",
					name, concurrency, result.throughput(), result.throughput() / baseline, result.p50Micros(),
					result.p99Micros())));
		}
		line("");
	}

	private void stampede() {
		line("## Stampede: 1,000 concurrent requests, token-endpoint calls");
		line("");
		line("| moment | emnifyWebClient | Spring Security OAuth2 filter |");
		line("|---|---|---|");
		this.server.tokenLifetime.set(Duration.ofSeconds(3));
		WebClient emnify = emnify();
		WebClient security = springSecurity(Duration.ZERO);
		line(String.format("| cold start | %d | %d |", stampedeCalls(emnify, true), stampedeCalls(security, false)));
		sleep(Duration.ofMillis(3500));
		line(String.format("| at expiry | %d | %d |", stampedeCalls(emnify, true), stampedeCalls(security, false)));
		this.server.tokenLifetime.set(Duration.ofHours(4));
		line("");
	}

	private int stampedeCalls(WebClient client, boolean emnify) {
		this.server.reset();
		Flux.range(0, 1000)
			.flatMap((i) -> client.get().uri("/api/v1/sim").retrieve().toBodilessEntity(), 1000)
			.blockLast();
		return emnify ? this.server.emnifyLogins.get() : this.server.oauthTokens.get();
	}

	private void renewalWithSlowTokenEndpoint(Path chartFile) throws IOException {
		this.server.tokenLifetime.set(Duration.ofSeconds(6));
		this.server.tokenDelay.set(Duration.ofMillis(500));
		WebClient emnify = emnify();
		WebClient security = springSecurity(Duration.ofSeconds(2));
		// The first login is no renewal: take it before measuring.
		emnify.get().uri("/api/v1/sim").retrieve().toBodilessEntity().block();
		security.get().uri("/api/v1/sim").retrieve().toBodilessEntity().block();
		Load.Result emnifyRun = Load.run(emnify, 16, Duration.ofSeconds(20), true);
		Load.Result securityRun = Load.run(security, 16, Duration.ofSeconds(20), true);
		this.server.tokenDelay.set(Duration.ZERO);
		this.server.tokenLifetime.set(Duration.ofHours(4));
		line("## Renewal with a slow token endpoint (500 ms), six-second tokens, concurrency 16, 20 s");
		line("");
		line("| variant | requests | p50 µs | p99 µs | max ms |");
		line("|---|---|---|---|---|");
		for (Map.Entry<String, Load.Result> run : Map.of("emnifyWebClient", emnifyRun,
				"Spring Security OAuth2 filter", securityRun).entrySet()) {
			Load.Result result = run.getValue();
			line(String.format(Locale.ROOT, "| %s | %d | %.0f | %.0f | %.1f |", run.getKey(),
					result.histogram().getTotalCount(), result.p50Micros(), result.p99Micros(),
					result.histogram().getMaxValue() / 1e6));
		}
		line("");
		XYChart chart = new XYChartBuilder().width(1000).height(500)
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

	private static void addSeries(XYChart chart, String name, Load.Result run) {
		List<Double> times = new ArrayList<>();
		List<Double> latencies = new ArrayList<>();
		for (long[] sample : run.timeline()) {
			times.add(sample[0] / 1e9);
			latencies.add(sample[1] / 1e6);
		}
		chart.addSeries(name, times, latencies);
	}

	private void allocation(WebClient emnifyWebClient) {
		WebClient baseline = this.bootBuilder.clone().baseUrl(this.server.baseUrl())
			.defaultHeader(HttpHeaders.AUTHORIZATION, STATIC_TOKEN).build();
		line("## Allocation per request (all threads, concurrency 1, 20,000 requests)");
		line("");
		line("| variant | bytes/request |");
		line("|---|---|");
		for (Map.Entry<String, WebClient> variant : Map.of("baseline (Boot builder, fixed bearer header)", baseline,
				"emnifyWebClient", emnifyWebClient).entrySet()) {
			Load.run(variant.getValue(), 1, Duration.ofSeconds(2), false);
			long before = allocatedBytes();
			Flux.range(0, 20_000)
				.concatMap((i) -> variant.getValue().get().uri("/api/v1/sim").retrieve().toBodilessEntity())
				.blockLast();
			line(String.format("| %s | %d |", variant.getKey(), (allocatedBytes() - before) / 20_000));
		}
		line("");
	}

	private static long allocatedBytes() {
		com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory
			.getThreadMXBean();
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
		return this.bootBuilder.clone().baseUrl(this.server.baseUrl())
			.filter(new EmnifyAuthenticationFilter(tokens, baseUrl)).build();
	}

	private WebClient springSecurity(Duration clockSkew) {
		ClientRegistration registration = ClientRegistration.withRegistrationId("benchmark")
			.clientId("benchmark")
			.clientSecret("secret")
			.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
			.tokenUri(this.server.baseUrl() + "/oauth/token")
			.build();
		InMemoryReactiveClientRegistrationRepository registrations = new InMemoryReactiveClientRegistrationRepository(
				registration);
		AuthorizedClientServiceReactiveOAuth2AuthorizedClientManager manager = new AuthorizedClientServiceReactiveOAuth2AuthorizedClientManager(
				registrations, new InMemoryReactiveOAuth2AuthorizedClientService(registrations));
		manager.setAuthorizedClientProvider(ReactiveOAuth2AuthorizedClientProviderBuilder.builder()
			.clientCredentials((builder) -> builder.clockSkew(clockSkew))
			.build());
		ServerOAuth2AuthorizedClientExchangeFilterFunction filter = new ServerOAuth2AuthorizedClientExchangeFilterFunction(
				manager);
		filter.setDefaultClientRegistrationId("benchmark");
		return this.bootBuilder.clone().baseUrl(this.server.baseUrl()).filter(filter).build();
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

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class BenchmarkApplication {

	}

}
