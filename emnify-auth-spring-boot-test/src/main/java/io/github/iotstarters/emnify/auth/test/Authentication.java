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

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import io.github.iotstarters.emnify.auth.test.Accounts.ApplicationAccount;
import io.github.iotstarters.emnify.auth.test.Accounts.MfaMailbox;
import io.github.iotstarters.emnify.auth.test.Accounts.UserAccount;
import io.github.iotstarters.emnify.auth.test.Accounts.Workspace;
import io.github.iotstarters.emnify.auth.test.Responses.EmnifyError;
import io.github.iotstarters.emnify.auth.test.SimulatorEvent.Kind;

/**
 * emnify's authentication rules: logins of every grant, MFA, refresh tokens, workspace
 * switches, lockouts, the rate limit of {@code /api/v1/authenticate}, and the check of
 * bearer tokens on every other endpoint. All state lives here, in memory.
 */
final class Authentication {

	/**
	 * {@code esc.app} of tokens from user logins, standing in for emnify's own portal
	 * application.
	 */
	static final long USER_LOGIN_APPLICATION_ID = 1;

	private static final int PRUNE_THRESHOLD = 10_000;

	/**
	 * 160 bits, the HMAC-SHA1 key length RFC 4226 recommends.
	 */
	private static final int MFA_KEY_BYTES = 20;

	private final Accounts accounts;

	private final SimulatorSettings settings;

	private final JwtCodec jwtCodec;

	private final Responses responses;

	private final SlidingWindowRateLimiter rateLimiter;

	private final Map<Long, UserState> userStates = new HashMap<>();

	private final Map<String, AuthGrant> authTokens = new ConcurrentHashMap<>();

	private final Map<String, MfaChallenge> mfaChallenges = new ConcurrentHashMap<>();

	/**
	 * Ids of the refresh tokens presented so far, to tell a reused refresh token from one
	 * that a later login superseded.
	 */
	private final Set<String> presentedRefreshTokenIds = ConcurrentHashMap.newKeySet();

	private final SecureRandom random = new SecureRandom();

	/**
	 * Auth tokens issued in an older generation count as expired.
	 */
	private final AtomicLong generation = new AtomicLong();

	private final AtomicLong nextMfaKeyId = new AtomicLong();

	private final AtomicLong nextTrustedDeviceId = new AtomicLong();

	private volatile int nextPruneSize = PRUNE_THRESHOLD;

	Authentication(Accounts accounts, SimulatorSettings settings, JsonMapper jsonMapper, Responses responses) {
		this.accounts = accounts;
		this.settings = settings;
		this.jwtCodec = new JwtCodec(jsonMapper);
		this.responses = responses;
		this.rateLimiter = new SlidingWindowRateLimiter(settings.authenticateRateLimit(),
				settings.authenticateRateWindow());
		accounts.users().forEach((user) -> this.userStates.put(user.id(), new UserState()));
	}

	Outcome authenticate(Request request) {
		Instant now = now();
		ObjectNode body = this.responses.readObject(request.getBodyAsString());
		Kind kind = classify(body);
		if (!this.rateLimiter.tryAcquire(now)) {
			String principal = (body != null) ? text(body, "username") : null;
			return new Outcome(kind, (principal != null) ? principal : Outcome.UNKNOWN_PRINCIPAL, "rate limited",
					tooManyRequests(now));
		}
		if (body == null || kind == Kind.INVALID_AUTHENTICATION) {
			return new Outcome(Kind.INVALID_AUTHENTICATION, Outcome.UNKNOWN_PRINCIPAL, "no known grant in body",
					this.responses.badRequest("Body must be a JSON object with application_token, username and"
							+ " password, refresh_token, or mfa_token and code"));
		}
		return switch (kind) {
			case APPLICATION_TOKEN_LOGIN -> applicationTokenLogin(body, now);
			case MFA_LOGIN -> mfaLogin(body, now);
			case REFRESH -> refresh(body, now);
			default -> passwordLogin(body, now);
		};
	}

