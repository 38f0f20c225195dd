package io.github.iotstarters.emnify.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.HdrHistogram.Recorder;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.web.reactive.function.client.WebClient;

/**
 * Closed-loop load: a number of callers, each sending its next request as soon as the
 * previous one is answered, for a given time. Latencies go into an HDR histogram, and
 * optionally into a timeline for the chart.
 */
final class Load {

	private Load() {
	}

	static Result run(WebClient client, int concurrency, Duration duration, boolean timeline) {
		Recorder recorder = new Recorder(3);
		AtomicLong failures = new AtomicLong();
		List<long[]> samples = timeline ? new ArrayList<>() : List.of();
		long start = System.nanoTime();
		long deadline = start + duration.toNanos();
		Flux.range(0, concurrency)
			.flatMap((worker) -> Mono.defer(() -> {
				long sent = System.nanoTime();
				return client.get()
					.uri("/api/v1/sim")
					.retrieve()
					.toBodilessEntity()
					.doOnNext((entity) -> {
						long latency = System.nanoTime() - sent;
						recorder.recordValue(latency);
						if (timeline) {
							synchronized (samples) {
								samples.add(new long[] { sent - start, latency });
							}
						}
					})
					.onErrorResume((ex) -> {
						failures.incrementAndGet();
						return Mono.empty();
					});
			}).repeat(() -> System.nanoTime() < deadline), concurrency)
			.blockLast();
		double seconds = (System.nanoTime() - start) / 1e9;
		return new Result(recorder.getIntervalHistogram(), seconds, failures.get(), samples);
	}

	record Result(org.HdrHistogram.Histogram histogram, double seconds, long failures, List<long[]> timeline) {

		double throughput() {
			return this.histogram.getTotalCount() / this.seconds;
		}

		double p50Micros() {
			return this.histogram.getValueAtPercentile(50) / 1000.0;
		}

		double p99Micros() {
			return this.histogram.getValueAtPercentile(99) / 1000.0;
		}

	}

}
