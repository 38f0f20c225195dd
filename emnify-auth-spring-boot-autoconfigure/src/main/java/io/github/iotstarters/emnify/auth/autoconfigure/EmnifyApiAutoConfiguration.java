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

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.support.RestClientHttpServiceGroupConfigurer;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.support.WebClientHttpServiceGroupConfigurer;
import org.springframework.web.service.invoker.HttpServiceProxyFactory;

import io.github.iotstarters.emnify.api.EmnifyApiErrors;
import io.github.iotstarters.emnify.api.EmnifyEndpoints;
import io.github.iotstarters.emnify.api.EmnifyEvents;
import io.github.iotstarters.emnify.api.EmnifyHttpServices;
import io.github.iotstarters.emnify.api.EmnifySims;
import io.github.iotstarters.emnify.api.ReactiveEmnifyEndpoints;
import io.github.iotstarters.emnify.api.ReactiveEmnifyEvents;
import io.github.iotstarters.emnify.api.ReactiveEmnifySims;

/**
 * Auto-configuration of emnify's typed clients, when {@code emnify-api} is on the class
 * path: {@code emnifyEndpoints}, {@code emnifySims} and {@code emnifyEvents} on
 * {@code emnifyRestClient}, and {@code reactiveEmnifyEndpoints},
 * {@code reactiveEmnifySims} and {@code reactiveEmnifyEvents} on {@code emnifyWebClient}:
 * authenticated and paced within emnify's rate limits as those clients are, on a copy of
 * them that turns emnify's errors into {@code EmnifyApiException}s. Each backs off for a
 * bean of the same type of the application's. The clients of the
 * {@value EmnifyAuthAutoConfiguration#HTTP_SERVICE_GROUP} HTTP service group, the
 * application's own interfaces among them, turn emnify's errors into those exceptions
 * too.
 */
@AutoConfiguration(after = { EmnifyAuthAutoConfiguration.class, EmnifyRestClientAutoConfiguration.class })
@ConditionalOnClass(EmnifyHttpServices.class)
public final class EmnifyApiAutoConfiguration {

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBean(name = "emnifyRestClient")
	static final class Blocking {

		// One factory for the three clients, not a candidate for injection by type.
		@Bean(defaultCandidate = false)
		@ConditionalOnMissingBean(name = "emnifyRestClientProxyFactory")
		HttpServiceProxyFactory emnifyRestClientProxyFactory(
				@Qualifier("emnifyRestClient") RestClient emnifyRestClient) {
			return EmnifyHttpServices.blocking(emnifyRestClient);
		}

		@Bean
		@ConditionalOnMissingBean
		EmnifyEndpoints emnifyEndpoints(
				@Qualifier("emnifyRestClientProxyFactory") HttpServiceProxyFactory emnifyRestClientProxyFactory) {
			return emnifyRestClientProxyFactory.createClient(EmnifyEndpoints.class);
		}

		@Bean
		@ConditionalOnMissingBean
		EmnifySims emnifySims(
				@Qualifier("emnifyRestClientProxyFactory") HttpServiceProxyFactory emnifyRestClientProxyFactory) {
			return emnifyRestClientProxyFactory.createClient(EmnifySims.class);
		}

		@Bean
		@ConditionalOnMissingBean
		EmnifyEvents emnifyEvents(
				@Qualifier("emnifyRestClientProxyFactory") HttpServiceProxyFactory emnifyRestClientProxyFactory) {
			return emnifyRestClientProxyFactory.createClient(EmnifyEvents.class);
		}

		@Bean
		@ConditionalOnMissingBean(name = "emnifyApiRestClientHttpServiceGroupConfigurer")
		RestClientHttpServiceGroupConfigurer emnifyApiRestClientHttpServiceGroupConfigurer() {
			return (groups) -> groups.filterByName(EmnifyAuthAutoConfiguration.HTTP_SERVICE_GROUP)
				.forEachClient((group, builder) -> EmnifyApiErrors.applyTo(builder));
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBean(name = "emnifyWebClient")
	static final class Reactive {

		// One factory for the three clients, not a candidate for injection by type.
		@Bean(defaultCandidate = false)
		@ConditionalOnMissingBean(name = "emnifyWebClientProxyFactory")
		HttpServiceProxyFactory emnifyWebClientProxyFactory(@Qualifier("emnifyWebClient") WebClient emnifyWebClient) {
			return EmnifyHttpServices.reactive(emnifyWebClient);
		}

		@Bean
		@ConditionalOnMissingBean
		ReactiveEmnifyEndpoints reactiveEmnifyEndpoints(
				@Qualifier("emnifyWebClientProxyFactory") HttpServiceProxyFactory emnifyWebClientProxyFactory) {
			return emnifyWebClientProxyFactory.createClient(ReactiveEmnifyEndpoints.class);
		}

		@Bean
		@ConditionalOnMissingBean
		ReactiveEmnifySims reactiveEmnifySims(
				@Qualifier("emnifyWebClientProxyFactory") HttpServiceProxyFactory emnifyWebClientProxyFactory) {
			return emnifyWebClientProxyFactory.createClient(ReactiveEmnifySims.class);
		}

		@Bean
		@ConditionalOnMissingBean
		ReactiveEmnifyEvents reactiveEmnifyEvents(
				@Qualifier("emnifyWebClientProxyFactory") HttpServiceProxyFactory emnifyWebClientProxyFactory) {
			return emnifyWebClientProxyFactory.createClient(ReactiveEmnifyEvents.class);
		}

		@Bean
		@ConditionalOnMissingBean(name = "emnifyApiWebClientHttpServiceGroupConfigurer")
		WebClientHttpServiceGroupConfigurer emnifyApiWebClientHttpServiceGroupConfigurer() {
			return (groups) -> groups.filterByName(EmnifyAuthAutoConfiguration.HTTP_SERVICE_GROUP)
				.forEachClient((group, builder) -> EmnifyApiErrors.applyTo(builder));
		}

	}

}
