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

package io.github.iotstarters.emnify.auth.web;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.EstimationProbe;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.distributed.AsyncBucketProxy;
import io.github.bucket4j.distributed.AsyncBucketProxyAdapter;
import io.github.bucket4j.distributed.proxy.AsyncProxyManager;
import io.github.bucket4j.distributed.proxy.optimization.Optimizations;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import io.github.iotstarters.emnify.auth.web.EmnifyRateLimits.Limit;

/**
 * {@link EmnifyRateLimitBuckets} on Bucket4j: each limit a bucket of {@code burst}
 * permits refilled greedily at {@code rate}, so that permits follow one another evenly
 * after a burst and never come faster than emnify's limit allows. A permit is reserved in
 * the bucket at once and completes when it is due, first come first served, so that
 * waiting callers neither poll nor overtake each other, and a wait longer than the bound
 * is known before anything is reserved.
 * <p>
 * The buckets live in this instance ({@link #inMemory()}), or wherever a Bucket4j
 * {@link AsyncProxyManager} keeps them ({@link #of}), such as Redis. Permits come due on
 * a daemon thread of this object's own ("emnify-rate-limit"), which only completes them;
 * {@link #close()} lets those already reserved come due, and ends it.
 */
public final class Bucket4jRateLimitBuckets implements EmnifyRateLimitBuckets, AutoCloseable {

	private final Proxies proxies;

	private final boolean shared;

	private final ScheduledExecutorService scheduler;

	// By limit, then by key: the bucket key, which names the limit's figures, is made
	// once per bucket rather than on every take.
	private final Map<Limit, Map<String, Held>> buckets = new ConcurrentHashMap<>();

	private Bucket4jRateLimitBuckets(Proxies proxies, boolean shared, ScheduledExecutorService scheduler) {
		this.proxies = proxies;
		this.shared = shared;
		this.scheduler = scheduler;
	}

	/**
	 * Create buckets that live in this instance, on {@link System#nanoTime()}: for one
	 * instance, or for instances that each have an IP address and an organisation of
	 * their own.
	 * @return the buckets
	 */
	public static Bucket4jRateLimitBuckets inMemory() {
		return inMemory(TimeMeter.SYSTEM_NANOTIME, newScheduler(), true);
	}

	/**
	 * Return the buckets of this JVM that every filter and interceptor created without
	 * buckets of its own shares, so that two clients of one application count against one
	 * budget. Created on first use and never closed (its thread is a daemon): do not
	 * close them.
	 * @return the buckets
	 */
	public static Bucket4jRateLimitBuckets inThisJvm() {
		return InThisJvm.BUCKETS;
	}

	/**
	 * Create buckets that live in this instance and start empty, their first permit one
	 * refill away: for an instance that takes over from shared buckets whose state it
	 * cannot see (Redis does not answer). Buckets that started full would give each
	 * instance of the fleet a burst of its own at that moment, and emnify 429s.
	 * @return the buckets
	 */
	public static Bucket4jRateLimitBuckets inMemoryStartingEmpty() {
		return inMemory(TimeMeter.SYSTEM_NANOTIME, newScheduler(), false);
	}

	/**
	 * Create buckets in this instance on the given clock, whose permits come due on the
	 * given scheduler.
	 * @param clock the clock the buckets refill by
	 * @param scheduler the scheduler that completes permits when they are due
	 * @param full whether a new bucket starts full, or empty
	 * @return the buckets
	 */
	static Bucket4jRateLimitBuckets inMemory(TimeMeter clock, ScheduledExecutorService scheduler, boolean full) {
		return new Bucket4jRateLimitBuckets((key, limit) -> {
			Bucket local = Bucket.builder().addLimit(bandwidth(limit, full)).withCustomTimePrecision(clock).build();
			return new Held(AsyncBucketProxyAdapter.fromSync(local), local);
		}, false, scheduler);
	}

