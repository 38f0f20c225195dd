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

import java.io.File;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.springframework.http.ResponseEntity;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * JMH benchmark at concurrency 1: one thread sends a request to the loopback server and
 * blocks on the answer before it sends the next. Every variant is compared with the
 * baseline, a {@link WebClient} from Spring Boot's builder sending the bearer header that
 * emnifyWebClient sends, all from one application context built as
 * {@link EmnifyBenchmarks} builds it (see {@link BenchmarkClients#variant} for the
 * variants). emnifyWebClient's token is obtained once in setup; teardown fails the run if
 * the measured loop logged in again.
 * <p>
 * On a small machine forks settle at different levels (the same client ran at 100 and at
 * 140 µs per request in two forks of one run), which hides a difference of a few percent
 * between clients measured in forks of their own. So {@link #paired(PairTimes)} sends the
 * baseline's and the variant's requests in turns in the same JVM and times each, and
 * {@link #main} prints their ratio; {@link #alone()} measures the variant on its own, for
 * its allocation per request ({@code gc.alloc.rate.norm}).
 * <p>
 * Run from the repository root (about twenty minutes with the defaults): <pre>
 * ./mvnw -B -q -Pbenchmarks -pl benchmarks -am compile exec:java \
 *     -Dexec.mainClass=io.github.iotstarters.emnify.benchmarks.JmhBenchmarks
 * </pre> Defaults: every variant with each request, {@code paired} in 3 forks of 12
 * warm-up and 10 measured iterations of 2 s each (warm-up takes some 16 s on two cores),
 * {@code alone} in one shorter fork; the GC profiler; results also written to
 * {@code benchmarks/target/jmh-results.json}. JMH command-line options in
 * {@code -Dexec.args} replace these defaults, for example
 * {@code -Dexec.args="paired -p variant=emnifyWebClient -p request=POST -f 6"}, and
 * {@code -Dexec.args=FilterPartsBenchmarks} runs {@link FilterPartsBenchmarks}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Threads(1)
@Fork(value = 3, jvmArgsAppend = { "-Xms1g", "-Xmx1g" })
@Warmup(iterations = 12, time = 2)
@Measurement(iterations = 10, time = 2)
@State(Scope.Benchmark)
public class JmhBenchmarks {

	/**
	 * The client measured against the baseline, by its name in
	 * {@link BenchmarkClients#variant(String)}: {@code baseline} (the control),
	 * {@code emnifyWebClient}, {@code springSecurity} or {@code webClientCreate}.
	 */
	@Param({ "baseline", "emnifyWebClient", "springSecurity", "webClientCreate" })
	public String variant;

	/**
	 * The request both clients send, a {@link Load.Request}: {@code GET}, or {@code POST}
	 * with a 1 kB JSON body, which emnifyWebClient records as it is written.
	 */
	@Param({ "GET", "POST" })
	public String request;

	private BenchmarkClients clients;

	private WebClient variantClient;

	private Load.Request sent;

	@Setup(Level.Trial)
	public void setUp() {
		this.clients = new BenchmarkClients();
		this.variantClient = this.clients.variant(this.variant);
		this.sent = Load.Request.valueOf(this.request);
		// Spring Security's filter fetches its token on first use: not in the measured
		// loop.
		this.sent.send(this.variantClient);
	}

	@TearDown(Level.Trial)
	public void tearDown() {
		this.clients.close();
	}

	/**
	 * One request with the baseline and one with the variant, in alternating order; the
	 * score is the time of the pair, and {@link PairTimes} has each client's share.
	 * @param times this thread's counters, into which each client's time is added
	 */
	@Benchmark
	public void paired(PairTimes times) {
		times.measure(this.clients.baseline, this.variantClient, this.sent);
	}

	/**
	 * The variant on its own, for its allocation per request: one fork is enough for
	 * that, and its time is not comparable with another fork's.
	 * @return the variant's response, returned so that JMH consumes it
	 */
	@Benchmark
	@Fork(value = 1, jvmArgsAppend = { "-Xms1g", "-Xmx1g" })
	@Warmup(iterations = 6, time = 2)
	@Measurement(iterations = 5, time = 2)
	public ResponseEntity<Void> alone() {
		return this.sent.send(this.variantClient);
	}

	public static void main(String[] args) throws RunnerException, CommandLineOptionException {
		exposeClasspathToForks();
		CommandLineOptions commandLine = new CommandLineOptions(args);
		ChainedOptionsBuilder options = new OptionsBuilder().parent(commandLine);
		if (commandLine.getIncludes().isEmpty()) {
			options.include(JmhBenchmarks.class.getName() + "\\.");
		}
		if (commandLine.getProfilers().isEmpty()) {
			options.addProfiler(GCProfiler.class);
		}
		if (!commandLine.getResult().hasValue()) {
			options.result(BenchmarkSetup.outputDirectory().resolve("jmh-results.json").toString())
				.resultFormat(ResultFormatType.JSON);
		}
		PairTimes.print(new Runner(options.build()).run());
	}

	/**
	 * JMH starts each fork with this JVM's {@code java.class.path}; under
	 * {@code exec:java} that is Maven's launcher, and the project's classpath is only in
	 * the class loader.
	 */
	private static void exposeClasspathToForks() {
		if (!(Thread.currentThread().getContextClassLoader() instanceof URLClassLoader loader)) {
			return;
		}
		List<String> entries = new ArrayList<>();
		for (URL url : loader.getURLs()) {
			try {
				entries.add(new File(url.toURI()).getPath());
			}
			catch (URISyntaxException | IllegalArgumentException ex) {
				throw new IllegalStateException("Classpath entry is no file: " + url, ex);
			}
		}
		if (!entries.isEmpty()) {
			System.setProperty("java.class.path", String.join(File.pathSeparator, entries));
		}
	}

}
