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

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.AsyncProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.cluster.api.async.RedisAdvancedClusterAsyncCommands;
import org.jspecify.annotations.Nullable;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.util.Assert;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import io.github.iotstarters.emnify.auth.EmnifyFailureAdvice;
import io.github.iotstarters.emnify.auth.web.Bucket4jRateLimitBuckets;
import io.github.iotstarters.emnify.auth.web.EmnifyRateLimitBuckets;
import io.github.iotstarters.emnify.auth.web.EmnifyRateLimits.Limit;

/**
 * {@link EmnifyRateLimitBuckets} in Redis, which every instance of a fleet shares, so
 * that the fleet together keeps within emnify's rate limits: Bucket4j's compare-and-swap
 * buckets, on the application's own {@link LettuceConnectionFactory}. No second Redis
 * client and no pool: the buckets use the factory's shared connection (its own connection
 * when the factory does not share one, kept until {@link #close()}), in a Redis Cluster
 * the factory's cluster connection.
 * <p>
 * <strong>Keys.</strong> One key per bucket,
 * {@code <prefix>rate:{<key>}:<limit>:<rate>:<burst>}, such as
 * {@code emnify:auth:rate:{https://cdn.emnify.net/123}:lists:10.0:5}, where the key names
 * emnify's origin and the organisation id (a number, no secret). A bucket's key expires
 * ten seconds after the bucket would be full again; a missing key is a full bucket.
 * <p>
 * <strong>Redis unavailable.</strong> When a command fails or outlasts the command
 * timeout, the instance logs one warning, paces with buckets of its own meanwhile (a
 * fleet may then exceed emnify's limits and see 429s, which are waited out), reports
 * {@linkplain #isShared() not shared}, and probes Redis every retry interval; when Redis
 * answers, it shares again. Nothing fails because Redis is down: a permit asked of Redis
 * in vain is taken from the instance's own bucket.
 * <p>
 * Time: the buckets refill by each instance's wall clock, so the instances' clocks should
 * agree (NTP): a skew of {@code d} gives at most {@code d * rate} permits more.
 */
public final class RedisEmnifyRateLimitBuckets implements EmnifyRateLimitBuckets, AutoCloseable {

	private static final Duration KEPT_AFTER_FULL = Duration.ofSeconds(10);

	private static final Limit PROBE = new Limit("probe", List.of(), 1, 1);

	private final LettuceConnectionFactory connectionFactory;

	private final String keyPrefix;

	private final Duration commandTimeout;

	private final TimeMeter clock;

	private final RedisOutage outage;

	// Starts empty: an instance that cannot see the fleet's buckets must not add a burst
	// of its own to the fleet's.
	private final Bucket4jRateLimitBuckets local = Bucket4jRateLimitBuckets.inMemoryStartingEmpty();

	// The buckets in Redis once connected; null before, and after an outage until a
	// probe connects again.
	private volatile @Nullable Connected connected;

	// The one connection attempt that callers wait for without a thread of theirs.
	private final AtomicReference<@Nullable Mono<Connected>> connecting = new AtomicReference<>();

	private RedisEmnifyRateLimitBuckets(Builder builder) {
		this.connectionFactory = builder.connectionFactory;
		this.keyPrefix = builder.keyPrefix;
		this.commandTimeout = builder.commandTimeout;
		this.clock = builder.clock;
		this.outage = RedisOutage.ofRateLimitBuckets(builder.retryInterval, builder.failureAdvice);
	}

	/**
	 * Start building the buckets.
	 * @param connectionFactory the application's connection to Redis
	 * @return a builder with the documented defaults
	 */
	public static Builder builder(LettuceConnectionFactory connectionFactory) {
		return new Builder(connectionFactory);
	}

	@Override
	public Mono<Boolean> take(String key, Limit limit, Duration maxWait) {
		return inRedisOrLocally((buckets) -> buckets.take(tagged(key), limit, maxWait));
	}

