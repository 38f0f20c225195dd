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

import org.springframework.util.unit.DataSize;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Pre-authenticated access to any emnify workspace a user may enter, all sharing one user
 * session: one login (and MFA) for the user, then one switch per workspace. Each
 * workspace has its own token, renewed ahead of expiry by switching again with a fresh
 * user token, and its own single flight.
 * <p>
 * Created with {@link EmnifyTokenProviderBuilder#buildWorkspaces()}; the
 * auto-configuration registers one as {@code emnifyWorkspaces} for user credentials.
 */
public final class EmnifyWorkspaces {

	private final EmnifyTokenProvider userTokenProvider;

	private final LongFunction<EmnifyTokenProvider> workspaceTokenProviders;

	private final WebClient.Builder webClientBuilder;

	private final URI baseUrl;

	private final EmnifyAuthenticationListener listener;

	private final DataSize replayMaxBodySize;

	private final Map<Long, EmnifyTokenProvider> tokenProviders = new ConcurrentHashMap<>();

	private final Map<Long, WebClient> webClients = new ConcurrentHashMap<>();

	EmnifyWorkspaces(EmnifyTokenProvider userTokenProvider, LongFunction<EmnifyTokenProvider> workspaceTokenProviders,
			WebClient.Builder webClientBuilder, URI baseUrl, EmnifyAuthenticationListener listener,
			DataSize replayMaxBodySize) {
		this.userTokenProvider = userTokenProvider;
		this.workspaceTokenProviders = workspaceTokenProviders;
		this.webClientBuilder = webClientBuilder;
		this.baseUrl = baseUrl;
		this.listener = listener;
		this.replayMaxBodySize = replayMaxBodySize;
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
	 * Return a {@link WebClient} whose requests to emnify carry a token of the given
	 * workspace, created on first use from the builder this was built with, on the token
	 * provider builder's connector, which follows no redirects.
	 * @param workspaceId the id of the workspace (organisation) to work in
	 * @return the web client for that workspace
	 */
	public WebClient webClient(long workspaceId) {
		return this.webClients.computeIfAbsent(workspaceId,
				(id) -> this.webClientBuilder.clone()
					.baseUrl(this.baseUrl.toString())
					.filter(new EmnifyAuthenticationFilter(tokenProvider(id), this.baseUrl, this.listener,
							this.replayMaxBodySize))
					.codecs(EmnifyAuthenticationFilter::hideRequestDetails)
					.build());
	}

}
