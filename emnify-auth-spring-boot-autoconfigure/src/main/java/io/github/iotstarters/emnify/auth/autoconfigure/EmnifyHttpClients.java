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
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.autoconfigure.HttpClientSettingsPropertyMapper;
import org.springframework.boot.http.client.autoconfigure.service.HttpServiceClientProperties;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.core.io.ResourceLoader;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.reactive.ClientHttpConnector;

import io.github.iotstarters.emnify.auth.EmnifyHttpClientBuilders;

/**
 * The HTTP clients under the starter's web and rest clients: built with Spring Boot's
 * connector and request factory builders from Boot's settings, as the application
 * configured them ({@code spring.http.clients.*}, and for the HTTP service group
 * {@code spring.http.serviceclient.emnify.*}), except that they never follow a redirect,
 * so that neither a token nor a login body goes to the host a redirect names
 * ({@link EmnifyHttpClientBuilders}).
 */
final class EmnifyHttpClients {

	private EmnifyHttpClients() {
	}

	static HttpClientSettings settings(ObjectProvider<HttpClientSettings> settings) {
		return settings.getIfAvailable(HttpClientSettings::defaults);
	}

	static HttpClientSettings groupSettings(ObjectProvider<HttpClientSettings> settings,
			ObjectProvider<HttpServiceClientProperties> groups, ObjectProvider<SslBundles> sslBundles) {
		HttpServiceClientProperties properties = groups.getIfAvailable();
		return new HttpClientSettingsPropertyMapper(sslBundles.getIfAvailable(), settings.getIfAvailable())
			.map((properties != null) ? properties.get(EmnifyAuthAutoConfiguration.HTTP_SERVICE_GROUP) : null);
	}

	static ClientHttpConnector connector(ResourceLoader resourceLoader,
			ObjectProvider<ClientHttpConnectorBuilder<?>> builder, HttpClientSettings settings) {
		return EmnifyHttpClientBuilders.connector(
				builder.getIfAvailable(() -> ClientHttpConnectorBuilder.detect(resourceLoader.getClassLoader())),
				settings);
	}

	static ClientHttpRequestFactory requestFactory(ResourceLoader resourceLoader,
			ObjectProvider<ClientHttpRequestFactoryBuilder<?>> builder, HttpClientSettings settings) {
		return EmnifyHttpClientBuilders.requestFactory(
				builder.getIfAvailable(() -> ClientHttpRequestFactoryBuilder.detect(resourceLoader.getClassLoader())),
				settings);
	}

}
