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
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.github.iotstarters.emnify.auth.test.ApiRateLimits.LimitClass;
import io.github.iotstarters.emnify.auth.test.SimulatorEvent.Kind;

import static io.github.iotstarters.emnify.auth.test.SimulatorHttp.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * emnify's API rate limits: a token bucket per workspace and limit class, and a window
 * per client address. They run on real time, so the few waits here are real and short; a
 * bucket refilling one permit per second keeps a burst of requests within its figures on
 * a busy machine.
 */
class ApiRateLimitTests {

	private static final String STAGING_TOKEN = "staging-application-token";

	private static final String ENDPOINTS = "/api/v1/endpoint";

	final AdjustableClock clock = new AdjustableClock(Fixtures.START);

	@Test
	void emnifysFiguresRefuseAListBurstBeyondFiveInEmnifysShape() {
		try (EmnifySimulator simulator = builder().build().start()) {
			SimulatorHttp http = new SimulatorHttp(simulator);
			String token = http.applicationTokenLogin(Fixtures.APPLICATION_TOKEN);

			List<HttpResponse<String>> responses = IntStream.range(0, 20)
				.mapToObj((request) -> http.get(ENDPOINTS, token))
				.toList();

			assertThat(responses.subList(0, 5))
				.allSatisfy((response) -> assertThat(response.statusCode()).isEqualTo(200));
			List<HttpResponse<String>> refused = responses.stream()
				.filter((response) -> response.statusCode() == 429)
				.toList();
			assertThat(refused).isNotEmpty();
			HttpResponse<String> first = refused.get(0);
			assertThat(json(first).path("error_code").asInt()).isEqualTo(1105);
			assertThat(json(first).path("error_token").stringValue()).isEqualTo("TooManyRequests");
			assertThat(json(first).path("message").stringValue()).contains("lists").contains("workspace 100");
			assertThat(first.headers().firstValue("Retry-After")).isEmpty();
			assertThat(simulator.counters().apiRateLimitRefusals()).isEqualTo(refused.size());
			assertThat(simulator.counters().rejected(429)).isEqualTo(refused.size());
			assertThat(simulator.journal()).filteredOn((event) -> event.status() == 429)
				.hasSize(refused.size())
				.allSatisfy((event) -> {
					assertThat(event.kind()).isEqualTo(Kind.API_REQUEST);
					assertThat(event.principal()).isEqualTo("application-token-1001");
					assertThat(event.outcome()).startsWith("rate limited: over the lists limit of workspace 100");
				});
		}
	}

	@Test
	void sixthListCallInABurstIsRefusedAndTheNextPassesAfterARefillInterval() throws InterruptedException {
		try (EmnifySimulator simulator = builder().apiRateLimit("lists", 4, 5).build().start()) {
			SimulatorHttp http = new SimulatorHttp(simulator);
			String token = http.applicationTokenLogin(Fixtures.APPLICATION_TOKEN);
			assertThat(statuses(http, ENDPOINTS, token, 5)).containsOnly(200);
			assertThat(http.get(ENDPOINTS, token).statusCode()).isEqualTo(429);

			// Real time: the buckets must not follow the clock tests move (see below).
			Thread.sleep(300);

			assertThat(http.get(ENDPOINTS, token).statusCode()).isEqualTo(200);
			assertThat(http.get(ENDPOINTS, token).statusCode()).isEqualTo(429);
			assertThat(simulator.counters().apiRateLimitRefusals()).isEqualTo(2);
		}
	}

	@Test
	void workspacesDoNotShareABucket() {
		try (EmnifySimulator simulator = slowLists().build().start()) {
			SimulatorHttp http = new SimulatorHttp(simulator);
			String production = http.applicationTokenLogin(Fixtures.APPLICATION_TOKEN);
			String staging = http.applicationTokenLogin(STAGING_TOKEN);
			assertThat(statuses(http, ENDPOINTS, production, 6)).endsWith(429);

			assertThat(statuses(http, ENDPOINTS, staging, 5)).containsOnly(200);
			assertThat(http.get(ENDPOINTS, staging).statusCode()).isEqualTo(429);
		}
	}

	@Test
	void classesDoNotShareABucket() {
		try (EmnifySimulator simulator = slowLists().build().start()) {
			SimulatorHttp http = new SimulatorHttp(simulator);
			String token = http.applicationTokenLogin(Fixtures.APPLICATION_TOKEN);
			assertThat(statuses(http, ENDPOINTS, token, 6)).endsWith(429);

			assertThat(http.get("/api/v1/sim/1", token).statusCode()).isEqualTo(200);
			assertThat(http.get("/api/v1/sim", token).statusCode()).isEqualTo(429);
			assertThat(simulator.counters().apiRateLimitRefusals()).isEqualTo(2);
		}
	}

