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

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static io.github.iotstarters.emnify.auth.test.SimulatorHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rate limit of {@code POST /api/v1/authenticate}.
 */
class RateLimitTests {

	final AdjustableClock clock = new AdjustableClock(Fixtures.START);

	@Test
	void the101stAuthenticationWithinFiveMinutesGets429() {
		try (EmnifySimulator simulator = Fixtures.simulator(this.clock).build().start()) {
			SimulatorHttp http = new SimulatorHttp(simulator);
			for (int request = 0; request < 100; request++) {
				assertThat(login(http).statusCode()).isEqualTo(200);
				this.clock.advance(Duration.ofSeconds(2));
			}

			HttpResponse<String> limited = login(http);

			assertThat(limited.statusCode()).isEqualTo(429);
			assertThat(json(limited).path("error_code").asInt()).isEqualTo(1105);
			assertThat(json(limited).path("error_token").stringValue()).isEqualTo("TooManyRequests");
			assertThat(limited.headers().firstValue("Retry-After")).isEmpty();
		}
	}

	@Test
	void windowSlidesSoOldRequestsStopCounting() {
		try (EmnifySimulator simulator = Fixtures.simulator(this.clock)
			.authenticateRateLimit(3, Duration.ofMinutes(1))
			.build()
			.start()) {
			SimulatorHttp http = new SimulatorHttp(simulator);
			login(http);
			this.clock.advance(Duration.ofSeconds(30));
			login(http);
			login(http);
			assertThat(login(http).statusCode()).isEqualTo(429);

			this.clock.advance(Duration.ofSeconds(30));

			assertThat(login(http).statusCode()).isEqualTo(200);
			assertThat(login(http).statusCode()).isEqualTo(429);
		}
	}

	@Test
	void rateLimitCoversEveryGrantAndRejectedCredentials() {
		try (EmnifySimulator simulator = Fixtures.simulator(this.clock)
			.authenticateRateLimit(2, Duration.ofMinutes(1))
			.build()
			.start()) {
			SimulatorHttp http = new SimulatorHttp(simulator);
			http.authenticate(Map.of("application_token", "unknown"));
			http.authenticate(Map.of("refresh_token", "unknown"));

			assertThat(http
				.authenticate(Map.of("username", Fixtures.USER, "password", Accounts.sha1Hex(Fixtures.USER_PASSWORD)))
				.statusCode()).isEqualTo(429);
		}
	}

	@Test
	void retryAfterHeaderTellsWhenTheOldestRequestLeavesTheWindow() {
		try (EmnifySimulator simulator = Fixtures.simulator(this.clock)
			.authenticateRateLimit(1, Duration.ofMinutes(1))
			.retryAfterHeader(true)
			.build()
			.start()) {
			SimulatorHttp http = new SimulatorHttp(simulator);
			login(http);
			this.clock.advance(Duration.ofSeconds(20));

			HttpResponse<String> limited = login(http);

			assertThat(limited.statusCode()).isEqualTo(429);
			assertThat(limited.headers().firstValue("Retry-After")).hasValue("40");
		}
	}

	private static HttpResponse<String> login(SimulatorHttp http) {
		return http.authenticate(Map.of("application_token", Fixtures.APPLICATION_TOKEN));
	}

}
