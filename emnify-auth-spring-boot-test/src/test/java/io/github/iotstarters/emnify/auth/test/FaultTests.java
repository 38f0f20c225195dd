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
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.core.JacksonException;

import static io.github.iotstarters.emnify.auth.test.SimulatorHttp.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Faults switched on through {@link SimulatorFaults}.
 */
class FaultTests {

	static final AdjustableClock clock = new AdjustableClock(Fixtures.START);

	@RegisterExtension
	static final EmnifySimulatorExtension emnify = EmnifySimulatorExtension.of(Fixtures.simulator(clock));

	SimulatorHttp http;

	SimulatorFaults faults;

	@BeforeEach
	void setUp() {
		clock.set(Fixtures.START);
		this.http = new SimulatorHttp(emnify.simulator());
		this.faults = emnify.simulator().faults();
	}

	@Test
	void failNextAnswersTheStatusThatManyTimes() {
		this.faults.authenticate().failNext(2, 503);

		HttpResponse<String> first = login();
		HttpResponse<String> second = login();
		HttpResponse<String> third = login();

		assertThat(first.statusCode()).isEqualTo(503);
		assertThat(json(first).path("message").stringValue()).isNotBlank();
		assertThat(second.statusCode()).isEqualTo(503);
		assertThat(third.statusCode()).isEqualTo(200);
	}

	@Test
	void faultsQueueInTheOrderTheyWereSwitchedOn() {
		this.faults.authenticate().failNext(1, 500).failNext(1, 502).okWithoutAuthTokenNext(1);

		assertThat(login().statusCode()).isEqualTo(500);
		assertThat(login().statusCode()).isEqualTo(502);
		assertThat(login().body()).isEqualTo("{}");
		assertThat(login().statusCode()).isEqualTo(200);
	}

	@Test
	void authenticateFaultsLeaveTheApiAlone() {
		String token = this.http.applicationTokenLogin(Fixtures.APPLICATION_TOKEN);
		this.faults.authenticate().failNext(1, 500);

		assertThat(this.http.get("/api/v1/sim", token).statusCode()).isEqualTo(200);
		assertThat(login().statusCode()).isEqualTo(500);
	}

	@Test
	void authenticateFaultsApplyToExactlyTheTwoAuthenticatePaths() {
		this.faults.authenticate().failNext(2, 503);

		HttpResponse<String> get = this.http.get("/api/v1/authenticateX", null);
		HttpResponse<String> post = this.http.post("/api/v1/authenticateX", Map.of(), null);

		assertThat(get.statusCode()).isEqualTo(404);
		assertThat(post.statusCode()).isEqualTo(404);
		assertThat(emnify.simulator().counters().authenticateRequests()).isZero();
		assertThat(emnify.simulator().counters().apiRequests()).isEqualTo(2);
		assertThat(login().statusCode()).isEqualTo(503);
		assertThat(this.http.post("/api/v1/authenticate/workspace", Map.of(), null).statusCode()).isEqualTo(503);
		assertThat(emnify.simulator().counters().authenticateRequests()).isEqualTo(2);
	}

	@Test
	void apiFaultsLeaveAuthenticationAlone() {
		this.faults.api().failNext(1, 504);

		String token = this.http.applicationTokenLogin(Fixtures.APPLICATION_TOKEN);

		assertThat(this.http.get("/api/v1/sim", token).statusCode()).isEqualTo(504);
		assertThat(this.http.get("/api/v1/sim", token).statusCode()).isEqualTo(200);
	}

	@Test
	void allScopeFaultsApplyToEveryRequest() {
		this.faults.all().failNext(2, 500);

		assertThat(login().statusCode()).isEqualTo(500);
		assertThat(this.http.get("/api/v1/sim", "any").statusCode()).isEqualTo(500);
		assertThat(login().statusCode()).isEqualTo(200);
	}

	@Test
	void connectionResetFailsTheRequest() {
		this.faults.authenticate().resetConnectionNext(1);

		assertThatExceptionOfType(IOException.class).isThrownBy(() -> this.http.authenticateOrThrow(loginBody()));
		assertThat(login().statusCode()).isEqualTo(200);
	}

	@Test
	void emptyReplyFailsTheRequest() {
		this.faults.authenticate().emptyReplyNext(1);

		assertThatExceptionOfType(IOException.class).isThrownBy(() -> this.http.authenticateOrThrow(loginBody()));
		assertThat(login().statusCode()).isEqualTo(200);
	}

	@Test
	void malformedJsonIsTruncated() {
		this.faults.authenticate().malformedJsonNext(1);

		HttpResponse<String> response = login();

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
		assertThatExceptionOfType(JacksonException.class).isThrownBy(() -> json(response));
	}

	@Test
	void htmlPageComesFromTheLoadBalancer() {
		this.faults.authenticate().htmlNext(1);

		HttpResponse<String> response = login();

		assertThat(response.statusCode()).isEqualTo(502);
		assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
		assertThat(response.body()).startsWith("<html>");
	}

	@Test
	void okWithoutAuthTokenIsValidJsonWithoutToken() {
		this.faults.authenticate().okWithoutAuthTokenNext(1);

		HttpResponse<String> response = login();

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(json(response).has("auth_token")).isFalse();
	}

	@Test
	void delayHoldsEveryAnswerUntilCleared() {
		this.faults.authenticate().delay(Duration.ofMillis(300));

		long start = System.nanoTime();
		assertThat(login().statusCode()).isEqualTo(200);
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));

		this.faults.clear();
		assertThat(this.faults.delay(SimulatorFaults.Area.AUTHENTICATE)).isZero();
		assertThat(login().statusCode()).isEqualTo(200);
	}

	@Test
	void clearSwitchesPendingFaultsOff() {
		this.faults.all().failNext(5, 503);

		this.faults.clear();

		assertThat(login().statusCode()).isEqualTo(200);
	}

	@Test
	void faultedRequestIsNotProcessed() {
		String refreshToken = this.http.passwordLogin(Fixtures.USER, Fixtures.USER_PASSWORD)
			.path("refresh_token")
			.stringValue();
		this.faults.authenticate().failNext(1, 503);

		assertThat(this.http.authenticate(Map.of("refresh_token", refreshToken)).statusCode()).isEqualTo(503);
		assertThat(this.http.authenticate(Map.of("refresh_token", refreshToken)).statusCode()).isEqualTo(200);
	}

	@Test
	void invalidFaultArgumentsAreRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.faults.api().failNext(1, 200));
		assertThatIllegalArgumentException().isThrownBy(() -> this.faults.api().failNext(0, 503));
		assertThatIllegalArgumentException().isThrownBy(() -> this.faults.api().delay(Duration.ofSeconds(-1)));
	}

	private HttpResponse<String> login() {
		return this.http.authenticate(loginBody());
	}

	private static Map<String, String> loginBody() {
		return Map.of("application_token", Fixtures.APPLICATION_TOKEN);
	}

}
