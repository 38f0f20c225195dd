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

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import io.github.iotstarters.emnify.auth.EmnifyAuthenticationListener;
import io.github.iotstarters.emnify.auth.EmnifyGrantType;

/**
 * Records the calls to emnify's authenticate endpoints as the timer
 * {@code emnify.auth.requests} (tags {@code grant} and {@code outcome}) and replays after
 * a 401 as the counter {@code emnify.auth.replays}. Tags have a handful of values each:
 * no user names, no workspace ids.
 */
final class MicrometerEmnifyAuthenticationListener implements EmnifyAuthenticationListener {

	static final String REQUESTS = "emnify.auth.requests";

	static final String REPLAYS = "emnify.auth.replays";

	private final MeterRegistry registry;

	private final Counter replays;

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

}
