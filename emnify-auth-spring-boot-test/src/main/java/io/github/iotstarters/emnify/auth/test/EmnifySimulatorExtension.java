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

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.test.context.DynamicPropertyRegistry;

import io.github.iotstarters.emnify.auth.test.EmnifySimulator.DefaultCredential;

/**
 * JUnit Jupiter extension that runs an {@link EmnifySimulator} for a test class: started
 * before all tests, {@link EmnifySimulator#resetKeepingSessions() reset} before each
 * (issued tokens stay valid for application contexts cached across tests), stopped after
 * all. Register it on a static field of one test class; its {@code @Nested} classes share
 * it. One extension must not serve test classes that run in parallel (JUnit's parallel
 * execution): it checks whether the simulator runs and starts it in two steps, the class
 * that started it stops it while the others may still use it, and each test resets the
 * state the others see.
 *
 * <pre class="code">
 * &#64;RegisterExtension
 * static EmnifySimulatorExtension emnify = EmnifySimulatorExtension.of(EmnifySimulator.builder()
 *         .workspace(100, "Production")
 *         .applicationToken("app-token", 100));
 *
 * &#64;DynamicPropertySource
 * static void emnifyProperties(DynamicPropertyRegistry registry) {
 *     emnify.registerProperties(registry);
 * }
 * </pre>
 *
 * {@link #registerProperties(DynamicPropertyRegistry)} needs {@code spring-test} on the
 * class path; everything else needs only JUnit.
 */
public final class EmnifySimulatorExtension implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {

	private final EmnifySimulator simulator;

	/**
	 * Unique id of the test class that started the simulator, so that nested classes,
	 * which see the same extension, do not stop it early.
	 */
	private volatile @Nullable String startedBy;

	private EmnifySimulatorExtension(EmnifySimulator simulator) {
		this.simulator = simulator;
	}

	/**
	 * Creates the extension with a simulator built from the given builder.
	 * @param builder describes the simulator
	 * @return the extension
	 */
	public static EmnifySimulatorExtension of(EmnifySimulator.Builder builder) {
		return new EmnifySimulatorExtension(builder.build());
	}

	/**
	 * The simulator, for its faults, counters, journal and base URL.
	 * @return the simulator
	 */
	public EmnifySimulator simulator() {
		return this.simulator;
	}

	/**
	 * Base URL of the running simulator.
	 * @return the base URL
	 * @throws IllegalStateException if the simulator is not running
	 */
	public String baseUrl() {
		return this.simulator.baseUrl();
	}

	/**
	 * Points Spring at the simulator: sets {@code emnify.base-url} and, from the
	 * builder's default credential, either {@code emnify.application-token} or
	 * {@code emnify.username} and {@code emnify.password}. Values are read lazily, once
	 * the simulator has started.
	 * @param registry the registry of a {@code @DynamicPropertySource} method
	 */
	public void registerProperties(DynamicPropertyRegistry registry) {
		registry.add("emnify.base-url", this.simulator::baseUrl);
		DefaultCredential credential = this.simulator.defaultCredential().orElse(null);
		if (credential == null) {
			return;
		}
		if (credential.applicationToken() != null) {
			registry.add("emnify.application-token", credential::applicationToken);
		}
		else {
			registry.add("emnify.username", credential::username);
			registry.add("emnify.password", credential::password);
		}
	}

	@Override
	public void beforeAll(ExtensionContext context) {
		if (!this.simulator.isRunning()) {
			this.simulator.start();
			this.startedBy = context.getUniqueId();
		}
	}

	@Override
	public void beforeEach(ExtensionContext context) {
		if (!this.simulator.isRunning()) {
			throw new ExtensionConfigurationException(
					"EmnifySimulatorExtension must be registered on a static field to start before all tests");
		}
		this.simulator.resetKeepingSessions();
	}

	@Override
	public void afterAll(ExtensionContext context) {
		if (context.getUniqueId().equals(this.startedBy)) {
			this.simulator.stop();
			this.startedBy = null;
		}
	}

}
