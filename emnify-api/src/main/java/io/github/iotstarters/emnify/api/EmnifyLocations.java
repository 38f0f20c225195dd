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

import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;

/**
 * Reads the id of a resource emnify created from the {@code Location} of its answer: the
 * last path segment, whether emnify sends an absolute URL (as observed) or a relative
 * path (as documented). The one home of the rule, so no caller cuts the id out by
 * position. An answer without such a {@code Location} fails as
 * {@link EmnifyCreatedWithoutIdException}, which says the request succeeded.
 */
final class EmnifyLocations {

	private EmnifyLocations() {
	}

	/**
	 * Return the id of the created resource.
	 * @param answer emnify's answer to the POST
	 * @param path the path the POST went to, for the exception
	 * @return the id
	 * @throws EmnifyCreatedWithoutIdException if {@code Location} is missing or does not
	 * end in an id
	 */
	static long createdId(ResponseEntity<?> answer, String path) {
		URI location = answer.getHeaders().getLocation();
		if (location == null || location.getPath() == null) {
			throw notNamed(answer, path, location, "emnify answered " + answer.getStatusCode() + " to POST " + path
					+ " without a Location header naming the created resource");
		}
		String locationPath = location.getPath();
		String trimmed = locationPath.endsWith("/") ? locationPath.substring(0, locationPath.length() - 1)
				: locationPath;
		String lastSegment = trimmed.substring(trimmed.lastIndexOf('/') + 1);
		try {
			return Long.parseLong(lastSegment);
		}
		catch (NumberFormatException ex) {
			throw notNamed(answer, path, location, "emnify's Location " + location + " in its answer to POST " + path
					+ " does not end in the id of the created resource");
		}
	}

	// The resource may have been created: the message says so, so that the caller looks
	// before creating it again.
	private static EmnifyCreatedWithoutIdException notNamed(ResponseEntity<?> answer, String path,
			@Nullable URI location, String problem) {
		return new EmnifyCreatedWithoutIdException(
				problem + "; the resource may exist now, look it up before you create it again", answer.getStatusCode(),
				URI.create(path), location);
	}

}