	@Override
	public Mono<Duration> expectedWait(String key, Limit limit) {
		return inRedisOrLocally((buckets) -> buckets.expectedWait(tagged(key), limit));
	}

	@Override
	public Mono<Void> giveBack(String key, Limit limit) {
		return inRedisOrLocally((buckets) -> buckets.giveBack(tagged(key), limit));
	}

	@Override
	public Mono<Void> drain(String key, Limit limit) {
		return inRedisOrLocally((buckets) -> buckets.drain(tagged(key), limit));
	}

	/**
	 * Return whether the buckets are in Redis right now, rather than this instance's own
	 * while Redis does not answer.
	 * @return whether they are shared
	 */
	@Override
	public boolean isShared() {
		return !this.outage.isOn();
	}

	/**
	 * Stop probing Redis, let the permits that are reserved come due, and close the
	 * connection that the buckets hold, if it is their own.
	 */
	@Override
	public void close() {
		this.outage.close();
		this.local.close();
		Connected current = this.connected;
		if (current != null) {
			current.close();
		}
	}

	private <T> Mono<T> inRedisOrLocally(Function<Bucket4jRateLimitBuckets, Mono<T>> call) {
		return Mono.defer(() -> {
			if (this.outage.isOn()) {
				return call.apply(this.local);
			}
			return connected().flatMap((redis) -> call.apply(redis.buckets())).onErrorResume((ex) -> {
				unavailable(ex);
				return call.apply(this.local);
			});
		});
	}

	// The braces keep a bucket's key in one slot of a Redis Cluster, whatever follows.
	private static String tagged(String key) {
		return "{" + key + "}";
	}

	// Connecting blocks (Spring Data Redis opens the connection in getConnection()), so
	// it happens once, on a thread for blocking work, bounded by the command timeout,
	// and every caller meanwhile waits for that one attempt without a thread of its own.
	private Mono<Connected> connected() {
		Connected current = this.connected;
		if (current != null) {
			return Mono.just(current);
		}
		Mono<Connected> attempt = Mono.fromCallable(this::connect)
			.subscribeOn(Schedulers.boundedElastic())
			.timeout(this.commandTimeout)
			.doOnError((ex) -> this.connecting.set(null))
			.cache();
		Mono<Connected> running = this.connecting.compareAndExchange(null, attempt);
		return (running != null) ? running : attempt;
	}

	private synchronized Connected connect() {
		Connected current = this.connected;
		if (current == null) {
			RedisConnection opened = this.connectionFactory.isClusterAware()
					? this.connectionFactory.getClusterConnection() : this.connectionFactory.getConnection();
			current = new Connected(opened, Bucket4jRateLimitBuckets.of(proxyManager(opened.getNativeConnection())));
			this.connected = current;
		}
		return current;
	}

