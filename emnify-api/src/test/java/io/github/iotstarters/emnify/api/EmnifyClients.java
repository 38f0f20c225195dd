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

package io.github.iotstarters.emnify.api;

import java.net.http.HttpClient;
import java.net.http.HttpClient.Version;

import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.support.RestClientAdapter;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.support.WebClientAdapter;
import org.springframework.web.service.invoker.HttpServiceProxyFactory;

/**
 * The typed clients as a user builds them without Spring Boot: a plain
 * {@link HttpServiceProxyFactory} over a {@link RestClient} or a {@link WebClient}.
 */
final class EmnifyClients {

	private EmnifyClients() {
	}

	static <S> S blocking(String baseUrl, Class<S> service) {
		RestClient client = RestClient.builder()
			.baseUrl(baseUrl)
			.requestFactory(new JdkClientHttpRequestFactory(HttpClient.newBuilder().version(Version.HTTP_1_1).build()))
			.build();
		return HttpServiceProxyFactory.builderFor(RestClientAdapter.create(client)).build().createClient(service);
	}

	static <S> S reactive(String baseUrl, Class<S> service) {
		WebClient client = WebClient.builder().baseUrl(baseUrl).build();
		return HttpServiceProxyFactory.builderFor(WebClientAdapter.create(client)).build().createClient(service);
	}

}
