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

package io.github.iotstarters.emnify.auth.redis;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import io.github.bucket4j.TimeMeter;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.data.redis.connection.RedisClusterConfiguration;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

import io.github.iotstarters.emnify.auth.testsupport.LocalRedisCluster;
import io.github.iotstarters.emnify.auth.testsupport.LocalRedisServer;
import io.github.iotstarters.emnify.auth.web.EmnifyRateLimits;
import io.github.iotstarters.emnify.auth.web.EmnifyRateLimits.Limit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two instances, each with a connection factory of its own, share one bucket in a real
 * Redis, standalone and Cluster: what one takes the other does not get, a 429 drained on
 * one holds the other back, hundreds of callers on both get no permit more than the limit
 * allows over a clock the test moves, and the bucket's key is where the layout says and
 * expires.
 */
class RedisEmnifyRateLimitBucketsTests {

	private static final String KEY = "https://cdn.emnify.net/123";

	private static final Limit LISTS = EmnifyRateLimits.emnify().limits().get(0);

	private static final String BUCKET_KEY = "emnify:auth:rate:{" + KEY + "}:lists:10.0:5";

	private static @Nullable LocalRedisServer server;

	private static @Nullable LocalRedisCluster cluster;

	private final List<AutoCloseable> closing = new ArrayList<>();

	private final AtomicLong nanos = new AtomicLong(System.currentTimeMillis() * 1_000_000L);

	@BeforeAll
	static void startRedis() {
		server = LocalRedisServer.start();
		cluster = LocalRedisCluster.start();
	}

	@AfterAll
	static void stopRedis() {
		server().close();
		cluster().close();
	}

	@BeforeEach
	void emptyRedis() {
		server().cli("FLUSHALL");
		cluster().flushAll();
	}

	@AfterEach
	void close() throws Exception {
		for (AutoCloseable closeable : this.closing) {
			closeable.close();
		}
	}

	@ParameterizedTest
	@EnumSource(Topology.class)
	void whatOneInstanceTakesTheOtherDoesNotGet(Topology topology) {
		RedisEmnifyRateLimitBuckets first = instance(topology, Function.identity());
		RedisEmnifyRateLimitBuckets second = instance(topology, Function.identity());
		// The burst of 5 less the one permit kept in hand.
		for (int i = 0; i < 4; i++) {
			assertThat(first.take(KEY, LISTS, Duration.ofMillis(1)).block()).isTrue();
		}
		assertThat(second.take(KEY, LISTS, Duration.ofMillis(99)).block()).as("the burst is spent").isFalse();
		assertThat(second.expectedWait(KEY, LISTS).block()).isEqualTo(Duration.ofMillis(100));
		assertThat(second.expectedWait("https://cdn.emnify.net/456", LISTS).block()).as("another organisation")
			.isZero();
		this.nanos.addAndGet(Duration.ofMillis(100).toNanos());
		assertThat(second.take(KEY, LISTS, Duration.ofMillis(1)).block()).isTrue();
		assertThat(first.isShared()).isTrue();
		assertThat(second.isShared()).isTrue();
		assertThat(first.takeAtOnce("https://cdn.emnify.net/456", LISTS))
			.as("shared buckets cannot tell without a round trip")
			.isFalse();
	}

	@ParameterizedTest
	@EnumSource(Topology.class)
	void a429DrainedOnOneInstanceHoldsTheOtherBack(Topology topology) {
		RedisEmnifyRateLimitBuckets first = instance(topology, Function.identity());
		RedisEmnifyRateLimitBuckets second = instance(topology, Function.identity());
		first.drain(KEY, LISTS).block();
		second.drain(KEY, LISTS).block();
		assertThat(second.expectedWait(KEY, LISTS).block()).as("the next refill, not twice")
			.isEqualTo(Duration.ofMillis(100));
		assertThat(first.take(KEY, LISTS, Duration.ofMillis(50)).block()).isFalse();
	}

	@ParameterizedTest
	@EnumSource(Topology.class)
	void theBucketHasOneKeyThatExpiresAfterItWouldBeFullAgain(Topology topology) {
		RedisEmnifyRateLimitBuckets buckets = instance(topology, Function.identity());
		buckets.take(KEY, LISTS, Duration.ofMillis(1)).block();
		assertThat(topology.keys("emnify:auth:rate:*")).containsExactly(BUCKET_KEY);
		long ttl = Long.parseLong(topology.cli(BUCKET_KEY, "--raw", "PTTL", BUCKET_KEY).strip());
		assertThat(ttl).as("full again after 100 ms, kept 10 s more").isBetween(9_000L, 10_100L);
	}

