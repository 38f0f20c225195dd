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

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import io.github.bucket4j.TimeMeter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;

import io.github.iotstarters.emnify.auth.EmnifyFailureAdvice;
import io.github.iotstarters.emnify.auth.web.EmnifyRateLimits.Limit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The buckets of one instance, on a clock the tests move: a burst at once, then one
 * permit every 1/rate in the order they were asked for, a wait over the bound refused at
 * once with nothing reserved, a 429 that drains the bucket until its next refill however
 * many callers drain it, a permit given back by a caller that left, and hundreds of
 * callers at once that get no permit more than the limit allows.
 */
class Bucket4jRateLimitBucketsTests {

	private static final String KEY = "https://cdn.emnify.net/123";

	private static final Limit LISTS = EmnifyRateLimits.emnify().limits().get(0);

	private final MovableClock clock = new MovableClock();

	private final RecordingScheduler scheduler = new RecordingScheduler();

	private final Bucket4jRateLimitBuckets buckets = Bucket4jRateLimitBuckets.inMemory(this.clock, this.scheduler,
			true);

	@AfterEach
	void close() {
		this.buckets.close();
	}

	@Test
	void aBurstGoesAtOnceThenPermitsComeEvenlyInTheOrderTheyWereAskedFor() {
		for (int i = 0; i < 7; i++) {
			assertThat(take(Duration.ofMinutes(1))).isTrue();
		}
		assertThat(this.scheduler.delays()).as("4 at once (the burst less one kept in hand), then one every 100 ms")
			.containsExactly(millis(100), millis(200), millis(300));
		this.clock.advance(millis(300));
		assertThat(take(Duration.ofMinutes(1))).isTrue();
		assertThat(this.scheduler.delays()).last().isEqualTo(millis(100));
	}

	@Test
	void aFreePermitIsTakenAtOnceButNeverOneThatAWaitingCallerReserved() {
		for (int i = 0; i < 3; i++) {
			assertThat(this.buckets.takeAtOnce(KEY, LISTS)).isTrue();
		}
		assertThat(take(Duration.ofMinutes(1))).as("the fourth of the burst less one in hand").isTrue();
		assertThat(this.buckets.takeAtOnce(KEY, LISTS)).as("the burst is spent").isFalse();
		assertThat(take(Duration.ofMinutes(1))).as("reserved, due in 100 ms").isTrue();
		this.clock.advance(millis(100));
		assertThat(this.buckets.takeAtOnce(KEY, LISTS)).as("the refill is the waiting caller's").isFalse();
		this.clock.advance(millis(100));
		assertThat(this.buckets.takeAtOnce(KEY, LISTS)).isTrue();
		assertThat(this.scheduler.delays()).containsExactly(millis(100));
	}

	@Test
	void aWaitOverTheBoundIsRefusedAtOnceWithNothingReserved() {
		for (int i = 0; i < 6; i++) {
			take(Duration.ofMinutes(1));
		}
		assertThat(take(millis(250))).as("the 7th would wait 300 ms").isFalse();
		assertThat(this.scheduler.delays()).containsExactly(millis(100), millis(200));
		Duration expected = this.buckets.expectedWait(KEY, LISTS).block();
		assertThat(expected).as("the refusal reserved nothing").isEqualTo(millis(300));
		EmnifyRateLimitException refused = new EmnifyRateLimitException(LISTS, "GET /api/v1/endpoint", expected,
				millis(250), EmnifyFailureAdvice.DEFAULT);
		assertThat(refused).hasMessageStartingWith("emnify's rate limit 'lists' (10 requests/s, burst 5, per "
				+ "organisation) would hold this GET /api/v1/endpoint for PT0.3S, longer than the wait bound of "
				+ "PT0.25S; the request was not sent.");
		this.clock.advance(millis(100));
		assertThat(take(millis(250))).isTrue();
		assertThat(this.scheduler.delays()).last().isEqualTo(millis(200));
	}

	@Test
	void a429DrainsTheBucketUntilTheNextRefill() {
		this.buckets.drain(KEY, LISTS).block();
		assertThat(take(millis(99))).isFalse();
		assertThat(this.buckets.expectedWait(KEY, LISTS).block()).isEqualTo(millis(100));
		this.clock.advance(millis(100));
		assertThat(take(millis(1))).isTrue();
		assertThat(this.scheduler.delays()).isEmpty();
	}

	@Test
	void drainsOfOne429ByManyCallersDoNotAddUp() {
		for (int i = 0; i < 64; i++) {
			this.buckets.drain(KEY, LISTS).block();
		}
		assertThat(this.buckets.expectedWait(KEY, LISTS).block()).isEqualTo(millis(100));
		this.clock.advance(millis(50));
		this.buckets.drain(KEY, LISTS).block();
		assertThat(this.buckets.expectedWait(KEY, LISTS).block()).isEqualTo(millis(50));
	}

	@Test
	void aPermitGivenBackGoesToTheNextCaller() {
		for (int i = 0; i < 4; i++) {
			take(Duration.ofMinutes(1));
		}
		assertThat(this.buckets.expectedWait(KEY, LISTS).block()).isEqualTo(millis(100));
		this.buckets.giveBack(KEY, LISTS).block();
		assertThat(this.buckets.expectedWait(KEY, LISTS).block()).isZero();
		assertThat(take(millis(1))).isTrue();
		assertThat(this.scheduler.delays()).isEmpty();
	}

