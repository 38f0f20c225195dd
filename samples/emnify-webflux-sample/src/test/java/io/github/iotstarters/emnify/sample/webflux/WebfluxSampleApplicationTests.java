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
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the sample as the README's quick start does: no credentials in the environment, so
 * against the embedded simulator with three-second tokens.
 */
@ExtendWith(OutputCaptureExtension.class)
class WebfluxSampleApplicationTests {

	@Test
	void printsAllEndpointsAndSimsAcrossSeveralTokenRenewals(CapturedOutput output) {
		ByteArrayOutputStream summary = new ByteArrayOutputStream();
		WebfluxSampleApplication.run(new String[0], Map.of(), new PrintStream(summary, true, StandardCharsets.UTF_8));
		String report = summary.toString(StandardCharsets.UTF_8);

		assertThat(output).contains("ID     ENDPOINT       STATUS     IP ADDRESS       SIM ICCID")
			.contains("sensor-001")
			.contains("sensor-025")
			.contains("Fetched 25 endpoints and 40 SIMs in 13 pages.");
		assertThat(report).contains("using the emnify simulator at http://127.0.0.1:");
		Matcher counts = Pattern
			.compile("saw (\\d+) API requests \\((\\d+) answered 401 and replayed\\), "
					+ "(\\d+) login\\(s\\) and (\\d+) refresh\\(es\\)")
			.matcher(report);
		assertThat(counts.find()).as(report).isTrue();
		assertThat(Integer.parseInt(counts.group(1)) - Integer.parseInt(counts.group(2))).as("pages served")
			.isEqualTo(13);
		int logins = Integer.parseInt(counts.group(3));
		int refreshes = Integer.parseInt(counts.group(4));
		assertThat(logins).isGreaterThanOrEqualTo(1);
		assertThat(logins + refreshes).as("token renewals during a run of about five seconds")
			.isGreaterThanOrEqualTo(3);
		assertThat(refreshes).as("renewals use the refresh token while one is held").isGreaterThanOrEqualTo(1);
	}

}
