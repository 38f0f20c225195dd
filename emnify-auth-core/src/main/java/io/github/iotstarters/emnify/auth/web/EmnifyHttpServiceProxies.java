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

import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.service.invoker.HttpServiceProxyFactory;

/**
 * How {@link EmnifyWorkspaces#client(long, Class)} makes the clients of HTTP service
 * interfaces on a workspace's web client. {@code emnify-api} provides one, found with
 * {@link java.util.ServiceLoader}, whose clients throw its {@code EmnifyApiException}s
 * for emnify's errors; without it the clients are Spring's plain proxies, which throw
 * {@code WebClientResponseException}s.
 */
public interface EmnifyHttpServiceProxies {

	/**
	 * Create the proxy factory for a workspace.
	 * @param webClient the workspace's web client, authenticated and paced;
	 * implementations add to a copy of it, never to the client itself
	 * @return the factory of the workspace's clients
	 */
	HttpServiceProxyFactory proxyFactory(WebClient webClient);

}
