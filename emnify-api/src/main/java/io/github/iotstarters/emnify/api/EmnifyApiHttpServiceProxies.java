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

import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.service.invoker.HttpServiceProxyFactory;

import io.github.iotstarters.emnify.auth.web.EmnifyHttpServiceProxies;
import io.github.iotstarters.emnify.auth.web.EmnifyWorkspaces;

/**
 * The proxies of {@link EmnifyWorkspaces#client(long, Class)} when {@code emnify-api} is
 * on the class path, made as {@link EmnifyHttpServices#reactive(WebClient)} makes them,
 * so that a workspace's typed clients throw {@link EmnifyApiException}s. Found with
 * {@link java.util.ServiceLoader}; applications do not call it.
 */
public final class EmnifyApiHttpServiceProxies implements EmnifyHttpServiceProxies {

	@Override
	public HttpServiceProxyFactory proxyFactory(WebClient webClient) {
		return EmnifyHttpServices.reactive(webClient);
	}

}
