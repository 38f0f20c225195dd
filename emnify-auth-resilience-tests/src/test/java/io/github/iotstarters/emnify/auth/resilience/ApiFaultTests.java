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

package io.github.iotstarters.emnify.auth.resilience;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.HttpStatusCode;
import org.springframework.util.unit.DataSize;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;

import io.github.iotstarters.emnify.auth.EmnifyAuthenticationListener;
import io.github.iotstarters.emnify.auth.EmnifyCredentials;
import io.github.iotstarters.emnify.auth.EmnifyTokenProvider;
import io.github.iotstarters.emnify.auth.test.EmnifySimulator;
import io.github.iotstarters.emnify.auth.web.Bucket4jRateLimitBuckets;
import io.github.iotstarters.emnify.auth.web.EmnifyAuthenticationFilter;
import io.github.iotstarters.emnify.auth.web.EmnifyRateLimits;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * emnify stops accepting the token mid-flight (as after a revocation): 200 concurrent
 * requests, GETs and POSTs with bodies, in both 401 shapes (emnify's and the API
 * gateway's), cost one renewal and lose nothing.
 */
class ApiFaultTests {

	@ParameterizedTest(name = "gateway shaped 401s: {0}")
	@ValueSource(booleans = { false, true })
	void concurrentUnauthorizedAnswersForOneStaleTokenCauseOneRenewalAndNoFailure(boolean gatewayShape) {
		try (EmnifySimulator simulator = EmnifySimulator.builder()
			.workspace(1, "Production", 25, 40)
			.user("ops@example.org", "ops-password", 1, 2)
			.workspace(2, "Staging", 5, 5)
			.gatewayUnauthorizedResponses(gatewayShape)
			// 200 concurrent calls test one renewal for a stale token, not emnify's API
			// rate limits.
			.apiRateLimits(false)
			.build()
			.start()) {
			URI baseUrl = URI.create(simulator.baseUrl());
			EmnifyTokenProvider tokens = EmnifyTokenProvider
				.builder(WebClient.builder(), baseUrl, EmnifyCredentials.user("ops@example.org", "ops-password"))
				.build();
			WebClient webClient = WebClient.builder()
				.baseUrl(simulator.baseUrl())
				.filter(new EmnifyAuthenticationFilter(tokens, baseUrl, EmnifyAuthenticationListener.NONE,
						DataSize.ofMegabytes(1), EmnifyRateLimits.none(), Bucket4jRateLimitBuckets.inThisJvm()))
				.build();
			webClient.get().uri("/api/v1/sim").retrieve().toBodilessEntity().block();
			simulator.expireAuthTokens();
			long authenticateBefore = simulator.counters().authenticateRequests();
			List<HttpStatusCode> statuses = Flux.range(0, 200)
				.flatMap((i) -> (i % 2 == 0)
						? webClient.get().uri("/api/v1/endpoint?page=1").retrieve().toBodilessEntity()
						: webClient.post()
							.uri("/api/v1/sim/migration/workspace")
							.bodyValue(Map.of("sims", List.of(Map.of("id", 30)), "target_workspace", Map.of("id", 2)))
							.retrieve()
							.toBodilessEntity(),
						200)
				.map((entity) -> entity.getStatusCode())
				.collectList()
				.block(Duration.ofSeconds(60));
			long renewals = simulator.counters().authenticateRequests() - authenticateBefore;
			System.out.printf("stale token, gateway shape %s: requests=200 ok=%d 401s seen=%d renewals=%d%n",
					gatewayShape, statuses.stream().filter(HttpStatusCode::is2xxSuccessful).count(),
					simulator.counters().rejected(401), renewals);
			assertThat(statuses).hasSize(200).allSatisfy((status) -> assertThat(status.is2xxSuccessful()).isTrue());
			assertThat(renewals).isOne();
			assertThat(simulator.counters().simMigrations()).isEqualTo(100);
		}
	}

}