	@ParameterizedTest
	@EnumSource(Topology.class)
	void hundredsOfCallersOnTwoInstancesGetNoPermitMoreThanTheLimitAllows(Topology topology) throws Exception {
		// A command timeout far above the machine's worst stall: an instance that timed
		// out
		// would take its permits from a bucket of its own, as it should, and grant more.
		List<RedisEmnifyRateLimitBuckets> instances = List.of(
				instance(topology, Function.identity(), Duration.ofSeconds(5)),
				instance(topology, Function.identity(), Duration.ofSeconds(5)));
		ExecutorService callers = Executors.newFixedThreadPool(32);
		try {
			for (int round = 0; round < 2; round++) {
				CountDownLatch start = new CountDownLatch(1);
				List<Future<Boolean>> results = new ArrayList<>();
				for (int i = 0; i < 300; i++) {
					RedisEmnifyRateLimitBuckets instance = instances.get(i % 2);
					results.add(callers.submit(() -> {
						start.await();
						return instance.take(KEY, LISTS, Duration.ofMillis(500)).block();
					}));
				}
				start.countDown();
				int granted = 0;
				for (Future<Boolean> result : results) {
					granted += Boolean.TRUE.equals(result.get(30, TimeUnit.SECONDS)) ? 1 : 0;
				}
				assertThat(granted).as("round %d: the burst less one in hand and half a second's refill", round)
					.isEqualTo(9);
				this.nanos.addAndGet(Duration.ofSeconds(2).toNanos());
			}
		}
		finally {
			callers.shutdown();
		}
		assertThat(instances).allMatch(RedisEmnifyRateLimitBuckets::isShared);
	}

	@Test
	void aConnectionOfTheBucketsOwnIsClosedWithThem() {
		RedisEmnifyRateLimitBuckets buckets = instance(Topology.STANDALONE, (factory) -> {
			factory.setShareNativeConnection(false);
			return factory;
		});
		int before = clients();
		buckets.take(KEY, LISTS, Duration.ofMillis(1)).block();
		assertThat(clients()).isEqualTo(before + 1);
		buckets.close();
		await().atMost(Duration.ofSeconds(5)).until(() -> clients() == before);
	}

	@Test
	void whileRedisIsDownTheInstancePacesAloneAndSharesAgainWhenItAnswers() {
		RedisEmnifyRateLimitBuckets buckets = instance(Topology.STANDALONE, Function.identity());
		assertThat(buckets.take(KEY, LISTS, Duration.ofMillis(1)).block()).isTrue();
		server().stop();
		try {
			assertThat(buckets.take(KEY, LISTS, Duration.ofSeconds(1)).block(Duration.ofSeconds(5)))
				.as("a bucket of its own, one refill away")
				.isTrue();
			assertThat(buckets.isShared()).isFalse();
			assertThat(buckets.expectedWait(KEY, LISTS).block())
				.as("no burst of its own to add to the fleet's: it started empty")
				.isPositive();
		}
		finally {
			server().restart();
		}
		await().atMost(Duration.ofSeconds(10)).until(buckets::isShared);
		assertThat(buckets.take(KEY, LISTS, Duration.ofMillis(1)).block()).as("Redis restarted empty: a full bucket")
			.isTrue();
	}

	// Redis stays up but drops the connection (a restart of a proxy, CLIENT KILL, an idle
	// timeout): the next permits are shared again, from the same bucket.
	@Test
	void aConnectionThatRedisClosesIsOpenedAgainAndTheBucketIsStillShared() {
		RedisEmnifyRateLimitBuckets first = instance(Topology.STANDALONE, Function.identity());
		RedisEmnifyRateLimitBuckets second = instance(Topology.STANDALONE, Function.identity());
		assertThat(first.take(KEY, LISTS, Duration.ofMillis(1)).block()).isTrue();
		assertThat(second.take(KEY, LISTS, Duration.ofMillis(1)).block()).isTrue();
		// Lettuce opens a killed connection again at once: the kill's count is the proof.
		String killed = server().cli("--raw", "CLIENT", "KILL", "TYPE", "normal").strip();
		assertThat(Integer.parseInt(killed)).as("the two instances' connections").isGreaterThanOrEqualTo(2);
		await().atMost(Duration.ofSeconds(10)).until(() -> {
			first.take(KEY, LISTS, Duration.ofMillis(1)).block(Duration.ofSeconds(5));
			second.take(KEY, LISTS, Duration.ofMillis(1)).block(Duration.ofSeconds(5));
			return first.isShared() && second.isShared();
		});
		first.drain(KEY, LISTS).block(Duration.ofSeconds(5));
		assertThat(second.expectedWait(KEY, LISTS).block(Duration.ofSeconds(5)))
			.as("one bucket on Redis for both again: the other's drain holds it back")
			.isEqualTo(Duration.ofMillis(100));
	}

