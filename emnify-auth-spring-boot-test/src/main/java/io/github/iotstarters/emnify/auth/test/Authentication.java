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

import java.time.Instant;
import java.util.List;

import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import io.github.iotstarters.emnify.auth.test.Accounts.UserAccount;
import io.github.iotstarters.emnify.auth.test.Responses.EmnifyError;
import io.github.iotstarters.emnify.auth.test.SimulatorEvent.Kind;
import io.github.iotstarters.emnify.auth.test.TokenIssuer.AuthGrant;

/**
 * emnify's authentication endpoints: {@code /api/v1/authenticate}, under its rate limit,
 * hands each body to the grant it names; {@code /api/v1/authenticate/workspace} switches
 * workspace. All state of logins lives in memory, in the parts this class puts together.
 */
final class Authentication {

	private final Accounts accounts;

	private final UserStates userStates;

	private final TokenIssuer tokens;

	private final SimulatorSettings settings;

	private final Responses responses;

	private final SlidingWindowRateLimiter rateLimiter;

	private final ApplicationTokenGrant applicationTokenGrant;

	private final PasswordGrant passwordGrant;

	private final MfaGrant mfaGrant;

	private final RefreshGrant refreshGrant;

	Authentication(Accounts accounts, UserStates userStates, TokenIssuer tokens, JwtCodec jwtCodec,
			SimulatorSettings settings, Responses responses) {
		this.accounts = accounts;
		this.userStates = userStates;
		this.tokens = tokens;
		this.settings = settings;
		this.responses = responses;
		this.rateLimiter = new SlidingWindowRateLimiter(settings.authenticateRateLimit(),
				settings.authenticateRateWindow());
		Lockout lockout = new Lockout(responses);
		this.applicationTokenGrant = new ApplicationTokenGrant(accounts, tokens, responses);
		this.mfaGrant = new MfaGrant(accounts, userStates, lockout, tokens, jwtCodec, responses);
		this.passwordGrant = new PasswordGrant(accounts, userStates, lockout, this.mfaGrant, tokens, responses);
		this.refreshGrant = new RefreshGrant(accounts, userStates, tokens, jwtCodec, settings, responses);
	}

	Outcome authenticate(Request request) {
		Instant now = now();
		ObjectNode body = this.responses.readObject(request.getBodyAsString());
		Kind kind = classify(body);
		if (!this.rateLimiter.tryAcquire(now)) {
			String principal = (body != null) ? Responses.text(body, "username") : null;
			return new Outcome(kind, (principal != null) ? principal : Outcome.UNKNOWN_PRINCIPAL, "rate limited",
					tooManyRequests(now));
		}
		if (body == null || kind == Kind.INVALID_AUTHENTICATION) {
			return new Outcome(Kind.INVALID_AUTHENTICATION, Outcome.UNKNOWN_PRINCIPAL, "no known grant in body",
					this.responses.badRequest("Body must be a JSON object with application_token, username and"
							+ " password, refresh_token, or mfa_token and code"));
		}
		return switch (kind) {
			case APPLICATION_TOKEN_LOGIN -> this.applicationTokenGrant.authenticate(body, now);
			case MFA_LOGIN -> this.mfaGrant.authenticate(body, now);
			case REFRESH -> this.refreshGrant.authenticate(body, now);
			default -> this.passwordGrant.authenticate(body, now);
		};
	}

	Outcome switchWorkspace(Request request) {
		AuthGrant grant;
		try {
			grant = this.tokens.authorize(request);
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
		ObjectNode answer = this.responses.object()
			.put("auth_token", this.tokens.issueAuthToken(workspaceId, user, null, now()));
		return new Outcome(Kind.WORKSPACE_SWITCH, user.username(), "switched to workspace " + workspaceId,
				this.responses.ok(answer));
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
		UserState state = this.userStates.stateOf(user);
		synchronized (state) {
			state.refreshTokenId = null;
		}
	}

	void expireAuthTokens() {
		this.tokens.expireAuthTokens();
	}

	void reset(boolean keepSessions) {
		this.tokens.reset(keepSessions);
		this.refreshGrant.reset(keepSessions);
		this.mfaGrant.reset();
		this.rateLimiter.reset();
		this.userStates.reset(keepSessions);
	}

	private ResponseDefinition tooManyRequests(Instant now) {
		return this.responses.tooManyRequests("Too many authentication requests",
				this.settings.retryAfterHeader() ? this.rateLimiter.untilAdmission(now) : null);
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

	private Instant now() {
		return this.settings.clock().instant();
	}

}
