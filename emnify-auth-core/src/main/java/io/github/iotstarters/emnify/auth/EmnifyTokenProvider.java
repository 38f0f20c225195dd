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

import java.net.URI;
import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

/**
 * Source of emnify auth tokens for one set of credentials.
 * <p>
 * The default implementation, created with {@link #builder}, logs in on first use (never
 * at start-up), shares one authenticate request among all concurrent callers, renews in
 * the background ahead of expiry (with the single-use refresh token while it is held,
 * otherwise with a full login), retries transient failures and, after emnify rejected the
 * credentials, sends no further login for a cool-down period.
 */
public interface EmnifyTokenProvider {

	/**
	 * Path of emnify's authenticate endpoint below the base URL. Requests for it never
	 * get a token from the starter's filter or interceptor: they carry credentials of
	 * their own.
	 */
	String AUTHENTICATE_PATH = "/api/v1/authenticate";

	/**
	 * Return a valid auth token, logging in or renewing first if needed. Nothing happens
	 * until the returned {@link Mono} is subscribed.
	 * @return the auth token, or an {@link EmnifyAuthenticationException} when none could
	 * be obtained
	 */
	Mono<String> getToken();

	/**
	 * Return the auth token at once if one is held that may be handed out now, for
	 * callers that add it to every request and should not pay for a {@link Mono} when the
	 * token is cached. As with {@link #getToken()}, a renewal that is due starts in the
	 * background; unlike it, this method never waits: without a usable token it returns
	 * {@code null}, and the caller goes through {@link #getToken()}.
	 * @return the current auth token, or {@code null}; the default implementation always
	 * returns {@code null}
	 */
	default @Nullable String getTokenIfAvailable() {
		return null;
	}

	/**
	 * Discard the given token if it is still the current one, typically after emnify
	 * answered 401 to a request that carried it, so that the next {@link #getToken()}
	 * obtains a new one. A token that was already replaced is left alone, so many callers
	 * reporting the same stale token cause one renewal.
	 * @param token the token that emnify no longer accepts
	 * @return whether the token was the current one and has been discarded
	 */
	boolean invalidate(String token);

	/**
	 * Return the longest {@link #getToken()} waits before it ends with a token or an
	 * {@link EmnifyAuthenticationException}; callers that block for a token, such as
	 * {@link io.github.iotstarters.emnify.auth.web.EmnifyAuthenticationInterceptor}, wait
	 * no longer than this.
	 * @return the bound; the default implementation derives it from the request timeout,
	 * the retries and their pauses, and the MFA code wait, and enforces it on every
	 * renewal; other implementations get 1 minute unless they say otherwise
	 */
	default Duration getTokenTimeout() {
		return Duration.ofMinutes(1);
	}

	/**
	 * Return what the provider holds right now, without sending any request.
	 * @return the status; {@link EmnifyTokenStatus#UNKNOWN} unless the implementation can
	 * tell
	 */
	default EmnifyTokenStatus status() {
		return EmnifyTokenStatus.UNKNOWN;
	}

	/**
	 * Start building the default token provider.
	 * @param webClientBuilder the builder to derive the authentication client from; it is
	 * cloned, not changed, and its connector is replaced by one that follows no redirects
	 * (see {@link EmnifyTokenProviderBuilder#clientConnector})
	 * @param baseUrl emnify's base URL, such as {@code https://cdn.emnify.net}; it is not
	 * checked for https, so use https for anything but a local simulator
	 * @param credentials the credentials to log in with
	 * @return a builder with the documented defaults
	 */
	static EmnifyTokenProviderBuilder builder(WebClient.Builder webClientBuilder, URI baseUrl,
			EmnifyCredentials credentials) {
		return new EmnifyTokenProviderBuilder(webClientBuilder, baseUrl, credentials);
	}

}
