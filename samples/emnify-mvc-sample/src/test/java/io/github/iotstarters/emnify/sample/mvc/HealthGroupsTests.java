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

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

import io.github.iotstarters.emnify.auth.test.EmnifySimulator;
import io.github.iotstarters.emnify.auth.test.EmnifySimulatorExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the guide's health section promises: a rejected emnify credential turns
 * {@code /actuator/health} DOWN (503), as Boot does for every external system in the root
 * group, while the liveness and readiness probes, and a group of the application's that
 * excludes {@code emnify}, stay UP, so that a load balancer pointed at one of them keeps
 * the application in service.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "management.endpoint.health.probes.enabled=true",
				"management.endpoint.health.group.balancer.include=*",
				"management.endpoint.health.group.balancer.exclude=emnify" })
class HealthGroupsTests {

	@RegisterExtension
	static EmnifySimulatorExtension emnify = EmnifySimulatorExtension
		.of(EmnifySimulator.builder().workspace(1001, "Demo Production").applicationToken("app-token", 1001));

	@DynamicPropertySource
	static void emnifyProperties(DynamicPropertyRegistry registry) {
		registry.add("emnify.base-url", emnify::baseUrl);
		registry.add("emnify.application-token", () -> "a-revoked-token");
	}

	@LocalServerPort
	private int port;

	@Test
	void aRejectedCredentialTurnsTheRootDownButNeitherTheProbesNorAGroupWithoutEmnify() {
		RestClient local = RestClient.builder()
			.baseUrl("http://localhost:" + this.port)
			.defaultStatusHandler((status) -> true, (request, response) -> {
			})
			.build();
		ResponseEntity<JsonNode> call = local.get().uri("/endpoints").retrieve().toEntity(JsonNode.class);
		assertThat(call.getStatusCode().is5xxServerError()).isTrue();
		assertThat(emnify.simulator().counters().authenticateRequests()).isEqualTo(1);

		ResponseEntity<JsonNode> root = local.get().uri("/actuator/health").retrieve().toEntity(JsonNode.class);
		assertThat(root.getStatusCode().value()).isEqualTo(503);
		assertThat(root.getBody().at("/components/emnify/status").asString()).isEqualTo("DOWN");
		for (String group : new String[] { "liveness", "readiness", "balancer" }) {
			ResponseEntity<JsonNode> probe = local.get()
				.uri("/actuator/health/" + group)
				.retrieve()
				.toEntity(JsonNode.class);
			assertThat(probe.getStatusCode().value()).as(group).isEqualTo(200);
			assertThat(probe.getBody().at("/status").asString()).as(group).isEqualTo("UP");
			assertThat(probe.getBody().at("/components/emnify").isMissingNode()).as(group).isTrue();
		}
		assertThat(emnify.simulator().counters().authenticateRequests()).isEqualTo(1);
	}

}
