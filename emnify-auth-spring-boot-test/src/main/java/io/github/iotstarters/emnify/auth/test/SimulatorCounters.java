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

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import io.github.iotstarters.emnify.auth.test.SimulatorEvent.Kind;

/**
 * Live counts of what a simulator has answered since it was built or last reset. Tests
 * assert on them, for example that concurrent callers caused a single login.
 */
public final class SimulatorCounters {

	private final Map<Kind, LongAdder> successes = new EnumMap<>(Kind.class);

	private final Map<Integer, LongAdder> rejections = new ConcurrentHashMap<>();

	private final LongAdder authenticateRequests = new LongAdder();

	private final LongAdder apiRequests = new LongAdder();

	private final LongAdder faults = new LongAdder();

	private final LongAdder reusedRefreshTokens = new LongAdder();

	private final LongAdder apiRateLimitRefusals = new LongAdder();

	SimulatorCounters() {
		for (Kind kind : Kind.values()) {
			this.successes.put(kind, new LongAdder());
		}
	}

	/**
	 * Number of successful logins with an application token.
	 * @return the count
	 */
	public long applicationTokenLogins() {
		return successes(Kind.APPLICATION_TOKEN_LOGIN);
	}

	/**
	 * Number of successful logins with username and password that issued tokens directly,
	 * because the user has no MFA or sent the fingerprint of a trusted device.
	 * @return the count
	 */
	public long passwordLogins() {
		return successes(Kind.PASSWORD_LOGIN);
	}

	/**
	 * Number of logins with username and password answered with an {@code mfa_token}.
	 * @return the count
	 */
	public long mfaChallenges() {
		return successes(Kind.MFA_CHALLENGE);
	}

	/**
	 * Number of successful logins with an {@code mfa_token} and a code.
	 * @return the count
	 */
	public long mfaLogins() {
		return successes(Kind.MFA_LOGIN);
	}

	/**
	 * Number of refresh tokens successfully exchanged for an auth token.
	 * @return the count
	 */
	public long refreshes() {
		return successes(Kind.REFRESH);
	}

	/**
	 * Number of successful workspace switches.
	 * @return the count
	 */
	public long workspaceSwitches() {
		return successes(Kind.WORKSPACE_SWITCH);
	}

	/**
	 * Number of successful SIM migrations, dry runs included.
	 * @return the count
	 */
	public long simMigrations() {
		return successes(Kind.SIM_MIGRATION);
	}

	/**
	 * Number of requests to {@code /api/v1/authenticate} and
	 * {@code /api/v1/authenticate/workspace}, whatever their outcome, faults included.
	 * @return the count
	 */
	public long authenticateRequests() {
		return this.authenticateRequests.sum();
	}

	/**
	 * Number of requests to any other path, whatever their outcome, faults included.
	 * @return the count
	 */
	public long apiRequests() {
		return this.apiRequests.sum();
	}

	/**
	 * Number of requests the simulator's rules rejected with the given status, such as
	 * {@code 400}, {@code 401}, {@code 403}, {@code 409}, {@code 422} or {@code 429}.
	 * Faults are not rejections.
	 * @param status the HTTP status
	 * @return the count
	 */
	public long rejected(int status) {
		LongAdder count = this.rejections.get(status);
		return (count != null) ? count.sum() : 0;
	}

	/**
	 * Number of requests the simulator's rules rejected with any 4xx status.
	 * @return the count
	 */
	public long rejected() {
		return this.rejections.values().stream().mapToLong(LongAdder::sum).sum();
	}

	/**
	 * Number of refreshes with a refresh token that had been presented before, which
	 * emnify answers 401 as it does a superseded one: a client that sends a refresh token
	 * twice, as two instances sharing one session could. Counted among
	 * {@code rejected(401)} too.
	 * @return the count
	 */
	public long reusedRefreshTokens() {
		return this.reusedRefreshTokens.sum();
	}

	/**
	 * Number of requests refused with 429 {@code TooManyRequests} for emnify's API rate
	 * limits: a workspace's bucket of the request's limit class was empty, or its client
	 * address had used up its window. Counted among {@code rejected(429)} too, beside the
	 * refusals of the rate limit of {@code /api/v1/authenticate}, which this count leaves
	 * out.
	 * @return the count
	 * @see EmnifySimulatorBuilder#apiRateLimits(boolean)
	 */
	public long apiRateLimitRefusals() {
		return this.apiRateLimitRefusals.sum();
	}

	/**
	 * Number of requests answered by a fault switched on through {@link SimulatorFaults}.
	 * @return the count
	 */
	public long faults() {
		return this.faults.sum();
	}

	void request(boolean authenticate) {
		(authenticate ? this.authenticateRequests : this.apiRequests).increment();
	}

	void record(Kind kind, int status) {
		if (kind == Kind.FAULT) {
			this.faults.increment();
		}
		else if (status >= 400 && status < 500) {
			this.rejections.computeIfAbsent(status, (key) -> new LongAdder()).increment();
		}
		else if (status >= 200 && status < 300) {
			success(kind).increment();
		}
	}

	void reusedRefreshToken() {
		this.reusedRefreshTokens.increment();
	}

	void apiRateLimitRefusal() {
		this.apiRateLimitRefusals.increment();
	}

	void reset() {
		this.successes.values().forEach(LongAdder::reset);
		this.rejections.clear();
		this.authenticateRequests.reset();
		this.apiRequests.reset();
		this.faults.reset();
		this.reusedRefreshTokens.reset();
		this.apiRateLimitRefusals.reset();
	}

	private long successes(Kind kind) {
		return success(kind).sum();
	}

	// Every kind has its counter from the start.
	private LongAdder success(Kind kind) {
		LongAdder counter = this.successes.get(kind);
		if (counter == null) {
			throw new IllegalStateException("No counter for " + kind);
		}
		return counter;
	}

	@Override
	public String toString() {
		return "SimulatorCounters[applicationTokenLogins=" + applicationTokenLogins() + ", passwordLogins="
				+ passwordLogins() + ", mfaChallenges=" + mfaChallenges() + ", mfaLogins=" + mfaLogins()
				+ ", refreshes=" + refreshes() + ", workspaceSwitches=" + workspaceSwitches() + ", simMigrations="
				+ simMigrations() + ", authenticateRequests=" + authenticateRequests() + ", apiRequests="
				+ apiRequests() + ", rejected=" + rejected() + ", reusedRefreshTokens=" + reusedRefreshTokens()
				+ ", apiRateLimitRefusals=" + apiRateLimitRefusals() + ", faults=" + faults() + "]";
	}

}
