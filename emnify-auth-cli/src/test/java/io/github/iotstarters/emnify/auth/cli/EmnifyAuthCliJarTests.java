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

package io.github.iotstarters.emnify.auth.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import io.github.iotstarters.emnify.auth.mfa.EmnifyMfaCodeSource;
import io.github.iotstarters.emnify.auth.test.EmnifySimulator;
import io.github.iotstarters.emnify.auth.test.EmnifySimulatorExtension;
import io.github.iotstarters.emnify.auth.test.SimulatorEvent;
import io.github.iotstarters.emnify.auth.test.SimulatorEvent.Kind;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The packaged jar, run as the reference guide says ({@code java -jar emnify-auth-cli.jar
 * trust-device}) in a process of its own, from a directory that holds nothing else.
 */
class EmnifyAuthCliJarTests {

	@RegisterExtension
	static final EmnifySimulatorExtension emnify = EmnifySimulatorExtension.of(EmnifySimulator.builder()
		.workspace(100, "Production")
		.userWithMfa(EmnifyAuthCliTests.MFA_USER, EmnifyAuthCliTests.MFA_PASSWORD, EmnifyAuthCliTests.MFA_SECRET, 100));

	@Test
	void theJarAloneRegistersATrustedDeviceFromATerminalsInput(@TempDir Path directory) throws Exception {
		Path jar = Files.copy(Paths.get(System.getProperty("emnify.cli.jar", "target/emnify-auth-cli.jar")),
				directory.resolve("emnify-auth-cli.jar"));
		Process process = new ProcessBuilder(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
				"-jar", jar.toString(), "trust-device", "--base-url", emnify.baseUrl(), "--name", "jar test")
			.directory(directory.toFile())
			.redirectErrorStream(true)
			.start();
		String code = EmnifyMfaCodeSource.totp(EmnifyAuthCliTests.MFA_SECRET).nextCode().block();
		write(process.getOutputStream(),
				EmnifyAuthCliTests.MFA_USER + "\n" + EmnifyAuthCliTests.MFA_PASSWORD + "\n" + code + "\n");
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the command ends").isTrue();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

		assertThat(process.exitValue()).as(output).isZero();
		Matcher fingerprint = Pattern.compile(EmnifyAuthCliTests.FINGERPRINT_LINE).matcher(output);
		assertThat(fingerprint.find()).as(output).isTrue();
		assertThat(fingerprint.group(1)).hasSize(43);
		assertThat(output).contains("emnify trusts the device 'jar test' until")
			.doesNotContain(EmnifyAuthCliTests.MFA_PASSWORD);
		assertThat(emnify.simulator().journal()).extracting(SimulatorEvent::kind, SimulatorEvent::outcome)
			.contains(tuple(Kind.MFA_LOGIN, "tokens issued, device trusted"));
	}

	private static void write(OutputStream input, String text) throws IOException {
		try (input) {
			input.write(text.getBytes(StandardCharsets.UTF_8));
		}
	}

}