	// A server that takes the connection and never answers: connecting blocks until
	// Lettuce gives up, far beyond the command timeout. No caller's thread may wait for
	// that: the permits come from the instance's own buckets after the command timeout.
	@Test
	void aRedisThatNeverAnswersHoldsNoCallersThread() throws IOException {
		try (ServerSocket silent = new ServerSocket(0)) {
			LettuceConnectionFactory factory = new LettuceConnectionFactory(
					new RedisStandaloneConfiguration("127.0.0.1", silent.getLocalPort()));
			factory.start();
			RedisEmnifyRateLimitBuckets buckets = RedisEmnifyRateLimitBuckets.builder(factory)
				.commandTimeout(Duration.ofMillis(300))
				.retryInterval(Duration.ofSeconds(30))
				.build();
			this.closing.add(factory::destroy);
			this.closing.add(0, buckets);
			Limit fast = new Limit("fast", List.of(), 100, 1);
			List<Boolean> taken = Flux.range(0, 50)
				.flatMap((i) -> buckets.take(KEY, fast, Duration.ofSeconds(5)).subscribeOn(Schedulers.parallel()))
				.collectList()
				.block(Duration.ofSeconds(5));
			assertThat(taken).hasSize(50).containsOnly(true);
			assertThat(buckets.isShared()).isFalse();
		}
	}

	private RedisEmnifyRateLimitBuckets instance(Topology topology,
			Function<LettuceConnectionFactory, LettuceConnectionFactory> customizer) {
		return instance(topology, customizer, Duration.ofMillis(500));
	}

	private RedisEmnifyRateLimitBuckets instance(Topology topology,
			Function<LettuceConnectionFactory, LettuceConnectionFactory> customizer, Duration commandTimeout) {
		LettuceConnectionFactory factory = customizer.apply(topology.connectionFactory());
		factory.start();
		RedisEmnifyRateLimitBuckets buckets = RedisEmnifyRateLimitBuckets.builder(factory)
			.commandTimeout(commandTimeout)
			.retryInterval(Duration.ofMillis(200))
			.clock(new TimeMeter() {

				@Override
				public long currentTimeNanos() {
					return RedisEmnifyRateLimitBucketsTests.this.nanos.get();
				}

				@Override
				public boolean isWallClockBased() {
					return true;
				}

			})
			.build();
		this.closing.add(factory::destroy);
		this.closing.add(0, buckets);
		return buckets;
	}

	private static int clients() {
		return (int) server().cli("--raw", "CLIENT", "LIST").lines().filter((line) -> !line.isBlank()).count();
	}

	private static LocalRedisServer server() {
		LocalRedisServer started = server;
		if (started == null) {
			throw new IllegalStateException("Redis is not running");
		}
		return started;
	}

	private static LocalRedisCluster cluster() {
		LocalRedisCluster started = cluster;
		if (started == null) {
			throw new IllegalStateException("The Redis Cluster is not running");
		}
		return started;
	}

	enum Topology {

		STANDALONE {

			@Override
			LettuceConnectionFactory connectionFactory() {
				return new LettuceConnectionFactory(new RedisStandaloneConfiguration("127.0.0.1", server().port()));
			}

			@Override
			List<String> keys(String pattern) {
				return Arrays.stream(server().cli("--raw", "KEYS", pattern).split("\n"))
					.filter((key) -> !key.isBlank())
					.toList();
			}

			@Override
			String cli(String key, String... command) {
				return server().cli(command);
			}

		},

		CLUSTER {

			@Override
			LettuceConnectionFactory connectionFactory() {
				return new LettuceConnectionFactory(new RedisClusterConfiguration(cluster().nodes()));
			}

			@Override
			List<String> keys(String pattern) {
				return cluster().keys(pattern);
			}

			@Override
			String cli(String key, String... command) {
				return cluster().cli(cluster().primaryOf(key), command);
			}

		};

		abstract LettuceConnectionFactory connectionFactory();

		abstract List<String> keys(String pattern);

		abstract String cli(String key, String... command);

	}

}
