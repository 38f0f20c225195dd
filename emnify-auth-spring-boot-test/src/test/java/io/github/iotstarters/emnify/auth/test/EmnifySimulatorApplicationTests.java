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

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static io.github.iotstarters.emnify.auth.test.Accounts.sha1Hex;
import static io.github.iotstarters.emnify.auth.test.SimulatorHttp.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The demo account set and arguments of {@link EmnifySimulatorApplication}.
 */
class EmnifySimulatorApplicationTests {

	@Test
	void portDefaultsTo8089AndCanBeSet() {
		assertThat(EmnifySimulatorApplication.port(new String[0])).isEqualTo(8089);
		assertThat(EmnifySimulatorApplication.port(new String[] { "--port=9000" })).isEqualTo(9000);
		assertThatIllegalArgumentException().isThrownBy(() -> EmnifySimulatorApplication.port(new String[] { "9000" }));
	}

	@Test
	void demoAccountsWorkAsDocumented() {
		try (EmnifySimulator simulator = EmnifySimulatorApplication.demo(0).build().start()) {
			SimulatorHttp http = new SimulatorHttp(simulator);

			String appToken = http.applicationTokenLogin(EmnifySimulatorApplication.APPLICATION_TOKEN);
			String userToken = http.userToken(EmnifySimulatorApplication.USERNAME, EmnifySimulatorApplication.PASSWORD);
			String mfaAnswer = http.authenticate(Map.of("username", EmnifySimulatorApplication.MFA_USERNAME, "password",
					sha1Hex(EmnifySimulatorApplication.PASSWORD)))
				.body();

			assertThat(http.get("/api/v1/sim", appToken).headers().firstValue("X-Total-Count")).hasValue("40");
			assertThat(http.get("/api/v1/endpoint", appToken).headers().firstValue("X-Total-Count")).hasValue("25");
			assertThat(http
				.post("/api/v1/authenticate/workspace", Map.of("target_organisation", Map.of("id", 1002)), userToken)
				.statusCode()).isEqualTo(200);
			assertThat(json(http.authenticate(Map.of("username", EmnifySimulatorApplication.MFA_USERNAME, "password",
					sha1Hex(EmnifySimulatorApplication.PASSWORD))))
				.has("mfa_token")).isTrue();
			assertThat(mfaAnswer).contains("mfa_token");
		}
	}

	@Test
	void usageShowsBaseUrlAccountsAndCurlExamples() {
		ByteArrayOutputStream output = new ByteArrayOutputStream();

		EmnifySimulatorApplication.printUsage("http://127.0.0.1:8089",
				new PrintStream(output, true, StandardCharsets.UTF_8));

		assertThat(output.toString(StandardCharsets.UTF_8)).contains("http://127.0.0.1:8089")
			.contains("curl -s -X POST http://127.0.0.1:8089/api/v1/authenticate")
			.contains(EmnifySimulatorApplication.APPLICATION_TOKEN)
			.contains(EmnifySimulatorApplication.USERNAME)
			.contains("/api/v1/sim?page=1&per_page=10");
	}

}
