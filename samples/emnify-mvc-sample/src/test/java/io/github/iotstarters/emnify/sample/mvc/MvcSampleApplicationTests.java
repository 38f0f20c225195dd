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

package io.github.iotstarters.emnify.sample.mvc;

import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

import io.github.iotstarters.emnify.auth.test.EmnifySimulator;
import io.github.iotstarters.emnify.auth.test.EmnifySimulatorExtension;
import io.github.iotstarters.emnify.auth.test.SimulatorEvent;
import io.github.iotstarters.emnify.auth.test.SimulatorEvent.Kind;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The MVC sample served on a random port against the simulator: what its endpoints asked
 * emnify and answered, and emnify's health and metrics as Actuator shows them.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class MvcSampleApplicationTests {

	// 128 concurrent callers test one login for all, not emnify's API rate limits.
	@RegisterExtension
	static EmnifySimulatorExtension emnify = EmnifySimulatorExtension.of(EmnifySimulator.builder()
		.workspace(1001, "Demo Production")
		.applicationToken("app-token", 1001)
		.apiRateLimits(false));

	@DynamicPropertySource
	static void emnifyProperties(DynamicPropertyRegistry registry) {
		emnify.registerProperties(registry);
	}

	@LocalServerPort
	private int port;

	@Test
	void servesSimsFromEmnifyToManyConcurrentCallersWithOneLogin() throws Exception {
		RestClient local = RestClient.create("http://localhost:" + this.port);
		ExecutorService executor = Executors.newFixedThreadPool(64);
		try {
			List<Future<JsonNode>> pages = executor.invokeAll(Collections.nCopies(128,
					() -> local.get().uri("/sims?per_page=10").retrieve().body(JsonNode.class)));
			for (Future<JsonNode> page : pages) {
				assertThat(page.get().size()).isEqualTo(10);
				assertThat(page.get().at("/0/iccid").asString()).startsWith("8988303");
			}
		}
		finally {
			executor.shutdownNow();
		}
		assertThat(emnify.simulator().counters().apiRequests()).isEqualTo(128);
		assertThat(apiRequests()).extracting(SimulatorEvent::outcome).containsOnly("GET /api/v1/sim page 1 of 4");
		assertThat(emnify.simulator().counters().authenticateRequests()).isLessThanOrEqualTo(1);
	}

	@Test
	void findsAnEndpointByTheIccidOfItsSim() {
		RestClient local = RestClient.create("http://localhost:" + this.port);
		JsonNode found = local.get().uri("/endpoints?iccid=89883030000000000031").retrieve().body(JsonNode.class);
		assertThat(found.size()).isOne();
		assertThat(found.at("/0/id").asLong()).isEqualTo(3);
		assertThat(found.at("/0/name").asString()).isEqualTo("sensor-003");
		assertThat(apiRequests()).extracting(SimulatorEvent::outcome)
			.containsExactly("GET /api/v1/endpoint page 1 of 1");
	}

	@Test
	void servesTheConnectivityOfADevice() {
		emnify.simulator().deviceOnline(3, true);
		RestClient local = RestClient.create("http://localhost:" + this.port);
		JsonNode connectivity = local.get().uri("/endpoints/3/connectivity").retrieve().body(JsonNode.class);
		assertThat(connectivity.at("/status").asString()).isEqualTo("ONLINE");
		assertThat(connectivity.at("/services/0").asString()).isEqualTo("GPRS");
		assertThat(apiRequests()).extracting(SimulatorEvent::outcome).containsExactly("GET connectivity of endpoint 3");
	}

	@Test
	void anEndpointEmnifyDoesNotKnowIsANotFoundOfTheSamplesOwn() {
		RestClient local = RestClient.create("http://localhost:" + this.port);
		assertThatExceptionOfType(HttpClientErrorException.NotFound.class)
			.isThrownBy(() -> local.get().uri("/endpoints/999").retrieve().toBodilessEntity())
			.satisfies((notFound) -> {
				assertThat(notFound.getResponseHeaders().getContentType()).hasToString("application/problem+json");
				JsonNode problem = notFound.getResponseBodyAs(JsonNode.class);
				assertThat(problem.at("/detail").asString()).isEqualTo("No such resource in emnify");
				assertThat(problem.at("/instance").asString()).isEqualTo("/endpoints/999");
			});
		assertThat(apiRequests()).extracting(SimulatorEvent::status).containsExactly(404);
	}

	@Test
	void healthAndMetricsShowTheEmnifySession() {
		RestClient local = RestClient.create("http://localhost:" + this.port);
		local.get().uri("/endpoints").retrieve().toBodilessEntity();
		JsonNode health = local.get().uri("/actuator/health").retrieve().body(JsonNode.class);
		assertThat(health.at("/components/emnify/status").asString()).isEqualTo("UP");
		assertThat(health.at("/components/emnify/details/tokenExpiresAt").isMissingNode()).isFalse();
		JsonNode remaining = local.get()
			.uri("/actuator/metrics/emnify.auth.token.remaining")
			.retrieve()
			.body(JsonNode.class);
		assertThat(remaining.at("/measurements/0/value").asDouble()).isGreaterThan(14_000);
		JsonNode requests = local.get()
			.uri("/actuator/metrics/emnify.auth.requests?tag=outcome:success")
			.retrieve()
			.body(JsonNode.class);
		assertThat(requests.at("/measurements/0/value").asDouble()).isGreaterThanOrEqualTo(1);
		JsonNode acquisitions = local.get()
			.uri("/actuator/metrics/emnify.auth.token.acquisition?tag=outcome:success&tag=mode:inline")
			.retrieve()
			.body(JsonNode.class);
		assertThat(acquisitions.at("/measurements/0/statistic").asString()).isEqualTo("COUNT");
		assertThat(acquisitions.at("/measurements/0/value").asDouble()).isGreaterThanOrEqualTo(1);
		JsonNode active = local.get()
			.uri("/actuator/metrics/emnify.auth.token.acquisition.active")
			.retrieve()
			.body(JsonNode.class);
		assertThat(active.at("/name").asString()).isEqualTo("emnify.auth.token.acquisition.active");
	}

	// Logins happen in whichever test comes first: only the API requests are this test's.
	private static List<SimulatorEvent> apiRequests() {
		return emnify.simulator().journal().stream().filter((event) -> event.kind() == Kind.API_REQUEST).toList();
	}

}
