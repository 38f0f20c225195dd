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

package io.github.iotstarters.emnify.auth;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.http.HttpClient.Redirect;
import java.util.EventListener;

import org.apache.hc.client5.http.impl.async.HttpAsyncClientBuilder;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.eclipse.jetty.client.RedirectProtocolHandler;
import org.eclipse.jetty.client.WWWAuthenticationProtocolHandler;
import org.eclipse.jetty.util.component.LifeCycle;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.HttpComponentsClientHttpRequestFactory;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.http.client.JettyClientHttpRequestFactory;
import org.springframework.http.client.ReactorClientHttpRequestFactory;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.http.client.reactive.HttpComponentsClientHttpConnector;
import org.springframework.http.client.reactive.JdkClientHttpConnector;
import org.springframework.http.client.reactive.JettyClientHttpConnector;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.http.codec.ClientCodecConfigurer;
import org.springframework.util.ClassUtils;

/**
 * Connectors and request factories for emnify: they never follow a redirect, so that
 * neither a token nor a login body goes to the host a redirect names, and they hand
 * emnify's 401 answers to the caller as they came.
 * <p>
 * {@link #connector()} and {@link #requestFactory()} build on the HTTP client library
 * found on the classpath, in the order Spring picks one. To build on a client of your
 * own, pass it, or its builder, through the {@code forEmnify} method of its library
 * ({@link ReactorNetty}, {@link Jdk}, {@link Jetty}, {@link HttpComponents}) after
 * everything else has configured it: that turns redirects off again, whatever was set
 * before. Jetty's client also loses its authentication-challenge handler, which turns a
 * 401 without a {@code WWW-Authenticate} header, as emnify answers a stale token, into a
 * protocol violation instead of a response that the token can be renewed on. Each nested
 * class is loaded only when its library is used.
 */
public final class EmnifyHttpClientBuilders {

	private static final boolean REACTOR_NETTY_PRESENT = isPresent("reactor.netty.http.client.HttpClient");

	private static final boolean JETTY_PRESENT = isPresent("org.eclipse.jetty.client.HttpClient");

	private static final boolean JETTY_REACTIVE_PRESENT = JETTY_PRESENT
			&& isPresent("org.eclipse.jetty.reactive.client.ReactiveRequest");

	private static final boolean HTTP_COMPONENTS_PRESENT = isPresent(
			"org.apache.hc.client5.http.impl.classic.HttpClients");

	private static final boolean HTTP_COMPONENTS_REACTIVE_PRESENT = isPresent(
			"org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient")
			&& isPresent("org.apache.hc.core5.reactive.ReactiveDataConsumer");

	private static final boolean JDK_PRESENT = isPresent("java.net.http.HttpClient");

	private EmnifyHttpClientBuilders() {
	}

	/**
	 * Build a connector for emnify on the first HTTP client library present, in the order
	 * of {@code WebClient.builder()}: Reactor Netty, Jetty (with
	 * {@code jetty-reactive-httpclient}), Apache HttpClient 5 (with
	 * {@code httpcore5-reactive}), else the JDK's client.
	 * @return a new connector that follows no redirect
	 */
	public static ClientHttpConnector connector() {
		if (REACTOR_NETTY_PRESENT) {
			return ReactorNetty.connector();
		}
		if (JETTY_REACTIVE_PRESENT) {
			return Jetty.connector();
		}
		if (HTTP_COMPONENTS_REACTIVE_PRESENT) {
			return HttpComponents.connector();
		}
		return Jdk.connector();
	}

	/**
	 * Build a request factory for emnify on the first HTTP client library present, in the
	 * order Spring Boot detects one: Apache HttpClient 5, Jetty, Reactor Netty, the JDK's
	 * client, else {@link HttpURLConnection}.
	 * @return a new request factory that follows no redirect
	 */
	public static ClientHttpRequestFactory requestFactory() {
		if (HTTP_COMPONENTS_PRESENT) {
			return HttpComponents.requestFactory();
		}
		if (JETTY_PRESENT) {
			return Jetty.requestFactory();
		}
		if (REACTOR_NETTY_PRESENT) {
			return ReactorNetty.requestFactory();
		}
		if (JDK_PRESENT) {
			return Jdk.requestFactory();
		}
		return new SimpleNoRedirects();
	}

	/**
	 * Keep Spring's exchange logging from printing the request headers of a client of
	 * emnify, as it does at TRACE once request details are on
	 * ({@code spring.http.codecs.log-request-details}): they carry emnify's auth token.
	 * For
	 * {@link org.springframework.web.reactive.function.client.WebClient.Builder#codecs};
	 * the starter applies it to every client it builds. It cannot reach a builder given
	 * an {@code exchangeFunction} of its own, whose codecs the builder then ignores, nor
	 * a custom codec registered with request details on, nor logging below Spring, such
	 * as Reactor Netty's wiretap.
	 * @param codecs the client's codecs
	 */
	public static void hideRequestDetails(ClientCodecConfigurer codecs) {
		codecs.defaultCodecs().enableLoggingRequestDetails(false);
	}

