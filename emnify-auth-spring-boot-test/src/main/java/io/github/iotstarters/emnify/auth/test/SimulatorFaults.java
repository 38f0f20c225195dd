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
import java.util.EnumSet;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;

/**
 * Faults a test switches on to check a client's resilience. Faults apply to a
 * {@link Scope}: the authentication endpoints, the rest of the API, or both.
 *
 * <pre class="code">
 * simulator.faults().authenticate().failNext(2, 503);
 * simulator.faults().api().delay(Duration.ofMillis(300)).resetConnectionNext(1);
 * simulator.faults().clear();
 * </pre>
 *
 * Counted faults ({@code ...Next(count)}) queue up in the order they were switched on,
 * across scopes, and each answers one request of its scope until its count is used up. A
 * request answered by a fault is not processed: a refresh token sent with it stays valid,
 * and it does not count towards the rate limit or a lockout. A delay applies to every
 * answer of its scope, faults included, until cleared.
 */
public final class SimulatorFaults {

	private final Queue<PendingFault> pending = new ConcurrentLinkedQueue<>();

	private final Map<Area, Duration> delays = new ConcurrentHashMap<>();

	private final Scope authenticate = new Scope(EnumSet.of(Area.AUTHENTICATE));

	private final Scope api = new Scope(EnumSet.of(Area.API));

	private final Scope all = new Scope(EnumSet.allOf(Area.class));

	SimulatorFaults() {
	}

	/**
	 * Faults for {@code /api/v1/authenticate} and {@code /api/v1/authenticate/workspace},
	 * these two paths exactly.
	 * @return the scope
	 */
	public Scope authenticate() {
		return this.authenticate;
	}

	/**
	 * Faults for every other path, such as {@code GET /api/v1/sim}.
	 * @return the scope
	 */
	public Scope api() {
		return this.api;
	}

	/**
	 * Faults for every request.
	 * @return the scope
	 */
	public Scope all() {
		return this.all;
	}

	/**
	 * Switches every fault and delay off.
	 */
	public void clear() {
		this.pending.clear();
		this.delays.clear();
	}

	/**
	 * Takes one use of the oldest pending fault that applies to the area, if any.
	 * @param area the part of the API the request belongs to
	 * @return the malfunction to answer the request with, or {@code null} when no pending
	 * fault applies
	 */
	@Nullable Malfunction take(Area area) {
		for (PendingFault fault : this.pending) {
			if (fault.areas.contains(area) && fault.tryUse()) {
				if (fault.remaining.get() == 0) {
					this.pending.remove(fault);
				}
				return fault.fault;
			}
		}
		return null;
	}

	Duration delay(Area area) {
		return this.delays.getOrDefault(area, Duration.ZERO);
	}

	/**
	 * Part of the API that a request belongs to.
	 */
	enum Area {

		AUTHENTICATE, API

	}

	/**
	 * What a faulted request gets instead of its answer.
	 *
	 * @param type kind of fault
	 * @param status HTTP status for {@link Type#STATUS}, otherwise {@code 0}
	 */
	record Malfunction(Type type, int status) {

		enum Type {

			STATUS, CONNECTION_RESET, EMPTY_REPLY, MALFORMED_JSON, HTML, OK_WITHOUT_AUTH_TOKEN

		}

	}

	private static final class PendingFault {

		private final Set<Area> areas;

		private final Malfunction fault;

		private final AtomicInteger remaining;

		PendingFault(Set<Area> areas, Malfunction fault, int count) {
			this.areas = areas;
			this.fault = fault;
			this.remaining = new AtomicInteger(count);
		}

		boolean tryUse() {
			return this.remaining.getAndUpdate((left) -> (left > 0) ? left - 1 : 0) > 0;
		}

	}

	/**
	 * Faults for one part of the API. Methods return the scope for chaining.
	 */
	public final class Scope {

		private final Set<Area> areas;

		private Scope(Set<Area> areas) {
			this.areas = areas;
		}

		/**
		 * Delays every answer in this scope until {@link SimulatorFaults#clear()}; a
		 * later call replaces the delay. Where both this scope and
		 * {@link SimulatorFaults#all()} have a delay, the later call wins.
		 * @param delay how long to wait before answering
		 * @return this scope
		 */
		public Scope delay(Duration delay) {
			if (delay.isNegative()) {
				throw new IllegalArgumentException("Delay must not be negative");
			}
			this.areas.forEach((area) -> SimulatorFaults.this.delays.put(area, delay));
			return this;
		}

		/**
		 * Answers the next {@code count} requests with the given status and the small
		 * JSON body {@code {"message":"Simulated failure"}}.
		 * @param count how many requests to fail
		 * @param status an HTTP status from 400 to 599, typically 500, 502, 503 or 504
		 * @return this scope
		 */
		public Scope failNext(int count, int status) {
			if (status < 400 || status > 599) {
				throw new IllegalArgumentException("Status must be from 400 to 599, not " + status);
			}
			return add(count, new Malfunction(Malfunction.Type.STATUS, status));
		}

		/**
		 * Resets the connection of the next {@code count} requests without an answer (TCP
		 * RST).
		 * @param count how many requests to fail
		 * @return this scope
		 */
		public Scope resetConnectionNext(int count) {
			return add(count, new Malfunction(Malfunction.Type.CONNECTION_RESET, 0));
		}

		/**
		 * Closes the connection of the next {@code count} requests without writing any
		 * byte, what curl reports as "Empty reply from server".
		 * @param count how many requests to fail
		 * @return this scope
		 */
		public Scope emptyReplyNext(int count) {
			return add(count, new Malfunction(Malfunction.Type.EMPTY_REPLY, 0));
		}

		/**
		 * Answers the next {@code count} requests with 200, {@code application/json} and
		 * a truncated JSON body.
		 * @param count how many requests to fail
		 * @return this scope
		 */
		public Scope malformedJsonNext(int count) {
			return add(count, new Malfunction(Malfunction.Type.MALFORMED_JSON, 0));
		}

		/**
		 * Answers the next {@code count} requests with 502 and an HTML page, as a load
		 * balancer in front of the API does.
		 * @param count how many requests to fail
		 * @return this scope
		 */
		public Scope htmlNext(int count) {
			return add(count, new Malfunction(Malfunction.Type.HTML, 0));
		}

		/**
		 * Answers the next {@code count} requests with 200 and the JSON body {@code {}}:
		 * valid JSON, but no {@code auth_token}.
		 * @param count how many requests to fail
		 * @return this scope
		 */
		public Scope okWithoutAuthTokenNext(int count) {
			return add(count, new Malfunction(Malfunction.Type.OK_WITHOUT_AUTH_TOKEN, 0));
		}

		private Scope add(int count, Malfunction fault) {
			if (count < 1) {
				throw new IllegalArgumentException("Count must be positive, not " + count);
			}
			SimulatorFaults.this.pending.add(new PendingFault(this.areas, fault, count));
			return this;
		}

	}

}
