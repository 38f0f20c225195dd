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

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import io.github.iotstarters.emnify.auth.web.EmnifyRateLimits.Limit;

/**
 * Where the token buckets of emnify's rate limits live: one bucket per key and limit, in
 * this instance ({@link Bucket4jRateLimitBuckets#inMemory()}) or shared by a fleet (the
 * Redis module's buckets). A missing bucket is a full one. The filter and the interceptor
 * take one permit per request that they send to emnify, and drain a bucket when emnify
 * answered 429.
 * <p>
 * Keys name whose budget a bucket counts: emnify's origin and an organisation for the
 * limit classes, emnify's origin alone for the limit per IP address. Buckets of one key
 * with other figures are other buckets, so that instances configured differently do not
 * overwrite each other's.
 */
public interface EmnifyRateLimitBuckets {

	/**
	 * Take one permit: reserve it at once, and complete when it is due.
	 * @param key whose budget the bucket counts
	 * @param limit the limit, with the bucket's figures
	 * @param maxWait the longest the permit may take
	 * @return {@code true} once the permit is due, or {@code false} at once, with nothing
	 * reserved, when it would take longer than {@code maxWait}
	 */
	Mono<Boolean> take(String key, Limit limit, Duration maxWait);

	/**
	 * Return how long a permit would take now, for a message after {@link #take} refused
	 * one; nothing is reserved.
	 * @param key whose budget the bucket counts
	 * @param limit the limit, with the bucket's figures
	 * @return the wait, zero when a permit is there
	 */
	Mono<Duration> expectedWait(String key, Limit limit);

	/**
	 * Empty a bucket after emnify answered 429, so that every caller of it waits: until
	 * the next refill, or until {@code forAtLeast} has passed. A drain that follows
	 * another one does not lengthen the pause beyond its own {@code forAtLeast}, so that
	 * the callers that got the same 429 do not add up their pauses.
	 * @param key whose budget the bucket counts
	 * @param limit the limit, with the bucket's figures
	 * @param forAtLeast how long the bucket gives no permit (emnify's
	 * {@code Retry-After}), {@code null} for the next refill
	 * @return completion once drained
	 */
	Mono<Void> drain(String key, Limit limit, @Nullable Duration forAtLeast);

	/**
	 * Return whether the buckets are shared with other instances right now.
	 * @return whether they are shared; {@code false} by default
	 */
	default boolean isShared() {
		return false;
	}

}
