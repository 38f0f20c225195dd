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

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.imperative.ImperativeHttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration;
import org.springframework.boot.http.codec.autoconfigure.CodecsAutoConfiguration;
import org.springframework.boot.http.converter.autoconfigure.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;

/**
 * Spring Boot's auto-configurations of HTTP clients, reactive and blocking, as an
 * application gets them (connectors and request factories from
 * {@code spring.http.clients.*}), with the starter's.
 */
final class BootHttpClients {

	private BootHttpClients() {
	}

	static AutoConfigurations autoConfigurations(Class<?>... more) {
		List<Class<?>> classes = new ArrayList<>(
				List.of(HttpClientAutoConfiguration.class, ReactiveHttpClientAutoConfiguration.class,
						ImperativeHttpClientAutoConfiguration.class, CodecsAutoConfiguration.class,
						WebClientAutoConfiguration.class, HttpMessageConvertersAutoConfiguration.class,
						RestClientAutoConfiguration.class, EmnifyWorkspacesAutoConfiguration.class,
						EmnifyAuthAutoConfiguration.class, EmnifyRestClientAutoConfiguration.class));
		classes.addAll(List.of(more));
		return AutoConfigurations.of(classes.toArray(Class<?>[]::new));
	}

}
