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
 * What an {@link EmnifyTokenProvider} holds right now, read without sending any request:
 * for health checks and metrics. {@link #toString()} never shows a token.
 *
 * @param expiresAt when the auth token held expires, or {@code null} when none is held
 * @param failure the failure that holds back new logins, or {@code null} when none does
 * @param failureUntil until when that failure holds back new logins, or {@code null}:
 * with a failure, not before the application restarts (as after two rejected logins in a
 * row)
 */
public record EmnifyTokenStatus(@Nullable Instant expiresAt, @Nullable EmnifyAuthenticationException failure,
		@Nullable Instant failureUntil) {

	/**
	 * Status of a provider that has not been used yet, or cannot tell.
	 */
	public static final EmnifyTokenStatus UNKNOWN = new EmnifyTokenStatus(null, null, null);

}
