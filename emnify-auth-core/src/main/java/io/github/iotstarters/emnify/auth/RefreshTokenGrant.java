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
import java.util.Map;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import io.github.iotstarters.emnify.auth.AuthenticationClient.Tokens;

/**
 * Renews a user's session with its single-use refresh token while one is held, and logs
 * in otherwise: at once when emnify rejected the refresh token or may have used it up
 * without an answer, since it is never sent twice.
 */
final class RefreshTokenGrant implements Grant {

	private static final Log logger = LogFactory.getLog(RefreshTokenGrant.class);

	private final AuthenticationClient client;

	private final Grant login;

	RefreshTokenGrant(AuthenticationClient client, Grant login) {
		this.client = client;
		this.login = login;
	}

	@Override
	public EmnifyGrantType grantType() {
		return this.login.grantType();
	}

	@Override
	public String settingsDigest() {
		return this.login.settingsDigest();
	}

	// A refresh that emnify rejects or may have used unanswered, then the login.
	@Override
	public Duration timeout() {
		return this.client.longestSend().plus(this.login.timeout());
	}

	@Override
	public Mono<Tokens> obtain(@Nullable String refreshToken, Mono<Void> mfaCodePermit) {
		if (refreshToken == null) {
			return this.login.obtain(null, mfaCodePermit);
		}
		return this.client.authenticate(EmnifyGrantType.REFRESH_TOKEN, Map.of("refresh_token", refreshToken))
			.onErrorResume(EmnifyAuthenticationException.class, (ex) -> {
				// emnify's lock answers a refresh too: a login would only meet it again.
				// A refresh that emnify may have served used the single-use token up, so
				// it is never sent again (SendAgainRule): a login follows at once. One
				// that emnify provably did not serve, its retries spent, fails the
				// renewal, and the next one logs in.
				if (ex.isLock() || (!ex.isRejected() && SendAgainRule.wasNotServed(ex))) {
					return Mono.error(ex);
				}
				logger.debug(ex.isRejected() ? "emnify rejected the refresh token; logging in again"
						: "emnify may have used the refresh token without an answer; logging in again");
				return this.login.obtain(null, mfaCodePermit);
			});
	}

}
