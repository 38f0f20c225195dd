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
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

import io.github.iotstarters.emnify.auth.test.EmnifySimulator;
import io.github.iotstarters.emnify.auth.test.EmnifySimulatorExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The MVC sample served on a random port against the simulator: its endpoints, and
 * emnify's health and metrics as Actuator shows them.
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
			}
		}
		finally {
			executor.shutdownNow();
		}
		assertThat(emnify.simulator().counters().apiRequests()).isEqualTo(128);
		assertThat(emnify.simulator().counters().authenticateRequests()).isLessThanOrEqualTo(1);
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

}
