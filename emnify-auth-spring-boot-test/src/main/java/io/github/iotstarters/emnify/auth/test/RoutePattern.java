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

package io.github.iotstarters.emnify.auth.test;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A method and path pattern of emnify's rate-limit tables, such as {@code GET
 * /api/v1/endpoint/{id}/stats/**}: {@code {name}} matches one path segment, a trailing
 * {@code **} the rest of the path, zero segments included; a pattern without a method
 * matches every method. Paths are compared with a trailing {@code /} removed.
 *
 * @param method the HTTP method, or {@code null} for every method
 * @param segments the segments of the path pattern
 */
record RoutePattern(@Nullable String method, List<String> segments) {

	private static final String REST = "**";

	/**
	 * Orders patterns from the most specific to the least, so that the first that matches
	 * a request is the most specific: {@code /api/v1/endpoint/stats} before
	 * {@code /api/v1/endpoint/{id}}, whatever the order of declaration. A pattern without
	 * {@code **} is more specific than one with, then fewer variables, then more
	 * segments, then one with a method.
	 */
	static final Comparator<RoutePattern> MOST_SPECIFIC_FIRST = Comparator
		.comparing((RoutePattern pattern) -> pattern.segments().contains(REST))
		.thenComparingLong((pattern) -> pattern.segments().stream().filter(RoutePattern::isVariable).count())
		.thenComparing((pattern) -> pattern.segments().size(), Comparator.reverseOrder())
		.thenComparing((pattern) -> pattern.method() == null);

	/**
	 * Parses {@code "GET /api/v1/sim/{id}"} or {@code "/api/v1/sim/{id}"}.
	 * @param pattern the method, a space and the path pattern, or the path pattern alone
	 * @return the pattern
	 */
	static RoutePattern parse(String pattern) {
		int space = pattern.indexOf(' ');
		String method = (space > 0) ? pattern.substring(0, space) : null;
		List<String> segments = segments(pattern.substring(space + 1));
		int rest = segments.indexOf(REST);
		if (rest >= 0 && rest != segments.size() - 1) {
			throw new IllegalArgumentException("** may only end a pattern, not as in " + pattern);
		}
		return new RoutePattern(method, segments);
	}

	/**
	 * The segments of a request path, with a trailing {@code /} removed.
	 * @param path the path, without query
	 * @return its segments
	 */
	static List<String> segments(String path) {
		String trimmed = path.replaceAll("^/+|/+$", "");
		return trimmed.isEmpty() ? List.of() : Arrays.asList(trimmed.split("/"));
	}

	boolean matches(String requestMethod, List<String> pathSegments) {
		if (this.method != null && !this.method.equalsIgnoreCase(requestMethod)) {
			return false;
		}
		for (int index = 0; index < this.segments.size(); index++) {
			String segment = this.segments.get(index);
			if (segment.equals(REST)) {
				return true;
			}
			if (index >= pathSegments.size() || pathSegments.get(index).isEmpty()
					|| (!isVariable(segment) && !segment.equals(pathSegments.get(index)))) {
				return false;
			}
		}
		return pathSegments.size() == this.segments.size();
	}

	private static boolean isVariable(String segment) {
		return segment.startsWith("{") && segment.endsWith("}");
	}

}
