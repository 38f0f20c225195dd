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
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongFunction;

import org.springframework.web.reactive.function.client.WebClient;

/**
 * One emnify user session: the provider of the user's own tokens and, sharing its
 * session, a provider of tokens for each workspace the user may enter. One login (and
 * MFA) for the user, then one switch per workspace; each workspace token is renewed ahead
 * of expiry by switching again with a fresh user token, in a single flight of its own.
 * <p>
 * Created with {@link EmnifyTokenProviderBuilder#buildUserSession()}; web clients per
 * workspace come with {@code io.github.iotstarters.emnify.auth.web.EmnifyWorkspaces}.
 */
public final class EmnifyUserSession {

	private final EmnifyTokenProvider userTokenProvider;

	private final LongFunction<EmnifyTokenProvider> workspaceTokenProviders;

	private final URI baseUrl;

	private final WebClient.Builder webClientBuilder;

	private final Map<Long, EmnifyTokenProvider> tokenProviders = new ConcurrentHashMap<>();

	EmnifyUserSession(EmnifyTokenProvider userTokenProvider, LongFunction<EmnifyTokenProvider> workspaceTokenProviders,
			URI baseUrl, WebClient.Builder webClientBuilder) {
		this.userTokenProvider = userTokenProvider;
		this.workspaceTokenProviders = workspaceTokenProviders;
		this.baseUrl = baseUrl;
		this.webClientBuilder = webClientBuilder;
	}

	/**
	 * Return the provider of the user's own tokens, valid for the user's home workspace.
	 * @return the user session's token provider
	 */
	public EmnifyTokenProvider userTokenProvider() {
		return this.userTokenProvider;
	}

	/**
	 * Return the provider of tokens for the given workspace, created on first use.
	 * @param workspaceId the id of the workspace (organisation) to switch to
	 * @return the token provider of that workspace
	 */
	public EmnifyTokenProvider tokenProvider(long workspaceId) {
		return this.tokenProviders.computeIfAbsent(workspaceId, this.workspaceTokenProviders::apply);
	}

	/**
	 * Return emnify's base URL that the session logs in at.
	 * @return the base URL
	 */
	public URI baseUrl() {
		return this.baseUrl;
	}

	/**
	 * Return a new web client builder for the session's workspaces: a clone of the
	 * builder the session was built from, on the session's connector, which follows no
	 * redirects, with the base URL set and request details kept out of Spring's logs.
	 * @return a web client builder, without authentication
	 */
	public WebClient.Builder webClientBuilder() {
		return this.webClientBuilder.clone()
			.baseUrl(this.baseUrl.toString())
			.codecs(EmnifyHttpClientBuilders::hideRequestDetails);
	}

}
