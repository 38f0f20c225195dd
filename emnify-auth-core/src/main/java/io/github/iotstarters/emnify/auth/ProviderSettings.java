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
import java.util.function.BiFunction;
import java.util.function.LongFunction;

import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;

import io.github.iotstarters.emnify.auth.UserLoginGrant.TrustedDevice;
import io.github.iotstarters.emnify.auth.mfa.EmnifyMfaCodeSource;

/**
 * What an {@link EmnifyTokenProviderBuilder} has been told, with its defaults, and how a
 * build puts it together: the {@link Grants} over one connector, a
 * {@link RenewalTrigger}, a {@link HoldBackPolicy} and the token store, for a
 * {@link DefaultEmnifyTokenProvider} per session.
 * <p>
 * Only the builder writes the values, each after checking it. A build reads them once, so
 * that a later change to the builder changes nothing built.
 */
final class ProviderSettings {

	final WebClient.Builder webClientBuilder;

	final URI baseUrl;

	final EmnifyCredentials credentials;

	Duration refreshMargin = Duration.ofMinutes(5);

	Duration expiryMargin = Duration.ofMinutes(1);

	Duration defaultAuthTokenLifetime = Duration.ofMinutes(240);

	Duration defaultRefreshTokenLifetime = Duration.ofMinutes(350);

	Duration requestTimeout = Duration.ofSeconds(10);

	RetryPolicy retryPolicy = RetryPolicy.builder()
		.maxRetries(3)
		.delay(Duration.ofMillis(500))
		.multiplier(2.0)
		.maxDelay(Duration.ofSeconds(10))
		.jitter(Duration.ofMillis(100))
		.build();

	Duration rejectedCredentialsCooldown = Duration.ofMinutes(5);

	Duration retryMaxDelay = Duration.ofSeconds(10);

	Duration maxPause = Duration.ofMinutes(5);

	Duration unauthorizedRenewalInterval = Duration.ofSeconds(30);

	Clock clock = Clock.systemUTC();

	Duration mfaCodeTimeout = Duration.ofMinutes(2);

	@Nullable String mfaTotpSecret;

	@Nullable EmnifyMfaCodeSource mfaCodeSource;

	@Nullable TrustedDevice trustedDevice;

	EmnifyAuthenticationListener listener = EmnifyAuthenticationListener.NONE;

	ObservationRegistry observationRegistry = ObservationRegistry.NOOP;

	EmnifyFailureAdvice failureAdvice = EmnifyFailureAdvice.DEFAULT;

	@Nullable EmnifyTokenStore tokenStore;

	@Nullable ClientHttpConnector clientConnector;

	ProviderSettings(WebClient.Builder webClientBuilder, URI baseUrl, EmnifyCredentials credentials) {
		this.webClientBuilder = webClientBuilder;
		this.baseUrl = baseUrl;
		this.credentials = credentials;
	}

	/**
	 * Build the token provider of the credentials' session.
	 * @return the token provider
	 * @see EmnifyTokenProviderBuilder#build()
	 */
	EmnifyTokenProvider build() {
		return build(grants(connector()));
	}

	/**
	 * Build a user session whose workspaces share the user's token provider.
	 * @return the user session
	 * @see EmnifyTokenProviderBuilder#buildUserSession()
	 */
	EmnifyUserSession buildUserSession() {
		ClientHttpConnector connector = connector();
		Grants grants = grants(connector);
		EmnifyTokenProvider user = build(grants);
		LongFunction<Grant> workspaces = grants.workspaces(user);
		BiFunction<Grant, String, EmnifyTokenProvider> providers = providers();
		String userSessionKey = userSessionKey();
		return new EmnifyUserSession(user,
				(workspaceId) -> providers.apply(workspaces.apply(workspaceId),
						userSessionKey + "/workspace/" + workspaceId),
				this.baseUrl, this.webClientBuilder.clone().clientConnector(connector));
	}

	private EmnifyTokenProvider build(Grants grants) {
		EmnifyMfaCodeSource codes = (this.mfaCodeSource != null) ? this.mfaCodeSource
				: (this.mfaTotpSecret != null) ? EmnifyMfaCodeSource.totp(this.mfaTotpSecret, this.clock) : null;
		return providers().apply(grants.login(this.credentials, codes, this.trustedDevice, this.mfaCodeTimeout),
				userSessionKey());
	}

	private ClientHttpConnector connector() {
		return (this.clientConnector != null) ? this.clientConnector : EmnifyHttpClientBuilders.connector();
	}

	private Grants grants(ClientHttpConnector connector) {
		return new Grants(this.webClientBuilder, this.baseUrl, connector, this.requestTimeout, this.retryPolicy,
				holdBackPolicy(), this.clock, this.listener, this.failureAdvice);
	}

	// The base URL and a hash of who logs in: never a secret, since stores show keys.
	private String userSessionKey() {
		return this.baseUrl.getScheme() + "://" + this.baseUrl.getAuthority() + "/" + this.credentials.identityHash();
	}

	private BiFunction<Grant, String, EmnifyTokenProvider> providers() {
		RenewalTrigger trigger = new RenewalTrigger(this.refreshMargin, this.expiryMargin,
				this.unauthorizedRenewalInterval,
				new TokenLifetime(this.defaultAuthTokenLifetime, this.defaultRefreshTokenLifetime));
		HoldBackPolicy holdBack = holdBackPolicy();
		Clock clock = this.clock;
		ObservationRegistry registry = this.observationRegistry;
		EmnifyFailureAdvice advice = this.failureAdvice;
		EmnifyTokenStore store = (this.tokenStore != null) ? this.tokenStore : new InMemoryEmnifyTokenStore();
		return (grant, sessionKey) -> new DefaultEmnifyTokenProvider(grant, store, sessionKey, trigger, holdBack, clock,
				registry, advice);
	}

	private HoldBackPolicy holdBackPolicy() {
		return new HoldBackPolicy(this.rejectedCredentialsCooldown, this.retryMaxDelay, this.maxPause);
	}

}
