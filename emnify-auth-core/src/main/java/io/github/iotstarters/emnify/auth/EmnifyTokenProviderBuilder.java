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

import io.micrometer.observation.ObservationRegistry;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.util.Assert;
import org.springframework.web.reactive.function.client.WebClient;

import io.github.iotstarters.emnify.auth.UserLoginGrant.TrustedDevice;
import io.github.iotstarters.emnify.auth.mfa.EmnifyMfaCodeSource;

/**
 * Builder for the default {@link EmnifyTokenProvider}, created with
 * {@link EmnifyTokenProvider#builder}.
 * <p>
 * Its clients never follow a redirect, so that neither a token nor a login body leaves
 * for the host a redirect names: the connector of the {@link WebClient.Builder} it is
 * given cannot be read back, so it is replaced, by the one set with
 * {@link #clientConnector} or else by the one
 * {@link EmnifyHttpClientBuilders#connector()} builds on the HTTP client library it finds
 * on the classpath. A redirect from the authenticate endpoint fails the login with an
 * {@link EmnifyAuthenticationException}.
 * <p>
 * Of the {@link WebClient.Builder}, the logins, refreshes, MFA steps and workspace
 * switches take the codecs and the observation registry only: none of its filters,
 * default headers, cookies or API version sees or changes a request that carries a
 * password, a code or a token. Two things the builder cannot take back remain: a
 * {@code defaultRequest} consumer runs for these requests and could reach their headers
 * (the user's token on a workspace switch), never their body; and an
 * {@code exchangeFunction} replaces the connector and sends them. The workspaces' API
 * clients, like {@code emnifyWebClient}, keep the builder's filters.
 */
public final class EmnifyTokenProviderBuilder {

	private final ProviderSettings settings;

	EmnifyTokenProviderBuilder(WebClient.Builder webClientBuilder, URI baseUrl, EmnifyCredentials credentials) {
		Assert.notNull(webClientBuilder, "WebClient.Builder must not be null");
		Assert.isTrue(baseUrl.isAbsolute() && baseUrl.getHost() != null, "emnify base URL must be absolute");
		Assert.notNull(credentials, "emnify credentials must not be null");
		this.settings = new ProviderSettings(webClientBuilder, baseUrl, credentials);
	}

	/**
	 * Set how long before expiry a caller starts a renewal in the background while it
	 * goes on with the current token. Default 5 minutes.
	 * @param refreshMargin the margin
	 * @return this builder
	 */
	public EmnifyTokenProviderBuilder refreshMargin(Duration refreshMargin) {
		this.settings.refreshMargin = nonNegative(refreshMargin, "refresh margin");
		return this;
	}

	/**
	 * Set how long before expiry a token is no longer handed out, so that callers wait
	 * for a new one. Default 1 minute.
	 * @param expiryMargin the margin
	 * @return this builder
	 */
	public EmnifyTokenProviderBuilder expiryMargin(Duration expiryMargin) {
		this.settings.expiryMargin = nonNegative(expiryMargin, "expiry margin");
		return this;
	}

	/**
	 * Set the lifetime assumed for an auth token without a readable JWT {@code exp}
	 * claim. Default 240 minutes.
	 * @param lifetime the lifetime
	 * @return this builder
	 */
	public EmnifyTokenProviderBuilder defaultAuthTokenLifetime(Duration lifetime) {
		this.settings.defaultAuthTokenLifetime = positive(lifetime, "default auth token lifetime");
		return this;
	}

	/**
	 * Set the lifetime assumed for a refresh token without a readable JWT {@code exp}
	 * claim. Default 350 minutes.
	 * @param lifetime the lifetime
	 * @return this builder
	 */
	public EmnifyTokenProviderBuilder defaultRefreshTokenLifetime(Duration lifetime) {
		this.settings.defaultRefreshTokenLifetime = positive(lifetime, "default refresh token lifetime");
		return this;
	}

	/**
	 * Set the bound on one call to the authenticate endpoint. Default 10 seconds.
	 * @param requestTimeout the timeout
	 * @return this builder
	 */
	public EmnifyTokenProviderBuilder requestTimeout(Duration requestTimeout) {
		this.settings.requestTimeout = positive(requestTimeout, "request timeout");
		return this;
	}

	/**
	 * Set the retry policy for transient failures of the authenticate endpoint (server
	 * errors, 429, timeouts, connection failures). Rejections are never retried, whatever
	 * the policy says. Default: 3 retries, 500 ms doubling up to 10 seconds, 100 ms
	 * jitter.
	 * @param retryPolicy the retry policy
	 * @return this builder
	 */
	public EmnifyTokenProviderBuilder retryPolicy(RetryPolicy retryPolicy) {
		Assert.notNull(retryPolicy, "RetryPolicy must not be null");
		this.settings.retryPolicy = retryPolicy;
		return this;
	}

