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

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;
import org.springframework.test.context.DynamicPropertyRegistry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;

/**
 * {@link EmnifySimulatorExtension}: lifecycle, reset between tests, Spring properties.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EmnifySimulatorExtensionTests {

	@RegisterExtension
	static final EmnifySimulatorExtension emnify = EmnifySimulatorExtension.of(EmnifySimulator.builder()
		.workspace(Fixtures.PRODUCTION, "Production")
		.applicationToken(Fixtures.APPLICATION_TOKEN, Fixtures.PRODUCTION)
		.user(Fixtures.USER, Fixtures.USER_PASSWORD, Fixtures.PRODUCTION));

	@Test
	@Order(1)
	void simulatorRunsBeforeTheFirstTest() {
		assertThat(emnify.simulator().isRunning()).isTrue();
		assertThat(emnify.baseUrl()).isEqualTo(emnify.simulator().baseUrl());
	}

	private static String tokenFromAnEarlierTest;

	@Test
	@Order(2)
	void testLeavesStateBehind() {
		SimulatorHttp http = new SimulatorHttp(emnify.simulator());
		tokenFromAnEarlierTest = http.applicationTokenLogin(Fixtures.APPLICATION_TOKEN);
		emnify.simulator().faults().all().failNext(1, 503);

		assertThat(emnify.simulator().counters().applicationTokenLogins()).isOne();
	}

	@Test
	@Order(3)
	void nextTestStartsFromAResetSimulatorThatStillKnowsIssuedTokens() {
		assertThat(emnify.simulator().counters().applicationTokenLogins()).isZero();
		assertThat(emnify.simulator().journal()).isEmpty();
		SimulatorHttp http = new SimulatorHttp(emnify.simulator());
		assertThat(http.get("/api/v1/endpoint", tokenFromAnEarlierTest).statusCode()).isEqualTo(200);
		assertThat(http.applicationTokenLogin(Fixtures.APPLICATION_TOKEN)).isNotBlank();
	}

	@Test
	void registerPropertiesSetsBaseUrlAndTheFirstApplicationToken() {
		Map<String, Object> properties = register(emnify);

		assertThat(properties).containsOnly(Map.entry("emnify.base-url", emnify.baseUrl()),
				Map.entry("emnify.application-token", Fixtures.APPLICATION_TOKEN));
	}

	@Test
	void registerPropertiesSetsUsernameAndClearTextPasswordOfTheDefaultCredential() {
		Map<String, Supplier<Object>> suppliers = registeredSuppliers(EmnifySimulator.builder()
			.workspace(Fixtures.PRODUCTION, "Production")
			.applicationToken(Fixtures.APPLICATION_TOKEN, Fixtures.PRODUCTION)
			.user(Fixtures.USER, Fixtures.USER_PASSWORD, Fixtures.PRODUCTION)
			.defaultCredential(Fixtures.USER));

		assertThat(suppliers).containsOnlyKeys("emnify.base-url", "emnify.username", "emnify.password");
		assertThat(suppliers.get("emnify.username").get()).isEqualTo(Fixtures.USER);
		assertThat(suppliers.get("emnify.password").get()).isEqualTo(Fixtures.USER_PASSWORD);
	}

	@Test
	void registerPropertiesFallsBackToTheFirstUser() {
		Map<String, Supplier<Object>> suppliers = registeredSuppliers(EmnifySimulator.builder()
			.workspace(Fixtures.PRODUCTION, "Production")
			.user(Fixtures.USER, Fixtures.USER_PASSWORD, Fixtures.PRODUCTION));

		assertThat(suppliers.get("emnify.username").get()).isEqualTo(Fixtures.USER);
	}

	@Test
	void registerPropertiesFallsBackToTheFirstUserWithoutMfa() {
		Map<String, Supplier<Object>> suppliers = registeredSuppliers(EmnifySimulator.builder()
			.workspace(Fixtures.PRODUCTION, "Production")
			.userWithMfa(Fixtures.MFA_USER, Fixtures.MFA_PASSWORD, Fixtures.MFA_SECRET, Fixtures.PRODUCTION)
			.user(Fixtures.USER, Fixtures.USER_PASSWORD, Fixtures.PRODUCTION));

		assertThat(suppliers.get("emnify.username").get()).isEqualTo(Fixtures.USER);
		assertThat(suppliers.get("emnify.password").get()).isEqualTo(Fixtures.USER_PASSWORD);
	}

	@Test
	void registerPropertiesNeverFallsBackToAUserWithMfa() {
		Map<String, Supplier<Object>> suppliers = registeredSuppliers(EmnifySimulator.builder()
			.workspace(Fixtures.PRODUCTION, "Production")
			.userWithMfa(Fixtures.MFA_USER, Fixtures.MFA_PASSWORD, Fixtures.MFA_SECRET, Fixtures.PRODUCTION));

		assertThat(suppliers).containsOnlyKeys("emnify.base-url");
	}

	@Test
	void registerPropertiesWithoutAccountsSetsOnlyTheBaseUrl() {
		Map<String, Supplier<Object>> suppliers = registeredSuppliers(
				EmnifySimulator.builder().workspace(Fixtures.PRODUCTION, "Production"));

		assertThat(suppliers).containsOnlyKeys("emnify.base-url");
	}

	@Test
	void simulatorStopsAfterAllTestsButNotAfterNestedClasses() {
		Events events = EngineTestKit.engine("junit-jupiter")
			.selectors(selectClass(LifecycleProbe.class))
			.execute()
			.testEvents();

		events.assertStatistics((stats) -> stats.started(2).succeeded(2));
		assertThat(LifecycleProbe.runningAfterNestedClass).isTrue();
		assertThat(LifecycleProbe.emnify.simulator().isRunning()).isFalse();
	}

	@Test
	void extensionOnInstanceFieldIsAConfigurationError() {
		EngineTestKit.engine("junit-jupiter")
			.selectors(selectClass(InstanceFieldProbe.class))
			.execute()
			.testEvents()
			.assertThatEvents()
			.haveExactly(1, finishedWithFailure(instanceOf(ExtensionConfigurationException.class)));
	}

	/**
	 * What the extension of a simulator that is not started registers, unresolved.
	 */
	private static Map<String, Supplier<Object>> registeredSuppliers(EmnifySimulator.Builder builder) {
		Map<String, Supplier<Object>> suppliers = new LinkedHashMap<>();
		EmnifySimulatorExtension.of(builder).registerProperties(suppliers::put);
		return suppliers;
	}

	private static Map<String, Object> register(EmnifySimulatorExtension extension) {
		Map<String, Object> properties = new LinkedHashMap<>();
		DynamicPropertyRegistry registry = (name, value) -> properties.put(name, value.get());
		extension.registerProperties(registry);
		return properties;
	}

	/**
	 * Run only through {@link EngineTestKit} by the test above.
	 */
	static class LifecycleProbe {

		@RegisterExtension
		static final EmnifySimulatorExtension emnify = EmnifySimulatorExtension
			.of(EmnifySimulator.builder().workspace(1, "Probe"));

		static volatile boolean runningAfterNestedClass;

		@AfterAll
		static void recordState() {
			runningAfterNestedClass = emnify.simulator().isRunning();
		}

		@Test
		void outerTest() {
			assertThat(emnify.simulator().isRunning()).isTrue();
		}

		@Nested
		class NestedProbe {

			@Test
			void nestedTest() {
				assertThat(emnify.simulator().isRunning()).isTrue();
			}

		}

	}

	/**
	 * Run only through {@link EngineTestKit} by the test above.
	 */
	static class InstanceFieldProbe {

		@RegisterExtension
		final EmnifySimulatorExtension emnify = EmnifySimulatorExtension
			.of(EmnifySimulator.builder().workspace(1, "Probe"));

		@Test
		void neverRuns() {
		}

	}

}
