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

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.iotstarters.emnify.auth.test.SimulatorEvent.Kind;

import static io.github.iotstarters.emnify.auth.test.Accounts.sha1Hex;
import static io.github.iotstarters.emnify.auth.test.SimulatorHttp.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * {@link SimulatorCounters} and the journal of {@link SimulatorEvent}s.
 */
class CountersAndJournalTests {

	static final AdjustableClock clock = new AdjustableClock(Fixtures.START);

	@RegisterExtension
	static final EmnifySimulatorExtension emnify = EmnifySimulatorExtension.of(Fixtures.simulator(clock));

	SimulatorHttp http;

	EmnifySimulator simulator;

	@BeforeEach
	void setUp() {
		clock.set(Fixtures.START.plusSeconds(1));
		this.simulator = emnify.simulator();
		this.http = new SimulatorHttp(this.simulator);
	}

	@Test
	void countersCountSuccessfulLoginsPerGrant() {
		String appToken = this.http.applicationTokenLogin(Fixtures.APPLICATION_TOKEN);
		String refreshToken = this.http.passwordLogin(Fixtures.USER, Fixtures.USER_PASSWORD)
			.path("refresh_token")
			.stringValue();
		String userToken = json(this.http.authenticate(Map.of("refresh_token", refreshToken))).path("auth_token")
			.stringValue();
		this.http.post("/api/v1/authenticate/workspace", Map.of("target_organisation", Map.of("id", Fixtures.STAGING)),
				userToken);
		String mfaToken = json(this.http
			.authenticate(Map.of("username", Fixtures.MFA_USER, "password", sha1Hex(Fixtures.MFA_PASSWORD))))
			.path("mfa_token")
			.stringValue();
		this.http.authenticate(Map.of("mfa_token", mfaToken, "code",
				Totp.code(Fixtures.MFA_KEY, Totp.step(clock.instant()), Totp.DIGITS)));
		this.http.get("/api/v1/sim", appToken);
		this.http.get("/api/v1/endpoint", appToken);

		SimulatorCounters counters = this.simulator.counters();
		assertThat(counters.applicationTokenLogins()).isOne();
		assertThat(counters.passwordLogins()).isOne();
		assertThat(counters.refreshes()).isOne();
		assertThat(counters.workspaceSwitches()).isOne();
		assertThat(counters.mfaChallenges()).isOne();
		assertThat(counters.mfaLogins()).isOne();
		assertThat(counters.authenticateRequests()).isEqualTo(6);
		assertThat(counters.apiRequests()).isEqualTo(2);
		assertThat(counters.rejected()).isZero();
	}

	@Test
	void countersCountRejectionsByStatus() {
		this.http.authenticate(Map.of("application_token", "unknown"));
		this.http.get("/api/v1/sim", "not-a-jwt");
		String userToken = this.http.userToken(Fixtures.USER, Fixtures.USER_PASSWORD);
		this.http.post("/api/v1/authenticate/workspace",
				Map.of("target_organisation", Map.of("id", Fixtures.RESTRICTED)), userToken);
		this.http.authenticate(Map.of("nothing", "useful"));

		SimulatorCounters counters = this.simulator.counters();
		assertThat(counters.rejected(401)).isEqualTo(2);
		assertThat(counters.rejected(403)).isOne();
		assertThat(counters.rejected(400)).isOne();
		assertThat(counters.rejected(429)).isZero();
		assertThat(counters.rejected()).isEqualTo(4);
	}

	@Test
	void countersTellAReusedRefreshTokenFromASupersededOne() {
		String used = this.http.passwordLogin(Fixtures.USER, Fixtures.USER_PASSWORD)
			.path("refresh_token")
			.stringValue();
		assertThat(this.http.authenticate(Map.of("refresh_token", used)).statusCode()).isEqualTo(200);
		String superseded = this.http.passwordLogin(Fixtures.USER, Fixtures.USER_PASSWORD)
			.path("refresh_token")
			.stringValue();
		this.http.passwordLogin(Fixtures.USER, Fixtures.USER_PASSWORD);

		assertThat(this.http.authenticate(Map.of("refresh_token", superseded)).statusCode()).isEqualTo(401);
		assertThat(this.simulator.counters().reusedRefreshTokens()).isZero();
		assertThat(this.http.authenticate(Map.of("refresh_token", used)).statusCode()).isEqualTo(401);
		assertThat(this.http.authenticate(Map.of("refresh_token", superseded)).statusCode()).isEqualTo(401);
		assertThat(this.simulator.counters().reusedRefreshTokens()).isEqualTo(2);
		assertThat(this.simulator.counters().rejected(401)).isEqualTo(3);
		assertThat(this.simulator.journal()).extracting(SimulatorEvent::outcome)
			.endsWith("refresh token superseded", "refresh token used before", "refresh token used before");
	}

