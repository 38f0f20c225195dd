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
 * How a {@link DefaultEmnifyTokenProvider} obtains new tokens: by logging in, or by
 * switching a user's token to a workspace.
 */
interface Grant {

	/**
	 * Obtain new tokens.
	 * @param refreshToken an unused, unexpired refresh token of the session, already
	 * discarded from it because it is single-use; {@code null} when none is held
	 * @param mfaCodePermit completes when an MFA code may be sent now, or fails with the
	 * reason it may not
	 * @return the tokens, or an {@link EmnifyAuthenticationException}, or the permit's
	 * error
	 * @see EmnifyTokenStore.Renewal#renew(EmnifyToken, EmnifyAuthenticationException,
	 * Mono)
	 */
	Mono<Tokens> obtain(@Nullable String refreshToken, Mono<Void> mfaCodePermit);

	/**
	 * Return the grant that {@link #obtain} sends in the end, for failures that have no
	 * answer of emnify's to tell it.
	 * @return the grant type
	 */
	EmnifyGrantType grantType();

	/**
	 * Return the longest {@link #obtain} can take when every request times out and every
	 * retry waits its longest.
	 * @return the bound
	 */
	Duration timeout();

	/**
	 * Return a digest of the settings that {@link #obtain} logs in with, which changes
	 * whenever they do; empty for a grant that does not log in itself.
	 * @return the digest
	 * @see EmnifyTokenStore.Renewal#settingsDigest()
	 */
	String settingsDigest();

}
