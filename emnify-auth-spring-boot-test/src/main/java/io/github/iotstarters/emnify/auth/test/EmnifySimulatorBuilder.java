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
import java.util.Map;

import org.jspecify.annotations.Nullable;

import io.github.iotstarters.emnify.auth.test.ApiRateLimits.Figures;
import io.github.iotstarters.emnify.auth.test.ApiRateLimits.LimitClass;

/**
 * Describes a simulator: port, clock, token lifetimes, limits, workspaces and accounts.
 * Workspaces must be declared before {@link #build()}, in any order relative to the
 * accounts that refer to them.
 */
public final class EmnifySimulatorBuilder {

	/**
	 * Endpoints a workspace is seeded with unless told otherwise.
	 */
	public static final int DEFAULT_ENDPOINTS = 25;

	/**
	 * SIMs a workspace is seeded with unless told otherwise.
	 */
	public static final int DEFAULT_SIMS = 40;

	int port;

	Clock clock = Clock.systemUTC();

	Duration authTokenLifetime = Duration.ofMinutes(240);

	Duration refreshTokenLifetime = Duration.ofMinutes(350);

	int authenticateRateLimit = 100;

	Duration authenticateRateWindow = Duration.ofMinutes(5);

	boolean retryAfterHeader;

	boolean apiRateLimits = true;

	final Map<LimitClass, Figures> apiRateLimitFigures = LimitClass.defaults();

	int perIpRateLimit = 2000;

	Duration perIpRateWindow = Duration.ofMinutes(5);

	boolean gatewayUnauthorizedResponses;

	boolean refreshTokenRotation;

	@Nullable String defaultCredential;

	final DeclaredAccounts accounts = new DeclaredAccounts();

	EmnifySimulatorBuilder() {
	}

	/**
	 * Port to listen on; {@code 0}, the default, picks a free one.
	 * @param port the port
	 * @return this builder
	 */
	public EmnifySimulatorBuilder port(int port) {
		if (port < 0 || port > 65535) {
			throw new IllegalArgumentException("Port must be from 0 to 65535, not " + port);
		}
		this.port = port;
		return this;
	}

	/**
	 * Clock the simulator reads all time from: token {@code iat} and {@code exp}, expiry
	 * checks, TOTP steps, lockouts and the rate-limit window of logins. Defaults to the
	 * UTC system clock; tests pass an {@link AdjustableClock}. The
	 * {@link #apiRateLimits(boolean) API rate limits} do not read it: they run on real
	 * time, so that moving the clock by hours to expire tokens neither fills nor empties
	 * their buckets.
	 * @param clock the clock
	 * @return this builder
	 */
	public EmnifySimulatorBuilder clock(Clock clock) {
		this.clock = clock;
		return this;
	}

	/**
	 * Declares a workspace seeded with {@value #DEFAULT_ENDPOINTS} endpoints and
	 * {@value #DEFAULT_SIMS} SIMs.
	 * @param id the workspace (organisation) id, as in the {@code esc.org} claim
	 * @param name the name, as in the {@code esc.orgName} claim
	 * @return this builder
	 */
	public EmnifySimulatorBuilder workspace(long id, String name) {
		return workspace(id, name, DEFAULT_ENDPOINTS, DEFAULT_SIMS);
	}

	/**
	 * Declares a workspace seeded with the given numbers of endpoints and SIMs. The first
	 * {@code min(endpoints, sims)} endpoints each have a SIM; ids, names and ICCIDs
	 * follow from the order of declaration, so they are the same on every run.
	 * @param id the workspace (organisation) id, as in the {@code esc.org} claim
	 * @param name the name, as in the {@code esc.orgName} claim
	 * @param endpoints number of endpoints
	 * @param sims number of SIMs
	 * @return this builder
	 */
	public EmnifySimulatorBuilder workspace(long id, String name, int endpoints, int sims) {
		this.accounts.workspace(id, name, endpoints, sims);
		return this;
	}

