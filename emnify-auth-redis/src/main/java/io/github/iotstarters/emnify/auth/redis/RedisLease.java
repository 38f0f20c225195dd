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

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import io.github.iotstarters.emnify.auth.EmnifyTokenStore.Lease;

/**
 * A lease the Redis store took, under an owner of this instance's, and extended every
 * third of the lease time until it is released: a renewal may outlast the lease time (a
 * slow login, an MFA code by mail). Extensions that fail are left to the lease's expiry;
 * the store refuses the tokens of a holder that lost its lease.
 */
final class RedisLease implements Lease {

	// Under the store's name, which applications configure.
	private static final Log logger = LogFactory.getLog(RedisEmnifyTokenStore.class);

	private final RedisCommands commands;

	private final RedisKeys.Session keys;

	private final String owner;

	private final Duration leaseTime;

	private final Runnable forget;

	private final Disposable keeper;

	/**
	 * Keep a lease taken.
	 * @param commands how to reach Redis
	 * @param keys the session's keys
	 * @param owner the owner the lease was taken under
	 * @param leaseTime how long it lasts without an extension
	 * @param forget what the store does once the lease is released
	 */
	RedisLease(RedisCommands commands, RedisKeys.Session keys, String owner, Duration leaseTime, Runnable forget) {
		this.commands = commands;
		this.keys = keys;
		this.owner = owner;
		this.leaseTime = leaseTime;
		this.forget = forget;
		Duration period = leaseTime.dividedBy(3);
		// An extension may take as long as a period (the command timeout): the tick that
		// finds one running is dropped, or the interval would fail.
		this.keeper = Flux.interval(period, period)
			.onBackpressureDrop()
			.concatMap((tick) -> commands.orElse(extension(), 1L, false))
			.filter((extended) -> extended == 0)
			.next()
			.subscribe((lost) -> logger
				.debug("Lost the emnify token store's lease while renewing; the new tokens stay with this instance"),
					(ex) -> logger.debug("The emnify token store stopped extending its lease; it expires", ex));
	}

	/**
	 * Take the session's lease for the owner if nobody holds it (or the owner does).
	 * @param commands how to reach Redis
	 * @param keys the session's keys
	 * @param owner the owner
	 * @param leaseTime how long it lasts without an extension
	 * @return whether it was taken
	 */
	static Mono<Boolean> take(RedisCommands commands, RedisKeys.Session keys, String owner, Duration leaseTime) {
		return commands
			.script(RedisScripts.TAKE_LEASE, List.of(keys.lease()), List.of(owner, Long.toString(leaseTime.toMillis())))
			.map((taken) -> taken != 0);
	}

	String owner() {
		return this.owner;
	}

	@Override
	public Mono<Boolean> extend() {
		return this.commands.isClosed() ? Mono.just(false)
				: this.commands.look(this::extension).map((extended) -> extended > 0);
	}

	// A lease that cannot be released expires.
	@Override
	public Mono<Void> release() {
		return Mono.defer(() -> {
			this.keeper.dispose();
			this.forget.run();
			return this.commands.quietly(this.commands.script(RedisScripts.DELETE_IF_EQUAL, List.of(this.keys.lease()),
					List.of(this.owner)));
		});
	}

	private Mono<Long> extension() {
		return this.commands.script(RedisScripts.EXTEND_IF_EQUAL, List.of(this.keys.lease()),
				List.of(this.owner, Long.toString(this.leaseTime.toMillis())));
	}

}
