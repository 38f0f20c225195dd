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

package io.github.iotstarters.emnify.auth;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;

import io.github.iotstarters.emnify.auth.test.AdjustableClock;
import io.github.iotstarters.emnify.auth.test.EmnifySimulator;
import io.github.iotstarters.emnify.auth.web.EmnifyWorkspaces;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The token providers against the simulator, without Spring Boot, which checks MFA codes,
 * trusted devices, single-use refresh tokens and workspace switches as emnify does. One
 * clock drives both.
 */
class ProviderAgainstSimulatorTests {

	/**
	 * Start of a TOTP step, so a test can move within the step without crossing it.
	 */
	private static final Instant START = Instant.parse("2030-01-01T00:00:00Z");

	private static final long PRODUCTION = 100;

	private static final long STAGING = 200;

	private static final String USER = "ops@example.org";

	private static final String USER_PASSWORD = "ops-password";

	private static final String MFA_USER = "mfa@example.org";

	private static final String MFA_PASSWORD = "mfa-password";

	private static final String MFA_SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

	private final AdjustableClock clock = new AdjustableClock(START.plusSeconds(5));

	private final EmnifySimulator simulator = EmnifySimulator.builder()
		.clock(this.clock)
		.workspace(PRODUCTION, "Production")
		.workspace(STAGING, "Staging", 5, 12)
		.user(USER, USER_PASSWORD, PRODUCTION, STAGING)
		.userWithMfa(MFA_USER, MFA_PASSWORD, MFA_SECRET, PRODUCTION, STAGING)
		// 200 concurrent list calls test the sessions, not emnify's API rate limits.
		.apiRateLimits(false)
		.build()
		.start();

	@AfterEach
	void stopSimulator() {
		this.simulator.stop();
	}

	@Test
	void fullMfaLoginWithAComputedCode() {
		EmnifyTokenProvider provider = mfaUser().mfaTotpSecret(MFA_SECRET).build();
		assertThat(provider.getToken().block()).isNotBlank();
		assertThat(this.simulator.counters().mfaChallenges()).isOne();
		assertThat(this.simulator.counters().mfaLogins()).isOne();
		assertThat(this.simulator.counters().rejected()).isZero();
	}

	@Test
	void aTrustedDeviceRegisteredByTheFirstMfaLoginSkipsMfaLater() {
		mfaUser().mfaTotpSecret(MFA_SECRET).trustedDevice("device-1", "billing").build().getToken().block();
		this.clock.advance(Duration.ofDays(1));
		EmnifyTokenProvider restarted = mfaUser().mfaTotpSecret(MFA_SECRET)
			.trustedDevice("device-1", "billing")
			.build();
		assertThat(restarted.getToken().block()).isNotBlank();
		assertThat(this.simulator.counters().mfaChallenges()).isOne();
		assertThat(this.simulator.counters().mfaLogins()).isOne();
		assertThat(this.simulator.counters().passwordLogins()).isOne();
	}

	@Test
	void twoMfaLoginsInOneStepNeverReuseACode() {
		// 3.1 s before the step ends: the first code is this step's.
		this.clock.set(START.plusMillis(26_900));
		EmnifyTokenProvider provider = mfaUser().mfaTotpSecret(MFA_SECRET).build();
		String first = provider.getToken().block();
		// A login elsewhere spends the refresh token: the next renewal is a full login,
		// 100 ms before the step ends, whose code waits for the next step.
		this.simulator.invalidateRefreshTokens(MFA_USER);
		this.clock.set(START.plusMillis(29_900));
		provider.invalidate(first);
		// The simulator rejects a code of a step already used by this user.
		assertThat(provider.getToken().block()).isNotBlank().isNotEqualTo(first);
		assertThat(this.simulator.counters().mfaChallenges()).isEqualTo(2);
		assertThat(this.simulator.counters().mfaLogins()).isEqualTo(2);
		assertThat(this.simulator.counters().rejected()).as("only the spent refresh token").isOne();
	}

	@Test
	void aWrongTotpSecretCostsOneRejectedCodeThenNothingForTheCooldown() {
		EmnifyTokenProvider provider = mfaUser().mfaTotpSecret("JBSWY3DPEHPK3PXPJBSWY3DP").build();
		EmnifyAuthenticationException failure = catchThrowableOfType(EmnifyAuthenticationException.class,
				() -> provider.getToken().block());
		assertThat(failure.isRejected()).isTrue();
		this.clock.set(START.plus(Duration.ofMinutes(4)));
		assertThat(catchThrowableOfType(EmnifyAuthenticationException.class, () -> provider.getToken().block()))
			.isSameAs(failure);
		// One wrong code and nothing after it: two failures short of the simulated lock.
		assertThat(this.simulator.counters().mfaChallenges()).isOne();
		assertThat(this.simulator.counters().rejected()).isOne();
	}