	private static boolean isPresent(String className) {
		return ClassUtils.isPresent(className, EmnifyHttpClientBuilders.class.getClassLoader());
	}

	/**
	 * Reactor Netty's client for emnify.
	 */
	public static final class ReactorNetty {

		private ReactorNetty() {
		}

		/**
		 * Make a client follow no redirect.
		 * @param client the client, as configured so far
		 * @return the client, following no redirect
		 */
		public static reactor.netty.http.client.HttpClient forEmnify(reactor.netty.http.client.HttpClient client) {
			return client.followRedirect(false);
		}

		static ClientHttpConnector connector() {
			return new ReactorClientHttpConnector(forEmnify(client()));
		}

		static ClientHttpRequestFactory requestFactory() {
			return new ReactorClientHttpRequestFactory(forEmnify(client()));
		}

		// As Spring's own connector creates it.
		private static reactor.netty.http.client.HttpClient client() {
			return reactor.netty.http.client.HttpClient.create().compress(true);
		}

	}

	/**
	 * The JDK's client for emnify.
	 */
	public static final class Jdk {

		private Jdk() {
		}

		/**
		 * Make a client builder build clients that follow no redirect.
		 * @param builder the builder, as configured so far
		 * @return the builder, building clients that follow no redirect
		 */
		public static java.net.http.HttpClient.Builder forEmnify(java.net.http.HttpClient.Builder builder) {
			return builder.followRedirects(Redirect.NEVER);
		}

		static ClientHttpConnector connector() {
			return new JdkClientHttpConnector(forEmnify(java.net.http.HttpClient.newBuilder()).build());
		}

		static ClientHttpRequestFactory requestFactory() {
			return new JdkClientHttpRequestFactory(forEmnify(java.net.http.HttpClient.newBuilder()).build());
		}

	}

	/**
	 * Jetty's client for emnify.
	 */
	public static final class Jetty {

		private Jetty() {
		}

		/**
		 * Make a client that has not started yet follow no redirect, and pass a 401
		 * without a {@code WWW-Authenticate} challenge to the caller: Jetty installs its
		 * redirect and authentication-challenge handlers when the client starts, and they
		 * are taken out once it has started.
		 * @param client the client, as configured so far
		 * @return the client, following no redirect
		 */
		public static org.eclipse.jetty.client.HttpClient forEmnify(org.eclipse.jetty.client.HttpClient client) {
			client.setFollowRedirects(false);
			EventListener listener = new LifeCycle.Listener() {

				@Override
				public void lifeCycleStarted(LifeCycle event) {
					client.getProtocolHandlers().remove(RedirectProtocolHandler.NAME);
					client.getProtocolHandlers().remove(WWWAuthenticationProtocolHandler.NAME);
				}

			};
			client.addEventListener(listener);
			return client;
		}

		static ClientHttpConnector connector() {
			return new JettyClientHttpConnector(forEmnify(new org.eclipse.jetty.client.HttpClient()));
		}

		static ClientHttpRequestFactory requestFactory() {
			return new JettyClientHttpRequestFactory(forEmnify(new org.eclipse.jetty.client.HttpClient()));
		}

	}

	/**
	 * Apache HttpClient 5 for emnify.
	 */
	public static final class HttpComponents {

		private HttpComponents() {
		}

		/**
		 * Make an async client builder build clients that follow no redirect, whatever
		 * redirect strategy it was given.
		 * @param builder the builder, as configured so far
		 * @return the builder, building clients that follow no redirect
		 */
		public static HttpAsyncClientBuilder forEmnify(HttpAsyncClientBuilder builder) {
			return builder.disableRedirectHandling();
		}

		/**
		 * Make a classic client builder build clients that follow no redirect, whatever
		 * redirect strategy or request configuration it was given.
		 * @param builder the builder, as configured so far
		 * @return the builder, building clients that follow no redirect
		 */
		public static HttpClientBuilder forEmnify(HttpClientBuilder builder) {
			return builder.disableRedirectHandling();
		}

		// With the system's proxy and TLS properties, as Spring Boot builds them.
		static ClientHttpConnector connector() {
			return new HttpComponentsClientHttpConnector(
					forEmnify(HttpAsyncClients.custom().useSystemProperties()).build());
		}

		static ClientHttpRequestFactory requestFactory() {
			return new HttpComponentsClientHttpRequestFactory(
					forEmnify(HttpClients.custom().useSystemProperties()).build());
		}

	}

	// HttpURLConnection follows redirects of a GET unless told not to.
	static final class SimpleNoRedirects extends SimpleClientHttpRequestFactory {

		@Override
		protected void prepareConnection(HttpURLConnection connection, String httpMethod) throws IOException {
			super.prepareConnection(connection, httpMethod);
			connection.setInstanceFollowRedirects(false);
		}

	}

}
