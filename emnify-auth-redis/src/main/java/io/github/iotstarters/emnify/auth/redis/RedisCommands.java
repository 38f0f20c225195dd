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

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

import io.github.iotstarters.emnify.auth.EmnifyTokenStoreStatus;
import io.github.iotstarters.emnify.auth.EmnifyTokenStoreUnavailableException;

/**
 * How the Redis store sends its commands: each within the command timeout, a failed or
 * slow one as {@link RedisUnavailableException}; the store's looks at a session tried
 * again twice, then failing as {@link EmnifyTokenStoreUnavailableException} and starting
 * the {@linkplain RedisOutage outage}, during which they fail at once; and nothing once
 * the store is closed.
 */
final class RedisCommands {

	// A slow or dropped command is tried again this often before the instance keeps a
	// session of its own: one hiccup must not make a whole fleet log in. Every command
	// may be sent again: TAKE_LEASE finds its own owner's lease taken, and a refresh
	// token that TAKE took from Redis but whose answer was lost costs a login.
	static final int COMMAND_RETRIES = 2;

	private static final String SERVER = "Redis";

	private final ReactiveStringRedisTemplate redis;

	private final Duration timeout;

	private final RedisOutage outage;

	private final String probeKey;

	private final AtomicBoolean closed = new AtomicBoolean();

	RedisCommands(ReactiveStringRedisTemplate redis, Duration timeout, RedisOutage outage, String probeKey) {
		this.redis = redis;
		this.timeout = timeout;
		this.outage = outage;
		this.probeKey = probeKey;
	}

	<T> Mono<T> script(RedisScript<T> script, List<String> keys, List<String> args) {
		return command(this.redis.execute(script, keys, args).next());
	}

	Mono<String> get(String key) {
		return command(this.redis.opsForValue().get(key));
	}

	Mono<Boolean> set(String key, String value, Duration ttl) {
		return command(this.redis.opsForValue().set(key, value, ttl));
	}

	/**
	 * A look at a session: fails at once while the outage lasts, so that the provider
	 * keeps a session of its own without waiting for a command timeout, and once the
	 * store is closed; a command that stays unanswered after its retries starts the
	 * outage.
	 * @param <T> the answer's type
	 * @param commands the commands
	 * @return their answer
	 */
	<T> Mono<T> look(Supplier<Mono<T>> commands) {
		return Mono.defer(() -> {
			if (this.closed.get()) {
				return Mono.error(new IllegalStateException("The emnify token store on Redis was closed (the "
						+ "application is shutting down), so it hands out no emnify session"));
			}
			if (this.outage.isOn()) {
				return Mono.error(new EmnifyTokenStoreUnavailableException(SERVER, this.outage.retryInterval(), null));
			}
			return retried(commands.get()).onErrorMap(RedisUnavailableException.class, (ex) -> {
				beginOutage(ex);
				return new EmnifyTokenStoreUnavailableException(SERVER, this.outage.retryInterval(), ex);
			});
		});
	}

	/**
	 * Send the command again, twice at most, while it fails or takes longer than the
	 * command timeout: a Redis that is slow for a moment is not down. A command cut off
	 * by its timeout may or may not have run; every command of the store may be sent
	 * again.
	 * @param <T> the answer's type
	 * @param command the command
	 * @return its answer, or the last failure
	 */
	<T> Mono<T> retried(Mono<T> command) {
		return command.retryWhen(Retry.max(COMMAND_RETRIES)
			.filter(RedisUnavailableException.class::isInstance)
			.onRetryExhaustedThrow((spec, signal) -> signal.failure()));
	}

	/**
	 * A write whose failure must not fail the caller: the answer given instead, and the
	 * outage begun if asked.
	 * @param <T> the answer's type
	 * @param command the command
	 * @param fallback the answer when Redis does not answer
	 * @param beginsOutage whether a failure begins the outage
	 * @return the answer
	 */
	<T> Mono<T> orElse(Mono<T> command, T fallback, boolean beginsOutage) {
		return command.onErrorResume(RedisUnavailableException.class, (ex) -> {
			if (beginsOutage) {
				beginOutage(ex);
			}
			return Mono.just(fallback);
		});
	}

	/**
	 * Let the commands that may not fail stop failing quietly: a failure is dropped.
	 * @param command the command
	 * @return its completion
	 */
	Mono<Void> quietly(Mono<?> command) {
		return command.then().onErrorResume(RedisUnavailableException.class, (ex) -> Mono.empty());
	}

	EmnifyTokenStoreStatus status(String type) {
		return this.outage.status(type);
	}

	boolean isUsable() {
		return !this.closed.get() && !this.outage.isOn();
	}

	boolean isClosed() {
		return this.closed.get();
	}

	/**
	 * Refuse further looks, and return how long a release on close may take.
	 * @return the longest a command with its retries takes
	 */
	Duration close() {
		this.closed.set(true);
		this.outage.close();
		return this.timeout.multipliedBy(COMMAND_RETRIES + 1);
	}

	private void beginOutage(RedisUnavailableException ex) {
		this.outage.begin(ex.getMessage(), () -> set(this.probeKey, "1", this.outage.retryInterval().plusSeconds(1)));
	}

	private <T> Mono<T> command(Mono<T> command) {
		return command.timeout(this.timeout).onErrorMap(RedisUnavailableException::new);
	}

	/**
	 * A Redis command failed or took too long.
	 */
	static final class RedisUnavailableException extends RuntimeException {

		RedisUnavailableException(Throwable cause) {
			super(describe(cause), cause, false, false);
		}

		private static String describe(Throwable cause) {
			return (cause.getMessage() != null) ? cause.getClass().getSimpleName() + ": " + cause.getMessage()
					: cause.getClass().getSimpleName();
		}

	}

}