	@Test
	void countersCountFaultsSeparately() {
		this.simulator.faults().authenticate().failNext(2, 503);

		this.http.authenticate(Map.of("application_token", Fixtures.APPLICATION_TOKEN));
		this.http.authenticate(Map.of("application_token", Fixtures.APPLICATION_TOKEN));
		this.http.authenticate(Map.of("application_token", Fixtures.APPLICATION_TOKEN));

		assertThat(this.simulator.counters().faults()).isEqualTo(2);
		assertThat(this.simulator.counters().applicationTokenLogins()).isOne();
		assertThat(this.simulator.counters().authenticateRequests()).isEqualTo(3);
		assertThat(this.simulator.counters().rejected()).isZero();
	}

	@Test
	void journalRecordsTimeKindPrincipalAndOutcome() {
		this.http.applicationTokenLogin(Fixtures.APPLICATION_TOKEN);
		clock.advance(Duration.ofSeconds(5));
		this.http.authenticate(Map.of("username", Fixtures.USER, "password", sha1Hex("wrong")));
		this.simulator.faults().api().failNext(1, 500);
		this.http.get("/api/v1/sim", "any");

		assertThat(this.simulator.journal())
			.extracting(SimulatorEvent::time, SimulatorEvent::kind, SimulatorEvent::principal, SimulatorEvent::status)
			.containsExactly(
					tuple(Fixtures.START.plusSeconds(1), Kind.APPLICATION_TOKEN_LOGIN, "application-token-1001", 200),
					tuple(Fixtures.START.plusSeconds(6), Kind.PASSWORD_LOGIN, Fixtures.USER, 401),
					tuple(Fixtures.START.plusSeconds(6), Kind.FAULT, "-", 500));
		assertThat(this.simulator.journal().get(1).outcome()).isEqualTo("wrong password");
	}

	@Test
	void journalHoldsNoSecrets() {
		String appToken = this.http.applicationTokenLogin(Fixtures.APPLICATION_TOKEN);
		String refreshToken = this.http.passwordLogin(Fixtures.USER, Fixtures.USER_PASSWORD)
			.path("refresh_token")
			.stringValue();
		this.http.authenticate(Map.of("refresh_token", refreshToken));
		this.http.authenticate(Map.of("refresh_token", refreshToken));
		String mfaToken = json(this.http
			.authenticate(Map.of("username", Fixtures.MFA_USER, "password", sha1Hex(Fixtures.MFA_PASSWORD))))
			.path("mfa_token")
			.stringValue();
		String code = Totp.code(Fixtures.MFA_KEY, Totp.step(clock.instant()), Totp.DIGITS);
		this.http.authenticate(Map.of("mfa_token", mfaToken, "code", code));
		this.http.get("/api/v1/sim", appToken);

		List<String> secrets = List.of(Fixtures.APPLICATION_TOKEN, appToken, refreshToken, mfaToken, code,
				Fixtures.USER_PASSWORD, sha1Hex(Fixtures.USER_PASSWORD), Fixtures.MFA_PASSWORD,
				sha1Hex(Fixtures.MFA_PASSWORD), Fixtures.MFA_SECRET);
		String journal = this.simulator.journal().toString();
		assertThat(this.simulator.journal()).hasSize(7);
		assertThat(secrets).allSatisfy((secret) -> assertThat(journal).doesNotContain(secret));
	}

	@Test
	void resetClearsCountersJournalAndFaults() {
		this.http.applicationTokenLogin(Fixtures.APPLICATION_TOKEN);
		this.simulator.faults().all().failNext(1, 500);

		this.simulator.reset();

		assertThat(this.simulator.counters().applicationTokenLogins()).isZero();
		assertThat(this.simulator.counters().authenticateRequests()).isZero();
		assertThat(this.simulator.journal()).isEmpty();
		assertThat(this.http.authenticate(Map.of("application_token", Fixtures.APPLICATION_TOKEN)).statusCode())
			.isEqualTo(200);
	}

	@Test
	void resetLiftsLockouts() {
		for (int attempt = 0; attempt < 3; attempt++) {
			this.http.authenticate(Map.of("username", Fixtures.USER, "password", sha1Hex("wrong")));
		}

		this.simulator.reset();

		assertThat(
				this.http.authenticate(Map.of("username", Fixtures.USER, "password", sha1Hex(Fixtures.USER_PASSWORD)))
					.statusCode())
			.isEqualTo(200);
	}

}
