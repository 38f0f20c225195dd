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

package io.github.iotstarters.emnify.auth.autoconfigure;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import io.github.iotstarters.emnify.auth.EmnifyAuthenticationListener;
import io.github.iotstarters.emnify.auth.EmnifyGrantType;

/**
 * Records the calls to emnify's authenticate endpoints as the timer
 * {@code emnify.auth.requests} (tags {@code grant} and {@code outcome}), replays after a
 * 401 as the counter {@code emnify.auth.replays}, the waits for permits of emnify's rate
 * limits as the timer {@code emnify.auth.rate.limit.wait} (tags {@code limit} and
 * {@code outcome}: {@code permitted}, {@code over-bound}), and the 429s emnify answered
 * as the counter {@code emnify.auth.rate.limit.rejections} (tags {@code limit} and
 * {@code outcome}: {@code resent}, {@code passed-on}). Tags have a handful of values
 * each: no user names, no workspace or organisation ids; limit names are the configured
 * classes and {@code per-ip}.
 */
final class MicrometerEmnifyAuthenticationListener implements EmnifyAuthenticationListener {

	static final String REQUESTS = "emnify.auth.requests";

	static final String REPLAYS = "emnify.auth.replays";

	static final String RATE_LIMIT_WAIT = "emnify.auth.rate.limit.wait";

	static final String RATE_LIMIT_REJECTIONS = "emnify.auth.rate.limit.rejections";

	private final MeterRegistry registry;

	private final Counter replays;

	// Every paced request records a wait: its timers are looked up by limit name alone,
	// not registered again (a builder, tags and the registry's lookup) on each request.
	private final Map<String, Timer> permittedWaits = new ConcurrentHashMap<>();

	private final Map<String, Timer> overBoundWaits = new ConcurrentHashMap<>();

	MicrometerEmnifyAuthenticationListener(MeterRegistry registry) {
		this.registry = registry;
		this.replays = Counter.builder(REPLAYS)
			.description("Requests to emnify replayed with a new token after a 401")
			.register(registry);
	}

	@Override
	public void authenticationRequest(EmnifyGrantType grantType, Outcome outcome, Duration duration) {
		Timer.builder(REQUESTS)
			.description("Calls to emnify's authenticate endpoints, each retry on its own")
			.tag("grant", grantType.value())
			.tag("outcome", outcome.value())
			.register(this.registry)
			.record(duration);
	}

	@Override
	public void replayed() {
		this.replays.increment();
	}

	@Override
	public void waitedForPermit(String limit, Duration waited, boolean permitted) {
		Map<String, Timer> waits = permitted ? this.permittedWaits : this.overBoundWaits;
		waits
			.computeIfAbsent(limit,
					(name) -> Timer.builder(RATE_LIMIT_WAIT)
						.description("Time requests to emnify waited for a permit of its rate limits")
						.tag("limit", name)
						.tag("outcome", permitted ? "permitted" : "over-bound")
						.register(this.registry))
			.record(waited);
	}

	@Override
	public void tooManyRequests(String limit, boolean resent) {
		Counter.builder(RATE_LIMIT_REJECTIONS)
			.description("Requests emnify answered 429 Too Many Requests")
			.tag("limit", limit)
			.tag("outcome", resent ? "resent" : "passed-on")
			.register(this.registry)
			.increment();
	}

}
