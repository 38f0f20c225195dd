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

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.util.ListStatistics;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Paired measurement: one request with the baseline and one with a variant, in turns and
 * in alternating order, in the same JVM, each timed. Whatever moves the whole JVM (where
 * the scheduler puts the threads, the JIT's choices, other work on the machine) moves
 * both alike, so their ratio is far steadier than the ratio of two separately forked
 * benchmarks. JMH reports the counters as sums; {@link #print} turns them into time per
 * request and the ratio, per measured iteration.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.EVENTS)
public class PairTimes {

	/**
	 * Nanoseconds the baseline's requests took in this iteration, summed.
	 */
	public long baselineNanos;

	/**
	 * Nanoseconds the variant's requests took in this iteration, summed.
	 */
	public long variantNanos;

	/**
	 * Pairs of requests sent in this iteration, one request with each client.
	 */
	public long pairs;

	@Setup(Level.Iteration)
	public void reset() {
		this.baselineNanos = 0;
		this.variantNanos = 0;
		this.pairs = 0;
	}

	void measure(WebClient baseline, WebClient variant, Load.Request request) {
		boolean baselineFirst = (this.pairs & 1) == 0;
		long start = System.nanoTime();
		request.send(baselineFirst ? baseline : variant);
		long middle = System.nanoTime();
		request.send(baselineFirst ? variant : baseline);
		long end = System.nanoTime();
		this.baselineNanos += baselineFirst ? (middle - start) : (end - middle);
		this.variantNanos += baselineFirst ? (end - middle) : (middle - start);
		this.pairs++;
	}

	/**
	 * Print, for each paired benchmark among the results, the time per request of the
	 * baseline and of the variant and the variant's throughput over the baseline's
	 * (baseline time / variant time, as the load harness reports it): mean over the
	 * measured iterations with its 99.9% confidence interval, as JMH reports scores, and
	 * the ratio of each fork with the 95% confidence interval of their mean.
	 * @param results the results of a JMH run; those without these counters are skipped
	 */
	static void print(Collection<RunResult> results) {
		for (RunResult run : results) {
			ListStatistics baseline = new ListStatistics();
			ListStatistics variant = new ListStatistics();
			ListStatistics ratio = new ListStatistics();
			ListStatistics forkRatios = new ListStatistics();
			List<String> forks = new ArrayList<>();
			for (BenchmarkResult fork : run.getBenchmarkResults()) {
				ListStatistics forkRatio = new ListStatistics();
				for (IterationResult iteration : fork.getIterationResults()) {
					Result<?> pairs = iteration.getSecondaryResults().get("pairs");
					Result<?> baselineTimes = iteration.getSecondaryResults().get("baselineNanos");
					Result<?> variantTimes = iteration.getSecondaryResults().get("variantNanos");
					if (pairs == null || baselineTimes == null || variantTimes == null) {
						break;
					}
					double baselineNanos = baselineTimes.getScore();
					double variantNanos = variantTimes.getScore();
					baseline.addValue(baselineNanos / pairs.getScore() / 1000);
					variant.addValue(variantNanos / pairs.getScore() / 1000);
					ratio.addValue(baselineNanos / variantNanos);
					forkRatio.addValue(baselineNanos / variantNanos);
				}
				if (forkRatio.getN() > 0) {
					forkRatios.addValue(forkRatio.getMean());
					forks.add(String.format(Locale.ROOT, "%.3f", forkRatio.getMean()));
				}
			}
			if (ratio.getN() == 0) {
				continue;
			}
			String name = run.getParams().getBenchmark();
			String variantName = run.getParams().getParamsKeys().contains("variant")
					? run.getParams().getParam("variant") : "emnifyWebClient";
			String request = run.getParams().getParamsKeys().contains("request") ? run.getParams().getParam("request")
					: "GET";
			System.out.printf(Locale.ROOT, "%n%s (%s against baseline, %s), %d iterations in %d forks:%n",
					name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1), variantName, request,
					ratio.getN(), forks.size());
			System.out.printf(Locale.ROOT, "  baseline          %8.3f ± %.3f µs/request%n", baseline.getMean(),
					baseline.getMeanErrorAt(0.999));
			System.out.printf(Locale.ROOT, "  %-17s %8.3f ± %.3f µs/request%n", variantName, variant.getMean(),
					variant.getMeanErrorAt(0.999));
			System.out.printf(Locale.ROOT, "  throughput ratio  %8.4f ± %.4f (99.9%%, iterations)%n", ratio.getMean(),
					ratio.getMeanErrorAt(0.999));
			// The forks' ratios scatter more than the iterations within a fork suggest.
			System.out.printf(Locale.ROOT, "  ratio per fork    %s; %.4f ± %.4f (95%%, forks)%n",
					String.join(", ", forks), forkRatios.getMean(),
					(forkRatios.getN() > 1) ? forkRatios.getMeanErrorAt(0.95) : Double.NaN);
		}
	}

}
