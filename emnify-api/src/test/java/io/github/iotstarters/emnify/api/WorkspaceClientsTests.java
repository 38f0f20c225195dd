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

package io.github.iotstarters.emnify.api;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.reactive.function.client.WebClient;

import io.github.iotstarters.emnify.api.model.Endpoint;
import io.github.iotstarters.emnify.auth.EmnifyCredentials;
import io.github.iotstarters.emnify.auth.EmnifyTokenProvider;
import io.github.iotstarters.emnify.auth.test.EmnifySimulator;
import io.github.iotstarters.emnify.auth.web.EmnifyWorkspaces;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link EmnifyWorkspaces} hands out the typed clients for any workspace, both styles,
 * with emnify's errors typed: {@code emnify-api} is on this class path, so its proxies
 * are found.
 */
class WorkspaceClientsTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final EmnifySimulator simulator = EmnifySimulator.builder()
		.workspace(1, "Home", 2, 2)
		.workspace(2, "Branch", 3, 1)
		.user("ops@example.org", "ops-password", 1, 2)
		.build()
		.start();

	private final EmnifyWorkspaces workspaces = EmnifyWorkspaces.of(
			EmnifyTokenProvider
				.builder(WebClient.builder(), URI.create(this.simulator.baseUrl()),
						EmnifyCredentials.user("ops@example.org", "ops-password"))
				.buildUserSession());

	@AfterEach
	void stop() {
		this.simulator.stop();
	}

	@Test
	void bothStylesListTheWorkspacesOwnEndpointsAfterOneSwitch() {
		List<Long> reactive = this.workspaces.client(2, ReactiveEmnifyEndpoints.class)
			.all(ListQuery.all(), 2)
			.map(Endpoint::id)
			.collectList()
			.block(TIMEOUT);
		List<Long> blocking = this.workspaces.client(2, EmnifyEndpoints.class)
			.all(ListQuery.all(), 2)
			.map(Endpoint::id)
			.toList();
		List<Long> home = this.workspaces.client(1, EmnifyEndpoints.class)
			.all(ListQuery.all(), 10)
			.map(Endpoint::id)
			.toList();

		assertThat(reactive).hasSize(3).isEqualTo(blocking).doesNotContainAnyElementsOf(home);
		assertThat(home).hasSize(2);
		assertThat(this.workspaces.client(2, EmnifyEndpoints.class))
			.isSameAs(this.workspaces.client(2, EmnifyEndpoints.class));
		assertThat(this.simulator.counters().passwordLogins()).isOne();
		assertThat(this.simulator.counters().workspaceSwitches()).isEqualTo(2);
		// Two pages of two, and one of ten.
		assertThat(this.simulator.counters().apiRequests()).isEqualTo(5);
	}

	@Test
	void anEndpointOfAnotherWorkspaceIsATypedNotFoundInBothStyles() {
		long homeEndpoint = this.workspaces.client(1, EmnifyEndpoints.class)
			.all(ListQuery.all(), 10)
			.findFirst()
			.orElseThrow()
			.id();

		assertThatExceptionOfType(EmnifyNotFoundException.class)
			.isThrownBy(() -> this.workspaces.client(2, EmnifyEndpoints.class).get(homeEndpoint))
			.satisfies((ex) -> assertThat(ex.getErrorCode()).isEqualTo(1401));
		assertThatExceptionOfType(EmnifyNotFoundException.class)
			.isThrownBy(() -> this.workspaces.client(2, ReactiveEmnifyEndpoints.class).get(homeEndpoint).block(TIMEOUT))
			.satisfies((ex) -> assertThat(ex.getUri().getPath()).isEqualTo("/api/v1/endpoint/" + homeEndpoint));
	}

}
