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

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.web.reactive.function.client.WebClient;
import tools.jackson.databind.JsonNode;

import io.github.iotstarters.emnify.auth.EmnifyAuthenticationException;
import io.github.iotstarters.emnify.auth.EmnifyCredentials;
import io.github.iotstarters.emnify.auth.EmnifyTokenProvider;
import io.github.iotstarters.emnify.auth.EmnifyTokenProviderBuilder;
import io.github.iotstarters.emnify.auth.mfa.EmnifyMfaCodeSource;
import io.github.iotstarters.emnify.auth.test.AdjustableClock;
import io.github.iotstarters.emnify.auth.test.EmnifySimulator;
import io.github.iotstarters.emnify.auth.test.EmnifySimulatorExtension;
import io.github.iotstarters.emnify.auth.test.SimulatorEvent;
import io.github.iotstarters.emnify.auth.test.SimulatorEvent.Kind;
import io.github.iotstarters.emnify.auth.test.SimulatorFaults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Both commands against the simulator, driven through their input and output as a person
 * at a terminal would drive them.
 */
class EmnifyAuthCliTests {

	static final Instant START = Instant.parse("2030-01-01T00:00:01Z");

	static final String USER = "ops@example.org";

	static final String USER_PASSWORD = "ops-password";

	static final String MFA_USER = "mfa@example.org";

	static final String MFA_PASSWORD = "mfa-password";

	static final String MFA_SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

	static final String FINGERPRINT_LINE = "EMNIFY_MFA_TRUSTED_DEVICE_FINGERPRINT=([A-Za-z0-9_-]+)\n";

	static final AdjustableClock clock = new AdjustableClock(START);

	@RegisterExtension
	static final EmnifySimulatorExtension emnify = EmnifySimulatorExtension.of(EmnifySimulator.builder()
		.clock(clock)
		.workspace(100, "Production")
		.user(USER, USER_PASSWORD, 100)
		.userWithMfa(MFA_USER, MFA_PASSWORD, MFA_SECRET, 100));

	final ByteArrayOutputStream output = new ByteArrayOutputStream();

	final ByteArrayOutputStream errors = new ByteArrayOutputStream();

	@BeforeEach
	void setUp() {
		clock.set(START);
	}

	@Test
	void trustDeviceRegistersAFreshFingerprintWithWhichLaterLoginsSkipMfa() {
		int status = run(MFA_USER + "\n" + MFA_PASSWORD + "\n" + currentCode(MFA_SECRET) + "\n", "trust-device",
				"--base-url", emnify.baseUrl(), "--name", "CI runner");

		assertThat(status).isZero();
		assertThat(errors()).isEmpty();
		assertThat(output()).contains("emnify user name: ", "emnify password: ",
				"MFA code from emnify's mail or your authenticator app: ");
		String fingerprint = printed(FINGERPRINT_LINE);
		assertThat(fingerprint).hasSize(43);
		assertThat(output()).contains("emnify trusts the device 'CI runner' until 2030-04-01T00:00:01Z (90 days)")
			.doesNotContain(MFA_PASSWORD);
		assertThat(emnify.simulator().journal()).extracting(SimulatorEvent::kind, SimulatorEvent::outcome)
			.contains(tuple(Kind.MFA_LOGIN, "tokens issued, device trusted"));

		clock.advance(Duration.ofMinutes(1));
		String authToken = login(MFA_USER, MFA_PASSWORD).trustedDevice(fingerprint, "CI runner")
			.build()
			.getToken()
			.block();

		assertThat(emnify.simulator().counters().mfaChallenges()).isOne();
		assertThat(emnify.simulator().journal()).last()
			.extracting(SimulatorEvent::outcome)
			.isEqualTo("tokens issued to trusted device");
		JsonNode devices = WebClient.create(emnify.baseUrl())
			.get()
			.uri("/api/v1/user/mfa/trusted_device")
			.header("Authorization", "Bearer " + authToken)
			.retrieve()
			.bodyToMono(JsonNode.class)
			.block();
		assertThat(devices).hasSize(1);
		assertThat(devices.get(0).path("name").stringValue()).isEqualTo("CI runner");
	}

	@Test
	void everyTrustDeviceRunGeneratesAnotherFingerprint() {
		run(MFA_USER + "\n" + MFA_PASSWORD + "\n" + currentCode(MFA_SECRET) + "\n", "trust-device", "--base-url",
				emnify.baseUrl());
		String first = printed(FINGERPRINT_LINE);
		this.output.reset();
		clock.advance(Duration.ofSeconds(30));

		run(MFA_USER + "\n" + MFA_PASSWORD + "\n" + currentCode(MFA_SECRET) + "\n", "trust-device", "--base-url",
				emnify.baseUrl());

		assertThat(printed(FINGERPRINT_LINE)).isNotEqualTo(first);
		assertThat(output()).contains("'emnify-auth-spring-boot-starter'");
	}