	/**
	 * Set how long no new login is sent after emnify rejected the credentials. Default 5
	 * minutes, as long as emnify's lockout after three failed logins.
	 * @param cooldown the cool-down
	 * @return this builder
	 */
	public EmnifyTokenProviderBuilder rejectedCredentialsCooldown(Duration cooldown) {
		this.settings.rejectedCredentialsCooldown = nonNegative(cooldown, "rejected credentials cooldown");
		return this;
	}

	/**
	 * Set the longest delay between retries: a {@code Retry-After} up to this long is
	 * waited for before the next retry, a longer one ends the retries and holds back
	 * requests until then; and after a renewal has spent its retries on transient
	 * failures, no authenticate request is sent for this long, a pause that doubles with
	 * each further consecutive failed renewal, up to {@link #maxPause}, until a success
	 * resets it. The {@link #retryPolicy} should not delay longer. Default 10 seconds.
	 * @param retryMaxDelay the delay
	 * @return this builder
	 */
	public EmnifyTokenProviderBuilder retryMaxDelay(Duration retryMaxDelay) {
		this.settings.retryMaxDelay = nonNegative(retryMaxDelay, "retry max delay");
		return this;
	}

	/**
	 * Set the longest pause after transient failures, which the doubling pause reaches
	 * during a long outage, and the cap of any {@code Retry-After} emnify or a proxy
	 * sends. Default 5 minutes: during a long outage, at most one renewal (the first
	 * attempt and its retries) per 5 minutes.
	 * @param maxPause the longest pause
	 * @return this builder
	 */
	public EmnifyTokenProviderBuilder maxPause(Duration maxPause) {
		this.settings.maxPause = positive(maxPause, "max pause");
		return this;
	}

	/**
	 * Set how often at most a 401 from emnify causes a renewal: within this interval
	 * after a renewal caused by a 401, a 401 to the token it produced goes to the caller,
	 * and the token is kept. A path that always answers 401 so costs one login per
	 * interval instead of one per request. Default 30 seconds.
	 * @param interval the interval
	 * @return this builder
	 */
	public EmnifyTokenProviderBuilder unauthorizedRenewalInterval(Duration interval) {
		this.settings.unauthorizedRenewalInterval = nonNegative(interval, "unauthorized renewal interval");
		return this;
	}

	/**
	 * Set the clock that token expiry and cool-downs are measured with.
	 * @param clock the clock
	 * @return this builder
	 */
	public EmnifyTokenProviderBuilder clock(Clock clock) {
		Assert.notNull(clock, "Clock must not be null");
		this.settings.clock = clock;
		return this;
	}

	/**
	 * Set the base32 secret of the user's MFA key, as shown when the key was set up, so
	 * that logins emnify answers with an MFA demand are completed with a computed RFC
	 * 6238 code. A code is never used twice: a second login within one 30-second step
	 * waits for the next step.
	 * @param base32Secret the secret
	 * @return this builder
	 */
	public EmnifyTokenProviderBuilder mfaTotpSecret(String base32Secret) {
		EmnifyMfaCodeSource.totp(base32Secret);
		this.settings.mfaTotpSecret = base32Secret;
		return this;
	}

	/**
	 * Set the source of MFA codes, used instead of a TOTP secret.
	 * @param codeSource the code source
	 * @return this builder
	 */
	public EmnifyTokenProviderBuilder mfaCodeSource(EmnifyMfaCodeSource codeSource) {
		Assert.notNull(codeSource, "EmnifyMfaCodeSource must not be null");
		this.settings.mfaCodeSource = codeSource;
		return this;
	}

	/**
	 * Set how long a login waits for the MFA code from its source (a TOTP secret, a
	 * mailbox or another {@link EmnifyMfaCodeSource}); a login that gets none by then
	 * fails. Default 2 minutes: a TOTP code may be a 30-second step away, and a mail
	 * takes its time to arrive.
	 * @param timeout the timeout
	 * @return this builder
	 */
	public EmnifyTokenProviderBuilder mfaCodeTimeout(Duration timeout) {
		this.settings.mfaCodeTimeout = positive(timeout, "MFA code timeout");
		return this;
	}

