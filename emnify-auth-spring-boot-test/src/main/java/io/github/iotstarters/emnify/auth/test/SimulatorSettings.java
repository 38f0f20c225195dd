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
