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
 * Whether the Redis store can use Redis now: an outage begins with one warning and ends
 * with the first probe that Redis takes, every retry interval. Probes write, so a Redis
 * that only reads (a replica) does not count as back.
 */
final class RedisOutage {

	// Under the store's name, which applications configure.
	private static final Log logger = LogFactory.getLog(RedisEmnifyTokenStore.class);

	private final Duration retryInterval;

	private final Clock clock;

	private final EmnifyFailureAdvice advice;

	private final AtomicReference<@Nullable Outage> outage = new AtomicReference<>();

	private final AtomicReference<@Nullable Disposable> probing = new AtomicReference<>();

	/**
	 * Create the outage state of one store.
	 * @param retryInterval how often to probe during an outage
	 * @param clock when an outage began
	 * @param advice what the warning tells the application to do
	 */
	RedisOutage(Duration retryInterval, Clock clock, EmnifyFailureAdvice advice) {
		this.retryInterval = retryInterval;
		this.clock = clock;
		this.advice = advice;
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
		logger.warn("The emnify token store cannot use Redis (" + error + "); this instance keeps an "
				+ "emnify session of its own (for a user whose logins need an MFA code, only the token it holds, "
				+ "until it is stale) and checks Redis every " + this.retryInterval
				+ " until it can share the session again. "
				+ this.advice.advise(EmnifyFailureKind.TOKEN_STORE_UNAVAILABLE, null, null));
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
			logger.info("Redis answers the emnify token store again; the emnify session is shared again");
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
