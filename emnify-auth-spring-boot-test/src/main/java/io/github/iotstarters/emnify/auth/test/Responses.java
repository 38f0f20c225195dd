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

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import io.github.iotstarters.emnify.auth.test.Accounts.Workspace;

/**
 * Reads the JSON of request bodies and builds the answers the simulator gives, in the
 * shapes emnify and its API gateway use.
 */
final class Responses {

	static final String CONTENT_TYPE = "Content-Type";

	/**
	 * The {@code Content-Type} of emnify's JSON answers as recorded in 2024.
	 */
	static final String APPLICATION_JSON = "application/json; charset=utf-8";

	/**
	 * The {@code Content-Type} of emnify's empty 201 and 204 answers to SMS and
	 * connectivity requests as recorded.
	 */
	static final String TEXT_HTML = "text/html; charset=UTF-8";

	private static final DateTimeFormatter RESOURCE_DATE = DateTimeFormatter
		.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSxx", Locale.ROOT)
		.withZone(ZoneOffset.UTC);

	private static final DateTimeFormatter EVENT_DATE = DateTimeFormatter
		.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT)
		.withZone(ZoneOffset.UTC);

	private static final int ACTIVE_WORKSPACE_STATUS_ID = 1;

	private static final int ADMINISTRATOR_ROLE_ID = 1;

	private final JsonMapper jsonMapper;

	Responses(JsonMapper jsonMapper) {
		this.jsonMapper = jsonMapper;
	}

	/**
	 * The JSON object of a request body, or {@code null} when the body is empty, is no
	 * JSON or is JSON but no object, which every endpoint rejects alike.
	 * @param body the request body as text, if any
	 * @return the parsed object, or {@code null}
	 */
	@Nullable ObjectNode readObject(@Nullable String body) {
		if (body == null || body.isBlank()) {
			return null;
		}
		try {
			JsonNode node = this.jsonMapper.readTree(body);
			return (node instanceof ObjectNode object) ? object : null;
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	/**
	 * A string field of a request body, where a blank string counts as none.
	 * @param node the JSON object, or a missing node
	 * @param field the name of the field
	 * @return the value, or {@code null} when the field is absent, no string or blank
	 */
	static @Nullable String text(JsonNode node, String field) {
		JsonNode value = node.get(field);
		return (value != null && value.isString() && !value.stringValue().isBlank()) ? value.stringValue() : null;
	}

	ObjectNode object() {
		return this.jsonMapper.createObjectNode();
	}

	ArrayNode array() {
		return this.jsonMapper.createArrayNode();
	}

	/**
	 * A workspace as emnify refers to one in answers.
	 * @param workspace the workspace to render
	 * @return an object with the workspace's {@code id} and {@code name}
	 */
	ObjectNode workspace(Workspace workspace) {
		return object().put("id", workspace.id()).put("name", workspace.name());
	}

	/**
	 * A workspace as an item of a user's workspace list, in the shape emnify answers:
	 * {@code id}, {@code name}, {@code status}, the user's {@code roles} in it (always
	 * Administrator, as emnify lists only those), {@code owner} and
	 * {@code default_workspace}.
	 * @param workspace the workspace to render
	 * @param home whether it is the user's home workspace, which the user owns and logs
	 * in to
	 * @return the list item
	 */
	ObjectNode userWorkspace(Workspace workspace, boolean home) {
		ObjectNode item = workspace(workspace);
		item.putObject("status").putObject("status").put("id", ACTIVE_WORKSPACE_STATUS_ID);
		item.putArray("roles").addObject().put("id", ADMINISTRATOR_ROLE_ID).put("name", "Administrator");
		return item.put("owner", home).put("default_workspace", home);
	}

	/**
	 * A lookup such as {@code GET /api/v1/sim/status}: {@code [{"id", "description"}]}.
	 * @param statuses the statuses, in the order to list them
	 * @return the array
	 */
	ArrayNode statuses(List<Inventory.Status> statuses) {
		ArrayNode array = array();
		statuses.forEach((status) -> array.addObject().put("id", status.id()).put("description", status.description()));
		return array;
	}

	ResponseDefinitionBuilder json(int status, JsonNode body) {
		return ResponseDefinitionBuilder.responseDefinition()
			.withStatus(status)
			.withHeader(CONTENT_TYPE, APPLICATION_JSON)
			.withBody(this.jsonMapper.writeValueAsString(body));
	}

	ResponseDefinition ok(JsonNode body) {
		return json(200, body).build();
	}

	/**
	 * 400, as {@code /api/v1/authenticate} answers a body that is no login request.
	 * emnify's body of this answer is not recorded, so it holds only a {@code message},
	 * in the shape a client must tolerate anyway.
	 * @param message the {@code message} of the body
	 * @return the answer to send
	 */
	ResponseDefinition badRequest(String message) {
		return json(400, object().put("message", message)).build();
	}

	/**
	 * 401 without a body, as {@code /api/v1/authenticate} answers bad credentials.
	 * @return the answer to send
	 */
	ResponseDefinition emptyUnauthorized() {
		return ResponseDefinitionBuilder.responseDefinition().withStatus(401).build();
	}

	/**
	 * 401 with {@code TooManyRequests} (1105), as {@code /api/v1/authenticate} answers
	 * every login of a user it has locked after three failed attempts: emnify's lock, not
	 * its rate limit, which answers the same error with 429.
	 * @param message the {@code message} of the error body
	 * @return the answer to send
	 */
	ResponseDefinition locked(String message) {
		return json(401, errorBody(EmnifyError.TOO_MANY_REQUESTS, message)).build();
	}

	/**
	 * 429 {@code TooManyRequests} (1105), as emnify answers a request over a rate limit.
	 * @param message the {@code message} of the error body
	 * @param retryAfter the time until a request would be admitted, sent in
	 * {@code Retry-After} rounded up to whole seconds and at least one, or {@code null}
	 * for no header, as emnify documents none
	 * @return the answer to send
	 */
	ResponseDefinition tooManyRequests(String message, @Nullable Duration retryAfter) {
		ResponseDefinitionBuilder response = errorBuilder(EmnifyError.TOO_MANY_REQUESTS, message);
		if (retryAfter != null) {
			long seconds = retryAfter.getSeconds() + ((retryAfter.getNano() > 0) ? 1 : 0);
			response.withHeader("Retry-After", Long.toString(Math.max(1, seconds)));
		}
		return response.build();
	}

	ResponseDefinition error(EmnifyError error, String message) {
		return errorBuilder(error, message).build();
	}

	/**
	 * An error with another status than its usual one, as emnify answers
	 * {@code NotAllowed} (1406) with 400 or 422 depending on the operation.
	 * @param status the HTTP status
	 * @param error the error code
	 * @param message the {@code message} of the error body
	 * @return the answer to send
	 */
	ResponseDefinition error(int status, EmnifyError error, String message) {
		return json(status, errorBody(error, message)).build();
	}

	private ResponseDefinitionBuilder errorBuilder(EmnifyError error, String message) {
		return json(error.status, errorBody(error, message));
	}

	/**
	 * 422 with the reasons in {@code errors}, each an item with {@code error_code},
	 * {@code error_token} and {@code message} as in emnify's recorded 422 bodies.
	 * @param message the top-level {@code message} of the error body
	 * @param reasons the reasons, one entry of {@code errors} each
	 * @return the answer to send
	 */
	ResponseDefinition validationFailed(String message, List<String> reasons) {
		ObjectNode body = errorBody(EmnifyError.INPUT_VALIDATION_FAILED, message);
		ArrayNode errors = body.putArray("errors");
		reasons.forEach((reason) -> errors.add(errorBody(EmnifyError.INPUT_VALIDATION_FAILED, reason)));
		return json(422, body).build();
	}

	/**
	 * 422 {@code InputValidationFailed} with the errors nested in {@code errors}, as
	 * emnify answers an invalid create or update (shape B).
	 * @param message the top-level {@code message}
	 * @param errors the nested errors: the message of each and its code
	 * @return the answer to send
	 */
	ResponseDefinition validationFailed(String message, Map<String, EmnifyError> errors) {
		ObjectNode body = errorBody(EmnifyError.INPUT_VALIDATION_FAILED, message);
		ArrayNode nested = body.putArray("errors");
		errors.forEach((text, error) -> nested.add(errorBody(error, text)));
		return json(422, body).build();
	}

	/**
	 * An answer without a body, such as emnify's 201 and 204 answers.
	 * @param status the status
	 * @param contentType the {@code Content-Type} emnify sends with it, although the body
	 * is empty
	 * @return the answer, for headers to be added
	 */
	static ResponseDefinitionBuilder empty(int status, String contentType) {
		return ResponseDefinitionBuilder.responseDefinition().withStatus(status).withHeader(CONTENT_TYPE, contentType);
	}

	/**
	 * An instant as emnify writes the dates of endpoints, SIMs and SMS:
	 * {@code 2021-11-18T08:25:53.000+0000}.
	 * @param instant the instant
	 * @return the text
	 */
	static String resourceDate(Instant instant) {
		return RESOURCE_DATE.format(instant);
	}

	/**
	 * An instant as emnify writes the timestamps of events:
	 * {@code 2022-03-27T23:20:49.298Z}.
	 * @param instant the instant
	 * @return the text
	 */
	static String eventDate(Instant instant) {
		return EVENT_DATE.format(instant);
	}

	/**
	 * 401 in the shape of the API gateway in front of emnify, which answers before emnify
	 * sees the request.
	 * @param message the {@code message} of the gateway's body
	 * @return the answer to send
	 */
	ResponseDefinition gatewayUnauthorized(String message) {
		return json(401, object().put("message", message)).withHeader("x-amzn-ErrorType", "AccessDeniedException")
			.build();
	}

	ResponseDefinition notFound() {
		return json(404, object().put("message", "Not Found")).build();
	}

	private ObjectNode errorBody(EmnifyError error, String message) {
		return object().put("error_code", error.code).put("error_token", error.token).put("message", message);
	}

	/**
	 * Error codes of emnify's usual error body.
	 */
	enum EmnifyError {

		INVALID_TOKEN(1102, "InvalidToken", 401),

		TOKEN_EXPIRED(1103, "TokenExpired", 401),

		FORBIDDEN(1104, "Forbidden", 403),

		TOO_MANY_REQUESTS(1105, "TooManyRequests", 429),

		INPUT_VALIDATION_FAILED(1400, "InputValidationFailed", 422),

		/**
		 * A path id that is no number, as recorded for {@code PATCH /api/v1/endpoint/x}.
		 */
		BAD_REQUEST(1000, "BadRequest", 400),

		/**
		 * An unknown resource: 404 on the top level as recorded for an unknown endpoint,
		 * 422 nested in a validation failure.
		 */
		INVALID_REFERENCE(1401, "InvalidReference", 404),

		NOT_FOUND(1201, "NotFound", 404),

		INVALID_QUERY_CRITERIA(1301, "InvalidQueryCriteria", 422),

		INVALID_SORT_CRITERIA(1302, "InvalidSortCriteria", 422),

		REQUIRED(1402, "Required", 422),

		INVALID_FORMAT(1403, "InvalidFormat", 422),

		NOT_ALLOWED(1406, "NotAllowed", 422),

		CANNOT_BE_DELETED(1407, "CannotBeDeleted", 409),

		DUPLICATED(1405, "Duplicated", 409);

		private final int code;

		private final String token;

		private final int status;

		EmnifyError(int code, String token, int status) {
			this.code = code;
			this.token = token;
			this.status = status;
		}

	}

}
