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

package io.github.iotstarters.emnify.auth.web;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.util.Assert;
import org.springframework.util.unit.DataSize;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.support.WebClientAdapter;
import org.springframework.web.service.invoker.HttpServiceProxyFactory;

import io.github.iotstarters.emnify.auth.EmnifyAuthenticationListener;
import io.github.iotstarters.emnify.auth.EmnifyTokenProvider;
import io.github.iotstarters.emnify.auth.EmnifyTokenProviderBuilder;
import io.github.iotstarters.emnify.auth.EmnifyUserSession;

/**
 * Pre-authenticated access to any emnify workspace a user may enter, all sharing one
 * {@link EmnifyUserSession}: one login (and MFA) for the user, then one switch per
 * workspace, and a {@link WebClient} per workspace whose requests carry that workspace's
 * token, and the clients of HTTP service interfaces on it, such as {@code emnify-api}'s
 * typed clients.
 * <p>
 * Created with {@link #of(EmnifyUserSession)} from
 * {@link EmnifyTokenProviderBuilder#buildUserSession()}; the auto-configuration registers
 * one as {@code emnifyWorkspaces} for user credentials.
 */
public final class EmnifyWorkspaces {

	private static final Log logger = LogFactory.getLog(EmnifyWorkspaces.class);

	private final EmnifyUserSession session;

	private final EmnifyAuthenticationListener listener;

	private final DataSize replayMaxBodySize;

	private final EmnifyRateLimits rateLimits;

	private final EmnifyRateLimitBuckets buckets;

	private final Map<Long, Workspace> workspaces = new ConcurrentHashMap<>();

	private final AtomicReference<@Nullable Function<WebClient, HttpServiceProxyFactory>> proxyFactories = new AtomicReference<>();

	private EmnifyWorkspaces(EmnifyUserSession session, EmnifyAuthenticationListener listener,
			DataSize replayMaxBodySize, EmnifyRateLimits rateLimits, EmnifyRateLimitBuckets buckets) {
		this.session = session;
		this.listener = listener;
		this.replayMaxBodySize = replayMaxBodySize;
		this.rateLimits = rateLimits;
		this.buckets = buckets;
	}

	/**
	 * Return access to the workspaces of a user session, with web clients that replay
	 * bodies up to 1 MB after a 401 and tell no listener.
	 * @param session the user session
	 * @return the workspaces
	 */
	public static EmnifyWorkspaces of(EmnifyUserSession session) {
		return of(session, EmnifyAuthenticationListener.NONE, ReplayPolicy.DEFAULT_MAX_BODY_SIZE);
	}

	/**
	 * Return access to the workspaces of a user session.
	 * @param session the user session
	 * @param listener the listener the web clients tell of replays
	 * @param replayMaxBodySize the largest request body the web clients record, as it is
	 * written, to replay a request after a 401; a request with a larger body is not
	 * replayed and its caller gets the 401
	 * @return the workspaces, whose web clients keep to {@link EmnifyRateLimits#emnify()
	 * emnify's rate limits} on the buckets that this JVM's clients share
	 */
	public static EmnifyWorkspaces of(EmnifyUserSession session, EmnifyAuthenticationListener listener,
			DataSize replayMaxBodySize) {
		return of(session, listener, replayMaxBodySize, EmnifyRateLimits.emnify(),
				Bucket4jRateLimitBuckets.inThisJvm());
	}

	/**
	 * Return access to the workspaces of a user session whose web clients keep to the
	 * given rate limits. Each workspace is an organisation of its own, with buckets of
	 * its own: emnify counts its limits per organisation.
	 * @param session the user session
	 * @param listener the listener the web clients tell of replays, 429s and waits
	 * @param replayMaxBodySize the largest request body the web clients record, as it is
	 * written, to send a request again after a 401 or a 429
	 * @param rateLimits the rate limits, {@link EmnifyRateLimits#none()} for none
	 * @param buckets where the buckets of the limits live
	 * @return the workspaces
	 */
	public static EmnifyWorkspaces of(EmnifyUserSession session, EmnifyAuthenticationListener listener,
			DataSize replayMaxBodySize, EmnifyRateLimits rateLimits, EmnifyRateLimitBuckets buckets) {
		Assert.notNull(session, "EmnifyUserSession must not be null");
		Assert.notNull(listener, "EmnifyAuthenticationListener must not be null");
		Assert.isTrue(replayMaxBodySize != null && !replayMaxBodySize.isNegative(),
				"emnify replay max body size must not be negative");
		Assert.notNull(rateLimits, "EmnifyRateLimits must not be null");
		Assert.notNull(buckets, "EmnifyRateLimitBuckets must not be null");
		return new EmnifyWorkspaces(session, listener, replayMaxBodySize, rateLimits, buckets);
	}

	/**
	 * Return the provider of the user's own tokens, valid for the user's home workspace.
	 * @return the user session's token provider
	 */
	public EmnifyTokenProvider userTokenProvider() {
		return this.session.userTokenProvider();
	}

