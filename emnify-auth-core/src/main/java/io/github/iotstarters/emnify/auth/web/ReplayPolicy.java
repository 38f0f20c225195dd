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

package io.github.iotstarters.emnify.auth.web;

import java.net.URI;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.http.HttpStatus;
import org.springframework.util.Assert;
import org.springframework.util.unit.DataSize;

import io.github.iotstarters.emnify.auth.EmnifyAuthenticationListener;
import io.github.iotstarters.emnify.auth.EmnifyTokenProvider;

/**
 * The one rule for a 401 from emnify, shared by {@link EmnifyAuthenticationFilter} and
 * {@link EmnifyAuthenticationInterceptor}, which only carry it out on their kind of
 * client: which requests get the token at all, and after a 401 whether the request is
 * replayed once with a renewed token or the caller gets the 401.
 * <ol>
 * <li>Only requests for emnify's origin (scheme, host and port of the base URL) that
 * carry no {@code Authorization} header of their own and are not the login itself get a
 * token.</li>
 * <li>A 401 discards the token it answered, if the provider still holds it. Any other
 * status, 403 included, reaches the caller as it came.</li>
 * <li>A request whose body was not recorded in full (larger than the replay bound, or not
 * completely written) is not replayed: the caller gets the 401.</li>
 * <li>Otherwise the request is replayed once with the provider's token, unless the
 * provider keeps the token that was rejected; then the caller gets the 401. A 401 on the
 * replay reaches the caller: there is no second replay.</li>
 * </ol>
 */
final class ReplayPolicy {

	/**
	 * Largest request body that is recorded to be replayed after a 401, unless another
	 * bound is given.
	 */
	static final DataSize DEFAULT_MAX_BODY_SIZE = DataSize.ofMegabytes(1);

	private static final Log logger = LogFactory.getLog(ReplayPolicy.class);

	private final EmnifyTokenProvider tokenProvider;

	private final EmnifyAuthenticationListener listener;

	private final EmnifyOrigin origin;

	private final long maxBodySize;

	private final BearerHeader bearerHeader = new BearerHeader();

	ReplayPolicy(EmnifyTokenProvider tokenProvider, URI baseUrl, EmnifyAuthenticationListener listener,
			DataSize maxBodySize) {
		Assert.isTrue(!maxBodySize.isNegative(), "emnify replay max body size must not be negative");
		this.tokenProvider = tokenProvider;
		this.listener = EmnifyAuthenticationListener.guarded(listener);
		this.origin = new EmnifyOrigin(baseUrl);
		this.maxBodySize = maxBodySize.toBytes();
	}

	EmnifyTokenProvider tokenProvider() {
		return this.tokenProvider;
	}

	EmnifyOrigin origin() {
		return this.origin;
	}

	/**
	 * Return the largest body, in bytes, that is recorded to be replayed.
	 * @return the bound
	 */
	long maxBodySize() {
		return this.maxBodySize;
	}

	/**
	 * Whether a request gets the token (rule 1).
	 * @param url the request's URL
	 * @param hasAuthorization whether it carries an {@code Authorization} header already
	 * @return whether to add the token
	 */
	boolean needsToken(URI url, boolean hasAuthorization) {
		return this.origin.needsToken(url, hasAuthorization);
	}

	/**
	 * Return the {@code Authorization} header value for a token.
	 * @param token the auth token
	 * @return {@code Bearer <token>}
	 */
	String authorization(String token) {
		return this.bearerHeader.valueFor(token);
	}

	/**
	 * Whether an answer is emnify's 401 (rule 2).
	 * @param status the status code of the answer
	 * @return whether it rejected the token
	 */
	static boolean isUnauthorized(int status) {
		return status == HttpStatus.UNAUTHORIZED.value();
	}

	/**
	 * Take a 401 on a request that carried the given token: discard the token (rule 2),
	 * and tell whether a renewed token should be asked for to replay it (rule 3).
	 * @param rejectedToken the token emnify answered 401 to
	 * @param bodyRecorded whether the request's body was recorded in full, or it had none
	 * @return whether to ask the provider for a token and call {@link #replays}; when
	 * {@code false}, the caller gets the 401
	 */
	boolean mayReplay(String rejectedToken, boolean bodyRecorded) {
		this.tokenProvider.invalidate(rejectedToken);
		if (!bodyRecorded) {
			logger.debug("emnify answered 401 to a request whose body was not recorded in full (larger than the "
					+ "replay bound of " + this.maxBodySize + " bytes, or not completely written); passing the 401 on");
		}
		return bodyRecorded;
	}

	/**
	 * Decide, with the provider's token after the 401, whether to replay (rule 4); a
	 * replay is reported to the listener.
	 * @param rejectedToken the token emnify answered 401 to
	 * @param token the provider's token now
	 * @return whether to replay the request once with {@code token}; when {@code false},
	 * the caller gets the 401
	 */
	boolean replays(String rejectedToken, String token) {
		if (token.equals(rejectedToken)) {
			logger.debug("emnify answered 401 and the token provider keeps the token; passing the 401 on");
			return false;
		}
		logger.debug("emnify answered 401; replaying the request once with a new auth token");
		this.listener.replayed();
		return true;
	}

}
