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
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import io.github.iotstarters.emnify.auth.test.Accounts.UserAccount;
import io.github.iotstarters.emnify.auth.test.Responses.EmnifyError;
import io.github.iotstarters.emnify.auth.test.SimulatorEvent.Kind;

/**
 * Refreshes with a {@code refresh_token}: each is good for one refresh, and only the
 * user's latest; a new auth token, and a new refresh token when refresh tokens rotate.
 */
final class RefreshGrant {

	private final Accounts accounts;

	private final UserStates userStates;

	private final TokenIssuer tokens;

	private final JwtCodec jwtCodec;

	private final SimulatorSettings settings;

	private final Responses responses;

	/**
	 * Ids of the refresh tokens presented so far, to tell a reused refresh token from one
	 * that a later login superseded.
	 */
	private final Set<String> presentedRefreshTokenIds = ConcurrentHashMap.newKeySet();

	RefreshGrant(Accounts accounts, UserStates userStates, TokenIssuer tokens, JwtCodec jwtCodec,
			SimulatorSettings settings, Responses responses) {
		this.accounts = accounts;
		this.userStates = userStates;
		this.tokens = tokens;
		this.jwtCodec = jwtCodec;
		this.settings = settings;
		this.responses = responses;
	}

	Outcome authenticate(ObjectNode body, Instant now) {
		String refreshToken = Responses.text(body, "refresh_token");
		if (refreshToken == null) {
			return new Outcome(Kind.REFRESH, Outcome.UNKNOWN_PRINCIPAL, "refresh token missing",
					this.responses.badRequest("refresh_token must be a string"));
		}
		ObjectNode claims = this.jwtCodec.verify(refreshToken);
		String tokenId = (claims != null) ? Responses.text(claims, "jti") : null;
		JsonNode userId = (claims != null) ? claims.path("esc.user") : null;
		UserAccount user = (userId != null && userId.isIntegralNumber()) ? this.accounts.user(userId.asLong()) : null;
		if (claims == null || tokenId == null || user == null) {
			return new Outcome(Kind.REFRESH, Outcome.UNKNOWN_PRINCIPAL, "invalid refresh token",
					this.responses.emptyUnauthorized());
		}
		UserState state = this.userStates.stateOf(user);
		synchronized (state) {
			boolean presentedBefore = !this.presentedRefreshTokenIds.add(tokenId);
			if (!tokenId.equals(state.refreshTokenId)) {
				return new Outcome(Kind.REFRESH, user.username(),
						presentedBefore ? Outcome.REFRESH_TOKEN_REUSED : "refresh token superseded",
						this.responses.emptyUnauthorized());
			}
			state.refreshTokenId = null;
			if (!now.isBefore(TokenIssuer.expiry(claims))) {
				return new Outcome(Kind.REFRESH, user.username(), "refresh token expired",
						this.responses.error(EmnifyError.TOKEN_EXPIRED, "Refresh token expired"));
			}
			ObjectNode answer = this.responses.object()
				.put("auth_token", this.tokens.issueAuthToken(user.homeWorkspaceId(), user, null, now));
			if (this.settings.refreshTokenRotation()) {
				answer.put("refresh_token", this.tokens.issueRefreshToken(user, state, now));
			}
			return new Outcome(Kind.REFRESH, user.username(), "auth token issued", this.responses.ok(answer));
		}
	}

	void reset(boolean keepSessions) {
		if (!keepSessions) {
			this.presentedRefreshTokenIds.clear();
		}
	}

}
