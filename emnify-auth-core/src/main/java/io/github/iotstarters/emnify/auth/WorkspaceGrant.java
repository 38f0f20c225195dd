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

import java.time.Duration;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import reactor.core.publisher.Mono;

import io.github.iotstarters.emnify.auth.AuthenticationClient.Tokens;

/**
 * Obtains a token for one workspace by switching a user token to it. The user token is
 * obtained first, so that the switch's request timeout bounds the switch alone, not a
 * user login (with its retries and MFA) as well. A user token that emnify no longer
 * accepts is discarded and the switch replayed once, as any request would be.
 */
final class WorkspaceGrant implements Grant {

	private static final Log logger = LogFactory.getLog(WorkspaceGrant.class);

	private final AuthenticationClient client;

	private final EmnifyTokenProvider user;

	private final long workspaceId;

	WorkspaceGrant(AuthenticationClient client, EmnifyTokenProvider user, long workspaceId) {
		this.client = client;
		this.user = user;
		this.workspaceId = workspaceId;
	}

	@Override
	public EmnifyGrantType grantType() {
		return EmnifyGrantType.WORKSPACE;
	}

	// The user's logins are counted by the user's provider.
	@Override
	public String settingsDigest() {
		return "";
	}

	// The user token, the switch, and once more both after a 401.
	@Override
	public Duration timeout() {
		return this.user.getTokenTimeout().plus(this.client.longestSend()).multipliedBy(2);
	}

	// The user's logins ask their own store for the permit.
	@Override
	public Mono<Tokens> obtain(@Nullable String refreshToken, Mono<Void> mfaCodePermit) {
		return this.user.getToken()
			.flatMap((userToken) -> this.client.switchWorkspace(userToken, this.workspaceId)
				.onErrorResume(EmnifyAuthenticationException.class,
						(ex) -> isUnauthorized(ex) ? replay(userToken, ex) : Mono.error(ex)));
	}

	private Mono<Tokens> replay(String rejectedUserToken, EmnifyAuthenticationException unauthorized) {
		logger.debug("emnify answered 401 to a workspace switch; renewing the user token and switching again");
		this.user.invalidate(rejectedUserToken);
		// A user token that was kept (renewed after a 401 just before) would only be
		// answered 401 again.
		return this.user.getToken()
			.flatMap((userToken) -> userToken.equals(rejectedUserToken) ? Mono.error(unauthorized)
					: this.client.switchWorkspace(userToken, this.workspaceId));
	}

	private static boolean isUnauthorized(EmnifyAuthenticationException ex) {
		return ex.getStatusCode() != null && ex.getStatusCode().value() == HttpStatus.UNAUTHORIZED.value();
	}

}
