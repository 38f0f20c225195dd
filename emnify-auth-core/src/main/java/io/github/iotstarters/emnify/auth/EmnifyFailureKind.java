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

/**
 * What went wrong when no emnify auth token could be obtained, as
 * {@link EmnifyAuthenticationException#getKind()} tells it: one constant per failure that
 * calls for its own advice, whatever words the message uses. Two are no failure of a
 * caller's but what a shared token store warns about; the last two concern emnify's rate
 * limits: a request that was not sent, and what shared rate-limit buckets warn about.
 */
public enum EmnifyFailureKind {

	/**
	 * emnify rejected the request with 400, 401, 403 or 422: the credentials, the refresh
	 * token, the MFA code or the workspace were not accepted.
	 */
	REJECTED,

	/**
	 * emnify, or whatever answered in its place, rejected the request with another 4xx
	 * status: a wrong base URL as often as wrong credentials.
	 */
	UNEXPECTED_STATUS,

	/**
	 * emnify answered with a redirect, which was not followed, so that no credential went
	 * to another host.
	 */
	REDIRECTED,

	/**
	 * emnify has locked the user after three failed logins or MFA codes in a row (HTTP
	 * 401 with {@code TooManyRequests}).
	 */
	USER_LOCKED,

	/**
	 * emnify answered with success but without an auth token.
	 */
	NO_AUTH_TOKEN,

	/**
	 * emnify could not serve the request for now: a server error, 408, 425 or 429.
	 */
	UNAVAILABLE,

	/**
	 * emnify did not answer within the request timeout.
	 */
	TIMED_OUT,

	/**
	 * emnify could not be reached: the connection failed or broke.
	 */
	UNREACHABLE,

	/**
	 * emnify's answer could not be read.
	 */
	UNREADABLE_ANSWER,

	/**
	 * emnify demands multi-factor authentication, and the login has no MFA code source.
	 */
	MFA_REQUIRED,

	/**
	 * emnify no longer trusts the login's trusted device and demands multi-factor
	 * authentication, and the login has no MFA code source.
	 */
	DEVICE_NOT_TRUSTED,

	/**
	 * The MFA code source supplied no code within the MFA code timeout; no code was sent.
	 */
	MFA_CODE_LATE,

	/**
	 * The MFA code source failed, or supplied no code or a blank one; no code was sent.
	 */
	MFA_CODE_SOURCE_FAILED,

	/**
	 * No further login of the user is sent until the application restarts: emnify
	 * rejected two in a row (counting steps it left unanswered and may have counted), and
	 * a third would make it lock the user.
	 */
	LOGINS_STOPPED,

	/**
	 * The renewal did not end within the longest a renewal may take, because the token
	 * store or the wait for another instance's renewal outlasted it.
	 */
	RENEWAL_TIMED_OUT,

	/**
	 * The token store failed.
	 */
	TOKEN_STORE_FAILED,

	/**
	 * No login was sent, as it would need an MFA code, and the shared token store through
	 * which one instance logs in for the whole fleet cannot be reached.
	 */
	NO_MFA_WITHOUT_SHARED_STORE,

	/**
	 * A shared token store cannot reach its server, and keeps a session of the instance's
	 * own meanwhile: a warning, no failure of a caller's.
	 */
	TOKEN_STORE_UNAVAILABLE,

	/**
	 * A shared token store found a value it cannot decrypt, written with another
	 * encryption key: a warning, no failure of a caller's.
	 */
	TOKEN_STORE_KEY_MISMATCH,

	/**
	 * A request to emnify was not sent, because emnify's rate limits would have held it
	 * for longer than the wait bound
	 * ({@link io.github.iotstarters.emnify.auth.web.EmnifyRateLimitException}).
	 */
	RATE_LIMIT_WAIT,

	/**
	 * Rate-limit buckets that the instances share cannot reach their server, and pace
	 * with buckets of the instance's own meanwhile: a warning, no failure of a caller's.
	 */
	RATE_LIMIT_BUCKETS_UNAVAILABLE

}