	/**
	 * Create buckets that live wherever a Bucket4j proxy manager keeps them, shared by
	 * every instance that uses the same store. Each instance batches its concurrent
	 * commands for one bucket into one.
	 * @param proxyManager the proxy manager, keyed by the bucket keys that this object
	 * makes: the key given to {@link #take} and the limit's name and figures, separated
	 * by {@code :}
	 * @return the buckets, {@link #isShared() shared}
	 */
	public static Bucket4jRateLimitBuckets of(AsyncProxyManager<String> proxyManager) {
		return new Bucket4jRateLimitBuckets((key, limit) -> {
			BucketConfiguration configuration = BucketConfiguration.builder().addLimit(bandwidth(limit, true)).build();
			return new Held(proxyManager.builder()
				.withOptimization(Optimizations.batching())
				.build(key, () -> CompletableFuture.completedFuture(configuration)), null);
		}, true, newScheduler());
	}

	@Override
	public Mono<Boolean> take(String key, Limit limit, Duration maxWait) {
		return Mono.defer(() -> {
			AsyncBucketProxy bucket = bucket(key, limit);
			CompletableFuture<Boolean> permit = bucket.asScheduler().tryConsume(1, maxWait, this.scheduler);
			// A permit reserved for a caller that left is given back when it comes due:
			// the next caller in line has it instead of nobody.
			return Mono.fromFuture(permit, true).doOnCancel(() -> permit.thenAccept((taken) -> {
				if (taken) {
					bucket.addTokens(1);
				}
			}));
		});
	}

	// Bucket4j's tryConsume never takes what a scheduled take has reserved: a bucket
	// that owes permits holds none.
	@Override
	public boolean takeAtOnce(String key, Limit limit) {
		Bucket local = held(key, limit).local();
		return local != null && local.tryConsume(1);
	}

	@Override
	public Mono<Void> giveBack(String key, Limit limit) {
		return Mono.fromFuture(() -> bucket(key, limit).addTokens(1), true);
	}

	@Override
	public Mono<Duration> expectedWait(String key, Limit limit) {
		return Mono.fromFuture(() -> bucket(key, limit).estimateAbilityToConsume(1), true)
			.map(Bucket4jRateLimitBuckets::waitOf);
	}

	@Override
	public Mono<Void> drain(String key, Limit limit) {
		return Mono.fromFuture(() -> bucket(key, limit).tryConsumeAsMuchAsPossible(), true).then();
	}

	@Override
	public boolean isShared() {
		return this.shared;
	}

	/**
	 * Let the permits that are reserved come due, then end the thread that completes
	 * them.
	 */
	@Override
	public void close() {
		this.scheduler.shutdown();
	}

	private AsyncBucketProxy bucket(String key, Limit limit) {
		return held(key, limit).bucket();
	}

	private Held held(String key, Limit limit) {
		return this.buckets.computeIfAbsent(limit, (ignored) -> new ConcurrentHashMap<>())
			.computeIfAbsent(key, (ignored) -> this.proxies.bucket(key + ":" + limit.name() + ":"
					+ BigDecimal.valueOf(limit.rate()).toPlainString() + ":" + limit.burst(), limit));
	}

	// Greedy: a permit every 1/rate after the burst. Refilling the whole rate each second
	// at once (intervally) would let twice the burst through at a second's turn.
	private static Bandwidth bandwidth(Limit limit, boolean full) {
		return Bandwidth.builder()
			.capacity(capacity(limit))
			.refillGreedy(1, Duration.ofNanos(Math.max(1, Math.round(1e9 / limit.rate()))))
			.initialTokens(full ? capacity(limit) : 0)
			.build();
	}

	// The burst less one permit kept in hand: emnify's bucket refills as fast as ours, so
	// without it the network's jitter, which brings two requests closer at emnify than
	// they were sent, would meet an empty bucket there and be answered 429.
	private static int capacity(Limit limit) {
		return Math.max(1, limit.burst() - 1);
	}

	private static Duration waitOf(EstimationProbe probe) {
		return probe.canBeConsumed() ? Duration.ZERO : Duration.ofNanos(probe.getNanosToWaitForRefill());
	}

	private static ScheduledExecutorService newScheduler() {
		return Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "emnify-rate-limit");
			thread.setDaemon(true);
			return thread;
		});
	}

	@FunctionalInterface
	private interface Proxies {

		Held bucket(String bucketKey, Limit limit);

	}

	// A bucket, and the same bucket's synchronous side when it lives in this instance.
	private record Held(AsyncBucketProxy bucket, @Nullable Bucket local) {

	}

	private static final class InThisJvm {

		static final Bucket4jRateLimitBuckets BUCKETS = inMemory();

	}

}
