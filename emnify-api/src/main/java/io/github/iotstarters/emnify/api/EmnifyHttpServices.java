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

import org.springframework.web.client.RestClient;
import org.springframework.web.client.support.RestClientAdapter;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.support.WebClientAdapter;
import org.springframework.web.service.invoker.HttpServiceProxyFactory;

/**
 * Factories for the proxies of emnify's HTTP service interfaces on the clients that
 * {@code emnify-auth-core} authenticates and paces, such as {@code emnifyRestClient} and
 * {@code emnifyWebClient}: each adds {@link EmnifyApiErrors} to a copy of the client, so
 * that a typed client throws {@link EmnifyApiException}, never Spring's own response
 * exceptions, and the given client stays as it was for raw calls.
 */
public final class EmnifyHttpServices {

	private EmnifyHttpServices() {
	}

	/**
	 * Create a factory of blocking proxies on a copy of the given client with emnify's
	 * error handling.
	 * @param client the client, with emnify's base URL and authentication
	 * @return the factory, for {@code createClient(EmnifyEndpoints.class)} and the like
	 */
	public static HttpServiceProxyFactory blocking(RestClient client) {
		RestClient.Builder builder = client.mutate();
		EmnifyApiErrors.applyTo(builder);
		return HttpServiceProxyFactory.builderFor(RestClientAdapter.create(builder.build())).build();
	}

	/**
	 * Create a factory of reactive proxies on a copy of the given client with emnify's
	 * error handling.
	 * @param client the client, with emnify's base URL and authentication
	 * @return the factory, for {@code createClient(ReactiveEmnifyEndpoints.class)} and
	 * the like
	 */
	public static HttpServiceProxyFactory reactive(WebClient client) {
		WebClient.Builder builder = client.mutate();
		EmnifyApiErrors.applyTo(builder);
		return HttpServiceProxyFactory.builderFor(WebClientAdapter.create(builder.build())).build();
	}

}