	/**
	 * Declares an application token bound to a workspace. Application tokens get the ids
	 * 1001, 1002, … in declaration order, seen in the {@code esc.app} claim.
	 * @param token the token value clients send as {@code application_token}
	 * @param workspaceId the workspace its auth tokens are valid for
	 * @return this builder
	 */
	public EmnifySimulatorBuilder applicationToken(String token, long workspaceId) {
		this.accounts.applicationToken(token, workspaceId);
		return this;
	}

	/**
	 * Declares a user without MFA, as on trial accounts: username and password answer
	 * tokens directly. Users get the ids 1, 2, … in declaration order, seen in the
	 * {@code esc.user} claim.
	 * @param username the username
	 * @param password the clear-text password; clients send its SHA-1 hex
	 * @param homeWorkspaceId the workspace of tokens from logins
	 * @param otherWorkspaceIds workspaces the user may switch to and move SIMs to
	 * @return this builder
	 */
	public EmnifySimulatorBuilder user(String username, String password, long homeWorkspaceId,
			long... otherWorkspaceIds) {
		this.accounts.user(username, password, homeWorkspaceId, otherWorkspaceIds);
		return this;
	}

	/**
	 * Declares a user with MFA: username and password answer an {@code mfa_token} unless
	 * the request carries the fingerprint of a device trusted in the last 90 days.
	 * @param username the username
	 * @param password the clear-text password; clients send its SHA-1 hex
	 * @param totpSecret the base32 secret an authenticator app would be given, of at
	 * least 80 bits (16 characters) as emnify's are
	 * @param homeWorkspaceId the workspace of tokens from logins
	 * @param otherWorkspaceIds workspaces the user may switch to and move SIMs to
	 * @return this builder
	 */
	public EmnifySimulatorBuilder userWithMfa(String username, String password, String totpSecret, long homeWorkspaceId,
			long... otherWorkspaceIds) {
		this.accounts.userWithMfa(username, password, totpSecret, homeWorkspaceId, otherWorkspaceIds);
		return this;
	}

	/**
	 * Declares a user with email MFA, emnify's default method: username and password
	 * answer an {@code mfa_token}, unless the request carries the fingerprint of a
	 * trusted device, and a mail with a new random six-digit code, from
	 * {@code no-reply@emnify.com}, goes to the user's address over SMTP 200 ms after the
	 * answer (Jakarta Mail must be on the classpath). The MFA step accepts that code,
	 * once; a wrong code counts towards the lock like a wrong password.
	 * @param username the username
	 * @param password the clear-text password; clients send its SHA-1 hex
	 * @param mailHost the SMTP server the codes are mailed through, such as a test mail
	 * server
	 * @param smtpPort the port of the SMTP server
	 * @param address the address the codes are mailed to
	 * @param homeWorkspaceId the workspace of tokens from logins
	 * @param otherWorkspaceIds workspaces the user may switch to and move SIMs to
	 * @return this builder
	 */
	public EmnifySimulatorBuilder userWithEmailMfa(String username, String password, String mailHost, int smtpPort,
			String address, long homeWorkspaceId, long... otherWorkspaceIds) {
		this.accounts.userWithEmailMfa(username, password, mailHost, smtpPort, address, homeWorkspaceId,
				otherWorkspaceIds);
		return this;
	}

	/**
	 * Declares a user with email MFA whose codes are mailed to a {@link LocalMailbox}, a
	 * real SMTP and IMAP server on loopback that {@link EmnifySimulatorExtension} starts
	 * before the simulator and stops after it; outside the extension, start it before the
	 * first login. Otherwise as
	 * {@link #userWithEmailMfa(String, String, String, int, String, long, long...)}. Of
	 * all users with MFA, only such a user may be the {@link #defaultCredential(String)
	 * default credential}, as the mailbox tells the client where to read the codes.
	 * @param username the username
	 * @param password the clear-text password; clients send its SHA-1 hex
	 * @param mailbox the mailbox the codes are mailed to, at its
	 * {@link LocalMailbox#address() address}
	 * @param homeWorkspaceId the workspace of tokens from logins
	 * @param otherWorkspaceIds workspaces the user may switch to and move SIMs to
	 * @return this builder
	 */
	public EmnifySimulatorBuilder userWithEmailMfa(String username, String password, LocalMailbox mailbox,
			long homeWorkspaceId, long... otherWorkspaceIds) {
		this.accounts.userWithEmailMfa(username, password, mailbox, homeWorkspaceId, otherWorkspaceIds);
		return this;
	}