	@Test
	void trustDeviceForAUserWithoutMfaSaysThereIsNothingToTrust() {
		int status = run(USER + "\n" + USER_PASSWORD + "\n", "trust-device", "--base-url", emnify.baseUrl());

		assertThat(status).isOne();
		assertThat(output()).doesNotContain("EMNIFY_MFA_TRUSTED_DEVICE_FINGERPRINT");
		assertThat(errors()).startsWith("emnify logged in without asking for an MFA code").hasLineCount(1);
	}

	@Test
	void rejectedLoginIsOneLineThatNamesEmnifyAndNeverThePassword() {
		int status = run(MFA_USER + "\nnot-the-password\n", "trust-device", "--base-url", emnify.baseUrl());

		assertThat(status).isOne();
		assertThat(errors()).isEqualTo("emnify did not accept the user name and password; it locks the user after"
				+ " three failed logins in a row, so check them before you run the command again.\n");
		assertThat(emnify.simulator().counters().rejected(401)).isOne();
	}

	// Not the password's fault: the person learns what went wrong, and what to do at a
	// terminal, not in an application's settings.
	@ParameterizedTest(name = "HTTP {0}")
	@CsvSource(delimiter = '|', textBlock = """
			500 | emnify could not serve the authentication request (user login, HTTP 500: Simulated failure). Run \
			the command again; if this persists, check emnify's status page.
			404 | emnify rejected the authentication request (user login, HTTP 404: Simulated failure). Check \
			--base-url (default https://cdn.emnify.net) and the network path to it, then run the command again.
			""")
	void aLoginThatFailsForAnotherReasonThanTheCredentialsSaysWhatToDoAtTheTerminal(int status, String failure) {
		emnify.simulator().faults().authenticate().failNext(1, status);

		int exit = run(USER + "\n" + USER_PASSWORD + "\n", "trust-device", "--base-url", emnify.baseUrl());

		assertThat(exit).isOne();
		assertThat(errors()).isEqualTo("The emnify login failed: " + failure + "\n");
		assertThat(emnify.simulator().counters().authenticateRequests()).isOne();
	}

	@Test
	void emnifysLockIsNamedAsTheLock() {
		for (int attempt = 0; attempt < 3; attempt++) {
			run(MFA_USER + "\nnot-the-password\n", "trust-device", "--base-url", emnify.baseUrl());
		}
		this.errors.reset();

		int status = run(MFA_USER + "\n" + MFA_PASSWORD + "\n", "trust-device", "--base-url", emnify.baseUrl());

		assertThat(status).isOne();
		assertThat(errors()).startsWith("emnify has locked this user for 5 minutes").hasLineCount(1);
		assertThat(emnify.simulator().journal()).last().extracting(SimulatorEvent::outcome).isEqualTo("user locked");
	}

	@Test
	void rejectedCodeEndsTheRunWithoutASecondCode() {
		int status = run(MFA_USER + "\n" + MFA_PASSWORD + "\n000000\n000001\n", "trust-device", "--base-url",
				emnify.baseUrl());

		assertThat(status).isOne();
		assertThat(output()).doesNotContain("EMNIFY_MFA_TRUSTED_DEVICE_FINGERPRINT");
		assertThat(errors()).isEqualTo("emnify did not accept the MFA code; it counts a rejected code like a wrong"
				+ " password and locks the user after three in a row, so run the command again with a fresh code.\n");
		assertThat(emnify.simulator().journal()).filteredOn((event) -> event.kind() == Kind.MFA_LOGIN)
			.extracting(SimulatorEvent::outcome)
			.containsExactly("wrong code");
	}

	@Test
	void missingInputIsAnErrorBeforeAnyLogin() {
		int status = run(MFA_USER + "\n", "trust-device", "--base-url", emnify.baseUrl());

		assertThat(status).isOne();
		assertThat(errors()).isEqualTo("No password given: run the command again and enter it when asked.\n");
		assertThat(emnify.simulator().counters().authenticateRequests()).isZero();
	}

