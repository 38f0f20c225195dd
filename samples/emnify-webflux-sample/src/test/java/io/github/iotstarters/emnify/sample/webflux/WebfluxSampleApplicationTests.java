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

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import io.github.iotstarters.emnify.auth.test.AdjustableClock;
import io.github.iotstarters.emnify.auth.test.EmnifySimulator;
import io.github.iotstarters.emnify.auth.test.SimulatorCounters;
import io.github.iotstarters.emnify.auth.test.SimulatorEvent;
import io.github.iotstarters.emnify.auth.test.SimulatorEvent.Kind;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the sample as the README's quick start does, against the demo simulator: what the
 * simulator was asked, in which order, and what the report printed.
 */
@ExtendWith(OutputCaptureExtension.class)
class WebfluxSampleApplicationTests {

	// The quick start as it runs: on real time, as emnify's rate limits and the tokens'
	// lifetimes are, about 7 s of paced pages of one over tokens of 3 s.
	@Test
	void theQuickStartSpansSeveralTokensWithoutA401OrA429() {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		WebfluxSampleApplication.run(new String[0], Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8));

		String printed = out.toString(StandardCharsets.UTF_8);
		assertThat(printed).startsWith("No EMNIFY_APPLICATION_TOKEN or EMNIFY_USERNAME set: using the emnify "
				+ "simulator at http://127.0.0.1:");
		assertThat(printed).contains("(tokens live 3 s)");
		Matcher summary = Pattern
			.compile("The simulator served (\\d+) API requests \\(0 answered 401 and replayed, "
					+ "0 refused over a rate limit\\), (\\d+) login\\(s\\) and (\\d+) refresh\\(es\\)\\.")
			.matcher(printed);
		assertThat(summary.find()).as(printed).isTrue();
		// 65 pages, the device's look-up, SMS sent and read, connectivity, usage, quota.
		assertThat(Integer.parseInt(summary.group(1))).isEqualTo(65 + 6);
		int logins = Integer.parseInt(summary.group(2));
		int refreshes = Integer.parseInt(summary.group(3));
		// A refresh answer carries no refresh token: every second renewal is a login.
		assertThat(logins + refreshes).as("the first login and the renewals of 3-second tokens over about 7 s")
			.isGreaterThanOrEqualTo(3);
		assertThat(refreshes).as("renewals use the refresh token while one is held").isGreaterThanOrEqualTo(1);
		assertThat(refreshes).as("never two refreshes without a login between").isBetween(logins - 1, logins);
	}

	@Test
	void listsEveryEndpointAndSimPageByPageThenReportsOnOneDevice(CapturedOutput output) {
		ByteArrayOutputStream summary = new ByteArrayOutputStream();
		// The simulator's clock stands still: the SMS stays buffered however long the
		// report takes to read it. The tokens live as emnify's, so none is renewed on the
		// client's clock, which moves.
		AdjustableClock clock = new AdjustableClock(Instant.now());
		try (EmnifySimulator simulator = WebfluxSampleApplication.demoSimulator(clock, Duration.ofHours(4)).start()) {
			WebfluxSampleApplication.runAgainst(simulator, 5, new String[0],
					new PrintStream(summary, true, StandardCharsets.UTF_8));

			List<SimulatorEvent> requests = simulator.journal()
				.stream()
				.filter((event) -> event.kind() == Kind.API_REQUEST)
				.toList();
			assertThat(requests).hasSize(19);
			List<String> asked = requests.stream().map(SimulatorEvent::outcome).toList();
			String sent = asked.get(14);
			assertThat(sent).matches("sent SMS \\d+ to endpoint 3");
			String smsId = sent.split(" ")[2];
			List<String> inOrder = new ArrayList<>();
			IntStream.rangeClosed(1, 5).forEach((page) -> inOrder.add("GET /api/v1/endpoint page " + page + " of 5"));
			IntStream.rangeClosed(1, 8).forEach((page) -> inOrder.add("GET /api/v1/sim page " + page + " of 8"));
			inOrder.addAll(List.of("GET /api/v1/endpoint page 1 of 1", sent, "GET SMS " + smsId));
			assertThat(asked.subList(0, 16)).containsExactlyElementsOf(inOrder);
			// The connectivity, usage and quota are asked for at once.
			assertThat(asked.subList(16, 19)).containsExactlyInAnyOrder("GET connectivity of endpoint 3",
					"GET stats of endpoint 3", "no quota");
			assertThat(requests).filteredOn((request) -> request.status() >= 300)
				.extracting(SimulatorEvent::outcome)
				.containsExactly("no quota");
			SimulatorCounters counters = simulator.counters();
			assertThat(counters.passwordLogins()).isOne();
			assertThat(counters.refreshes()).isZero();
			assertThat(counters.rejected(401)).isZero();
			assertThat(counters.apiRateLimitRefusals()).as("requests paced within emnify's rate limits").isZero();

			assertThat(output).contains("ID     ENDPOINT       STATUS     IP ADDRESS       SIM")
				.contains("3      sensor-003     ENABLED    100.64.0.4       89883030000000000031")
				.contains("10     sensor-010     DISABLED   100.64.0.11      89883030000000000106")
				.contains("25 endpoints")
				.contains("40     89883030000000000403   901430000000040  ISSUED       -")
				.contains("40 SIMs")
				.contains("Device with SIM 89883030000000000031: endpoint 3 sensor-003, IMEI 3554631100000003")
				.contains("  SMS " + smsId + " \"status\": BUFFERED")
				.contains("  connectivity: ONLINE, services [GPRS]")
				.contains("  this month: 0 MB of data, 1 SMS")
				.contains("  data quota: none");
			assertThat(summary.toString(StandardCharsets.UTF_8)).isEqualTo(String.format("The simulator served 19 API "
					+ "requests (0 answered 401 and replayed, 0 refused over a rate limit), 1 login(s) and 0 refresh(es).%n"));
		}
	}

}