	/**
	 * Lifetime of auth tokens, {@code exp - iat} in whole seconds; defaults to 240
	 * minutes.
	 * @param lifetime at least one second
	 * @return this builder
	 */
	public EmnifySimulatorBuilder authTokenLifetime(Duration lifetime) {
		this.authTokenLifetime = requireSeconds(lifetime);
		return this;
	}

	/**
	 * Lifetime of refresh tokens, {@code exp - iat} in whole seconds; defaults to 350
	 * minutes.
	 * @param lifetime at least one second
	 * @return this builder
	 */
	public EmnifySimulatorBuilder refreshTokenLifetime(Duration lifetime) {
		this.refreshTokenLifetime = requireSeconds(lifetime);
		return this;
	}

	/**
	 * Requests to {@code POST /api/v1/authenticate} admitted in any sliding window before
	 * 429 {@code TooManyRequests}; defaults to 100 per 5 minutes, as emnify documents.
	 * Rejected requests do not count.
	 * @param maxRequests requests admitted per window
	 * @param window length of the window
	 * @return this builder
	 */
	public EmnifySimulatorBuilder authenticateRateLimit(int maxRequests, Duration window) {
		requireRateLimit(maxRequests, window);
		this.authenticateRateLimit = maxRequests;
		this.authenticateRateWindow = window;
		return this;
	}

	/**
	 * Whether emnify's API rate limits apply; on by default, as emnify's are. Then every
	 * request but those to {@code /api/v1/authenticate}, whose limit is
	 * {@link #authenticateRateLimit(int, Duration) its own}, takes a permit of its client
	 * address's window ({@link #perIpRateLimit(int, Duration)}) and, with a valid bearer
	 * token, of its workspace's bucket of the request's limit class
	 * ({@link #apiRateLimit(String, double, int)}); without one it is refused with 429
	 * {@code TooManyRequests} (1105) before anything else happens, and counted in
	 * {@link SimulatorCounters#apiRateLimitRefusals()}. The limits run on real time, not
	 * on the {@link #clock(Clock) clock}. Switch them off in tests that send many
	 * requests for another purpose.
	 * @param apiRateLimits whether to enforce the API rate limits
	 * @return this builder
	 */
	public EmnifySimulatorBuilder apiRateLimits(boolean apiRateLimits) {
		this.apiRateLimits = apiRateLimits;
		return this;
	}

	/**
	 * Figures of one of emnify's API rate limit classes, a token bucket per workspace
	 * that starts full, holds at most {@code burst} permits and regains one every
	 * {@code 1/perSecond} seconds. The classes, by the most specific of their method and
	 * path patterns that matches a request:
	 * <ul>
	 * <li>{@code lists}, 10/s, burst 5: endpoint and SIM lists, statistics, events;</li>
	 * <li>{@code endpoint}, 50/s, burst 25: one endpoint and its connectivity;</li>
	 * <li>{@code sim}, 100/s, burst 50: one SIM, service and tariff profiles,
	 * {@code GET /api/v1/endpoint/stats}.</li>
	 * </ul>
	 * Tests change the figures to see the limit after a few requests.
	 * @param className {@code lists}, {@code endpoint} or {@code sim}
	 * @param perSecond permits regained per second, positive
	 * @param burst permits a bucket holds at most, at least 1
	 * @return this builder
	 * @throws IllegalArgumentException for another class name or figures out of range
	 */
	public EmnifySimulatorBuilder apiRateLimit(String className, double perSecond, int burst) {
		this.apiRateLimitFigures.put(LimitClass.of(className), new Figures(perSecond, burst));
		return this;
	}

