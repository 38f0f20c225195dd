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

import java.util.function.UnaryOperator;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.HttpComponentsClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpRedirects;
import org.springframework.boot.http.client.JdkClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.JettyClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.ReactorClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.autoconfigure.HttpClientSettingsPropertyMapper;
import org.springframework.boot.http.client.autoconfigure.service.HttpServiceClientProperties;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.boot.http.client.reactive.HttpComponentsClientHttpConnectorBuilder;
import org.springframework.boot.http.client.reactive.JdkClientHttpConnectorBuilder;
import org.springframework.boot.http.client.reactive.JettyClientHttpConnectorBuilder;
import org.springframework.boot.http.client.reactive.ReactorClientHttpConnectorBuilder;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.core.io.ResourceLoader;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.util.Assert;
import org.springframework.util.ClassUtils;

import io.github.iotstarters.emnify.auth.EmnifyHttpClientBuilders;

/**
 * Connectors and request factories for emnify, built with Spring Boot's builders from
 * Boot's settings, as the application configured them ({@code spring.http.clients.*}, and
 * for the HTTP service group {@code spring.http.serviceclient.emnify.*}): they never
 * follow a redirect, so that neither a token nor a login body goes to the host a redirect
 * names, and they hand emnify's 401 answers to the caller as they came.
 * <p>
 * Redirects are turned off twice: in the settings ({@link HttpRedirects#DONT_FOLLOW}),
 * and in the HTTP client library's own client after every customizer of the builder has
 * run, by {@link EmnifyHttpClientBuilders}' {@code forEmnify} of that library, so that a
 * customizer of the application that follows redirects (Reactor Netty's
 * {@code followRedirect(true)}, the JDK's {@code Redirect.ALWAYS}, Jetty's
 * {@code setFollowRedirects(true)}, Apache's {@code setRedirectsEnabled(true)}) cannot
 * win.
 * <p>
 * A builder of another kind than Boot's own (Reactor Netty, JDK, Jetty, Apache
 * HttpComponents, and for request factories also the simple one) is built with the
 * settings alone: it must honour their redirect setting.
 */
public final class EmnifyHttpClients {

	private static final boolean REACTOR_PRESENT = isPresent("reactor.netty.http.client.HttpClient");

	private static final boolean JETTY_PRESENT = isPresent("org.eclipse.jetty.client.HttpClient");

	private static final boolean HTTP_COMPONENTS_PRESENT = isPresent(
			"org.apache.hc.client5.http.impl.classic.HttpClientBuilder");

	private EmnifyHttpClients() {
	}

	/**
	 * Build a connector for emnify.
	 * @param builder the connector builder of Spring Boot, as the application configured
	 * it
	 * @param settings the settings to build with; their redirect setting is replaced
	 * @return a connector that follows no redirect
	 */
	public static ClientHttpConnector connector(ClientHttpConnectorBuilder<?> builder, HttpClientSettings settings) {
		Assert.notNull(builder, "ClientHttpConnectorBuilder must not be null");
		Assert.notNull(settings, "HttpClientSettings must not be null");
		return forEmnify(builder).build(settings.withRedirects(HttpRedirects.DONT_FOLLOW));
	}

	/**
	 * Build a request factory for emnify.
	 * @param builder the request factory builder of Spring Boot, as the application
	 * configured it
	 * @param settings the settings to build with; their redirect setting is replaced
	 * @return a request factory that follows no redirect
	 */
	public static ClientHttpRequestFactory requestFactory(ClientHttpRequestFactoryBuilder<?> builder,
			HttpClientSettings settings) {
		Assert.notNull(builder, "ClientHttpRequestFactoryBuilder must not be null");
		Assert.notNull(settings, "HttpClientSettings must not be null");
		return forEmnify(builder).build(settings.withRedirects(HttpRedirects.DONT_FOLLOW));
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
		return connector(
				builder.getIfAvailable(() -> ClientHttpConnectorBuilder.detect(resourceLoader.getClassLoader())),
				settings);
	}

	static ClientHttpRequestFactory requestFactory(ResourceLoader resourceLoader,
			ObjectProvider<ClientHttpRequestFactoryBuilder<?>> builder, HttpClientSettings settings) {
		return requestFactory(
				builder.getIfAvailable(() -> ClientHttpRequestFactoryBuilder.detect(resourceLoader.getClassLoader())),
				settings);
	}

