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
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.util.StringUtils;

import io.github.iotstarters.emnify.auth.test.EmnifySimulator;
import io.github.iotstarters.emnify.auth.test.SimulatorCounters;

/**
 * Prints every endpoint and SIM of an emnify workspace, then one device's connectivity,
 * SMS and usage, through the typed reactive clients {@code ReactiveEmnifyEndpoints} and
 * {@code ReactiveEmnifySims}.
 * <p>
 * With {@code EMNIFY_APPLICATION_TOKEN} (or {@code EMNIFY_USERNAME} and
 * {@code EMNIFY_PASSWORD}) in the environment it talks to the real emnify, and looks up a
 * device only if {@code SAMPLE_ICCID} names one. Without, it starts an embedded emnify
 * simulator whose tokens live three seconds, lists in pages of one, which emnify's rate
 * limits pace to ten a second, so that the run spans several tokens, looks up the device
 * with the simulator's third SIM, online, sends it an SMS command, and reports what the
 * simulator served: requests, logins and refreshes.
 */
@SpringBootApplication
@EnableConfigurationProperties(SampleProperties.class)
public class WebfluxSampleApplication {

	static final String DEMO_USERNAME = "demo@example.org";

	static final String DEMO_PASSWORD = "demo-password";

	static final long DEMO_ENDPOINT_ID = 3;

	static final String DEMO_ICCID = "89883030000000000031";

	static final Duration DEMO_TOKEN_LIFETIME = Duration.ofSeconds(3);

	// 25 endpoints and 40 SIMs in pages of one: 65 list requests, paced to about 7 s.
	static final int DEMO_PER_PAGE = 1;

	public static void main(String[] args) {
		run(args, System.getenv(), System.out);
	}

	static void run(String[] args, Map<String, String> environment, PrintStream out) {
		if (StringUtils.hasText(environment.get("EMNIFY_APPLICATION_TOKEN"))
				|| StringUtils.hasText(environment.get("EMNIFY_USERNAME"))) {
			SpringApplication.run(WebfluxSampleApplication.class, args).close();
			return;
		}
		try (EmnifySimulator simulator = demoSimulator(Clock.systemUTC(), DEMO_TOKEN_LIFETIME).start()) {
			out.println("No EMNIFY_APPLICATION_TOKEN or EMNIFY_USERNAME set: using the emnify simulator at "
					+ simulator.baseUrl() + " (tokens live " + DEMO_TOKEN_LIFETIME.toSeconds() + " s)");
			runAgainst(simulator, DEMO_PER_PAGE, args, out);
		}
	}

	static void runAgainst(EmnifySimulator simulator, int perPage, String[] args, PrintStream out) {
		SpringApplication application = new SpringApplication(WebfluxSampleApplication.class);
		application.setDefaultProperties(Map.of("emnify.base-url", simulator.baseUrl(), "emnify.username",
				DEMO_USERNAME, "emnify.password", DEMO_PASSWORD, "sample.per-page", perPage, "sample.iccid", DEMO_ICCID,
				"sample.sms-command", "status"));
		application.run(args).close();
		SimulatorCounters counters = simulator.counters();
		out.printf(
				"The simulator served %d API requests (%d answered 401 and replayed, %d refused over a rate limit), "
						+ "%d login(s) and %d refresh(es).%n",
				counters.apiRequests(), counters.rejected(401), counters.apiRateLimitRefusals(),
				counters.passwordLogins(), counters.refreshes());
	}

	static EmnifySimulator demoSimulator(Clock clock, Duration tokenLifetime) {
		EmnifySimulator simulator = EmnifySimulator.builder()
			.clock(clock)
			.workspace(1001, "Demo Production", 25, 40)
			.user(DEMO_USERNAME, DEMO_PASSWORD, 1001)
			.authTokenLifetime(tokenLifetime)
			.refreshTokenLifetime(Duration.ofMinutes(5))
			.build();
		simulator.deviceOnline(DEMO_ENDPOINT_ID, true);
		return simulator;
	}

}