	Outcome switchWorkspace(Request request) {
		AuthGrant grant;
		try {
			grant = authorize(request);
		}
		catch (Rejection rejection) {
			return rejection.toOutcome(Kind.WORKSPACE_SWITCH, Outcome.UNKNOWN_PRINCIPAL);
		}
		UserAccount user = grant.user();
		if (user == null) {
			return new Outcome(Kind.WORKSPACE_SWITCH, grant.principal(), "application token cannot switch workspace",
					this.responses.error(EmnifyError.INVALID_TOKEN,
							"Switching workspace requires a user's auth token"));
		}
		ObjectNode body = this.responses.readObject(request.getBodyAsString());
		JsonNode target = (body != null) ? body.path("target_organisation").path("id") : null;
		if (target == null || !target.isIntegralNumber()) {
			return new Outcome(Kind.WORKSPACE_SWITCH, user.username(), "no target organisation",
					this.responses.validationFailed("Invalid workspace switch request",
							List.of("target_organisation.id must be a number")));
		}
		long workspaceId = target.asLong();
		if (this.accounts.workspace(workspaceId) == null || !user.mayEnter(workspaceId)) {
			return new Outcome(Kind.WORKSPACE_SWITCH, user.username(), "workspace " + workspaceId + " not allowed",
					this.responses.error(EmnifyError.FORBIDDEN, "No access to workspace " + workspaceId));
		}
		ObjectNode answer = this.responses.object().put("auth_token", issueAuthToken(workspaceId, user, null, now()));
		return new Outcome(Kind.WORKSPACE_SWITCH, user.username(), "switched to workspace " + workspaceId,
				this.responses.ok(answer));
	}

