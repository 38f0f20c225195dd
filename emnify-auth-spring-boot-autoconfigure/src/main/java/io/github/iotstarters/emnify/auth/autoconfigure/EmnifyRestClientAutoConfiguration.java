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

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.autoconfigure.service.HttpServiceClientProperties;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.core.io.ResourceLoader;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.support.RestClientHttpServiceGroupConfigurer;

import io.github.iotstarters.emnify.auth.EmnifyAuthenticationListener;
import io.github.iotstarters.emnify.auth.EmnifyTokenProvider;
import io.github.iotstarters.emnify.auth.web.EmnifyAuthenticationInterceptor;
import io.github.iotstarters.emnify.auth.web.EmnifyRateLimitBuckets;
import io.github.iotstarters.emnify.auth.web.EmnifyRateLimits;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} for blocking clients, when Spring Boot's {@code RestClient} support
 * is present: the {@link EmnifyAuthenticationInterceptor} and a {@link RestClient} named
 * {@code emnifyRestClient} that carries it, sharing the token provider of the reactive
 * client. Blocking HTTP service clients of the group
 * {@value EmnifyAuthAutoConfiguration#HTTP_SERVICE_GROUP} get the same base URL and
 * interceptor.
 * <p>
 * Neither follows a redirect: {@code emnifyRestClient} is built on
 * {@code emnifyClientHttpRequestFactory}, which Boot's
 * {@link ClientHttpRequestFactoryBuilder} builds from Boot's {@link HttpClientSettings}
 * with redirects never followed, and the group's clients get a request factory of their
 * own from the group's settings, likewise.
 * <p>
 * {@code emnifyRestClient} is not a default candidate for injection by type, so that
 * adding the starter leaves an application's own single {@link RestClient} injectable by
 * type; inject emnify's with {@code @Qualifier("emnifyRestClient")}.
 */
@AutoConfiguration(after = { EmnifyAuthAutoConfiguration.class, RestClientAutoConfiguration.class })
@ConditionalOnClass(RestClientAutoConfiguration.class)
@ConditionalOnBean(EmnifyTokenProvider.class)
@EnableConfigurationProperties(EmnifyProperties.class)
public final class EmnifyRestClientAutoConfiguration {

	private final EmnifyPropertiesMapper mapper;

	EmnifyRestClientAutoConfiguration(EmnifyProperties properties) {
		this.mapper = new EmnifyPropertiesMapper(properties);
	}

	@Bean(defaultCandidate = false)
	@ConditionalOnMissingBean(name = "emnifyClientHttpRequestFactory")
	ClientHttpRequestFactory emnifyClientHttpRequestFactory(ResourceLoader resourceLoader,
			ObjectProvider<ClientHttpRequestFactoryBuilder<?>> clientHttpRequestFactoryBuilder,
			ObjectProvider<HttpClientSettings> httpClientSettings) {
		return EmnifyHttpClients.requestFactory(resourceLoader, clientHttpRequestFactoryBuilder,
				EmnifyHttpClients.settings(httpClientSettings));
	}

	@Bean
	@ConditionalOnMissingBean(name = "emnifyAuthenticationInterceptor")
	EmnifyAuthenticationInterceptor emnifyAuthenticationInterceptor(EmnifyTokenProvider emnifyTokenProvider,
			ObjectProvider<EmnifyAuthenticationListener> listeners, ObjectProvider<EmnifyRateLimits> emnifyRateLimits,
			ObjectProvider<EmnifyRateLimitBuckets> emnifyRateLimitBuckets) {
		EmnifyPropertiesMapper.Pacing pacing = this.mapper.pacing(emnifyRateLimits, emnifyRateLimitBuckets);
		return new EmnifyAuthenticationInterceptor(emnifyTokenProvider, this.mapper.baseUrl(),
				EmnifyAuthAutoConfiguration.listener(listeners), this.mapper.replayMaxBodySize(), pacing.rateLimits(),
				pacing.buckets());
	}

	@Bean
	@ConditionalOnMissingBean(name = "emnifyRestClientHttpServiceGroupConfigurer")
	RestClientHttpServiceGroupConfigurer emnifyRestClientHttpServiceGroupConfigurer(
			@Qualifier("emnifyAuthenticationInterceptor") ClientHttpRequestInterceptor emnifyAuthenticationInterceptor,
			ResourceLoader resourceLoader,
			ObjectProvider<ClientHttpRequestFactoryBuilder<?>> clientHttpRequestFactoryBuilder,
			ObjectProvider<HttpClientSettings> httpClientSettings,
			ObjectProvider<HttpServiceClientProperties> httpServiceClientProperties,
			ObjectProvider<SslBundles> sslBundles) {
		String baseUrl = this.mapper.baseUrl().toString();
		HttpClientSettings settings = EmnifyHttpClients.groupSettings(httpClientSettings, httpServiceClientProperties,
				sslBundles);
		return (groups) -> groups.filterByName(EmnifyAuthAutoConfiguration.HTTP_SERVICE_GROUP)
			.forEachClient((group, builder) -> builder
				.requestFactory(
						EmnifyHttpClients.requestFactory(resourceLoader, clientHttpRequestFactoryBuilder, settings))
				.baseUrl(baseUrl)
				.requestInterceptor(emnifyAuthenticationInterceptor));
	}

	@Bean(defaultCandidate = false)
	@ConditionalOnMissingBean(name = "emnifyRestClient")
	RestClient emnifyRestClient(ObjectProvider<RestClient.Builder> restClientBuilder,
			@Qualifier("emnifyAuthenticationInterceptor") ClientHttpRequestInterceptor emnifyAuthenticationInterceptor,
			@Qualifier("emnifyClientHttpRequestFactory") ClientHttpRequestFactory emnifyClientHttpRequestFactory) {
		return restClientBuilder.getIfAvailable(RestClient::builder)
			.clone()
			.requestFactory(emnifyClientHttpRequestFactory)
			.baseUrl(this.mapper.baseUrl().toString())
			.requestInterceptor(emnifyAuthenticationInterceptor)
			.build();
	}

}
