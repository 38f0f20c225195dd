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

import reactor.core.publisher.Mono;

import io.github.iotstarters.emnify.auth.web.EmnifyRateLimits.Limit;

/**
 * Where the token buckets of emnify's rate limits live: one bucket per key and limit, in
 * this instance ({@link Bucket4jRateLimitBuckets#inMemory()}) or shared by a fleet (the
 * Redis module's buckets). A missing bucket is a full one. The filter and the interceptor
 * take one permit per request that they send to emnify, and drain a bucket when emnify
 * answered 429.
 * <p>
 * Threads: the {@link Mono Monos} may complete on any thread, a Redis client's I/O thread
 * or the buckets' own timer included; callers move off it before doing more than
 * completing a future. Nothing here blocks a thread.
 * <p>
 * Keys name whose budget a bucket counts: emnify's origin and an organisation for the
 * limit classes, emnify's origin alone for the limit per IP address. Buckets of one key
 * with other figures are other buckets, so that instances configured differently do not
 * overwrite each other's.
 */
public interface EmnifyRateLimitBuckets {

	/**
	 * Take one permit: reserve it at once, and complete when it is due. Permits come due
	 * in the order they were reserved, one every 1/rate once the burst is spent. A
	 * subscriber that cancels before the permit is due gives it back when it comes due,
	 * so that the next caller has it.
	 * @param key whose budget the bucket counts
	 * @param limit the limit, with the bucket's figures
	 * @param maxWait the longest the permit may take
	 * @return {@code true} once the permit is due, or {@code false} at once, with nothing
	 * reserved, when it would take longer than {@code maxWait}
	 */
	Mono<Boolean> take(String key, Limit limit, Duration maxWait);

	/**
	 * Take one permit if it is free right now, on the calling thread and without a round
	 * trip to a store: the fast way of a request that meets no queue. Never takes a
	 * permit that a caller waiting in {@link #take} has reserved.
	 * @param key whose budget the bucket counts
	 * @param limit the limit, with the bucket's figures
	 * @return whether a permit was taken; {@code false}, with nothing taken, when none is
	 * free or these buckets cannot tell without a round trip (the default), and the
	 * caller then waits for one with {@link #take}
	 */
	default boolean takeAtOnce(String key, Limit limit) {
		return false;
	}

	/**
	 * Give back a permit that was taken and will not be used, such as the permit of a
	 * request's limit class when the limit per IP address refused the request.
	 * @param key whose budget the bucket counts
	 * @param limit the limit, with the bucket's figures
	 * @return completion once given back
	 */
	Mono<Void> giveBack(String key, Limit limit);

	/**
	 * Return how long a permit would take now, for a message after {@link #take} refused
	 * one; nothing is reserved.
	 * @param key whose budget the bucket counts
	 * @param limit the limit, with the bucket's figures
	 * @return the wait, zero when a permit is there
	 */
	Mono<Duration> expectedWait(String key, Limit limit);

	/**
	 * Empty a bucket after emnify answered 429, so that every caller of it waits for its
	 * next refill. One step that takes what is there: draining an empty bucket again
	 * changes nothing, so the callers that got the same 429 do not add up their pauses.
	 * Permits reserved before come due as reserved: they already follow the limit's rate.
	 * @param key whose budget the bucket counts
	 * @param limit the limit, with the bucket's figures
	 * @return completion once drained
	 */
	Mono<Void> drain(String key, Limit limit);

	/**
	 * Return whether the buckets are shared with other instances right now.
	 * @return whether they are shared; {@code false} by default
	 */
	default boolean isShared() {
		return false;
	}

}
