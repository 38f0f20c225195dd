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

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * The tokens of one emnify session as an {@link EmnifyTokenStore} holds them.
 * {@link #toString()} never shows a token.
 *
 * @param authToken the auth token, or {@code null} once it was discarded after emnify no
 * longer accepted it
 * @param refreshToken the unused single-use refresh token, if emnify issued one
 * @param replacedRejectedTokenAt when the auth token was obtained to replace one that
 * emnify answered 401 to, or {@code null} if it was obtained otherwise; a store shares it
 * with the tokens, so that a path that always answers 401 causes one renewal per
 * {@linkplain EmnifyTokenProviderBuilder#unauthorizedRenewalInterval unauthorized-renewal
 * interval} for all instances together
 */
public record EmnifySession(@Nullable EmnifyToken authToken, @Nullable EmnifyToken refreshToken,
		@Nullable Instant replacedRejectedTokenAt) {

	/**
	 * Create a session whose auth token did not replace a rejected one.
	 * @param authToken the auth token, if held
	 * @param refreshToken the unused refresh token, if held
	 */
	public EmnifySession(@Nullable EmnifyToken authToken, @Nullable EmnifyToken refreshToken) {
		this(authToken, refreshToken, null);
	}

	/**
	 * Return whether the given value is this session's auth token.
	 * @param token a token value
	 * @return whether it is the auth token held
	 */
	public boolean isCurrent(String token) {
		return this.authToken != null && this.authToken.value().equals(token);
	}

	/**
	 * Return this session without its auth token, keeping the refresh token.
	 * @return the session without auth token
	 */
	public EmnifySession withoutAuthToken() {
		return new EmnifySession(null, this.refreshToken, null);
	}

	/**
	 * Return this session without its refresh token, as after the token was used.
	 * @return the session without refresh token
	 */
	public EmnifySession withoutRefreshToken() {
		return new EmnifySession(this.authToken, null, this.replacedRejectedTokenAt);
	}

}
