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
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import com.github.tomakehurst.wiremock.http.Request;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import io.github.iotstarters.emnify.auth.test.Accounts.ApplicationAccount;
import io.github.iotstarters.emnify.auth.test.Accounts.UserAccount;
import io.github.iotstarters.emnify.auth.test.Accounts.Workspace;
import io.github.iotstarters.emnify.auth.test.Responses.EmnifyError;

/**
 * Issues auth and refresh tokens, and checks the bearer tokens of API requests against
 * the auth tokens it issued.
 */
final class TokenIssuer {

	/**
	 * {@code esc.app} of tokens from user logins, standing in for emnify's own portal
	 * application.
	 */
	static final long USER_LOGIN_APPLICATION_ID = 1;

	private static final int PRUNE_THRESHOLD = 10_000;

	private final Accounts accounts;

	private final SimulatorSettings settings;

	private final JwtCodec jwtCodec;

	private final Responses responses;

	private final Map<String, AuthGrant> authTokens = new ConcurrentHashMap<>();

	/**
	 * Auth tokens issued in an older generation count as expired.
	 */
	private final AtomicLong generation = new AtomicLong();

	private volatile int nextPruneSize = PRUNE_THRESHOLD;

	TokenIssuer(Accounts accounts, SimulatorSettings settings, JwtCodec jwtCodec, Responses responses) {
		this.accounts = accounts;
		this.settings = settings;
		this.jwtCodec = jwtCodec;
		this.responses = responses;
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
		String jti = (claims != null) ? Responses.text(claims, "jti") : null;
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

	void expireAuthTokens() {
		this.generation.incrementAndGet();
	}

	void reset(boolean keepSessions) {
		if (!keepSessions) {
			this.authTokens.clear();
		}
	}

	ObjectNode issueLoginTokens(UserAccount user, UserState state, Instant now) {
		return this.responses.object()
			.put("auth_token", issueAuthToken(user.homeWorkspaceId(), user, null, now))
			.put("refresh_token", issueRefreshToken(user, state, now));
	}

	String issueAuthToken(long workspaceId, @Nullable UserAccount user, @Nullable ApplicationAccount application,
			Instant now) {
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
	String issueRefreshToken(UserAccount user, UserState state, Instant now) {
		String tokenId = UUID.randomUUID().toString();
		ObjectNode claims = this.jwtCodec.claims(tokenId, now, this.settings.refreshTokenLifetime())
			.put("esc.org", user.homeWorkspaceId())
			.put("esc.user", user.id());
		state.refreshTokenId = tokenId;
		return this.jwtCodec.sign(claims);
	}

	static Instant expiry(JsonNode claims) {
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
	 * {@link TokenIssuer#expireAuthTokens()} has started a newer one, the token counts as
	 * expired
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

}
