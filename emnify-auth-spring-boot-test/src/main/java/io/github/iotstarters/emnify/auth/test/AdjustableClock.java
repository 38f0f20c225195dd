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

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A {@link Clock} that tests move by hand, so token expiry, lockouts and rate-limit
 * windows can be tested without sleeping. Share one instance between the simulator and
 * the client under test. Thread-safe.
 *
 * <pre class="code">
 * AdjustableClock clock = new AdjustableClock(Instant.parse("2025-01-01T00:00:00Z"));
 * EmnifySimulator simulator = EmnifySimulator.builder().clock(clock)...build();
 * clock.advance(Duration.ofMinutes(5));
 * </pre>
 */
public final class AdjustableClock extends Clock {

	private final AtomicReference<Instant> now;

	private final ZoneId zone;

	/**
	 * Creates a clock standing at the given instant, in UTC.
	 * @param start the instant the clock shows until it is moved
	 */
	public AdjustableClock(Instant start) {
		this(new AtomicReference<>(start), ZoneOffset.UTC);
	}

	private AdjustableClock(AtomicReference<Instant> now, ZoneId zone) {
		this.now = now;
		this.zone = zone;
	}

	/**
	 * Moves the clock forward (or backward, for a negative duration).
	 * @param duration how far to move
	 * @return the new instant
	 */
	public Instant advance(Duration duration) {
		return this.now.updateAndGet((instant) -> instant.plus(duration));
	}

	/**
	 * Sets the clock to the given instant.
	 * @param instant the instant the clock shows from now on
	 */
	public void set(Instant instant) {
		this.now.set(instant);
	}

	@Override
	public Instant instant() {
		return this.now.get();
	}

	@Override
	public ZoneId getZone() {
		return this.zone;
	}

	/**
	 * Returns a clock with another zone that shares this clock's time, so moving either
	 * moves both.
	 */
	@Override
	public Clock withZone(ZoneId zone) {
		return new AdjustableClock(this.now, zone);
	}

}
