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

// tag::guide[]
package io.github.iotstarters.emnify.sample.webflux;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.github.iotstarters.emnify.api.ListQuery;
import io.github.iotstarters.emnify.api.ReactiveEmnifyEndpoints;
import io.github.iotstarters.emnify.api.model.Endpoint;
import io.github.iotstarters.emnify.auth.test.EmnifySimulator;
import io.github.iotstarters.emnify.auth.test.EmnifySimulatorExtension;
import io.github.iotstarters.emnify.auth.test.SimulatorEvent;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reference guide's example of testing an application against the simulator, run as
 * it is written there.
 */
@SpringBootTest
class SimulatorInApplicationTests {

	@RegisterExtension
	static EmnifySimulatorExtension emnify = EmnifySimulatorExtension
		.of(EmnifySimulator.builder().workspace(100, "Production").applicationToken("app-token", 100));

	@DynamicPropertySource
	static void emnifyProperties(DynamicPropertyRegistry registry) {
		emnify.registerProperties(registry);
	}

	@Test
	void findsADeviceByTheIccidOfItsSim(@Autowired ReactiveEmnifyEndpoints endpoints) {
		Endpoint device = endpoints.all(ListQuery.all().where("iccid", "89883030000000000031"), 10).blockFirst();
		assertThat(device).isNotNull().extracting(Endpoint::name).isEqualTo("sensor-003");
		assertThat(emnify.simulator().journal()).extracting(SimulatorEvent::outcome)
			.containsExactly("GET /api/v1/endpoint page 1 of 1");
		// The session from the application's start (its report ran then) outlives the
		// extension's reset before this test: no 401, no new login.
		assertThat(emnify.simulator().counters().rejected()).isZero();
		assertThat(emnify.simulator().counters().authenticateRequests()).isZero();
	}

}
// end::guide[]