	@ParameterizedTest
	@CsvSource(nullValues = "none", textBlock = """
			GET,    /api/v1/endpoint,                          LISTS
			GET,    /api/v1/endpoint/,                         LISTS
			GET,    /api/v1/sim,                               LISTS
			GET,    /api/v1/stats,                             LISTS
			GET,    /api/v1/organisation/7/stats/daily,        LISTS
			GET,    /api/v1/organisation/7/billing/2030/1,     LISTS
			GET,    /api/v1/sim/9/stats,                       LISTS
			GET,    /api/v1/endpoint/12/connectivity_info,     LISTS
			GET,    /api/v1/endpoint/12/stats,                 LISTS
			GET,    /api/v1/endpoint/12/stats/daily,           LISTS
			GET,    /api/v1/event,                             LISTS
			GET,    /api/v1/endpoint/12/event,                 LISTS
			GET,    /api/v1/endpoint/12,                       ENDPOINT
			GET,    /api/v1/endpoint/12/,                      ENDPOINT
			PATCH,  /api/v1/endpoint/12,                       ENDPOINT
			DELETE, /api/v1/endpoint/12,                       ENDPOINT
			GET,    /api/v1/endpoint/12/connectivity,          ENDPOINT
			GET,    /api/v1/endpoint/stats,                    SIM
			GET,    /api/v1/endpoint/stats/,                   SIM
			GET,    /api/v1/sim/9,                             SIM
			GET,    /api/v1/service_profile,                   SIM
			GET,    /api/v1/tariff_profile/3,                  SIM
			GET,    /api/v1/event/alerts_pending,              SIM
			POST,   /api/v1/endpoint,                          none
			POST,   /api/v1/sim/migration/workspace,           none
			PUT,    /api/v1/endpoint/12,                       none
			GET,    /api/v1/endpoint/12/connectivity/extra,    none
			GET,    /api/v2/user/1/workspace,                  none
			GET,    /api/v1,                                   none
			""")
	void mostSpecificPatternDecidesTheClass(String method, String path, LimitClass expected) {
		assertThat(ApiRateLimits.classify(method, path)).isEqualTo(expected);
	}

	@Test
	void anAddressGetsItsNumberOfRequestsPerWindowOverEveryClassButTheLogin() {
		try (EmnifySimulator simulator = builder().perIpRateLimit(20, Duration.ofSeconds(2)).build().start()) {
			SimulatorHttp http = new SimulatorHttp(simulator);
			String token = http.applicationTokenLogin(Fixtures.APPLICATION_TOKEN);
			assertThat(statuses(http, "/api/v1/sim/1", token, 10)).containsOnly(200);
			assertThat(statuses(http, "/api/v2/user/1/workspace", token, 10)).containsOnly(403);

			HttpResponse<String> refused = http.get("/api/v1/sim/1", token);

			assertThat(refused.statusCode()).isEqualTo(429);
			assertThat(json(refused).path("error_token").stringValue()).isEqualTo("TooManyRequests");
			assertThat(json(refused).path("message").stringValue()).contains("20 requests per PT2S");
			assertThat(http.applicationTokenLogin(Fixtures.APPLICATION_TOKEN)).isNotBlank();
			assertThat(simulator.counters().apiRateLimitRefusals()).isEqualTo(1);
		}
	}

	@Test
	void loginsDoNotCountTowardsTheAddressWindow() {
		try (EmnifySimulator simulator = builder().perIpRateLimit(2, Duration.ofSeconds(2)).build().start()) {
			SimulatorHttp http = new SimulatorHttp(simulator);
			IntStream.range(0, 5).forEach((login) -> http.applicationTokenLogin(Fixtures.APPLICATION_TOKEN));
			String token = http.applicationTokenLogin(Fixtures.APPLICATION_TOKEN);

			assertThat(statuses(http, "/api/v1/sim/1", token, 3)).containsExactly(200, 200, 429);
		}
	}

	@Test
	void aRefusedRequestChangesNothing() {
		try (EmnifySimulator simulator = builder().perIpRateLimit(1, Duration.ofSeconds(2)).build().start()) {
			SimulatorHttp http = new SimulatorHttp(simulator);
			String token = http.userToken(Fixtures.USER, Fixtures.USER_PASSWORD);
			http.get("/api/v1/sim/1", token);

			HttpResponse<String> refused = http.post(SimMigrationTests.PATH,
					Map.of("sims", List.of(Map.of("id", 30)), "target_workspace", Map.of("id", Fixtures.STAGING)),
					token);

			assertThat(refused.statusCode()).isEqualTo(429);
			assertThat(simulator.counters().simMigrations()).isZero();
			assertThat(simulator.journal()).noneMatch((event) -> event.kind() == Kind.SIM_MIGRATION);
		}
	}

