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

import java.net.URI;

import org.springframework.http.ResponseEntity;

/**
 * Reads the id of a resource emnify created from the {@code Location} of its answer: the
 * last path segment, whether emnify sends an absolute URL (as observed) or a relative
 * path (as documented). The one home of the rule, so no caller cuts the id out by
 * position.
 */
final class EmnifyLocations {

	private EmnifyLocations() {
	}

	static long createdId(ResponseEntity<?> answer) {
		URI location = answer.getHeaders().getLocation();
		if (location == null || location.getPath() == null) {
			throw new IllegalStateException("emnify answered " + answer.getStatusCode()
					+ " without a Location header naming the created resource");
		}
		String path = location.getPath();
		String trimmed = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
		String lastSegment = trimmed.substring(trimmed.lastIndexOf('/') + 1);
		try {
			return Long.parseLong(lastSegment);
		}
		catch (NumberFormatException ex) {
			throw new IllegalStateException(
					"emnify's Location " + location + " does not end in the id of the created resource", ex);
		}
	}

}
