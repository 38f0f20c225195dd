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

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import static io.github.iotstarters.emnify.auth.test.Accounts.sha1Hex;
import static io.github.iotstarters.emnify.auth.test.SimulatorHttp.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Plain-Java use of {@link EmnifySimulator}: lifecycle, builder checks, concurrency.
 */
class EmnifySimulatorTests {

	final AdjustableClock clock = new AdjustableClock(Fixtures.START);

	@Test
	void startedSimulatorServesOnLoopbackWithDynamicPort() {
		try (EmnifySimulator simulator = Fixtures.simulator(this.clock).build().start()) {
			assertThat(simulator.isRunning()).isTrue();
			assertThat(simulator.port()).isPositive();
			assertThat(simulator.baseUrl()).isEqualTo("http://127.0.0.1:" + simulator.port());
			assertThat(new SimulatorHttp(simulator).applicationTokenLogin(Fixtures.APPLICATION_TOKEN)).isNotBlank();
		}
	}

	@Test
	void simulatorListensOnTheConfiguredPort() throws IOException {
		int port;
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			port = socket.getLocalPort();
		}
		try (EmnifySimulator simulator = Fixtures.simulator(this.clock).port(port).build().start()) {
			assertThat(simulator.baseUrl()).isEqualTo("http://127.0.0.1:" + port);
		}
	}

	@Test
	void closeStopsTheSimulatorAndItCanStartAgain() {
		EmnifySimulator simulator = Fixtures.simulator(this.clock).build();
		simulator.start();
		simulator.close();

		assertThat(simulator.isRunning()).isFalse();
		assertThatIllegalStateException().isThrownBy(simulator::baseUrl);

		simulator.start();
		try {
			assertThat(new SimulatorHttp(simulator).applicationTokenLogin(Fixtures.APPLICATION_TOKEN)).isNotBlank();
		}
		finally {
			simulator.stop();
		}
	}

	@Test
	void startingTwiceIsAnError() {
		try (EmnifySimulator simulator = Fixtures.simulator(this.clock).build().start()) {
			assertThatIllegalStateException().isThrownBy(simulator::start);
		}
	}

	@Test
	void accountsMustReferToDeclaredWorkspaces() {
		assertThatIllegalStateException()
			.isThrownBy(() -> EmnifySimulator.builder().workspace(1, "One").applicationToken("token", 2).build());
		assertThatIllegalStateException()
			.isThrownBy(() -> EmnifySimulator.builder().workspace(1, "One").user("user", "password", 1, 3).build());
	}

	@Test
	void builderRejectsInvalidValues() {
		EmnifySimulatorBuilder builder = EmnifySimulator.builder().workspace(1, "One");

		assertThatIllegalArgumentException().isThrownBy(() -> builder.workspace(1, "Again"));
		assertThatIllegalArgumentException().isThrownBy(() -> builder.authTokenLifetime(Duration.ofMillis(500)));
		assertThatIllegalArgumentException().isThrownBy(() -> builder.port(70000));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> builder.userWithMfa("user", "password", "not base32!", 1));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> builder.userWithMfa("user", "password", "JBSWY3DPEHPK3PX", 1))
			.withMessageContaining("at least 80 bits");
		assertThatIllegalStateException().isThrownBy(() -> builder.defaultCredential("nobody").build());
	}

	@Test
	void defaultCredentialMustNotBeAUserWithMfa() {
		EmnifySimulatorBuilder builder = Fixtures.simulator(this.clock).defaultCredential(Fixtures.MFA_USER);

		assertThatIllegalStateException().isThrownBy(builder::build)
			.withMessageContaining(Fixtures.MFA_USER)
			.withMessageContaining("MFA");
	}

	@Test
	void refreshTokenRotationAnswersANewRefreshToken() {
		try (EmnifySimulator simulator = Fixtures.simulator(this.clock).refreshTokenRotation(true).build().start()) {
			SimulatorHttp http = new SimulatorHttp(simulator);
			String first = http.passwordLogin(Fixtures.USER, Fixtures.USER_PASSWORD)
				.path("refresh_token")
				.stringValue();

			HttpResponse<String> refreshed = http.authenticate(Map.of("refresh_token", first));
			String second = json(refreshed).path("refresh_token").stringValue();

			assertThat(json(refreshed).propertyNames()).containsExactlyInAnyOrder("auth_token", "refresh_token");
			assertThat(http.authenticate(Map.of("refresh_token", first)).statusCode()).isEqualTo(401);
			assertThat(http.authenticate(Map.of("refresh_token", second)).statusCode()).isEqualTo(200);
		}
	}

	@Test
	void concurrentRequestsAreAllAnswered() throws Exception {
		// 300 list calls at once are about concurrency, not emnify's limit of 5 at once.
		try (EmnifySimulator simulator = Fixtures.simulator(this.clock).apiRateLimits(false).build().start()) {
			SimulatorHttp http = new SimulatorHttp(simulator);
			String token = http.applicationTokenLogin(Fixtures.APPLICATION_TOKEN);
			List<Callable<Integer>> calls = IntStream.range(0, 300)
				.<Callable<Integer>>mapToObj((index) -> () -> http.get("/api/v1/sim?per_page=5", token).statusCode())
				.toList();

			List<Integer> statuses = runConcurrently(calls);

			assertThat(statuses).hasSize(300).containsOnly(200);
			assertThat(simulator.counters().apiRequests()).isEqualTo(300);
		}
	}

	@Test
	void concurrentRefreshesWithOneTokenSucceedOnce() throws Exception {
		try (EmnifySimulator simulator = Fixtures.simulator(this.clock).build().start()) {
			SimulatorHttp http = new SimulatorHttp(simulator);
			String refreshToken = http.passwordLogin(Fixtures.USER, Fixtures.USER_PASSWORD)
				.path("refresh_token")
				.stringValue();
			List<Callable<Integer>> calls = IntStream.range(0, 50)
				.<Callable<Integer>>mapToObj(
						(index) -> () -> http.authenticate(Map.of("refresh_token", refreshToken)).statusCode())
				.toList();

			List<Integer> statuses = runConcurrently(calls);

			assertThat(statuses).filteredOn((status) -> status == 200).hasSize(1);
			assertThat(statuses).filteredOn((status) -> status == 401).hasSize(49);
			assertThat(simulator.counters().refreshes()).isOne();
		}
	}

	@Test
	void concurrentWrongPasswordsLockTheUserAndLetNoneIn() throws Exception {
		try (EmnifySimulator simulator = Fixtures.simulator(this.clock).build().start()) {
			SimulatorHttp http = new SimulatorHttp(simulator);
			Map<String, String> wrongPassword = Map.of("username", Fixtures.USER, "password", sha1Hex("wrong"));
			List<Callable<Integer>> calls = IntStream.range(0, 64)
				.<Callable<Integer>>mapToObj((index) -> () -> http.authenticate(wrongPassword).statusCode())
				.toList();

			List<Integer> statuses = runConcurrently(calls);

			assertThat(statuses).hasSize(64).containsOnly(401);
			HttpResponse<String> rightPassword = http
				.authenticate(Map.of("username", Fixtures.USER, "password", sha1Hex(Fixtures.USER_PASSWORD)));
			assertThat(rightPassword.statusCode()).isEqualTo(401);
			assertThat(json(rightPassword).path("error_token").stringValue()).isEqualTo("TooManyRequests");
			assertThat(simulator.counters().passwordLogins()).isZero();
			assertThat(simulator.counters().rejected(401)).isEqualTo(65);
		}
	}

	@Test
	void concurrentMfaLoginsWithOneCodeSucceedOnce() throws Exception {
		try (EmnifySimulator simulator = Fixtures.simulator(this.clock).build().start()) {
			SimulatorHttp http = new SimulatorHttp(simulator);
			Map<String, String> credentials = Map.of("username", Fixtures.MFA_USER, "password",
					sha1Hex(Fixtures.MFA_PASSWORD));
			List<String> mfaTokens = IntStream.range(0, 20)
				.mapToObj((index) -> json(http.authenticate(credentials)).path("mfa_token").stringValue())
				.toList();
			String code = Totp.code(Fixtures.MFA_KEY, Totp.step(this.clock.instant()), Totp.DIGITS);
			List<Callable<Integer>> calls = mfaTokens.stream()
				.<Callable<Integer>>map(
						(mfaToken) -> () -> http.authenticate(Map.of("mfa_token", mfaToken, "code", code)).statusCode())
				.toList();

			List<Integer> statuses = runConcurrently(calls);

			assertThat(statuses).filteredOn((status) -> status == 200).hasSize(1);
			assertThat(statuses).filteredOn((status) -> status == 401).hasSize(19);
			assertThat(simulator.counters().mfaLogins()).isOne();
		}
	}

	private static List<Integer> runConcurrently(List<Callable<Integer>> calls) throws Exception {
		ExecutorService executor = Executors.newFixedThreadPool(64);
		try {
			List<Integer> results = new ArrayList<>();
			for (Future<Integer> future : executor.invokeAll(calls)) {
				results.add(future.get());
			}
			return results;
		}
		finally {
			executor.shutdownNow();
		}
	}

}
