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

package io.github.iotstarters.emnify.sample.webflux;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.util.StringUtils;

import io.github.iotstarters.emnify.auth.test.EmnifySimulator;
import io.github.iotstarters.emnify.auth.test.SimulatorCounters;

/**
 * Prints every endpoint and SIM of an emnify workspace, fetched page by page through
 * {@code emnifyWebClient}.
 * <p>
 * With {@code EMNIFY_APPLICATION_TOKEN} (or {@code EMNIFY_USERNAME} and
 * {@code EMNIFY_PASSWORD}) in the environment it talks to the real emnify. Without, it
 * starts an embedded emnify simulator whose tokens live three seconds, so the run spans
 * several renewals, and reports how many logins and refreshes they took.
 */
@SpringBootApplication
@EnableConfigurationProperties(SampleProperties.class)
public class WebfluxSampleApplication {

	static final String DEMO_USERNAME = "demo@example.org";

	static final String DEMO_PASSWORD = "demo-password";

	public static void main(String[] args) {
		run(args, System.getenv(), System.out);
	}

	static void run(String[] args, Map<String, String> environment, PrintStream out) {
		if (StringUtils.hasText(environment.get("EMNIFY_APPLICATION_TOKEN"))
				|| StringUtils.hasText(environment.get("EMNIFY_USERNAME"))) {
			SpringApplication.run(WebfluxSampleApplication.class, args).close();
			return;
		}
		try (EmnifySimulator simulator = demoSimulator().start()) {
			out.println("No EMNIFY_APPLICATION_TOKEN or EMNIFY_USERNAME set: using the emnify simulator at "
					+ simulator.baseUrl() + " (tokens live 3 s)");
			SpringApplication application = new SpringApplication(WebfluxSampleApplication.class);
			application.setDefaultProperties(Map.of("emnify.base-url", simulator.baseUrl(), "emnify.username",
					DEMO_USERNAME, "emnify.password", DEMO_PASSWORD));
			application.run(args).close();
			SimulatorCounters counters = simulator.counters();
			out.printf(
					"The simulator saw %d API requests (%d answered 401 and replayed), %d login(s) and "
							+ "%d refresh(es).%n",
					counters.apiRequests(), counters.rejected(401), counters.passwordLogins(), counters.refreshes());
		}
	}

	static EmnifySimulator demoSimulator() {
		return EmnifySimulator.builder()
			.workspace(1001, "Demo Production", 25, 40)
			.user(DEMO_USERNAME, DEMO_PASSWORD, 1001)
			.authTokenLifetime(Duration.ofSeconds(3))
			.refreshTokenLifetime(Duration.ofMinutes(5))
			.build();
	}

}