	/**
	 * Checks the bearer token of an API request.
	 * @param request the API request, whose {@code Authorization} header is checked
	 * @return what the token grants
	 * @throws Rejection with a 401 answer when the token is missing, malformed, unknown
	 * or expired
	 */
	AuthGrant authorize(Request request) {
		String header = request.getHeader("Authorization");
		if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
			throw new Rejection("no bearer token", this.responses.gatewayUnauthorized("Unauthorized"));
		}
		String token = header.substring(7).trim();
		if (!JwtCodec.hasThreeSegments(token)) {
			throw new Rejection("token is no JWT",
					this.responses.gatewayUnauthorized("token contains an invalid number of segments"));
		}
		ObjectNode claims = this.jwtCodec.verify(token);
		String jti = (claims != null) ? text(claims, "jti") : null;
		AuthGrant grant = (jti != null) ? this.authTokens.get(jti) : null;
		if (grant == null) {
			throw new Rejection("unknown auth token",
					this.settings.gatewayUnauthorized() ? this.responses.gatewayUnauthorized("Unauthorized")
							: this.responses.error(EmnifyError.INVALID_TOKEN, "Invalid token"));
		}
		if (grant.generation() < this.generation.get() || !now().isBefore(grant.expiresAt())) {
			throw new Rejection("auth token expired",
					this.settings.gatewayUnauthorized()
							? this.responses.gatewayUnauthorized("The incoming token has expired")
							: this.responses.error(EmnifyError.TOKEN_EXPIRED, "Token expired"));
		}
		return grant;
	}

	// Every account has a state from the start; the users do not change.
	private UserState stateOf(UserAccount user) {
		UserState state = this.userStates.get(user.id());
		if (state == null) {
			throw new IllegalStateException("No state for user " + user.id());
		}
		return state;
	}

	/**
	 * Makes the current refresh token of a user invalid, as a login elsewhere does.
	 * @param username the name of the user
	 * @throws IllegalArgumentException if there is no user of that name
	 */
	void invalidateRefreshTokens(String username) {
		UserAccount user = this.accounts.user(username);
		if (user == null) {
			throw new IllegalArgumentException("No user " + username);
		}
		UserState state = stateOf(user);
		synchronized (state) {
			state.refreshTokenId = null;
		}
	}

	void expireAuthTokens() {
		this.generation.incrementAndGet();
	}

	void reset(boolean keepSessions) {
		if (!keepSessions) {
			this.authTokens.clear();
			this.presentedRefreshTokenIds.clear();
		}
		this.mfaChallenges.clear();
		this.nextMfaKeyId.set(0);
		this.nextTrustedDeviceId.set(0);
		this.rateLimiter.reset();
		this.userStates.values().forEach((state) -> state.reset(keepSessions));
	}

	private Outcome applicationTokenLogin(ObjectNode body, Instant now) {
		String token = text(body, "application_token");
		ApplicationAccount application = (token != null) ? this.accounts.applicationToken(token) : null;
		if (application == null) {
			return new Outcome(Kind.APPLICATION_TOKEN_LOGIN, Outcome.UNKNOWN_PRINCIPAL, "unknown application token",
					this.responses.emptyUnauthorized());
		}
		String authToken = issueAuthToken(application.workspaceId(), null, application, now);
		return new Outcome(Kind.APPLICATION_TOKEN_LOGIN, application.principal(), "auth token issued",
				this.responses.ok(this.responses.object().put("auth_token", authToken)));
	}

	private Outcome passwordLogin(ObjectNode body, Instant now) {
		String username = text(body, "username");
		String passwordHash = text(body, "password");
		if (username == null || passwordHash == null) {
			return new Outcome(Kind.PASSWORD_LOGIN, (username != null) ? username : Outcome.UNKNOWN_PRINCIPAL,
					"username or password missing", this.responses.badRequest("username and password must be strings"));
		}
		UserAccount user = this.accounts.user(username);
		if (user == null) {
			return new Outcome(Kind.PASSWORD_LOGIN, username, "unknown user", this.responses.emptyUnauthorized());
		}
		UserState state = stateOf(user);
		synchronized (state) {
			if (state.isLocked(now)) {
				return lockedOut(Kind.PASSWORD_LOGIN, user);
			}
			if (!user.passwordMatches(passwordHash)) {
				return failedLogin(Kind.PASSWORD_LOGIN, user, state, "wrong password", now);
			}
			String fingerprint = text(body, "fingerprint");
			boolean trustedDevice = state.trusts(fingerprint, now);
			if ((state.totpKey(user) != null || user.mfaMailbox() != null) && !trustedDevice) {
				String mfaToken = issueMfaToken(user, now);
				return new Outcome(Kind.MFA_CHALLENGE, username,
						(user.mfaMailbox() != null) ? "mfa token issued, code mailed" : "mfa token issued",
						this.responses.ok(this.responses.object().put("mfa_token", mfaToken)));
			}
			// Only issued tokens end a run of failures, so that the right password
			// between wrong MFA codes does not keep the user from being locked.
			state.failures = 0;
			return new Outcome(Kind.PASSWORD_LOGIN, username,
					trustedDevice ? "tokens issued to trusted device" : "tokens issued",
					this.responses.ok(issueLoginTokens(user, state, now)));
		}
	}

	private Outcome mfaLogin(ObjectNode body, Instant now) {
		String mfaToken = text(body, "mfa_token");
		String code = text(body, "code");
		if (mfaToken == null || code == null) {
			return new Outcome(Kind.MFA_LOGIN, Outcome.UNKNOWN_PRINCIPAL, "mfa token or code missing",
					this.responses.badRequest("mfa_token and code must be strings"));
		}
		ObjectNode claims = this.jwtCodec.verify(mfaToken);
		String challengeId = (claims != null) ? text(claims, "jti") : null;
		MfaChallenge challenge = (challengeId != null) ? this.mfaChallenges.get(challengeId) : null;
		UserAccount user = (challenge != null) ? this.accounts.user(challenge.userId()) : null;
		if (challengeId == null || challenge == null || user == null) {
			return new Outcome(Kind.MFA_LOGIN, Outcome.UNKNOWN_PRINCIPAL, "unknown or used mfa token",
					this.responses.emptyUnauthorized());
		}
		if (!now.isBefore(challenge.expiresAt())) {
			this.mfaChallenges.remove(challengeId);
			return new Outcome(Kind.MFA_LOGIN, user.username(), "mfa token expired",
					this.responses.emptyUnauthorized());
		}
		UserState state = stateOf(user);
		synchronized (state) {
			if (state.isLocked(now)) {
				return lockedOut(Kind.MFA_LOGIN, user);
			}
			String mailedCode = challenge.mailedCode();
			OptionalLong step = (mailedCode != null) ? OptionalLong.empty()
					: matchingStep(state.totpKey(user), code, now);
			if ((mailedCode != null) ? !mailedCode.equals(code) : step.isEmpty()) {
				return failedLogin(Kind.MFA_LOGIN, user, state, "wrong code", now);
			}
			if (step.isPresent() && step.getAsLong() <= state.lastAcceptedStep) {
				return failedLogin(Kind.MFA_LOGIN, user, state, "code already used", now);
			}
			if (!this.mfaChallenges.remove(challengeId, challenge)) {
				return new Outcome(Kind.MFA_LOGIN, user.username(), "unknown or used mfa token",
						this.responses.emptyUnauthorized());
			}
			if (step.isPresent()) {
				state.lastAcceptedStep = step.getAsLong();
			}
			state.failures = 0;
			JsonNode device = body.path("trusted_device");
			String fingerprint = text(device, "fingerprint");
			if (fingerprint == null) {
				fingerprint = text(body, "fingerprint");
			}
			if (fingerprint != null) {
				state.trust(fingerprint, this.nextTrustedDeviceId::incrementAndGet, text(device, "name"),
						text(device, "operating_system"), text(device, "browser"), now);
			}
			return new Outcome(Kind.MFA_LOGIN, user.username(),
					(fingerprint != null) ? "tokens issued, device trusted" : "tokens issued",
					this.responses.ok(issueLoginTokens(user, state, now)));
		}
	}

	private Outcome refresh(ObjectNode body, Instant now) {
		String refreshToken = text(body, "refresh_token");
		if (refreshToken == null) {
			return new Outcome(Kind.REFRESH, Outcome.UNKNOWN_PRINCIPAL, "refresh token missing",
					this.responses.badRequest("refresh_token must be a string"));
		}
		ObjectNode claims = this.jwtCodec.verify(refreshToken);
		String tokenId = (claims != null) ? text(claims, "jti") : null;
		JsonNode userId = (claims != null) ? claims.path("esc.user") : null;
		UserAccount user = (userId != null && userId.isIntegralNumber()) ? this.accounts.user(userId.asLong()) : null;
		if (claims == null || tokenId == null || user == null) {
			return new Outcome(Kind.REFRESH, Outcome.UNKNOWN_PRINCIPAL, "invalid refresh token",
					this.responses.emptyUnauthorized());
		}
		UserState state = stateOf(user);
		synchronized (state) {
			boolean presentedBefore = !this.presentedRefreshTokenIds.add(tokenId);
			if (!tokenId.equals(state.refreshTokenId)) {
				return new Outcome(Kind.REFRESH, user.username(),
						presentedBefore ? Outcome.REFRESH_TOKEN_REUSED : "refresh token superseded",
						this.responses.emptyUnauthorized());
			}
			state.refreshTokenId = null;
			if (!now.isBefore(expiry(claims))) {
				return new Outcome(Kind.REFRESH, user.username(), "refresh token expired",
						this.responses.error(EmnifyError.TOKEN_EXPIRED, "Refresh token expired"));
			}
			ObjectNode answer = this.responses.object()
				.put("auth_token", issueAuthToken(user.homeWorkspaceId(), user, null, now));
			if (this.settings.refreshTokenRotation()) {
				answer.put("refresh_token", issueRefreshToken(user, state, now));
			}
			return new Outcome(Kind.REFRESH, user.username(), "auth token issued", this.responses.ok(answer));
		}
	}

	private Outcome failedLogin(Kind kind, UserAccount user, UserState state, String reason, Instant now) {
		state.failures++;
		if (state.failures >= SimulatorSettings.LOCKOUT_FAILURES) {
			state.failures = 0;
			state.lockedUntil = now.plus(SimulatorSettings.LOCKOUT_DURATION);
			return new Outcome(kind, user.username(), reason + ", user locked", this.responses.emptyUnauthorized());
		}
		return new Outcome(kind, user.username(), reason, this.responses.emptyUnauthorized());
	}

	private Outcome lockedOut(Kind kind, UserAccount user) {
		return new Outcome(kind, user.username(), "user locked",
				this.responses.locked("Too many failed login attempts, user is locked for "
						+ SimulatorSettings.LOCKOUT_DURATION.toMinutes() + " minutes"));
	}

	private ResponseDefinition tooManyRequests(Instant now) {
		ResponseDefinitionBuilder response = this.responses.errorBuilder(EmnifyError.TOO_MANY_REQUESTS,
				"Too many authentication requests");
		if (this.settings.retryAfterHeader()) {
			response.withHeader("Retry-After", Long.toString(this.rateLimiter.retryAfter(now).toSeconds()));
		}
		return response.build();
	}

	/**
	 * Adds an MFA key in status "Activation Pending" with a fresh secret.
	 * @param user the user the key is for
	 * @param now the current instant, the key's creation date
	 * @return the new key, or {@code null} when the user has an active key already
	 */
	@Nullable MfaKey createMfaKey(UserAccount user, Instant now) {
		UserState state = stateOf(user);
		synchronized (state) {
			if (state.totpKey(user) != null) {
				return null;
			}
			byte[] secret = new byte[MFA_KEY_BYTES];
			this.random.nextBytes(secret);
			MfaKey key = new MfaKey(this.nextMfaKeyId.incrementAndGet(), secret, now);
			state.pendingKeys.put(key.id(), key);
			return key;
		}
	}

	/**
	 * Activates a pending MFA key of the user if the code is one of its current codes;
	 * from then on logins demand codes of that key.
	 * @param user the user who owns the key
	 * @param keyId the id of the key
	 * @param code the code computed from the key's secret
	 * @param now the current instant, which gives the current step
	 * @return what came of it
	 */
	Activation activateMfaKey(UserAccount user, long keyId, String code, Instant now) {
		UserState state = stateOf(user);
		synchronized (state) {
			if (state.activeKey != null && state.activeKey.id() == keyId) {
				return Activation.ALREADY_ACTIVE;
			}
			MfaKey key = state.pendingKeys.get(keyId);
			if (key == null) {
				return Activation.UNKNOWN_KEY;
			}
			if (matchingStep(key.secret(), code, now).isEmpty()) {
				return Activation.INVALID_CODE;
			}
			state.pendingKeys.clear();
			state.activeKey = key;
			return Activation.ACTIVATED;
		}
	}

	/**
	 * Devices the user's logins may skip MFA on now, oldest first.
	 * @param user the user
	 * @param now the current instant, against which trust is judged
	 * @return a snapshot of the trusted devices
	 */
	List<TrustedDevice> trustedDevices(UserAccount user, Instant now) {
		UserState state = stateOf(user);
		synchronized (state) {
			return state.trustedDevices.values()
				.stream()
				.filter((device) -> now.isBefore(device.trustedUntil()))
				.sorted(Comparator.comparingLong(TrustedDevice::id))
				.toList();
		}
	}

	/**
	 * Ends the trust in one of the user's devices: its next login needs a code again.
	 * @param user the user
	 * @param deviceId the id of the trusted device
	 * @return whether the user had a device of that id
	 */
	boolean removeTrustedDevice(UserAccount user, long deviceId) {
		UserState state = stateOf(user);
		synchronized (state) {
			return state.trustedDevices.values().removeIf((device) -> device.id() == deviceId);
		}
	}

	/**
	 * Step of the code, accepting the previous and the next step to allow for clock
	 * drift.
	 * @param key the TOTP key that generates the expected codes, if any
	 * @param code the code the client sent
	 * @param now the current instant, which gives the current step
	 * @return the step whose code matches, or empty if none does or there is no key
	 */
	private static OptionalLong matchingStep(byte @Nullable [] key, String code, Instant now) {
		if (key != null) {
			long current = Totp.step(now);
			for (long step = current - 1; step <= current + 1; step++) {
				if (Totp.code(key, step, Totp.DIGITS).equals(code)) {
					return OptionalLong.of(step);
				}
			}
		}
		return OptionalLong.empty();
	}

	private ObjectNode issueLoginTokens(UserAccount user, UserState state, Instant now) {
		return this.responses.object()
			.put("auth_token", issueAuthToken(user.homeWorkspaceId(), user, null, now))
			.put("refresh_token", issueRefreshToken(user, state, now));
	}

	private String issueAuthToken(long workspaceId, @Nullable UserAccount user,
			@Nullable ApplicationAccount application, Instant now) {
		Workspace workspace = this.accounts.workspace(workspaceId);
		String tokenId = UUID.randomUUID().toString();
		ObjectNode claims = this.jwtCodec.claims(tokenId, now, this.settings.authTokenLifetime())
			.put("esc.app", (application != null) ? application.id() : USER_LOGIN_APPLICATION_ID)
			.put("esc.org", workspaceId)
			.put("esc.orgName", (workspace != null) ? workspace.name() : "")
			.put("esc.mainOrg", mainOrganisation(workspaceId, user));
		if (user != null) {
			claims.put("esc.user", user.id());
		}
		pruneAuthTokens(now);
		this.authTokens.put(tokenId,
				new AuthGrant(workspaceId, user, application, expiry(claims), this.generation.get()));
		return this.jwtCodec.sign(claims);
	}

	/**
	 * The organisation an account belongs to, which a workspace switch does not change: a
	 * user's home workspace, or the workspace of an application token.
	 * @param workspaceId the workspace of the token, its {@code esc.org} claim
	 * @param user the user who logged in, or {@code null} for an application-token login
	 * @return the {@code esc.mainOrg} claim
	 */
	private static long mainOrganisation(long workspaceId, @Nullable UserAccount user) {
		return (user != null) ? user.homeWorkspaceId() : workspaceId;
	}

	/**
	 * Issues a refresh token and makes it the user's only valid one.
	 * @param user the user the token is issued to
	 * @param state the user's state, which is to hold the id of the new token
	 * @param now the current instant, the time of issue
	 * @return the signed refresh token
	 */
	private String issueRefreshToken(UserAccount user, UserState state, Instant now) {
		String tokenId = UUID.randomUUID().toString();
		ObjectNode claims = this.jwtCodec.claims(tokenId, now, this.settings.refreshTokenLifetime())
			.put("esc.org", user.homeWorkspaceId())
			.put("esc.user", user.id());
		state.refreshTokenId = tokenId;
		return this.jwtCodec.sign(claims);
	}

	private String issueMfaToken(UserAccount user, Instant now) {
		String tokenId = UUID.randomUUID().toString();
		ObjectNode claims = this.jwtCodec.claims(tokenId, now, SimulatorSettings.MFA_TOKEN_LIFETIME);
		this.mfaChallenges.values().removeIf((challenge) -> !now.isBefore(challenge.expiresAt()));
		MfaMailbox mailbox = user.mfaMailbox();
		String mailedCode = null;
		if (mailbox != null) {
			mailedCode = String.format(Locale.ROOT, "%06d", this.random.nextInt(1_000_000));
			MfaMailer.sendSoon(mailbox, mailedCode);
		}
		this.mfaChallenges.put(tokenId, new MfaChallenge(user.id(), expiry(claims), mailedCode));
		return this.jwtCodec.sign(claims);
	}

	private static Instant expiry(JsonNode claims) {
		return Instant.ofEpochSecond(claims.path("exp").asLong());
	}

	/**
	 * Forgets expired auth tokens, only now and then so that issuing stays cheap while
	 * many tokens are valid.
	 * @param now the current instant, against which expiry is judged
	 */
	private void pruneAuthTokens(Instant now) {
		if (this.authTokens.size() < this.nextPruneSize) {
			return;
		}
		long current = this.generation.get();
		this.authTokens.values().removeIf((grant) -> grant.generation() < current || !now.isBefore(grant.expiresAt()));
		this.nextPruneSize = Math.max(PRUNE_THRESHOLD, this.authTokens.size() * 2);
	}

	private static Kind classify(@Nullable ObjectNode body) {
		if (body == null) {
			return Kind.INVALID_AUTHENTICATION;
		}
		if (body.has("application_token")) {
			return Kind.APPLICATION_TOKEN_LOGIN;
		}
		if (body.has("mfa_token")) {
			return Kind.MFA_LOGIN;
		}
		if (body.has("refresh_token")) {
			return Kind.REFRESH;
		}
		if (body.has("username") || body.has("password")) {
			return Kind.PASSWORD_LOGIN;
		}
		return Kind.INVALID_AUTHENTICATION;
	}

	private static @Nullable String text(JsonNode node, String field) {
		JsonNode value = node.get(field);
		return (value != null && value.isString() && !value.stringValue().isBlank()) ? value.stringValue() : null;
	}

	private Instant now() {
		return this.settings.clock().instant();
	}

	/**
	 * What an auth token grants; {@code user} is set for user logins, {@code application}
	 * for application-token logins.
	 *
	 * @param workspaceId the workspace the token is for, its {@code esc.org} claim
	 * @param user the user who logged in, or {@code null} for an application-token login
	 * @param application the application whose token logged in, or {@code null} for a
	 * user login
	 * @param expiresAt when the token expires, its {@code exp} claim
	 * @param generation the generation the token was issued in; once
	 * {@link Authentication#expireAuthTokens()} has started a newer one, the token counts
	 * as expired
	 */
	record AuthGrant(long workspaceId, @Nullable UserAccount user, @Nullable ApplicationAccount application,
			Instant expiresAt, long generation) {

		String principal() {
			if (this.user != null) {
				return this.user.username();
			}
			return (this.application != null) ? this.application.principal() : Outcome.UNKNOWN_PRINCIPAL;
		}

	}

	/**
	 * An MFA demand, answered by a TOTP code or, for a user with email MFA, by the code
	 * mailed for it.
	 */
	private record MfaChallenge(long userId, Instant expiresAt, @Nullable String mailedCode) {
	}

	/**
	 * An MFA key created through {@code POST /api/v1/user/mfa}.
	 *
	 * @param id the key id, the path variable of its activation
	 * @param secret the TOTP key, shown once as base32
	 * @param creationDate when the key was created
	 */
	record MfaKey(long id, byte[] secret, Instant creationDate) {
	}

	/**
	 * A device whose logins skip MFA until {@code trustedUntil}; the name, operating
	 * system and browser are as the MFA login described it, if it did.
	 *
	 * @param id the id of its deletion path
	 * @param name the name the login gave, if any
	 * @param operatingSystem the operating system the login gave, if any
	 * @param browser the browser the login gave, if any
	 * @param trustedFrom when the device was last trusted
	 * @param trustedUntil when the trust ends
	 */
	record TrustedDevice(long id, @Nullable String name, @Nullable String operatingSystem, @Nullable String browser,
			Instant trustedFrom, Instant trustedUntil) {
	}

	/**
	 * What an activation of an MFA key came to.
	 */
	enum Activation {

		ACTIVATED, UNKNOWN_KEY, ALREADY_ACTIVE, INVALID_CODE

	}

	/**
	 * Per-user state, guarded by the instance's monitor.
	 */
	private static final class UserState {

		private int failures;

		private @Nullable Instant lockedUntil;

		private @Nullable String refreshTokenId;

		private long lastAcceptedStep = Long.MIN_VALUE;

		private final Map<String, TrustedDevice> trustedDevices = new HashMap<>();

		private final Map<Long, MfaKey> pendingKeys = new HashMap<>();

		private @Nullable MfaKey activeKey;

		boolean isLocked(Instant now) {
			if (this.lockedUntil != null && now.isBefore(this.lockedUntil)) {
				return true;
			}
			this.lockedUntil = null;
			return false;
		}

		boolean trusts(@Nullable String fingerprint, Instant now) {
			TrustedDevice device = (fingerprint != null) ? this.trustedDevices.get(fingerprint) : null;
			return device != null && now.isBefore(device.trustedUntil());
		}

		// Trust for 90 days from now; a device trusted before keeps its id.
		void trust(String fingerprint, LongSupplier newId, @Nullable String name, @Nullable String operatingSystem,
				@Nullable String browser, Instant now) {
			TrustedDevice known = this.trustedDevices.get(fingerprint);
			long id = (known != null) ? known.id() : newId.getAsLong();
			this.trustedDevices.put(fingerprint, new TrustedDevice(id, name, operatingSystem, browser, now,
					now.plus(SimulatorSettings.TRUSTED_DEVICE_LIFETIME)));
		}

		// Logins demand codes of the key activated through the MFA key API, else of the
		// key the user was declared with.
		byte @Nullable [] totpKey(UserAccount user) {
			return (this.activeKey != null) ? this.activeKey.secret() : user.totpKey();
		}

		synchronized void reset(boolean keepSessions) {
			this.failures = 0;
			this.lockedUntil = null;
			this.lastAcceptedStep = Long.MIN_VALUE;
			this.trustedDevices.clear();
			this.pendingKeys.clear();
			this.activeKey = null;
			if (!keepSessions) {
				this.refreshTokenId = null;
			}
		}

	}

}
