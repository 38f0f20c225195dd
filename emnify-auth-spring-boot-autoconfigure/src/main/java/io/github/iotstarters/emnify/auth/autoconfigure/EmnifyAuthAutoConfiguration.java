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

import java.time.Clock;

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
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;
import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.util.StringUtils;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.support.WebClientHttpServiceGroupConfigurer;

import io.github.iotstarters.emnify.auth.EmnifyAuthenticationListener;
import io.github.iotstarters.emnify.auth.EmnifyHttpClientBuilders;
import io.github.iotstarters.emnify.auth.EmnifyTokenProvider;
import io.github.iotstarters.emnify.auth.EmnifyTokenStore;
import io.github.iotstarters.emnify.auth.mfa.EmnifyMfaCodeSource;
import io.github.iotstarters.emnify.auth.web.EmnifyAuthenticationFilter;
import io.github.iotstarters.emnify.auth.web.EmnifyRateLimitBuckets;
import io.github.iotstarters.emnify.auth.web.EmnifyRateLimits;
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
 * <p>
 * A {@link Clock} bean named or qualified {@code emnifyClock}, if the application has
 * one, is the clock that token expiry, cool-downs and pauses are measured with, by the
 * token provider, the Redis token store, the health indicator and the gauge
 * {@code emnify.auth.token.remaining}, so that tests can move time instead of waiting.
 * Without one they use the system clock in UTC; no other {@link Clock} bean is used.
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

	private final EmnifyPropertiesMapper mapper;

	EmnifyAuthAutoConfiguration(EmnifyProperties properties, Environment environment) {
		UnknownEmnifyProperties.check(environment, properties.isStrictProperties());
		this.mapper = new EmnifyPropertiesMapper(properties);
	}

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
	EmnifyTokenStore emnifyTokenStore() {
		return this.mapper.inMemoryTokenStore();
	}

	@Bean
	@ConditionalOnMissingBean
	EmnifyTokenProvider emnifyTokenProvider(EmnifyProperties properties,
			ObjectProvider<WebClient.Builder> webClientBuilder, ObjectProvider<EmnifyMfaCodeSource> mfaCodeSource,
			ObjectProvider<EmnifyAuthenticationListener> listeners,
			ObjectProvider<ObservationRegistry> observationRegistry, ObjectProvider<EmnifyWorkspaces> workspaces,
			EmnifyTokenStore emnifyTokenStore,
			@Qualifier("emnifyClientHttpConnector") ClientHttpConnector emnifyClientHttpConnector,
			@Qualifier("emnifyClock") ObjectProvider<Clock> emnifyClock, ResourceLoader resourceLoader) {
		EmnifyWorkspaces userWorkspaces = workspaces.getIfAvailable();
		if (userWorkspaces == null || !StringUtils.hasText(properties.getUsername())) {
			return this.mapper
				.tokenProviderBuilder(webClientBuilder, mfaCodeSource, listeners, observationRegistry, emnifyClock,
						resourceLoader)
				.tokenStore(emnifyTokenStore)
				.clientConnector(emnifyClientHttpConnector)
				.build();
		}
		// One user session for everything: a second one would invalidate the first's
		// refresh token with every login.
		Long workspaceId = properties.getWorkspaceId();
		return (workspaceId != null) ? userWorkspaces.tokenProvider(workspaceId) : userWorkspaces.userTokenProvider();
	}

	@Bean
	@ConditionalOnMissingBean(name = "emnifyAuthenticationFilter")
	EmnifyAuthenticationFilter emnifyAuthenticationFilter(EmnifyTokenProvider emnifyTokenProvider,
			ObjectProvider<EmnifyAuthenticationListener> listeners, ObjectProvider<EmnifyRateLimits> emnifyRateLimits,
			ObjectProvider<EmnifyRateLimitBuckets> emnifyRateLimitBuckets) {
		EmnifyPropertiesMapper.Pacing pacing = this.mapper.pacing(emnifyRateLimits, emnifyRateLimitBuckets);
		return new EmnifyAuthenticationFilter(emnifyTokenProvider, this.mapper.baseUrl(), listener(listeners),
				this.mapper.replayMaxBodySize(), pacing.rateLimits(), pacing.buckets());
	}

	@Bean(defaultCandidate = false)
	@ConditionalOnMissingBean(name = "emnifyWebClient")
	WebClient emnifyWebClient(ObjectProvider<WebClient.Builder> webClientBuilder,
			@Qualifier("emnifyAuthenticationFilter") ExchangeFilterFunction emnifyAuthenticationFilter,
			@Qualifier("emnifyClientHttpConnector") ClientHttpConnector emnifyClientHttpConnector) {
		return webClientBuilder.getIfAvailable(WebClient::builder)
			.clone()
			.clientConnector(emnifyClientHttpConnector)
			.baseUrl(this.mapper.baseUrl().toString())
			.filter(emnifyAuthenticationFilter)
			.codecs(EmnifyHttpClientBuilders::hideRequestDetails)
			.build();
	}

	@Bean
	@ConditionalOnMissingBean(name = "emnifyWebClientHttpServiceGroupConfigurer")
	WebClientHttpServiceGroupConfigurer emnifyWebClientHttpServiceGroupConfigurer(
			@Qualifier("emnifyAuthenticationFilter") ExchangeFilterFunction emnifyAuthenticationFilter,
			ResourceLoader resourceLoader, ObjectProvider<ClientHttpConnectorBuilder<?>> clientHttpConnectorBuilder,
			ObjectProvider<HttpClientSettings> httpClientSettings,
			ObjectProvider<HttpServiceClientProperties> httpServiceClientProperties,
			ObjectProvider<SslBundles> sslBundles) {
		String baseUrl = this.mapper.baseUrl().toString();
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

}
