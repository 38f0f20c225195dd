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

import java.time.Clock;
import java.time.Duration;

/**
 * Behaviour a simulator is built with.
 *
 * @param clock the only source of time
 * @param authTokenLifetime {@code exp - iat} of auth tokens
 * @param refreshTokenLifetime {@code exp - iat} of refresh tokens
 * @param authenticateRateLimit requests to {@code /api/v1/authenticate} admitted per
 * window
 * @param authenticateRateWindow window of the rate limit
 * @param retryAfterHeader whether 429 answers carry {@code Retry-After}
 * @param gatewayUnauthorized whether every 401 of the API takes the gateway's shape
 * @param refreshTokenRotation whether a refresh answers a new refresh token too
 */
record SimulatorSettings(Clock clock, Duration authTokenLifetime, Duration refreshTokenLifetime,
		int authenticateRateLimit, Duration authenticateRateWindow, boolean retryAfterHeader,
		boolean gatewayUnauthorized, boolean refreshTokenRotation) {

	static final Duration MFA_TOKEN_LIFETIME = Duration.ofMinutes(5);

	static final Duration TRUSTED_DEVICE_LIFETIME = Duration.ofDays(90);

	static final int LOCKOUT_FAILURES = 3;

	static final Duration LOCKOUT_DURATION = Duration.ofMinutes(5);

}