	/**
	 * Return the provider of tokens for the given workspace, created on first use.
	 * @param workspaceId the id of the workspace (organisation) to switch to
	 * @return the token provider of that workspace
	 */
	public EmnifyTokenProvider tokenProvider(long workspaceId) {
		return this.session.tokenProvider(workspaceId);
	}

	/**
	 * Return a {@link WebClient} whose requests to emnify carry a token of the given
	 * workspace, created on first use from the session's
	 * {@linkplain EmnifyUserSession#webClientBuilder() web client builder}, on its
	 * connector, which follows no redirects.
	 * @param workspaceId the id of the workspace (organisation) to work in
	 * @return the web client for that workspace
	 */
	public WebClient webClient(long workspaceId) {
		return workspace(workspaceId).webClient;
	}

	/**
	 * Return the client of an HTTP service interface whose requests to emnify carry a
	 * token of the given workspace, created on first use on that workspace's
	 * {@linkplain #webClient(long) web client}. With {@code emnify-api} on the class path
	 * its typed clients ({@code EmnifyEndpoints}, {@code ReactiveEmnifyEndpoints} and the
	 * others) throw its {@code EmnifyApiException}s, as the application's beans of them
	 * do. A blocking interface blocks its caller's thread: call it off Reactor's event
	 * loops.
	 * @param <S> the interface's type
	 * @param workspaceId the id of the workspace (organisation) to work in
	 * @param serviceType the interface, annotated with {@code @HttpExchange}
	 * @return the workspace's client of that interface, the same on every call
	 */
	public <S> S client(long workspaceId, Class<S> serviceType) {
		Assert.notNull(serviceType, "The HTTP service interface must not be null");
		Workspace workspace = workspace(workspaceId);
		return serviceType.cast(workspace.clients.computeIfAbsent(serviceType,
				(type) -> workspace.proxyFactory(proxyFactories(type)).createClient(type)));
	}

	private Workspace workspace(long workspaceId) {
		return this.workspaces.computeIfAbsent(workspaceId,
				(id) -> new Workspace(this.session.webClientBuilder()
					.filter(new EmnifyAuthenticationFilter(tokenProvider(id), this.session.baseUrl(), this.listener,
							this.replayMaxBodySize, this.rateLimits, this.buckets))
					.build()));
	}

	// Looked up once, on the first client: a web client alone never needs it.
	private Function<WebClient, HttpServiceProxyFactory> proxyFactories(Class<?> serviceType) {
		Function<WebClient, HttpServiceProxyFactory> found = this.proxyFactories.get();
		if (found == null) {
			this.proxyFactories.compareAndSet(null, findProxyFactories(serviceType));
			found = this.proxyFactories.get();
			Assert.state(found != null, "The proxy factories were just set");
		}
		return found;
	}

	// The interface's class loader first, which sees emnify-api where the application
	// does, then the core's. A provider that cannot be loaded leaves Spring's plain
	// proxies, with a warning, rather than no client at all.
	private static Function<WebClient, HttpServiceProxyFactory> findProxyFactories(Class<?> serviceType) {
		Set<ClassLoader> loaders = new LinkedHashSet<>();
		if (serviceType.getClassLoader() != null) {
			loaders.add(serviceType.getClassLoader());
		}
		loaders.add(EmnifyWorkspaces.class.getClassLoader());
		for (ClassLoader loader : loaders) {
			try {
				Optional<EmnifyHttpServiceProxies> proxies = ServiceLoader.load(EmnifyHttpServiceProxies.class, loader)
					.findFirst();
				if (proxies.isPresent()) {
					return proxies.get()::proxyFactory;
				}
			}
			catch (ServiceConfigurationError ex) {
				logger.warn("The emnify workspaces' clients of HTTP service interfaces throw Spring's "
						+ "WebClientResponseException, not emnify-api's EmnifyApiException: its "
						+ EmnifyHttpServiceProxies.class.getSimpleName() + " could not be loaded (" + ex.getMessage()
						+ "). Check that emnify-api and emnify-auth-core are of the same version.", ex);
			}
		}
		return (webClient) -> HttpServiceProxyFactory.builderFor(WebClientAdapter.create(webClient)).build();
	}

	/**
	 * A workspace's web client and the clients of HTTP service interfaces on it, made on
	 * first use.
	 */
	private static final class Workspace {

		private final WebClient webClient;

		private final Map<Class<?>, Object> clients = new ConcurrentHashMap<>();

		private @Nullable HttpServiceProxyFactory proxyFactory;

		Workspace(WebClient webClient) {
			this.webClient = webClient;
		}

		synchronized HttpServiceProxyFactory proxyFactory(Function<WebClient, HttpServiceProxyFactory> factories) {
			HttpServiceProxyFactory factory = this.proxyFactory;
			if (factory == null) {
				factory = factories.apply(this.webClient);
				this.proxyFactory = factory;
			}
			return factory;
		}

	}

}
