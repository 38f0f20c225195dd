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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import org.springframework.web.util.pattern.PatternParseException;

import io.github.iotstarters.emnify.auth.web.EmnifyRateLimits.Limit;

/**
 * Which of emnify's rate limits a request falls under: the class whose path matches it
 * most specifically ({@code /api/v1/endpoint/stats} before
 * {@code /api/v1/endpoint/{id}}), never the first class declared; a path with a method
 * before the same path without one. Paths are matched below the base URL's path, one
 * trailing {@code /} ignored, as emnify serves both forms. A request of no class is paced
 * by the limit per IP address alone.
 */
final class LimitClasses {

	private static final Pattern ENTRY = Pattern.compile("(?:([A-Z]+)\\s+)?(/\\S*)");

	// Ties that checkUnambiguous lets through (paths of equal specificity that are not
	// the same path, such as "/a/{x}" and "/{y}/a") go by the class's name and then
	// the pattern: never by the order of a map of properties.
	private static final Comparator<Route> MOST_SPECIFIC_FIRST = Comparator
		.comparing((Route route) -> route.path().pattern(), PathPattern.SPECIFICITY_COMPARATOR)
		.thenComparing((route) -> route.path().method() == null)
		.thenComparing((route) -> route.limit().name())
		.thenComparing((route) -> route.path().pattern().getPatternString());

	private static final Pattern VARIABLE = Pattern.compile("\\{[^}]*\\}");

	private static final int REMEMBERED = 1024;

	private final String basePath;

	private final List<Route> routes = new ArrayList<>();

	// An application asks for a few paths again and again: their classes are remembered,
	// up to a bound per method, so that a request's path is not parsed and matched
	// against every pattern each time.
	private final Map<HttpMethod, Map<String, Optional<Limit>>> remembered = new ConcurrentHashMap<>();

	/**
	 * Compile the classes' paths.
	 * @param baseUrl emnify's base URL, whose path the classes' paths are relative to
	 * @param limits the limit classes
	 */
	LimitClasses(URI baseUrl, List<Limit> limits) {
		String path = baseUrl.getRawPath();
		this.basePath = (path != null) ? path.replaceAll("/+$", "") : "";
		for (Limit limit : limits) {
			limit.paths().forEach((entry) -> this.routes.add(new Route(parse(limit.name(), entry), limit)));
		}
		this.routes.sort(MOST_SPECIFIC_FIRST);
	}

	/**
	 * Return the limit class of a request.
	 * @param method the request's method
	 * @param url the request's URL, to emnify's origin
	 * @return the class, or {@code null} when the request falls under none
	 */
	@Nullable Limit classify(HttpMethod method, URI url) {
		String path = url.getRawPath();
		if (path == null) {
			return null;
		}
		Map<String, Optional<Limit>> byPath = this.remembered.computeIfAbsent(method,
				(ignored) -> new ConcurrentHashMap<>());
		Optional<Limit> known = byPath.get(path);
		if (known != null) {
			return known.orElse(null);
		}
		Limit limit = match(method, path);
		if (byPath.size() >= REMEMBERED) {
			byPath.clear();
		}
		byPath.put(path, Optional.ofNullable(limit));
		return limit;
	}

	private @Nullable Limit match(HttpMethod method, String path) {
		if (!(path.equals(this.basePath) || path.startsWith(this.basePath + "/"))) {
			return null;
		}
		String below = withoutTrailingSlash(path.substring(this.basePath.length()));
		PathContainer container = PathContainer.parsePath(below.isEmpty() ? "/" : below);
		for (Route route : this.routes) {
			HttpMethod routeMethod = route.path().method();
			if ((routeMethod == null || routeMethod.equals(method)) && route.path().pattern().matches(container)) {
				return route.limit();
			}
		}
		return null;
	}

	/**
	 * Read one path of a limit class, {@code [METHOD ]pattern}.
	 * @param name the class's name, for the message
	 * @param entry the path
	 * @return the method, if any, and the pattern
	 * @throws IllegalArgumentException when the path cannot be read
	 */
	static MethodPath parse(String name, String entry) {
		Matcher matcher = ENTRY.matcher(entry.trim());
		if (!matcher.matches()) {
			throw new IllegalArgumentException("emnify rate limit '" + name + "' has a path that is not "
					+ "'[METHOD ]/pattern' (such as 'GET /api/v1/endpoint/{id}'): '" + entry + "'");
		}
		String method = matcher.group(1);
		String pattern = matcher.group(2);
		try {
			return new MethodPath((method != null) ? HttpMethod.valueOf(method) : null,
					PathPatternParser.defaultInstance.parse(withoutTrailingSlash(pattern)));
		}
		catch (PatternParseException ex) {
			throw new IllegalArgumentException("emnify rate limit '" + name + "' has a path that is no valid pattern: '"
					+ entry + "' (" + ex.getMessage() + ")", ex);
		}
	}

	/**
	 * Check that no two classes name the same path, for which neither would be more
	 * specific; paths that differ only in their variables' names, such as
	 * {@code /api/v1/endpoint/{id}} and {@code /api/v1/endpoint/{endpointId}}, are one
	 * path.
	 * @param limits the limit classes
	 * @throws IllegalArgumentException when two classes name one path
	 */
	static void checkUnambiguous(List<Limit> limits) {
		Map<String, String> owners = new HashMap<>();
		for (Limit limit : limits) {
			for (String entry : limit.paths()) {
				MethodPath path = parse(limit.name(), entry);
				String key = path.method() + " " + VARIABLE.matcher(path.pattern().getPatternString()).replaceAll("{}");
				String owner = owners.putIfAbsent(key, limit.name());
				if (owner != null && !owner.equals(limit.name())) {
					throw new IllegalArgumentException("emnify rate limits '" + owner + "' and '" + limit.name()
							+ "' both name the path '" + entry.trim() + "'; name it in one of them");
				}
			}
		}
	}

	// emnify serves "/api/v1/endpoint" and "/api/v1/endpoint/" alike, and its own
	// documents name both forms.
	private static String withoutTrailingSlash(String path) {
		return (path.length() > 1 && path.endsWith("/")) ? path.substring(0, path.length() - 1) : path;
	}

	/**
	 * One path of a limit class.
	 *
	 * @param method the method it covers, {@code null} for every method
	 * @param pattern the path pattern
	 */
	record MethodPath(@Nullable HttpMethod method, PathPattern pattern) {

	}

	private record Route(MethodPath path, Limit limit) {

	}

}
