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
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.util.Assert;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import io.github.iotstarters.emnify.auth.EmnifyFailureAdvice;
import io.github.iotstarters.emnify.auth.EmnifyFailureKind;
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

	private static final Log logger = LogFactory.getLog(RedisEmnifyRateLimitBuckets.class);

	private static final Duration KEPT_AFTER_FULL = Duration.ofSeconds(10);

	private static final Limit PROBE = new Limit("probe", List.of(), 1, 1);

	private final LettuceConnectionFactory connectionFactory;

	private final String keyPrefix;

	private final Duration commandTimeout;

	private final Duration retryInterval;

	private final EmnifyFailureAdvice advice;

	private final TimeMeter clock;

	private final Bucket4jRateLimitBuckets local = Bucket4jRateLimitBuckets.inMemory();

	private final Object connecting = new Object();

	private @Nullable RedisConnection connection;

	private @Nullable Bucket4jRateLimitBuckets shared;

	// The probe while Redis is down; null while Redis answers.
	private final AtomicReference<@Nullable Disposable> outage = new AtomicReference<>();

	private RedisEmnifyRateLimitBuckets(Builder builder) {
		this.connectionFactory = builder.connectionFactory;
		this.keyPrefix = builder.keyPrefix;
		this.commandTimeout = builder.commandTimeout;
		this.retryInterval = builder.retryInterval;
		this.advice = builder.failureAdvice;
		this.clock = builder.clock;
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
		return this.outage.get() == null;
	}

	/**
	 * Stop probing Redis, let the permits that are reserved come due, and close the
	 * connection that the buckets hold, if it is their own.
	 */
	@Override
	public void close() {
		Disposable probe = this.outage.getAndSet(null);
		if (probe != null) {
			probe.dispose();
		}
		this.local.close();
		synchronized (this.connecting) {
			if (this.shared != null) {
				this.shared.close();
			}
			if (this.connection != null) {
				this.connection.close();
			}
		}
	}

	private <T> Mono<T> inRedisOrLocally(Function<Bucket4jRateLimitBuckets, Mono<T>> call) {
		return Mono.defer(() -> {
			if (this.outage.get() != null) {
				return call.apply(this.local);
			}
			return Mono.defer(() -> call.apply(sharedBuckets())).onErrorResume((ex) -> {
				unavailable(ex);
				return call.apply(this.local);
			});
		});
	}

	// The braces keep a bucket's key in one slot of a Redis Cluster, whatever follows.
	private static String tagged(String key) {
		return "{" + key + "}";
	}

	private Bucket4jRateLimitBuckets sharedBuckets() {
		synchronized (this.connecting) {
			Bucket4jRateLimitBuckets buckets = this.shared;
			if (buckets == null) {
				RedisConnection opened = this.connectionFactory.isClusterAware()
						? this.connectionFactory.getClusterConnection() : this.connectionFactory.getConnection();
				this.connection = opened;
				buckets = Bucket4jRateLimitBuckets.of(proxyManager(opened.getNativeConnection()));
				this.shared = buckets;
			}
			return buckets;
		}
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

	private void unavailable(Throwable ex) {
		// Probes write (a bucket of their own), so a Redis that only reads does not count
		// as back.
		Disposable probe = Flux.interval(this.retryInterval)
			.onBackpressureDrop()
			.concatMap((tick) -> Mono.defer(() -> sharedBuckets().expectedWait(tagged("probe"), PROBE))
				.map((wait) -> true)
				.onErrorReturn(false))
			.filter(Boolean::booleanValue)
			.next()
			.subscribe((answered) -> available());
		if (!this.outage.compareAndSet(null, probe)) {
			probe.dispose();
			return;
		}
		logger.warn("The emnify rate limits cannot use Redis (" + ex + "); this instance paces with buckets of its "
				+ "own, so the fleet may exceed emnify's limits and see 429s, which are waited out, and checks Redis "
				+ "every " + this.retryInterval + " until it can share the buckets again. "
				+ this.advice.advise(EmnifyFailureKind.RATE_LIMIT_BUCKETS_UNAVAILABLE, null, null));
	}

	private void available() {
		if (this.outage.getAndSet(null) != null) {
			logger.info("Redis answers the emnify rate limits again; the rate-limit buckets are shared again");
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
