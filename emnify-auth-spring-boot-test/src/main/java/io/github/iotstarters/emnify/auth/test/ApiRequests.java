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

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.github.tomakehurst.wiremock.http.QueryParameter;
import com.github.tomakehurst.wiremock.http.Request;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import io.github.iotstarters.emnify.auth.test.Responses.EmnifyError;
import io.github.iotstarters.emnify.auth.test.TokenIssuer.AuthGrant;

/**
 * What the resources of the business API read alike from requests: query parameters, path
 * ids, page numbers and ids in bodies.
 */
final class ApiRequests {

	private ApiRequests() {
	}

	static @Nullable String parameter(Request request, String name) {
		QueryParameter parameter = request.queryParameter(name);
		if (parameter == null || !parameter.isPresent() || parameter.firstValue().isBlank()) {
			return null;
		}
		return parameter.firstValue();
	}

	/**
	 * A page number or size: below 1 the default, as emnify answers the first page for
	 * page 0; above the maximum the maximum.
	 * @param request the request
	 * @param name {@code page} or {@code per_page}
	 * @param defaultValue the value when absent or below 1
	 * @param max the largest value
	 * @param responses to build the refusal
	 * @return the value in effect
	 * @throws Rejection 422 for a value that is no number
	 */
	static int pageParameter(Request request, String name, int defaultValue, int max, Responses responses) {
		String value = parameter(request, name);
		if (value == null) {
			return defaultValue;
		}
		if (!value.matches("-?[0-9]{1,9}")) {
			throw new Rejection("invalid " + name,
					responses.validationFailed("Input validation failed", List.of(name + " must be a number")));
		}
		int number = Integer.parseInt(value);
		return (number < 1) ? defaultValue : Math.min(max, number);
	}

	/**
	 * A path id, parsed as emnify parses them, as a {@code Long}.
	 * @param text the path segment
	 * @param responses to build the refusal
	 * @return the id
	 * @throws Rejection 400 {@code BadRequest} as recorded for a segment that is no
	 * number
	 */
	static long pathId(String text, Responses responses) {
		try {
			return Long.parseLong(text);
		}
		catch (NumberFormatException ex) {
			throw new Rejection("id is no number", responses.error(EmnifyError.BAD_REQUEST,
					"Cannot parse parameter id as Long: For input string: \"" + text + "\""));
		}
	}

	/**
	 * The endpoint a path names, in the workspace of the caller's token.
	 * @param grant the caller's token
	 * @param pathId the path segment that holds the endpoint's id
	 * @param inventory where endpoints are kept
	 * @param responses to build the refusals
	 * @return the endpoint
	 * @throws Rejection 400 {@code BadRequest} for a segment that is no number, 404
	 * {@code InvalidReference} (1401) as emnify answers for an endpoint the workspace
	 * does not hold
	 */
	static SimulatedEndpoint endpoint(AuthGrant grant, String pathId, Inventory inventory, Responses responses) {
		long id = pathId(pathId, responses);
		SimulatedEndpoint endpoint = inventory.endpoint(grant.workspaceId(), id);
		if (endpoint == null) {
			throw new Rejection("endpoint " + id + " not found",
					responses.error(EmnifyError.INVALID_REFERENCE, "Endpoint with Id '" + id + "' not found."));
		}
		return endpoint;
	}

	/**
	 * The {@code id} of a reference such as {@code {"id": 1}}; emnify accepts {@code 1.0}
	 * too.
	 * @param reference the reference object, or a missing node
	 * @return the id, or {@code null} when there is no whole number
	 */
	static @Nullable Long referenceId(JsonNode reference) {
		JsonNode id = reference.path("id");
		if (!id.isNumber() || id.asDouble() != Math.rint(id.asDouble())) {
			return null;
		}
		return id.asLong();
	}

	/**
	 * The scheme, host and port the request came to, for absolute {@code Location}
	 * headers as emnify sends them.
	 * @param request the request
	 * @return the base, such as {@code http://127.0.0.1:54321}
	 */
	static String base(Request request) {
		return request.getScheme() + "://" + request.getHost() + ":" + request.getPort();
	}

	/**
	 * emnify's {@code Link} header of a list page, keeping {@code q} and {@code sort}.
	 * @param request the request
	 * @param path its path
	 * @param page the page answered
	 * @param perPage the page size
	 * @param totalPages the number of pages
	 * @return the header value
	 */
	static String links(Request request, String path, int page, int perPage, int totalPages) {
		String base = request.getScheme() + "://" + request.getHost() + ":" + request.getPort() + path;
		StringBuilder extra = new StringBuilder();
		for (String name : List.of("q", "sort")) {
			String value = parameter(request, name);
			if (value != null) {
				extra.append('&').append(name).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8));
			}
		}
		Map<String, Integer> relations = new LinkedHashMap<>();
		relations.put("first", 1);
		if (page > 1) {
			relations.put("prev", Math.min(page - 1, totalPages));
		}
		if (page < totalPages) {
			relations.put("next", page + 1);
		}
		relations.put("last", totalPages);
		return relations.entrySet()
			.stream()
			.map((relation) -> "<" + base + "?page=" + relation.getValue() + "&per_page=" + perPage + extra
					+ ">; rel=\"" + relation.getKey() + "\"")
			.collect(Collectors.joining(", "));
	}

}
