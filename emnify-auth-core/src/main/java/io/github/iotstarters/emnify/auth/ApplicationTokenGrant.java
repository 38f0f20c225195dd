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

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import io.github.iotstarters.emnify.auth.AuthenticationClient.Tokens;

/**
 * Logs in with an application token, every time: emnify answers it with an auth token
 * only, and a refresh token would save nothing, as the application token is sent as
 * readily. A refresh token in the answer all the same is dropped, so that no store keeps
 * a secret that is never used. No MFA code is ever asked for.
 */
final class ApplicationTokenGrant implements Grant {

	private final AuthenticationClient client;

	private final EmnifyCredentials credentials;

	ApplicationTokenGrant(AuthenticationClient client, EmnifyCredentials credentials) {
		this.client = client;
		this.credentials = credentials;
	}

	@Override
	public EmnifyGrantType grantType() {
		return EmnifyGrantType.APPLICATION_TOKEN;
	}

	// No code source and no trusted device: an application token logs in without them.
	@Override
	public String settingsDigest() {
		return this.credentials.settingsHash("\n");
	}

	@Override
	public Duration timeout() {
		return this.client.longestSend();
	}

	@Override
	public Mono<Tokens> obtain(@Nullable String refreshToken, Mono<Void> mfaCodePermit) {
		return this.client.authenticate(EmnifyGrantType.APPLICATION_TOKEN, this.credentials.loginBody())
			.map((tokens) -> new Tokens(tokens.grantType(), tokens.authToken(), null));
	}

}
