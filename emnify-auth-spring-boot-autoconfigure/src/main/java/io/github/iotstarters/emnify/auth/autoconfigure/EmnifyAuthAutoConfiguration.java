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

package io.github.iotstarters.emnify.auth.autoconfigure;

import java.util.Objects;

import io.micrometer.observation.ObservationRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.autoconfigure.service.HttpServiceClientProperties;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.io.ResourceLoader;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.util.StringUtils;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.support.WebClientHttpServiceGroupConfigurer;

import io.github.iotstarters.emnify.auth.EmnifyAuthenticationListener;
import io.github.iotstarters.emnify.auth.EmnifyCredentials;
import io.github.iotstarters.emnify.auth.EmnifyGrantType;
import io.github.iotstarters.emnify.auth.EmnifyHttpClientBuilders;
import io.github.iotstarters.emnify.auth.EmnifyTokenProvider;
import io.github.iotstarters.emnify.auth.EmnifyTokenProviderBuilder;
import io.github.iotstarters.emnify.auth.EmnifyTokenStore;
import io.github.iotstarters.emnify.auth.InMemoryEmnifyTokenStore;
import io.github.iotstarters.emnify.auth.mfa.EmnifyMfaCodeSource;
import io.github.iotstarters.emnify.auth.mfa.EmnifyMfaEmailSettings;
import io.github.iotstarters.emnify.auth.web.EmnifyAuthenticationFilter;
import io.github.iotstarters.emnify.auth.web.EmnifyWorkspaces;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} for the emnify REST API: an {@link EmnifyTokenStore} (in memory
 * unless {@link EmnifyRedisTokenStoreAutoConfiguration} contributes one on Redis), an
 * {@link EmnifyTokenProvider}, the {@link EmnifyAuthenticationFilter} and a
 * {@link WebClient} named {@code emnifyWebClient} that carries it, built from Boot's
 * {@link WebClient.Builder} so the application's codecs, connectors and observation
 * apply. With user credentials, the token provider shares the user session of
 * {@link EmnifyWorkspaces} ({@link EmnifyWorkspacesAutoConfiguration}). Reactive HTTP
 * service clients of the group {@value #HTTP_SERVICE_GROUP} get the same base URL and
 * filter.
 * <p>
 * None of these clients follows a redirect: they share {@code emnifyClientHttpConnector},
 * which Boot's {@link ClientHttpConnectorBuilder} builds from Boot's
 * {@link HttpClientSettings} with redirects never followed (the HTTP service group's
 * clients get a connector of their own from the group's settings, likewise), so a
 * redirect from emnify reaches the caller as it came and no token or login body goes to
 * the host it names. A {@link ClientHttpConnector} bean of the application's own is not
 * used for them; configure the connector through Boot's builder instead.
 * <p>
 * {@code emnifyWebClient} is not a default candidate for injection by type, so that
 * adding the starter leaves an application's own single {@link WebClient} injectable by
 * type; inject emnify's with {@code @Qualifier("emnifyWebClient")}.
 */
@AutoConfiguration(after = WebClientAutoConfiguration.class)
@ConditionalOnClass(WebClient.class)
@ConditionalOnBooleanProperty(name = "emnify.enabled", matchIfMissing = true)
@EnableConfigurationProperties(EmnifyProperties.class)
public final class EmnifyAuthAutoConfiguration {

	/**
	 * Name of the HTTP service group ({@code @ImportHttpServices(group = "emnify")})
	 * whose clients get emnify's base URL and authentication.
	 */
	public static final String HTTP_SERVICE_GROUP = "emnify";

	@Bean(defaultCandidate = false)
	@ConditionalOnMissingBean(name = "emnifyClientHttpConnector")
	ClientHttpConnector emnifyClientHttpConnector(ResourceLoader resourceLoader,
			ObjectProvider<ClientHttpConnectorBuilder<?>> clientHttpConnectorBuilder,
			ObjectProvider<HttpClientSettings> httpClientSettings) {
		return EmnifyHttpClients.connector(resourceLoader, clientHttpConnectorBuilder,
				EmnifyHttpClients.settings(httpClientSettings));
	}

	@Bean
	@ConditionalOnMissingBean
	EmnifyTokenStore emnifyTokenStore(EmnifyProperties properties) {
		if (properties.getTokenStore().getType() == EmnifyProperties.TokenStore.Type.REDIS) {
			throw new InvalidEmnifyPropertiesException(
					"emnify.token-store.type is redis, but there is no ReactiveRedisConnectionFactory to share the "
							+ "emnify session through.",
					"Add spring-boot-starter-data-redis-reactive to the application and point spring.data.redis.* at "
							+ "the Redis server, or remove emnify.token-store.type to keep the session in memory.");
		}
		return new InMemoryEmnifyTokenStore();
	}

	@Bean
	@ConditionalOnMissingBean
	EmnifyTokenProvider emnifyTokenProvider(EmnifyProperties properties,
			ObjectProvider<WebClient.Builder> webClientBuilder, ObjectProvider<EmnifyMfaCodeSource> mfaCodeSource,
			ObjectProvider<EmnifyAuthenticationListener> listeners,
			ObjectProvider<ObservationRegistry> observationRegistry, ObjectProvider<EmnifyWorkspaces> workspaces,
			EmnifyTokenStore emnifyTokenStore,
			@Qualifier("emnifyClientHttpConnector") ClientHttpConnector emnifyClientHttpConnector,
			ResourceLoader resourceLoader) {
		EmnifyTokenProviderBuilder builder = tokenProviderBuilder(properties, webClientBuilder, mfaCodeSource,
				listeners, observationRegistry, resourceLoader)
			.tokenStore(emnifyTokenStore)
			.clientConnector(emnifyClientHttpConnector);
		EmnifyWorkspaces userWorkspaces = workspaces.getIfAvailable();
		if (userWorkspaces == null || !StringUtils.hasText(properties.getUsername())) {
			return builder.build();
		}
		// One user session for everything: a second one would invalidate the first's
		// refresh token with every login.
		Long workspaceId = properties.getWorkspaceId();
		return (workspaceId != null) ? userWorkspaces.tokenProvider(workspaceId) : userWorkspaces.userTokenProvider();
	}

	@Bean
	@ConditionalOnMissingBean(name = "emnifyAuthenticationFilter")
	EmnifyAuthenticationFilter emnifyAuthenticationFilter(EmnifyTokenProvider emnifyTokenProvider,
			EmnifyProperties properties, ObjectProvider<EmnifyAuthenticationListener> listeners) {
		return new EmnifyAuthenticationFilter(emnifyTokenProvider, EmnifyPropertiesValidator.baseUrl(properties),
				listener(listeners), EmnifyPropertiesValidator.replayMaxBodySize(properties));
	}

	@Bean(defaultCandidate = false)
	@ConditionalOnMissingBean(name = "emnifyWebClient")
	WebClient emnifyWebClient(ObjectProvider<WebClient.Builder> webClientBuilder,
			@Qualifier("emnifyAuthenticationFilter") ExchangeFilterFunction emnifyAuthenticationFilter,
			@Qualifier("emnifyClientHttpConnector") ClientHttpConnector emnifyClientHttpConnector,
			EmnifyProperties properties) {
		return webClientBuilder.getIfAvailable(WebClient::builder)
			.clone()
			.clientConnector(emnifyClientHttpConnector)
			.baseUrl(EmnifyPropertiesValidator.baseUrl(properties).toString())
			.filter(emnifyAuthenticationFilter)
			.codecs(EmnifyHttpClientBuilders::hideRequestDetails)
			.build();
	}

	@Bean
	@ConditionalOnMissingBean(name = "emnifyWebClientHttpServiceGroupConfigurer")
	WebClientHttpServiceGroupConfigurer emnifyWebClientHttpServiceGroupConfigurer(EmnifyProperties properties,
			@Qualifier("emnifyAuthenticationFilter") ExchangeFilterFunction emnifyAuthenticationFilter,
			ResourceLoader resourceLoader, ObjectProvider<ClientHttpConnectorBuilder<?>> clientHttpConnectorBuilder,
			ObjectProvider<HttpClientSettings> httpClientSettings,
			ObjectProvider<HttpServiceClientProperties> httpServiceClientProperties,
			ObjectProvider<SslBundles> sslBundles) {
		String baseUrl = EmnifyPropertiesValidator.baseUrl(properties).toString();
		HttpClientSettings settings = EmnifyHttpClients.groupSettings(httpClientSettings, httpServiceClientProperties,
				sslBundles);
		return (groups) -> groups.filterByName(HTTP_SERVICE_GROUP)
			.forEachClient((group, builder) -> builder
				.clientConnector(EmnifyHttpClients.connector(resourceLoader, clientHttpConnectorBuilder, settings))
				.baseUrl(baseUrl)
				.filter(emnifyAuthenticationFilter)
				.codecs(EmnifyHttpClientBuilders::hideRequestDetails));
	}

	static EmnifyAuthenticationListener listener(ObjectProvider<EmnifyAuthenticationListener> listeners) {
		return new CompositeEmnifyAuthenticationListener(listeners.orderedStream().toList());
	}

	static EmnifyTokenProviderBuilder tokenProviderBuilder(EmnifyProperties properties,
			ObjectProvider<WebClient.Builder> webClientBuilder, ObjectProvider<EmnifyMfaCodeSource> mfaCodeSource,
			ObjectProvider<EmnifyAuthenticationListener> listeners,
			ObjectProvider<ObservationRegistry> observationRegistry, ResourceLoader resourceLoader) {
		EmnifyPropertiesValidator.timing(properties);
		EmnifyCredentials credentials = EmnifyPropertiesValidator.credentials(properties);
		EmnifyProperties.Token token = properties.getToken();
		EmnifyProperties.Retry retry = properties.getRetry();
		RetryPolicy retryPolicy = RetryPolicy.builder()
			.maxRetries(retry.getMaxRetries())
			.delay(retry.getDelay())
			.multiplier(retry.getMultiplier())
			.maxDelay(retry.getMaxDelay())
			.jitter(retry.getJitter())
			.build();
		EmnifyTokenProviderBuilder builder = EmnifyTokenProvider
			.builder(webClientBuilder.getIfAvailable(WebClient::builder), EmnifyPropertiesValidator.baseUrl(properties),
					credentials)
			.refreshMargin(token.getRefreshMargin())
			.expiryMargin(token.getExpiryMargin())
			.defaultAuthTokenLifetime(token.getDefaultAuthTokenLifetime())
			.defaultRefreshTokenLifetime(token.getDefaultRefreshTokenLifetime())
			.requestTimeout(token.getRequestTimeout())
			.retryPolicy(retryPolicy)
			.retryMaxDelay(retry.getMaxDelay())
			.maxPause(retry.getMaxPause())
			.unauthorizedRenewalInterval(token.getUnauthorizedRenewalInterval())
			.rejectedCredentialsCooldown(properties.getRejectedCredentialsCooldown())
			.listener(listener(listeners))
			.observationRegistry(observationRegistry.getIfAvailable(() -> ObservationRegistry.NOOP))
			.failureAdvice(PropertyFailureAdvice.INSTANCE);
		if (credentials.grantType() == EmnifyGrantType.PASSWORD) {
			String totpSecret = EmnifyPropertiesValidator.totpSecret(properties);
			EmnifyMfaEmailSettings email = EmnifyPropertiesValidator.email(properties, resourceLoader.getClassLoader());
			EmnifyMfaCodeSource codeSource = mfaCodeSource.getIfAvailable();
			switch (MfaCodes.of(properties, codeSource != null)) {
				case CUSTOM -> builder.mfaCodeSource(Objects.requireNonNull(codeSource));
				case EMAIL -> builder.mfaCodeSource(EmnifyMfaCodeSource.email(Objects.requireNonNull(email)));
				case TOTP -> builder.mfaTotpSecret(Objects.requireNonNull(totpSecret));
				case NONE -> {
				}
			}
			String fingerprint = EmnifyPropertiesValidator.fingerprint(properties);
			if (fingerprint != null) {
				builder.trustedDevice(fingerprint, properties.getMfa().getTrustedDevice().getName());
			}
			builder.mfaCodeTimeout(properties.getMfa().getCodeTimeout());
		}
		return builder;
	}

}
