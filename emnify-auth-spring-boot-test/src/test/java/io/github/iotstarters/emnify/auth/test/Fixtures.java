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

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;

/**
 * The accounts most tests run against.
 */
final class Fixtures {

	/**
	 * Start of a TOTP step, so a test can move within the step without crossing it.
	 */
	static final Instant START = Instant.parse("2030-01-01T00:00:00Z");

	static final long PRODUCTION = 100;

	static final long STAGING = 200;

	static final long RESTRICTED = 300;

	static final String APPLICATION_TOKEN = "production-application-token";

	static final String USER = "ops@example.org";

	static final String USER_PASSWORD = "ops-password";

	static final String MFA_USER = "mfa@example.org";

	static final String MFA_PASSWORD = "mfa-password";

	/**
	 * Base32 of the ASCII "12345678901234567890", the key of RFC 6238's test vectors.
	 */
	static final String MFA_SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

	static final byte[] MFA_KEY = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

	private Fixtures() {
	}

	static EmnifySimulatorBuilder simulator(Clock clock) {
		return EmnifySimulator.builder()
			.clock(clock)
			.workspace(PRODUCTION, "Production")
			.workspace(STAGING, "Staging", 5, 12)
			.workspace(RESTRICTED, "Restricted", 1, 1)
			.applicationToken(APPLICATION_TOKEN, PRODUCTION)
			.user(USER, USER_PASSWORD, PRODUCTION, STAGING)
			.userWithMfa(MFA_USER, MFA_PASSWORD, MFA_SECRET, PRODUCTION, STAGING);
	}

}