	/**
	 * Log in as a trusted device: logins send its fingerprint, and an MFA login registers
	 * it, so that emnify skips MFA for it for 90 days.
	 * @param fingerprint a secret that identifies this device, kept as safe as a password
	 * @param name the name emnify shows for the device
	 * @return this builder
	 */
	public EmnifyTokenProviderBuilder trustedDevice(String fingerprint, String name) {
		Assert.hasText(fingerprint, "emnify trusted device fingerprint must not be empty");
		Assert.hasText(name, "emnify trusted device name must not be empty");
		this.settings.trustedDevice = new TrustedDevice(fingerprint, name);
		return this;
	}

	/**
	 * Set the listener that learns of every call to the authenticate endpoints, for
	 * metrics.
	 * @param listener the listener
	 * @return this builder
	 */
	public EmnifyTokenProviderBuilder listener(EmnifyAuthenticationListener listener) {
		Assert.notNull(listener, "EmnifyAuthenticationListener must not be null");
		this.settings.listener = GuardedListener.of(listener);
		return this;
	}

	/**
	 * Set the registry for the observation around each token acquisition
	 * ({@code emnify.auth.token.acquisition}), a child of the request that started it.
	 * Default: no observations.
	 * @param observationRegistry the registry
	 * @return this builder
	 */
	public EmnifyTokenProviderBuilder observationRegistry(ObservationRegistry observationRegistry) {
		Assert.notNull(observationRegistry, "ObservationRegistry must not be null");
		this.settings.observationRegistry = observationRegistry;
		return this;
	}

	/**
	 * Set what the messages of failures advise to check, in the words the application is
	 * configured with. Default: {@link EmnifyFailureAdvice#DEFAULT}, which names the
	 * methods of this builder and the factories of {@link EmnifyCredentials}.
	 * @param failureAdvice the advice
	 * @return this builder
	 */
	public EmnifyTokenProviderBuilder failureAdvice(EmnifyFailureAdvice failureAdvice) {
		Assert.notNull(failureAdvice, "EmnifyFailureAdvice must not be null");
		this.settings.failureAdvice = failureAdvice;
		return this;
	}

	/**
	 * Set the store that holds the session's tokens. Default: a store in this
	 * application's memory, of its own for what this builder builds. A
	 * {@code RedisEmnifyTokenStore} (in {@code emnify-auth-redis}) shares one session
	 * among all instances of an application.
	 * @param tokenStore the token store
	 * @return this builder
	 */
	public EmnifyTokenProviderBuilder tokenStore(EmnifyTokenStore tokenStore) {
		Assert.notNull(tokenStore, "EmnifyTokenStore must not be null");
		this.settings.tokenStore = tokenStore;
		return this;
	}

	/**
	 * Set the connector of the clients this builder builds: the authentication client
	 * and, for {@link #buildUserSession()}, the workspace switch and the workspace
	 * clients. It must not follow redirects: a connector that follows them sends the
	 * login body and the token to whatever host emnify's answer names;
	 * {@link EmnifyHttpClientBuilders} builds such connectors. Default: a new
	 * {@link EmnifyHttpClientBuilders#connector()} for each call of {@link #build()} or
	 * {@link #buildUserSession()}.
	 * @param clientConnector a connector that follows no redirects
	 * @return this builder
	 */
	public EmnifyTokenProviderBuilder clientConnector(ClientHttpConnector clientConnector) {
		Assert.notNull(clientConnector, "ClientHttpConnector must not be null");
		this.settings.clientConnector = clientConnector;
		return this;
	}

	/**
	 * Build the token provider. No request is sent until a token is first asked for.
	 * @return the token provider
	 */
	public EmnifyTokenProvider build() {
		return this.settings.build();
	}

	/**
	 * Build a user session for the workspaces of a user: one session, as {@link #build()}
	 * would create it, shared by a token provider per workspace. The settings are taken
	 * now; changing this builder later changes nothing built.
	 * @return the user session
	 * @throws IllegalStateException if the credentials are not a user's
	 */
	public EmnifyUserSession buildUserSession() {
		Assert.state(this.settings.credentials.grantType() == EmnifyGrantType.PASSWORD,
				"emnify workspaces need user credentials: an application token is scoped to one workspace");
		return this.settings.buildUserSession();
	}

	private static Duration positive(Duration duration, String name) {
		Assert.isTrue(duration != null && !duration.isNegative() && !duration.isZero(),
				() -> "emnify " + name + " must be positive");
		return duration;
	}

	private static Duration nonNegative(Duration duration, String name) {
		Assert.isTrue(duration != null && !duration.isNegative(), () -> "emnify " + name + " must not be negative");
		return duration;
	}

}