	private static ClientHttpConnectorBuilder<?> forEmnify(ClientHttpConnectorBuilder<?> builder) {
		return EmnifyHttpClients.<ClientHttpConnectorBuilder<?>>forEachLibrary(builder, Jdk::forEmnify,
				ReactorNetty::forEmnify, Jetty::forEmnify, HttpComponents::forEmnify);
	}

	private static ClientHttpRequestFactoryBuilder<?> forEmnify(ClientHttpRequestFactoryBuilder<?> builder) {
		// The simple factory's redirects are set from the settings alone.
		return EmnifyHttpClients.<ClientHttpRequestFactoryBuilder<?>>forEachLibrary(builder, Jdk::forEmnify,
				ReactorNetty::forEmnify, Jetty::forEmnify, HttpComponents::forEmnify);
	}

	// Each library's builder types are named only in its nested class, used once the
	// library is known to be there; a builder of another library passes unchanged.
	private static <B> B forEachLibrary(B builder, UnaryOperator<B> jdk, UnaryOperator<B> reactor,
			UnaryOperator<B> jetty, UnaryOperator<B> httpComponents) {
		B result = jdk.apply(builder);
		if (REACTOR_PRESENT) {
			result = reactor.apply(result);
		}
		if (JETTY_PRESENT) {
			result = jetty.apply(result);
		}
		if (HTTP_COMPONENTS_PRESENT) {
			result = httpComponents.apply(result);
		}
		return result;
	}

	private static boolean isPresent(String className) {
		return ClassUtils.isPresent(className, EmnifyHttpClients.class.getClassLoader());
	}

	private static final class Jdk {

		static ClientHttpConnectorBuilder<?> forEmnify(ClientHttpConnectorBuilder<?> builder) {
			return (builder instanceof JdkClientHttpConnectorBuilder jdk)
					? jdk.withHttpClientCustomizer(EmnifyHttpClientBuilders.Jdk::forEmnify) : builder;
		}

		static ClientHttpRequestFactoryBuilder<?> forEmnify(ClientHttpRequestFactoryBuilder<?> builder) {
			return (builder instanceof JdkClientHttpRequestFactoryBuilder jdk)
					? jdk.withHttpClientCustomizer(EmnifyHttpClientBuilders.Jdk::forEmnify) : builder;
		}

	}

	private static final class ReactorNetty {

		static ClientHttpConnectorBuilder<?> forEmnify(ClientHttpConnectorBuilder<?> builder) {
			return (builder instanceof ReactorClientHttpConnectorBuilder reactor)
					? reactor.withHttpClientCustomizer(EmnifyHttpClientBuilders.ReactorNetty::forEmnify) : builder;
		}

		static ClientHttpRequestFactoryBuilder<?> forEmnify(ClientHttpRequestFactoryBuilder<?> builder) {
			return (builder instanceof ReactorClientHttpRequestFactoryBuilder reactor)
					? reactor.withHttpClientCustomizer(EmnifyHttpClientBuilders.ReactorNetty::forEmnify) : builder;
		}

	}

	private static final class HttpComponents {

		static ClientHttpConnectorBuilder<?> forEmnify(ClientHttpConnectorBuilder<?> builder) {
			return (builder instanceof HttpComponentsClientHttpConnectorBuilder httpComponents)
					? httpComponents.withHttpClientCustomizer(EmnifyHttpClientBuilders.HttpComponents::forEmnify)
					: builder;
		}

		static ClientHttpRequestFactoryBuilder<?> forEmnify(ClientHttpRequestFactoryBuilder<?> builder) {
			return (builder instanceof HttpComponentsClientHttpRequestFactoryBuilder httpComponents)
					? httpComponents.withHttpClientCustomizer(EmnifyHttpClientBuilders.HttpComponents::forEmnify)
					: builder;
		}

	}

	private static final class Jetty {

		static ClientHttpConnectorBuilder<?> forEmnify(ClientHttpConnectorBuilder<?> builder) {
			return (builder instanceof JettyClientHttpConnectorBuilder jetty)
					? jetty.withHttpClientCustomizer(EmnifyHttpClientBuilders.Jetty::forEmnify) : builder;
		}

		static ClientHttpRequestFactoryBuilder<?> forEmnify(ClientHttpRequestFactoryBuilder<?> builder) {
			return (builder instanceof JettyClientHttpRequestFactoryBuilder jetty)
					? jetty.withHttpClientCustomizer(EmnifyHttpClientBuilders.Jetty::forEmnify) : builder;
		}

	}

}