	@Test
	void aCallerThatLeavesBeforeItsPermitIsDueGivesItBack() {
		HeldScheduler held = new HeldScheduler();
		try (Bucket4jRateLimitBuckets waiting = Bucket4jRateLimitBuckets.inMemory(this.clock, held, true)) {
			for (int i = 0; i < 4; i++) {
				waiting.take(KEY, LISTS, Duration.ofMinutes(1)).block();
			}
			Disposable left = waiting.take(KEY, LISTS, Duration.ofMinutes(1)).subscribe();
			assertThat(waiting.expectedWait(KEY, LISTS).block()).as("the 5th reserved").isEqualTo(millis(200));
			left.dispose();
			this.clock.advance(millis(100));
			held.runDue();
			assertThat(waiting.expectedWait(KEY, LISTS).block()).as("given back when it came due").isZero();
		}
	}

	@Test
	void bucketsThatStartEmptyGiveTheirFirstPermitOneRefillAway() {
		try (Bucket4jRateLimitBuckets empty = Bucket4jRateLimitBuckets.inMemory(this.clock, this.scheduler, false)) {
			assertThat(empty.expectedWait(KEY, LISTS).block()).isEqualTo(millis(100));
		}
	}

	@Test
	void bucketsAreApartByKeyAndByFigures() {
		this.buckets.drain(KEY, LISTS).block();
		assertThat(this.buckets.expectedWait("https://cdn.emnify.net/456", LISTS).block()).isZero();
		assertThat(this.buckets.expectedWait(KEY, new Limit("lists", LISTS.paths(), 20, 5)).block()).isZero();
		assertThat(this.buckets.expectedWait(KEY, EmnifyRateLimits.emnify().limits().get(1)).block()).isZero();
		assertThat(this.buckets.isShared()).isFalse();
	}

	@Test
	void hundredsOfCallersAtOnceGetNoPermitMoreThanTheLimitAllows() throws Exception {
		ExecutorService callers = Executors.newFixedThreadPool(32);
		try {
			for (int round = 0; round < 3; round++) {
				List<Boolean> granted = takeTogether(callers, 400, Duration.ofSeconds(1));
				assertThat(granted).as("round %d: the burst and a second's refill", round)
					.filteredOn(Boolean::booleanValue)
					.hasSize(14);
				this.clock.advance(Duration.ofSeconds(2));
			}
		}
		finally {
			callers.shutdown();
		}
		List<Duration> oneRound = LongStream.rangeClosed(1, 10).mapToObj((i) -> millis(100 * i)).toList();
		List<Duration> delays = new ArrayList<>(this.scheduler.delays());
		Collections.sort(delays);
		assertThat(delays).as("each permit of a round due 100 ms after the one before, none twice")
			.containsExactlyElementsOf(oneRound.stream().flatMap((delay) -> Stream.of(delay, delay, delay)).toList());
	}

	@Test
	void onSystemTimePermitsComeDueOnTheBucketsOwnThread() {
		try (Bucket4jRateLimitBuckets real = Bucket4jRateLimitBuckets.inMemory()) {
			Limit fast = new Limit("fast", List.of(), 50, 1);
			long start = System.nanoTime();
			for (int i = 0; i < 3; i++) {
				assertThat(real.take(KEY, fast, Duration.ofSeconds(1)).block()).isTrue();
			}
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(millis(38));
		}
	}

	private boolean take(Duration maxWait) {
		return Boolean.TRUE.equals(this.buckets.take(KEY, LISTS, maxWait).block());
	}

	private List<Boolean> takeTogether(ExecutorService callers, int count, Duration maxWait) throws Exception {
		CountDownLatch start = new CountDownLatch(1);
		List<Future<Boolean>> results = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			results.add(callers.submit(() -> {
				start.await();
				return take(maxWait);
			}));
		}
		start.countDown();
		List<Boolean> granted = new ArrayList<>();
		for (Future<Boolean> result : results) {
			granted.add(result.get(10, TimeUnit.SECONDS));
		}
		return granted;
	}

	private static Duration millis(long millis) {
		return Duration.ofMillis(millis);
	}

	private static final class MovableClock implements TimeMeter {

		private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

		void advance(Duration duration) {
			this.nanos.addAndGet(duration.toNanos());
		}

		@Override
		public long currentTimeNanos() {
			return this.nanos.get();
		}

		@Override
		public boolean isWallClockBased() {
			return false;
		}

	}

	/**
	 * Completes each permit at once, and records when it would have come due: the tests
	 * count permits over the moved clock, not over real time.
	 */
	private static final class RecordingScheduler extends ScheduledThreadPoolExecutor {

		private final List<Duration> delays = Collections.synchronizedList(new ArrayList<>());

		RecordingScheduler() {
			super(1);
		}

		@Override
		public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
			this.delays.add(Duration.ofNanos(unit.toNanos(delay)));
			return super.schedule(command, 0, TimeUnit.NANOSECONDS);
		}

		List<Duration> delays() {
			synchronized (this.delays) {
				return List.copyOf(this.delays);
			}
		}

	}

	/**
	 * Holds each permit until the test runs it: a caller can leave while its permit is
	 * reserved and not yet due.
	 */
	private static final class HeldScheduler extends ScheduledThreadPoolExecutor {

		private final List<Runnable> held = Collections.synchronizedList(new ArrayList<>());

		HeldScheduler() {
			super(1);
		}

		@Override
		public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
			this.held.add(command);
			return super.schedule(() -> {
			}, 1, TimeUnit.DAYS);
		}

		void runDue() {
			List<Runnable> due;
			synchronized (this.held) {
				due = List.copyOf(this.held);
				this.held.clear();
			}
			due.forEach(Runnable::run);
		}

	}

}
