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

package io.github.iotstarters.emnify.auth.test;

import java.time.Duration;

/**
 * A token bucket with greedy refill, as emnify's API gateway keeps one per workspace and
 * limit class: it starts full, holds at most its burst, and regains a permit every
 * {@code 1/rate} seconds, a fraction of one continuously in between. Times are
 * {@link System#nanoTime()} readings.
 */
final class TokenBucket {

	private static final double NANOS_PER_SECOND = 1_000_000_000.0;

	private final double permitsPerNano;

	private final int capacity;

	private double permits;

	private long refilledAt;

	TokenBucket(double perSecond, int capacity, long now) {
		this.permitsPerNano = perSecond / NANOS_PER_SECOND;
		this.capacity = capacity;
		this.permits = capacity;
		this.refilledAt = now;
	}

	synchronized boolean tryAcquire(long now) {
		refill(now);
		if (this.permits < 1) {
			return false;
		}
		this.permits -= 1;
		return true;
	}

	/**
	 * Time until the bucket holds a whole permit again.
	 * @param now the current {@link System#nanoTime()}
	 * @return the time, zero when a permit is there
	 */
	synchronized Duration untilNextPermit(long now) {
		refill(now);
		return (this.permits >= 1) ? Duration.ZERO
				: Duration.ofNanos((long) Math.ceil((1 - this.permits) / this.permitsPerNano));
	}

	private void refill(long now) {
		this.permits = Math.min(this.capacity, this.permits + (now - this.refilledAt) * this.permitsPerNano);
		this.refilledAt = now;
	}

}