	@Test
	void retryAfterHeaderTellsWhenTheBucketHasAPermitAgain() {
		try (EmnifySimulator simulator = builder().apiRateLimit("lists", 0.1, 1)
			.retryAfterHeader(true)
			.build()
			.start()) {
			SimulatorHttp http = new SimulatorHttp(simulator);
			String token = http.applicationTokenLogin(Fixtures.APPLICATION_TOKEN);
			http.get(ENDPOINTS, token);

			HttpResponse<String> refused = http.get(ENDPOINTS, token);

			assertThat(refused.statusCode()).isEqualTo(429);
			assertThat(refused.headers().firstValue("Retry-After")).hasValue("10");
		}
	}

	@Test
	void switchedOffNothingIsRefused() {
		try (EmnifySimulator simulator = slowLists().perIpRateLimit(5, Duration.ofMinutes(5))
			.apiRateLimits(false)
			.build()
			.start()) {
			SimulatorHttp http = new SimulatorHttp(simulator);
			String token = http.applicationTokenLogin(Fixtures.APPLICATION_TOKEN);

			assertThat(statuses(http, ENDPOINTS, token, 30)).containsOnly(200);
			assertThat(simulator.counters().apiRateLimitRefusals()).isZero();
		}
	}

	@Test
	void movingTheClockByHoursNeitherRefillsNorEmptiesABucket() {
		try (EmnifySimulator simulator = slowLists().authTokenLifetime(Duration.ofDays(1)).build().start()) {
			SimulatorHttp http = new SimulatorHttp(simulator);
			String token = http.applicationTokenLogin(Fixtures.APPLICATION_TOKEN);
			assertThat(statuses(http, ENDPOINTS, token, 2)).containsOnly(200);

			this.clock.advance(Duration.ofHours(3));

			assertThat(statuses(http, ENDPOINTS, token, 4)).containsExactly(200, 200, 200, 429);

			this.clock.advance(Duration.ofHours(3));

			assertThat(http.get(ENDPOINTS, token).statusCode()).isEqualTo(429);
		}
	}

	@Test
	void resetRefillsEveryBucket() {
		try (EmnifySimulator simulator = slowLists().build().start()) {
			SimulatorHttp http = new SimulatorHttp(simulator);
			String token = http.applicationTokenLogin(Fixtures.APPLICATION_TOKEN);
			assertThat(statuses(http, ENDPOINTS, token, 6)).endsWith(429);

			simulator.resetKeepingSessions();

			assertThat(statuses(http, ENDPOINTS, token, 6)).containsExactly(200, 200, 200, 200, 200, 429);
			simulator.reset();
			String newToken = http.applicationTokenLogin(Fixtures.APPLICATION_TOKEN);
			assertThat(statuses(http, ENDPOINTS, newToken, 5)).containsOnly(200);
		}
	}

	@Test
	void unknownClassOrFiguresOutOfRangeAreRejectedByTheBuilder() {
		EmnifySimulatorBuilder builder = EmnifySimulator.builder();
		assertThatIllegalArgumentException().isThrownBy(() -> builder.apiRateLimit("events", 10, 5))
			.withMessage("emnify has no API rate limit class 'events'; use one of lists, endpoint, sim");
		assertThatIllegalArgumentException().isThrownBy(() -> builder.apiRateLimit("lists", 0, 5));
		assertThatIllegalArgumentException().isThrownBy(() -> builder.apiRateLimit("lists", 10, 0));
		assertThatIllegalArgumentException().isThrownBy(() -> builder.perIpRateLimit(0, Duration.ofMinutes(5)));
	}

	private EmnifySimulatorBuilder builder() {
		return Fixtures.simulator(this.clock).applicationToken(STAGING_TOKEN, Fixtures.STAGING);
	}

	/**
	 * The list class at one permit a second with emnify's burst of 5, so that a burst of
	 * requests sees no refill on a busy machine.
	 */
	@Test
	void businessOperationsTakePermitsOfTheirClass() {
		try (EmnifySimulator simulator = slowLists().apiRateLimit("endpoint", 1, 5).build().start()) {
			SimulatorHttp http = new SimulatorHttp(simulator);
			String token = http.applicationTokenLogin(Fixtures.APPLICATION_TOKEN);

			assertThat(statuses(http, "/api/v1/event", token, 6)).endsWith(429);
			assertThat(statuses(http, "/api/v1/endpoint/1/stats/daily", token, 1)).containsExactly(429);
			assertThat(statuses(http, "/api/v1/endpoint/1/connectivity", token, 6)).endsWith(200, 429);
			assertThat(statuses(http, "/api/v1/sim/1", token, 1)).containsExactly(200);
		}
	}

	private EmnifySimulatorBuilder slowLists() {
		return builder().apiRateLimit("lists", 1, 5);
	}

	private static List<Integer> statuses(SimulatorHttp http, String path, String token, int requests) {
		return IntStream.range(0, requests).mapToObj((request) -> http.get(path, token).statusCode()).toList();
	}

}
