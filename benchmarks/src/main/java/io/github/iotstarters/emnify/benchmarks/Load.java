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

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.openjdk.jmh.util.ListStatistics;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Closed-loop load: a number of callers, each sending its next request as soon as the
 * previous one is answered, for a given time. Latencies go into an HDR histogram, and
 * optionally into a timeline of (send time as {@link System#nanoTime()}, latency) for the
 * chart.
 */
final class Load {

	/**
	 * The API endpoint every benchmark calls; the loopback server answers a GET and a
	 * POST with {@code []}.
	 */
	static final String PATH = "/api/v1/sim";

	private Load() {
	}

	/**
	 * The request every benchmark sends unless told otherwise: {@link Request#GET}.
	 * @param client the client to send it with
	 * @return the response without its body; each subscription sends the request once
	 */
	static Mono<ResponseEntity<Void>> request(WebClient client) {
		return Request.GET.on(client);
	}

	/**
	 * Send {@link #request} and wait for the answer.
	 * @param client the client to send it with
	 * @return the response without its body
	 */
	static ResponseEntity<Void> send(WebClient client) {
		return Request.GET.send(client);
	}

	static Result run(WebClient client, int concurrency, Duration duration, boolean timeline) {
		return run(client, Request.GET, concurrency, duration, timeline);
	}

	static Result run(WebClient client, Request request, int concurrency, Duration duration, boolean timeline) {
		Recorder recorder = new Recorder(3);
		AtomicLong failures = new AtomicLong();
		List<long[]> samples = timeline ? new ArrayList<>() : List.of();
		long cpuStart = processCpuNanos();
		long start = System.nanoTime();
		long deadline = start + duration.toNanos();
		Flux.range(0, concurrency).flatMap((worker) -> Mono.defer(() -> {
			long sent = System.nanoTime();
			return request.on(client).doOnNext((entity) -> {
				long latency = System.nanoTime() - sent;
				recorder.recordValue(latency);
				if (timeline) {
					synchronized (samples) {
						samples.add(new long[] { sent, latency });
					}
				}
			}).onErrorResume((ex) -> {
				failures.incrementAndGet();
				return Mono.empty();
			});
		}).repeat(() -> System.nanoTime() < deadline), concurrency).blockLast();
		double seconds = (System.nanoTime() - start) / 1e9;
		return new Result(recorder.getIntervalHistogram(), seconds, (processCpuNanos() - cpuStart) / 1e9,
				failures.get(), samples);
	}

	/**
	 * The CPU time this JVM used so far, on all its threads: client, loopback server,
	 * garbage collector. Unlike throughput, it does not move with the CPU time that the
	 * machine's other tenants take from it.
	 * @return the process's CPU time in nanoseconds
	 */
	private static long processCpuNanos() {
		return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
			.getProcessCpuTime();
	}

	/**
	 * Compare a variant with the baseline in blocks, each yielding one ratio of their
	 * throughputs, so that whatever moves the JVM or the machine during the run (by tens
	 * of percent on a small shared machine) moves both alike and the spread of the
	 * blocks' ratios gives a confidence interval. At concurrency 1 the two clients send
	 * their requests in turns within each block ({@link #paired}); at higher concurrency
	 * each block runs the two one after the other, in alternating order, because
	 * interleaved requests would share out the variant's cost between both once the
	 * machine is saturated; there the blocks also compare the CPU time per request.
	 * @param baseline the baseline client
	 * @param variant the variant's client
	 * @param request the request both clients send
	 * @param concurrency the number of callers
	 * @param blocks the number of blocks, each one ratio
	 * @param block how long a block sends pairs at concurrency 1, or how long each of its
	 * two runs takes at higher concurrency
	 * @return the comparison over all blocks
	 */
	static Comparison compare(WebClient baseline, WebClient variant, Request request, int concurrency, int blocks,
			Duration block) {
		Comparison comparison = new Comparison();
		for (int i = 0; i < blocks; i++) {
			if (concurrency == 1) {
				Result[] pair = paired(baseline, variant, request, block);
				comparison.add(pair[0], pair[1]);
			}
			else if (i % 2 == 0) {
				Result first = run(baseline, request, concurrency, block, false);
				comparison.add(first, run(variant, request, concurrency, block, false));
			}
			else {
				Result first = run(variant, request, concurrency, block, false);
				comparison.add(run(baseline, request, concurrency, block, false), first);
			}
		}
		return comparison;
	}

	/**
	 * Concurrency 1, paired: one request with the baseline and one with the variant, in
	 * turns and in alternating order, each timed into its own histogram. A failed request
	 * fails the run.
	 * @param baseline the baseline client
	 * @param variant the variant's client
	 * @param request the request both clients send
	 * @param duration how long to send pairs of requests
	 * @return the baseline's result and the variant's, each with the time spent in its
	 * own requests as its seconds
	 */
	private static Result[] paired(WebClient baseline, WebClient variant, Request request, Duration duration) {
		Recorder[] recorders = { new Recorder(3), new Recorder(3) };
		long[] busy = new long[2];
		WebClient[] clients = { baseline, variant };
		long deadline = System.nanoTime() + duration.toNanos();
		for (long pair = 0; System.nanoTime() < deadline; pair++) {
			for (int turn = 0; turn < 2; turn++) {
				int client = (int) ((pair + turn) & 1);
				long sent = System.nanoTime();
				request.send(clients[client]);
				long latency = System.nanoTime() - sent;
				recorders[client].recordValue(latency);
				busy[client] += latency;
			}
		}
		return new Result[] { new Result(recorders[0].getIntervalHistogram(), busy[0] / 1e9, Double.NaN, 0, List.of()),
				new Result(recorders[1].getIntervalHistogram(), busy[1] / 1e9, Double.NaN, 0, List.of()) };
	}

	/**
	 * The requests the benchmarks send, each defined once: both clients of a comparison
	 * send the same one.
	 */
	enum Request {

		/** A GET to {@link Load#PATH}, without a body: nothing to record for a replay. */
		GET {

			@Override
			Mono<ResponseEntity<Void>> on(WebClient client) {
				return client.get().uri(PATH).retrieve().toBodilessEntity();
			}

		},

		/**
		 * A POST to {@link Load#PATH} with {@link #JSON_BODY}, 1 kB of JSON: the body
		 * that emnifyWebClient records as it is written, to replay it after a 401.
		 */
		POST {

			@Override
			Mono<ResponseEntity<Void>> on(WebClient client) {
				return client.post()
					.uri(PATH)
					.contentType(MediaType.APPLICATION_JSON)
					.bodyValue(JSON_BODY)
					.retrieve()
					.toBodilessEntity();
			}

		};

		/**
		 * An endpoint as an emnify client might create one, 1,024 bytes of UTF-8, fixed
		 * so that no encoding is measured.
		 */
		static final byte[] JSON_BODY = ("{\"name\":\"Cold-chain tracker 0042 (warehouse Hamburg-Altona, dock 7)\","
				+ "\"tags\":\"cold-chain,reefer,eu-north,fleet-2026,firmware-4.2.1\",\"status\":{\"id\":0},"
				+ "\"service_profile\":{\"id\":482913},\"tariff_profile\":{\"id\":77321},"
				+ "\"ip_address_space\":{\"id\":3},\"ip_address\":\"10.176.42.17\",\"imei_lock\":true,"
				+ "\"imei\":\"356938035643809\",\"sim\":{\"id\":9182736,\"iccid\":\"8988303000012345678\"},"
				+ "\"runtime_data\":{\"location\":{\"latitude\":53.5511,\"longitude\":9.9937},"
				+ "\"temperature_celsius\":-18.5,\"door_open\":false,\"battery_percent\":87,"
				+ "\"last_seen\":\"2026-12-01T20:15:00Z\",\"signal\":{\"rssi\":-71,\"rsrq\":-9,\"rat\":\"LTE-M\"}},"
				+ "\"description\":\"Reefer container sensor reporting temperature, door state and position every "
				+ "five minutes over LTE-M; falls back to NB-IoT and 2G where LTE-M is not available; data usage "
				+ "capped by the service profile. Installed on 2026-11-14 by the Altona depot team, asset number "
				+ "HH-ALT-7-0042; the maintenance contract covers sensor, antenna and battery replacement "
				+ "every 24 months; spare unit HH-ALT-7-0043 is kept at the dock office for swaps.\"}")
			.getBytes(StandardCharsets.UTF_8);

		/**
		 * The request with the given client; each subscription sends it once.
		 * @param client the client to send the request with
		 * @return the response without its body
		 */
		abstract Mono<ResponseEntity<Void>> on(WebClient client);

		/**
		 * Send the request and wait for the answer.
		 * @param client the client to send the request with
		 * @return the response without its body
		 */
		ResponseEntity<Void> send(WebClient client) {
			return on(client).blockOptional().orElseThrow();
		}

	}

	/**
	 * What a run measured.
	 *
	 * @param histogram the latencies
	 * @param seconds how long it ran
	 * @param cpuSeconds the CPU time the JVM used meanwhile; {@code NaN} for a paired
	 * run, whose two clients share it
	 * @param failures requests that failed
	 * @param timeline (send time, latency) of each request, if asked for
	 */
	record Result(Histogram histogram, double seconds, double cpuSeconds, long failures, List<long[]> timeline) {

		double throughput() {
			return this.histogram.getTotalCount() / this.seconds;
		}

		double cpuPerRequest() {
			return this.cpuSeconds / this.histogram.getTotalCount();
		}

	}

	/**
	 * A variant against the baseline, block by block: the ratios of their throughputs and
	 * of their CPU time per request, and the latencies and time of each, summed over the
	 * blocks. Ratios are averaged as logarithms: the mean of the ratios themselves would
	 * favour the variant by about the square of their spread, some 1% here.
	 */
	static final class Comparison {

		final Histogram baseline = new Histogram(3);

		final Histogram variant = new Histogram(3);

		private final ListStatistics throughputRatios = new ListStatistics();

		private final ListStatistics cpuRatios = new ListStatistics();

		private double variantSeconds;

		private long failures;

		private void add(Result baseline, Result variant) {
			this.baseline.add(baseline.histogram());
			this.variant.add(variant.histogram());
			this.variantSeconds += variant.seconds();
			this.failures += baseline.failures() + variant.failures();
			this.throughputRatios.addValue(Math.log(variant.throughput() / baseline.throughput()));
			if (!Double.isNaN(variant.cpuSeconds())) {
				this.cpuRatios.addValue(Math.log(variant.cpuPerRequest() / baseline.cpuPerRequest()));
			}
		}

		/**
		 * The variant's requests per second of its own time.
		 * @return the variant's requests over the seconds its runs took
		 */
		double throughput() {
			return this.variant.getTotalCount() / this.variantSeconds;
		}

		/**
		 * The variant's throughput over the baseline's.
		 * @return the geometric mean of the blocks' throughput ratios, with its interval
		 */
		Ratio throughputRatio() {
			return Ratio.of(this.throughputRatios);
		}

		/**
		 * The variant's CPU time per request over the baseline's; none for paired blocks.
		 * @return the geometric mean of the blocks' CPU ratios, with its interval, or
		 * empty if every block was paired
		 */
		Optional<Ratio> cpuRatio() {
			return (this.cpuRatios.getN() == 0) ? Optional.empty() : Optional.of(Ratio.of(this.cpuRatios));
		}

		long failures() {
			return this.failures;
		}

	}

	/**
	 * A ratio with its 95% confidence interval.
	 *
	 * @param value the ratio: the exponential of the mean of the logarithms
	 * @param low the interval's lower bound
	 * @param high the interval's upper bound
	 */
	record Ratio(double value, double low, double high) {

		static Ratio of(ListStatistics logarithms) {
			double mean = logarithms.getMean();
			double error = logarithms.getMeanErrorAt(0.95);
			return new Ratio(Math.exp(mean), Math.exp(mean - error), Math.exp(mean + error));
		}

		@Override
		public String toString() {
			return String.format(Locale.ROOT, "%.3f (%.3f–%.3f)", this.value, this.low, this.high);
		}

	}

}