	@Test
	void totpKeyCreatesAndActivatesAKeyWhoseSecretLaterLoginsComplete() {
		int status = run(USER + "\n" + USER_PASSWORD + "\n", "totp-key", "--base-url", emnify.baseUrl());

		assertThat(status).isZero();
		assertThat(errors()).isEmpty();
		String secret = printed("EMNIFY_MFA_TOTP_SECRET=([A-Z2-7]+)\n");
		assertThat(output())
			.contains("emnify.mfa.totp-secret", "pending activation",
					"Warning: emnify activated the key and now asks this user for its codes, the Portal too",
					"otpauth://totp/")
			.doesNotContain(USER_PASSWORD);
		assertThat(emnify.simulator().journal()).extracting(SimulatorEvent::outcome)
			.contains("GET MFA key types", "GET MFA key statuses", "MFA key 1 created", "MFA key 1 activated");

		clock.advance(Duration.ofSeconds(30));
		assertThatExceptionOfType(EmnifyAuthenticationException.class)
			.isThrownBy(() -> login(USER, USER_PASSWORD).build().getToken().block())
			.withMessageContaining("multi-factor authentication");
		String authToken = login(USER, USER_PASSWORD).mfaCodeSource(EmnifyMfaCodeSource.totp(secret, clock))
			.build()
			.getToken()
			.block();

		assertThat(authToken).isNotBlank();
		assertThat(emnify.simulator().counters().mfaLogins()).isOne();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("failedActivations")
	void totpKeyShowsTheSecretBeforeTheActivationSoThatALostAnswerLosesNothing(String fault,
			Consumer<SimulatorFaults> activationFault, String problem, boolean mayBeActive) {
		// The fault is switched on once the secret is on the screen, so it meets the
		// activation, the next request after the key's creation.
		PrintStream screen = new PrintStream(this.output, true, StandardCharsets.UTF_8) {

			@Override
			public void println(@Nullable String line) {
				super.println(line);
				if (line != null && line.startsWith("EMNIFY_MFA_TOTP_SECRET=")) {
					activationFault.accept(emnify.simulator().faults());
				}
			}

		};

		int status = run(screen, USER + "\n" + USER_PASSWORD + "\n", "totp-key", "--base-url", emnify.baseUrl());

		assertThat(status).isOne();
		String secret = printed("EMNIFY_MFA_TOTP_SECRET=([A-Z2-7]+)\n");
		assertThat(output()).contains("pending activation", "emnify.mfa.totp-secret", "otpauth://totp/")
			.doesNotContain("emnify activated the key");
		assertThat(emnify.simulator().journal()).extracting(SimulatorEvent::outcome)
			.contains("MFA key 1 created")
			.doesNotContain("MFA key 1 activated");
		assertThat(errors()).startsWith(problem).doesNotContain(secret, USER_PASSWORD).hasLineCount(1);
		if (mayBeActive) {
			assertThat(errors()).contains("emnify may have activated the key all the same",
					"keep the secret printed above", "remove the pending key in the Portal and run totp-key again");
		}
		else {
			assertThat(errors()).contains("run the command again").doesNotContain("may have activated");
		}
	}

	static Stream<Arguments> failedActivations() {
		return Stream.of(
				Arguments.of("connection reset",
						(Consumer<SimulatorFaults>) (faults) -> faults.api().resetConnectionNext(1),
						"emnify could not be reached to activate the TOTP key (", true),
				Arguments.of("server error", (Consumer<SimulatorFaults>) (faults) -> faults.api().failNext(1, 502),
						"emnify answered 502 when asked to activate the TOTP key", true),
				Arguments.of("code refused", (Consumer<SimulatorFaults>) (faults) -> faults.api().failNext(1, 422),
						"emnify answered 422 when asked to activate the TOTP key", false));
	}

	@Test
	void totpKeyForAUserWhoHasOneNamesEmnifysConflict() {
		int status = run(MFA_USER + "\n" + MFA_PASSWORD + "\n" + currentCode(MFA_SECRET) + "\n", "totp-key",
				"--base-url", emnify.baseUrl());

		assertThat(status).isOne();
		assertThat(output()).doesNotContain("EMNIFY_MFA_TOTP_SECRET");
		assertThat(errors()).startsWith("emnify answered 409 when asked to create a TOTP key")
			.contains("the user has an MFA key already")
			.hasLineCount(1);
	}

	@Test
	void unknownCommandPrintsTheUsage() {
		assertThat(run("", "enrol")).isEqualTo(2);
		assertThat(errors()).startsWith("Unknown command 'enrol'.\nUsage: java -jar emnify-auth-cli.jar");
	}

	@Test
	void plainHttpIsRefusedForAnythingButThisMachine() {
		assertThat(run("", "trust-device", "--base-url", "http://cdn.emnify.net")).isEqualTo(2);
		assertThat(errors()).startsWith("--base-url 'http://cdn.emnify.net' must use https");
	}

	private int run(String input, String... args) {
		return run(new PrintStream(this.output, true, StandardCharsets.UTF_8), input, args);
	}

	private int run(PrintStream screen, String input, String... args) {
		Terminal terminal = new Terminal(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), screen,
				null);
		return new EmnifyAuthCli(terminal, new PrintStream(this.errors, true, StandardCharsets.UTF_8), clock).run(args);
	}

	private String printed(String regex) {
		Matcher matcher = Pattern.compile(regex).matcher(output());
		assertThat(matcher.find()).as("output matches %s: %s", regex, output()).isTrue();
		return matcher.group(1);
	}

	private String output() {
		return this.output.toString(StandardCharsets.UTF_8);
	}

	private String errors() {
		return this.errors.toString(StandardCharsets.UTF_8);
	}

	private static EmnifyTokenProviderBuilder login(String username, String password) {
		return EmnifyTokenProvider
			.builder(WebClient.builder(), URI.create(emnify.baseUrl()), EmnifyCredentials.user(username, password))
			.clock(clock);
	}

	private static String currentCode(String secret) {
		return EmnifyMfaCodeSource.totp(secret, clock).nextCode().block();
	}

}
