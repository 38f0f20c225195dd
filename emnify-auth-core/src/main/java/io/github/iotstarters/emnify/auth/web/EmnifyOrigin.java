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

import java.net.URI;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

import io.github.iotstarters.emnify.auth.EmnifyTokenProvider;

/**
 * Decides which requests get emnify's token: those to the base URL's scheme, host and
 * port, without an {@code Authorization} header of their own, and not to the login
 * endpoint {@code /api/v1/authenticate}, which must carry no token.
 */
final class EmnifyOrigin {

	private final String scheme;

	private final String host;

	private final int port;

	private final String authenticatePath;

	EmnifyOrigin(URI baseUrl) {
		this.scheme = baseUrl.getScheme().toLowerCase(Locale.ROOT);
		this.host = baseUrl.getHost().toLowerCase(Locale.ROOT);
		this.port = effectivePort(baseUrl);
		String basePath = (baseUrl.getPath() != null) ? baseUrl.getPath().replaceAll("/+$", "") : "";
		this.authenticatePath = basePath + EmnifyTokenProvider.AUTHENTICATE_PATH;
	}

	boolean needsToken(URI url, boolean hasAuthorization) {
		return !hasAuthorization && isOrigin(url) && !isAuthenticatePath(url.getPath());
	}

	/**
	 * Whether the URL has the base URL's scheme, host and port. Cheap enough for every
	 * request: {@link URI} has parsed its parts already.
	 * @param url the URL of a request
	 * @return whether it goes to emnify
	 */
	boolean isOrigin(URI url) {
		return this.scheme.equalsIgnoreCase(url.getScheme()) && this.host.equalsIgnoreCase(url.getHost())
				&& this.port == effectivePort(url);
	}

	private boolean isAuthenticatePath(@Nullable String path) {
		return path != null && (path.equals(this.authenticatePath) || path.equals(this.authenticatePath + "/"));
	}

	private static int effectivePort(URI url) {
		if (url.getPort() != -1) {
			return url.getPort();
		}
		return "https".equalsIgnoreCase(url.getScheme()) ? 443 : ("http".equalsIgnoreCase(url.getScheme()) ? 80 : -1);
	}

}
