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
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.LongFunction;

import org.jspecify.annotations.Nullable;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.http.HttpHeaders;
import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.ApiVersionInserter;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.util.DefaultUriBuilderFactory;

import io.github.iotstarters.emnify.auth.UserLoginGrant.TrustedDevice;
import io.github.iotstarters.emnify.auth.mfa.EmnifyMfaCodeSource;

/**
 * Builds the grants, one per kind, for one build of an
 * {@link EmnifyTokenProviderBuilder}: an application token login; a user's refresh that
 * falls back to the login with its MFA step; a switch to a workspace. Each sends through
 * an {@link AuthenticationClient} of its own over one connector.
 * <p>
 * Logins, refreshes, MFA steps and workspace switches (which carry the user's token) go
 * through a client that takes the builder's codecs, connector and observation, and none
 * of the application's filters, default headers, cookies or API version, which would see
 * passwords, codes and tokens, or send a single-use step again behind the lockout rules.
 * The base URL is emnify's even if a customizer set a URI builder factory. The
 * {@link WebClient.Builder} is cloned when a grant is built, so that a later change to it
 * changes nothing built.
 */
final class Grants {

	// Inserts no version: a default API version of the application's is not emnify's.
	private static final ApiVersionInserter NO_API_VERSION = new ApiVersionInserter() {
	};

	private final WebClient.Builder webClientBuilder;

	private final URI baseUrl;

	private final ClientHttpConnector connector;

	private final Duration requestTimeout;

	private final RetryPolicy retryPolicy;

	private final HoldBackPolicy holdBack;

	private final Clock clock;

	private final EmnifyAuthenticationListener listener;

	private final EmnifyFailureAdvice advice;

	Grants(WebClient.Builder webClientBuilder, URI baseUrl, ClientHttpConnector connector, Duration requestTimeout,
			RetryPolicy retryPolicy, HoldBackPolicy holdBack, Clock clock, EmnifyAuthenticationListener listener,
			EmnifyFailureAdvice advice) {
		this.webClientBuilder = webClientBuilder;
		this.baseUrl = baseUrl;
		this.connector = connector;
		this.requestTimeout = requestTimeout;
		this.retryPolicy = retryPolicy;
		this.holdBack = holdBack;
		this.clock = clock;
		this.listener = listener;
		this.advice = advice;
	}

	/**
	 * Build the grant that logs in with the credentials: an application token login, or
	 * for a user the refresh while a refresh token is held and the login otherwise.
	 * @param credentials the credentials
	 * @param codeSource where a user's MFA codes come from, if anywhere
	 * @param trustedDevice the device a user logs in as, if any
	 * @param codeSourceTimeout how long the MFA step waits for a code
	 * @return the grant
	 */
	Grant login(EmnifyCredentials credentials, @Nullable EmnifyMfaCodeSource codeSource,
			@Nullable TrustedDevice trustedDevice, Duration codeSourceTimeout) {
		AuthenticationClient client = client((codeSource != null) ? codeSource.kind() : null);
		if (credentials.grantType() == EmnifyGrantType.APPLICATION_TOKEN) {
			return new ApplicationTokenGrant(client, credentials);
		}
		return new RefreshTokenGrant(client,
				new UserLoginGrant(client, credentials, codeSource, trustedDevice, codeSourceTimeout, this.advice));
	}

	/**
	 * Return how the grants that switch a user's token to a workspace are built, all
	 * through one client.
	 * @param user the user's token provider
	 * @return the workspace grant for a workspace ID
	 */
	LongFunction<Grant> workspaces(EmnifyTokenProvider user) {
		// The switch sends no MFA code, and emnify's lock answers the user's logins.
		AuthenticationClient client = client(null);
		return (workspaceId) -> new WorkspaceGrant(client, user, workspaceId);
	}

	private AuthenticationClient client(EmnifyMfaCodeSource.@Nullable Kind mfaCodes) {
		WebClient webClient = this.webClientBuilder.clone()
			.filters(List::clear)
			.defaultHeaders(HttpHeaders::clear)
			.defaultCookies(MultiValueMap::clear)
			.apiVersionInserter(NO_API_VERSION)
			.uriBuilderFactory(new DefaultUriBuilderFactory(this.baseUrl.toString()))
			.clientConnector(this.connector)
			.codecs(EmnifyHttpClientBuilders::hideRequestDetails)
			.build();
		return new AuthenticationClient(webClient, this.requestTimeout, this.retryPolicy, this.holdBack, this.listener,
				new AuthenticationAnswers(this.requestTimeout, this.holdBack, this.clock, mfaCodes, this.advice));
	}

}