	/**
	 * Requests from one client address admitted in any sliding window of real time, over
	 * every request but those to {@code /api/v1/authenticate}; defaults to 2,000 per 5
	 * minutes, as emnify documents. Refused requests do not count.
	 * @param maxRequests requests admitted per window
	 * @param window length of the window
	 * @return this builder
	 * @see #apiRateLimits(boolean)
	 */
	public EmnifySimulatorBuilder perIpRateLimit(int maxRequests, Duration window) {
		requireRateLimit(maxRequests, window);
		this.perIpRateLimit = maxRequests;
		this.perIpRateWindow = window;
		return this;
	}

	/**
	 * Whether 429 answers carry a {@code Retry-After} header in seconds, of the login's
	 * and of the API's rate limits; emnify documents none, so off by default.
	 * @param retryAfterHeader whether to send the header
	 * @return this builder
	 */
	public EmnifySimulatorBuilder retryAfterHeader(boolean retryAfterHeader) {
		this.retryAfterHeader = retryAfterHeader;
		return this;
	}

	/**
	 * Whether every 401 of the API takes the API gateway's shape, {@code {"message":"…"}}
	 * with {@code x-amzn-ErrorType: AccessDeniedException}, instead of emnify's
	 * {@code InvalidToken} and {@code TokenExpired} bodies. Missing tokens and tokens
	 * that are not three-segment JWTs always get the gateway's shape.
	 * @param gatewayUnauthorizedResponses whether to use the gateway's shape
	 * @return this builder
	 */
	public EmnifySimulatorBuilder gatewayUnauthorizedResponses(boolean gatewayUnauthorizedResponses) {
		this.gatewayUnauthorizedResponses = gatewayUnauthorizedResponses;
		return this;
	}

	/**
	 * Whether a refresh answers a new {@code refresh_token} beside the
	 * {@code auth_token}. Off by default, as emnify answers only an auth token; the API
	 * documentation allows both, so clients should handle both.
	 * @param refreshTokenRotation whether to rotate refresh tokens
	 * @return this builder
	 */
	public EmnifySimulatorBuilder refreshTokenRotation(boolean refreshTokenRotation) {
		this.refreshTokenRotation = refreshTokenRotation;
		return this;
	}

	/**
	 * Credential {@link EmnifySimulatorExtension#registerProperties} hands to Spring;
	 * without this, the first application token, or else the first user without MFA.
	 * Never a user with TOTP MFA, whose login a client without MFA support cannot finish;
	 * a user with a {@link LocalMailbox} only when named here, and then the mailbox's
	 * {@code emnify.mfa.email.*} properties are handed over too.
	 * @param applicationTokenOrUsername an application token, the username of a user
	 * without MFA or of a user with a {@link LocalMailbox} declared on this builder
	 * @return this builder
	 */
	public EmnifySimulatorBuilder defaultCredential(String applicationTokenOrUsername) {
		this.defaultCredential = applicationTokenOrUsername;
		return this;
	}

	/**
	 * Builds the simulator, not yet started.
	 * @return the simulator
	 * @throws IllegalStateException if an account refers to an undeclared workspace, or
	 * the default credential is not declared or is a user with MFA and no
	 * {@link LocalMailbox}
	 */
	public EmnifySimulator build() {
		return new EmnifySimulator(this, this.accounts.accounts(),
				this.accounts.defaultCredential(this.defaultCredential));
	}

	private static void requireRateLimit(int maxRequests, Duration window) {
		if (maxRequests < 1 || window.isNegative() || window.isZero()) {
			throw new IllegalArgumentException("Rate limit needs a positive number of requests and window");
		}
	}

	private static Duration requireSeconds(Duration lifetime) {
		if (lifetime.toSeconds() < 1) {
			throw new IllegalArgumentException("Lifetime must be at least one second");
		}
		return lifetime;
	}

}