	@Test
	void aWrongTotpSecretNeverLocksTheSimulatedUser() {
		EmnifyTokenProvider provider = mfaUser().mfaTotpSecret("JBSWY3DPEHPK3PXPJBSWY3DP").build();
		assertThat(catchThrowableOfType(EmnifyAuthenticationException.class, () -> provider.getToken().block())
			.getRejectedLoginsInARow()).isOne();
		// Whole steps on, so that every code is computed 5 seconds into its step.
		for (int cooldown = 0; cooldown < 10; cooldown++) {
			this.clock.advance(Duration.ofMinutes(6));
			assertThat(catchThrowableOfType(EmnifyAuthenticationException.class, () -> provider.getToken().block()))
				.hasMessageStartingWith("emnify rejected 2 logins of this user in a row");
		}
		assertThat(this.simulator.counters().mfaChallenges()).isEqualTo(2);
		assertThat(this.simulator.counters().rejected()).isEqualTo(2);
		// Not locked: the right secret logs in at once.
		assertThat(mfaUser().mfaTotpSecret(MFA_SECRET).build().getToken().block()).isNotBlank();
		assertThat(this.simulator.counters().mfaLogins()).isOne();
		assertThat(this.simulator.counters().rejected()).isEqualTo(2);
	}

	@Test
	void aWrongPasswordNeverLocksTheSimulatedUser() {
		EmnifyTokenProvider provider = builder(EmnifyCredentials.user(USER, "not-the-password")).build();
		for (int cooldown = 0; cooldown < 10; cooldown++) {
			catchThrowableOfType(EmnifyAuthenticationException.class, () -> provider.getToken().block());
			this.clock.advance(Duration.ofMinutes(6));
		}
		assertThat(this.simulator.counters().rejected(401)).isEqualTo(2);
		assertThat(user().build().getToken().block()).isNotBlank();
		assertThat(this.simulator.counters().rejected()).isEqualTo(2);
	}

	@Test
	void twoWorkspacesUsedConcurrentlyCostOneUserLoginAndOneSwitchEach() {
		EmnifyWorkspaces workspaces = EmnifyWorkspaces.of(mfaUser().mfaTotpSecret(MFA_SECRET).buildUserSession());
		List<Integer> counts = Flux.range(0, 200)
			.flatMap((i) -> workspaces.webClient((i % 2 == 0) ? PRODUCTION : STAGING)
				.get()
				.uri("/api/v1/endpoint")
				.retrieve()
				.bodyToFlux(Object.class)
				.count()
				.map(Long::intValue), 200)
			.collectList()
			.block(Duration.ofSeconds(60));
		assertThat(counts).hasSize(200);
		assertThat(counts).filteredOn((count) -> count == 25).hasSize(100);
		assertThat(counts).filteredOn((count) -> count == 5).hasSize(100);
		assertThat(this.simulator.counters().mfaLogins()).isOne();
		assertThat(this.simulator.counters().workspaceSwitches()).isEqualTo(2);
		assertThat(this.simulator.counters().rejected()).isZero();
	}

	@Test
	void switchedTokenIsRenewedAtExpiryWithAFreshUserToken() {
		EmnifyWorkspaces workspaces = EmnifyWorkspaces.of(user().buildUserSession());
		WebClient staging = workspaces.webClient(STAGING);
		staging.get().uri("/api/v1/sim").retrieve().toBodilessEntity().block();
		this.clock.advance(Duration.ofMinutes(240));
		staging.get().uri("/api/v1/sim").retrieve().toBodilessEntity().block();
		assertThat(this.simulator.counters().workspaceSwitches()).isEqualTo(2);
		assertThat(this.simulator.counters().passwordLogins() + this.simulator.counters().refreshes()).isEqualTo(2);
		assertThat(this.simulator.counters().rejected()).isZero();
	}

	private EmnifyTokenProviderBuilder mfaUser() {
		return builder(EmnifyCredentials.user(MFA_USER, MFA_PASSWORD));
	}

	private EmnifyTokenProviderBuilder user() {
		return builder(EmnifyCredentials.user(USER, USER_PASSWORD));
	}

	private EmnifyTokenProviderBuilder builder(EmnifyCredentials credentials) {
		return EmnifyTokenProvider.builder(WebClient.builder(), URI.create(this.simulator.baseUrl()), credentials)
			.clock(this.clock);
	}

}
