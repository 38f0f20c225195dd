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

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import io.github.iotstarters.emnify.auth.EmnifyFailureAdvice;
import io.github.iotstarters.emnify.auth.EmnifyFailureKind;
import io.github.iotstarters.emnify.auth.EmnifyTokenStoreStatus;

/**
 * Whether a user of Redis (the token store, the rate-limit buckets) can use Redis now: an
 * outage begins with one warning and ends with the first probe that Redis takes, every
 * retry interval, and one line at INFO. Probes write, so a Redis that only reads (a
 * replica) does not count as back.
 */
final class RedisOutage {

	private final Log logger;

	private final Duration retryInterval;

	private final Clock clock;

	private final Function<@Nullable String, String> warning;

	private final String recovery;

	private final AtomicReference<@Nullable Outage> outage = new AtomicReference<>();

	private final AtomicReference<@Nullable Disposable> probing = new AtomicReference<>();

	/**
	 * Create the outage state of the token store.
	 * @param retryInterval how often to probe during an outage
	 * @param clock when an outage began
	 * @param advice what the warning tells the application to do
	 * @return the outage state
	 */
	static RedisOutage ofTokenStore(Duration retryInterval, Clock clock, EmnifyFailureAdvice advice) {
		// Under the store's name, which applications configure.
		return new RedisOutage(LogFactory.getLog(RedisEmnifyTokenStore.class), retryInterval, clock,
				(error) -> "The emnify token store cannot use Redis (" + error + "); this instance keeps an "
						+ "emnify session of its own (for a user whose logins need an MFA code, only the token it "
						+ "holds, until it is stale) and checks Redis every " + retryInterval
						+ " until it can share the session again. "
						+ advice.advise(EmnifyFailureKind.TOKEN_STORE_UNAVAILABLE, null, null),
				"Redis answers the emnify token store again; the emnify session is shared again");
	}

	/**
	 * Create the outage state of the rate-limit buckets.
	 * @param retryInterval how often to probe during an outage
	 * @param advice what the warning tells the application to do
	 * @return the outage state
	 */
	static RedisOutage ofRateLimitBuckets(Duration retryInterval, EmnifyFailureAdvice advice) {
		return new RedisOutage(LogFactory.getLog(RedisEmnifyRateLimitBuckets.class), retryInterval, Clock.systemUTC(),
				(error) -> "The emnify rate limits cannot use Redis (" + error + "); this instance paces with "
						+ "buckets of its own, so the fleet may exceed emnify's limits and see 429s, which are waited "
						+ "out, and checks Redis every " + retryInterval + " until it can share the buckets again. "
						+ advice.advise(EmnifyFailureKind.RATE_LIMIT_BUCKETS_UNAVAILABLE, null, null),
				"Redis answers the emnify rate limits again; the rate-limit buckets are shared again");
	}

	private RedisOutage(Log logger, Duration retryInterval, Clock clock, Function<@Nullable String, String> warning,
			String recovery) {
		this.logger = logger;
		this.retryInterval = retryInterval;
		this.clock = clock;
		this.warning = warning;
		this.recovery = recovery;
	}

	boolean isOn() {
		return this.outage.get() != null;
	}

	Duration retryInterval() {
		return this.retryInterval;
	}

	/**
	 * Begin an outage, unless one is on: warn once and probe until Redis answers.
	 * @param error why Redis could not be used
	 * @param probe a write to Redis, answering whether Redis took it
	 */
	void begin(@Nullable String error, Supplier<Mono<Boolean>> probe) {
		Outage started = new Outage(this.clock.instant(), error);
		if (!this.outage.compareAndSet(null, started)) {
			return;
		}
		this.logger.warn(this.warning.apply(error));
		// A probe that outlasts the interval (a command timeout longer than it) makes the
		// next tick be dropped: the interval would fail, and no probe would follow.
		Disposable running = Flux.interval(this.retryInterval)
			.onBackpressureDrop()
			.concatMap((tick) -> probe.get().onErrorReturn(false))
			.filter(Boolean::booleanValue)
			.next()
			.subscribe((answered) -> end());
		Disposable previous = this.probing.getAndSet(running);
		if (previous != null) {
			previous.dispose();
		}
	}

	/**
	 * Describe the store for health details.
	 * @param type the store's type
	 * @return shared, or not shared since when and why
	 */
	EmnifyTokenStoreStatus status(String type) {
		Outage current = this.outage.get();
		return (current != null) ? new EmnifyTokenStoreStatus(type, false, current.since(), current.error())
				: new EmnifyTokenStoreStatus(type, true, null, null);
	}

	/**
	 * Stop probing.
	 */
	void close() {
		Disposable running = this.probing.getAndSet(null);
		if (running != null) {
			running.dispose();
		}
	}

	private void end() {
		if (this.outage.getAndSet(null) != null) {
			this.logger.info(this.recovery);
		}
	}

	/**
	 * Since when Redis cannot be used, and why.
	 *
	 * @param since when the outage began
	 * @param error why
	 */
	private record Outage(Instant since, @Nullable String error) {

	}

}