	// LettuceConnection's native connection: the factory's shared (or the connection's
	// own) RedisAsyncCommands<byte[], byte[]> for a standalone Redis, Sentinel or
	// static master/replica, RedisAdvancedClusterAsyncCommands in a Cluster; Bucket4j's
	// compare-and-swap works on one key, which Lettuce routes to its slot's primary.
	@SuppressWarnings("unchecked")
	private AsyncProxyManager<String> proxyManager(Object nativeConnection) {
		Bucket4jLettuce.LettuceBasedProxyManagerBuilder<byte[]> builder = (nativeConnection instanceof RedisAdvancedClusterAsyncCommands<?, ?> cluster)
				? Bucket4jLettuce.casBasedBuilder((RedisAdvancedClusterAsyncCommands<byte[], byte[]>) cluster)
				: Bucket4jLettuce.casBasedBuilder((RedisAsyncCommands<byte[], byte[]>) nativeConnection);
		return builder
			.expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(KEPT_AFTER_FULL))
			.requestTimeout(this.commandTimeout)
			.clientClock(this.clock)
			.build()
			.asAsync()
			.withMapper((String key) -> (this.keyPrefix + "rate:" + key).getBytes(StandardCharsets.UTF_8));
	}

	// The connection is let go, so that the probe connects afresh: one that the
	// application's factory closed meanwhile would never answer again.
	private void unavailable(Throwable ex) {
		this.outage.begin(String.valueOf(ex),
				() -> connected().flatMap((redis) -> redis.buckets().expectedWait(tagged("probe"), PROBE))
					.map((wait) -> true));
		Connected dropped;
		synchronized (this) {
			dropped = this.connected;
			this.connected = null;
			this.connecting.set(null);
		}
		if (dropped != null) {
			dropped.close();
		}
	}

	/**
	 * The buckets in Redis, on the connection they hold.
	 *
	 * @param connection the connection, the factory's shared one or its own
	 * @param buckets the buckets
	 */
	private record Connected(RedisConnection connection, Bucket4jRateLimitBuckets buckets) {

		void close() {
			this.buckets.close();
			this.connection.close();
		}

	}

	/**
	 * Builds {@link RedisEmnifyRateLimitBuckets}.
	 */
	public static final class Builder {

		private final LettuceConnectionFactory connectionFactory;

		private String keyPrefix = "emnify:auth:";

		private Duration commandTimeout = Duration.ofSeconds(1);

		private Duration retryInterval = Duration.ofSeconds(5);

		private EmnifyFailureAdvice failureAdvice = EmnifyFailureAdvice.DEFAULT;

		private TimeMeter clock = TimeMeter.SYSTEM_MILLISECONDS;

		private Builder(LettuceConnectionFactory connectionFactory) {
			Assert.notNull(connectionFactory, "LettuceConnectionFactory must not be null");
			this.connectionFactory = connectionFactory;
		}

		/**
		 * Set the prefix of every key the buckets write, followed by {@code rate:}; the
		 * same as the token store's, by default {@code emnify:auth:}.
		 * @param keyPrefix the prefix
		 * @return this builder
		 */
		public Builder keyPrefix(String keyPrefix) {
			Assert.notNull(keyPrefix, "Key prefix must not be null");
			this.keyPrefix = keyPrefix;
			return this;
		}

		/**
		 * Set how long a Redis command may take before the instance paces with buckets of
		 * its own. Default 1 second.
		 * @param commandTimeout the timeout
		 * @return this builder
		 */
		public Builder commandTimeout(Duration commandTimeout) {
			Assert.isTrue(commandTimeout != null && !commandTimeout.isNegative() && !commandTimeout.isZero(),
					"Command timeout must be positive");
			this.commandTimeout = commandTimeout;
			return this;
		}

		/**
		 * Set how often, after a Redis command failed, the instance probes Redis (with a
		 * write) while it paces with buckets of its own; the first probe that succeeds
		 * makes it share again. Default 5 seconds.
		 * @param retryInterval the interval
		 * @return this builder
		 */
		public Builder retryInterval(Duration retryInterval) {
			Assert.isTrue(retryInterval != null && !retryInterval.isNegative() && !retryInterval.isZero(),
					"Retry interval must be positive");
			this.retryInterval = retryInterval;
			return this;
		}

		/**
		 * Set what the warning of an outage advises to check, in the words the
		 * application is configured with. Default: {@link EmnifyFailureAdvice#DEFAULT},
		 * which names this builder.
		 * @param failureAdvice the advice
		 * @return this builder
		 */
		public Builder failureAdvice(EmnifyFailureAdvice failureAdvice) {
			Assert.notNull(failureAdvice, "EmnifyFailureAdvice must not be null");
			this.failureAdvice = failureAdvice;
			return this;
		}

		/**
		 * Set the clock that the buckets in Redis refill by, for tests that move it.
		 * @param clock the clock, wall-clock time on every instance
		 * @return this builder
		 */
		Builder clock(TimeMeter clock) {
			this.clock = clock;
			return this;
		}

		/**
		 * Build the buckets. No command is sent, and no connection taken, until the first
		 * permit is asked for.
		 * @return the buckets
		 */
		public RedisEmnifyRateLimitBuckets build() {
			return new RedisEmnifyRateLimitBuckets(this);
		}

	}

}
