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

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.HttpRedirects;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.http.client.reactive.JdkClientHttpConnector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Builders of kinds other than Boot's own get the settings with redirects off, and the
 * rest of the settings as they were.
 */
class EmnifyHttpClientsTests {

	private final HttpClientSettings following = HttpClientSettings.defaults()
		.withRedirects(HttpRedirects.FOLLOW)
		.withReadTimeout(Duration.ofSeconds(7));

	@Test
	void aConnectorBuilderOfAnotherKindIsGivenSettingsThatFollowNoRedirect() {
		AtomicReference<HttpClientSettings> received = new AtomicReference<>();
		JdkClientHttpConnector connector = new JdkClientHttpConnector();
		ClientHttpConnectorBuilder<JdkClientHttpConnector> builder = (settings) -> {
			received.set(settings);
			return connector;
		};
		assertThat(EmnifyHttpClients.connector(builder, this.following)).isSameAs(connector);
		assertThat(received.get().redirects()).isEqualTo(HttpRedirects.DONT_FOLLOW);
		assertThat(received.get().readTimeout()).isEqualTo(Duration.ofSeconds(7));
	}

	@Test
	void aRequestFactoryBuilderOfAnotherKindIsGivenSettingsThatFollowNoRedirect() {
		AtomicReference<HttpClientSettings> received = new AtomicReference<>();
		SimpleClientHttpRequestFactory factory = new SimpleClientHttpRequestFactory();
		ClientHttpRequestFactoryBuilder<SimpleClientHttpRequestFactory> builder = (settings) -> {
			received.set(settings);
			return factory;
		};
		assertThat(EmnifyHttpClients.requestFactory(builder, this.following)).isSameAs(factory);
		assertThat(received.get().redirects()).isEqualTo(HttpRedirects.DONT_FOLLOW);
		assertThat(received.get().readTimeout()).isEqualTo(Duration.ofSeconds(7));
	}

	@Test
	void aMissingBuilderIsReportedByName() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> EmnifyHttpClients.connector(null, HttpClientSettings.defaults()))
			.withMessage("ClientHttpConnectorBuilder must not be null");
	}

}
