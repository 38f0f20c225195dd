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
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Admits at most a number of requests in any window of time. Only admitted requests
 * count, so a client that backs off is admitted again once old requests leave the window.
 */
final class SlidingWindowRateLimiter {

	private final int limit;

	private final Duration window;

	private final Deque<Instant> admitted = new ArrayDeque<>();

	SlidingWindowRateLimiter(int limit, Duration window) {
		this.limit = limit;
		this.window = window;
	}

	synchronized boolean tryAcquire(Instant now) {
		Instant windowStart = now.minus(this.window);
		while (!this.admitted.isEmpty() && !this.admitted.peekFirst().isAfter(windowStart)) {
			this.admitted.removeFirst();
		}
		if (this.admitted.size() >= this.limit) {
			return false;
		}
		this.admitted.addLast(now);
		return true;
	}

	/**
	 * Time until the next request would be admitted.
	 * @param now the current instant
	 * @return how long the client is to wait, zero when a request would be admitted now
	 */
	synchronized Duration untilAdmission(Instant now) {
		Instant oldest = this.admitted.peekFirst();
		if (oldest == null || this.admitted.size() < this.limit) {
			return Duration.ZERO;
		}
		return Duration.between(now, oldest.plus(this.window));
	}

	synchronized void reset() {
		this.admitted.clear();
	}

}
