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
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every error body emnify is seen to send, and the bodies it might send instead, read
 * into the exception a caller gets: its type, emnify's code, token, message and field
 * errors, and a message that says what came.
 */
class EmnifyErrorBodyTests {

	private static final String JSON = "application/json; charset=UTF-8";

	private static final String HTML = "text/html; charset=UTF-8";

	private static final URI URI_WITH_QUERY = URI
		.create("https://cdn.emnify.net/api/v1/endpoint/7?q=iccid:8988303000000000135");

	@ParameterizedTest
	@MethodSource("bodies")
	void errorBodyIsReadIntoTheExceptionOfItsStatus(Case given) {
		byte[] bytes = given.body();
		boolean truncated = bytes.length > EmnifyErrorBody.MAX_BYTES;
		byte[] read = truncated ? Arrays.copyOf(bytes, EmnifyErrorBody.MAX_BYTES) : bytes;
		MediaType type = (given.contentType() != null) ? MediaType.parseMediaType(given.contentType()) : null;
		EmnifyApiException ex = EmnifyErrorBody.read(read, truncated, type)
			.toException(HttpStatusCode.valueOf(given.status()), HttpMethod.PATCH, URI_WITH_QUERY);
		assertThat(ex).isExactlyInstanceOf(given.type());
		assertThat(ex.getStatusCode().value()).isEqualTo(given.status());
		assertThat(ex.getErrorCode()).isEqualTo(given.code());
		assertThat(ex.getErrorToken()).isEqualTo(given.token());
		assertThat(ex.getEmnifyMessage()).isEqualTo(given.message());
		assertThat(ex.getFieldErrors()).isEqualTo(given.fieldErrors());
		assertThat(ex.getMethod()).isEqualTo(HttpMethod.PATCH);
		assertThat(ex.getUri()).isEqualTo(URI.create("https://cdn.emnify.net/api/v1/endpoint/7"));
		assertThat(ex.getMessage()).startsWith("emnify answered PATCH /api/v1/endpoint/7 with " + given.status())
			.contains(given.saying())
			.doesNotContain("8988303000000000135")
			.doesNotContain("<")
			.doesNotContain("\n")
			.hasSizeLessThan(600);
	}

	static Stream<Arguments> bodies() {
		return Stream.of(
				// A: most 4xx
				of("A, 404", 404, JSON,
						"{\"error_code\":1201,\"error_token\":\"NotFound\",\"message\":\"Endpoint with id 7 not found\"}",
						EmnifyNotFoundException.class, 1201, "NotFound", "Endpoint with id 7 not found", List.of(),
						"404 Not Found: error_code 1201 NotFound \"Endpoint with id 7 not found\""),
				of("A, 400", 400, JSON,
						"{\"error_code\":1000,\"error_token\":\"BadRequest\",\"message\":\"Cannot parse parameter id as Long\"}",
						EmnifyApiException.class, 1000, "BadRequest", "Cannot parse parameter id as Long", List.of(),
						"error_code 1000 BadRequest"),
				of("A, 409", 409, JSON,
						"{\"error_code\":1405,\"error_token\":\"Duplicated\",\"message\":\"IP address taken\"}",
						EmnifyConflictException.class, 1405, "Duplicated", "IP address taken", List.of(),
						"409 Conflict: error_code 1405 Duplicated"),
				of("A, 403", 403, JSON, "{\"error_code\":1104,\"error_token\":\"Forbidden\",\"message\":\"Forbidden\"}",
						EmnifyForbiddenException.class, 1104, "Forbidden", "Forbidden", List.of(), "error_code 1104"),
				of("A, 429", 429, JSON,
						"{\"error_code\":1105,\"error_token\":\"TooManyRequests\",\"message\":\"Too many requests\"}",
						EmnifyTooManyRequestsException.class, 1105, "TooManyRequests", "Too many requests", List.of(),
						"429 Too Many Requests: error_code 1105 TooManyRequests"),
				// B: 422 with the reasons
				of("B, 422", 422, JSON, "{\"error_code\":1400,\"error_token\":\"InputValidationFailed\","
						+ "\"message\":\"Update endpoint validation error\",\"errors\":[{\"error_code\":1401,"
						+ "\"error_token\":\"InvalidReference\",\"message\":\"Service profile with Id '-1' not found.\"},"
						+ "{\"error_code\":1404,\"error_token\":\"OutOfRange\",\"message\":\"IP Address out of range\"}]}",
						EmnifyValidationException.class, 1400, "InputValidationFailed",
						"Update endpoint validation error",
						List.of(new EmnifyFieldError(1401, "InvalidReference",
								"Service profile with Id '-1' not found."),
								new EmnifyFieldError(1404, "OutOfRange", "IP Address out of range")),
						"errors: error_code 1401 InvalidReference \"Service profile with Id '-1' not found.\", "
								+ "error_code 1404 OutOfRange"),
				// C: the API gateway's 401, a quota's 422
				of("C, 401", 401, "application/json", "{\"message\":\"token contains an invalid number of segments\"}",
						EmnifyApiException.class, null, null, "token contains an invalid number of segments", List.of(),
						"401 Unauthorized: \"token contains an invalid number of segments\""),
				// D: registering a SIM batch
				of("D, empty HTML", 422, HTML, "", EmnifyValidationException.class, null, null, null, List.of(),
						"and an empty body (text/html;charset=UTF-8)"),
				of("empty, no type", 503, null, "", EmnifyApiException.class, null, null, null, List.of(),
						"503 Service Unavailable and an empty body"),
				// E, and the SIM operations' shape
				of("E, status_code", 422, JSON,
						"{\"status_code\":422,\"error_code\":1400,\"error_token\":\"InputValidationFailed\","
								+ "\"message\":\"Validation failed\",\"errors\":[{\"error_code\":1402,"
								+ "\"error_token\":\"Required\",\"message\":\"name is required\"}]}",
						EmnifyValidationException.class, 1400, "InputValidationFailed", "Validation failed",
						List.of(new EmnifyFieldError(1402, "Required", "name is required")), "1402 Required"),
				of("status_code and message", 409, JSON,
						"{\"status_code\":409,\"message\":\"SIMs in another workspace\",\"errors\":[]}",
						EmnifyConflictException.class, null, null, "SIMs in another workspace", List.of(),
						"409 Conflict: \"SIMs in another workspace\""),
				of("code as a string, odd items", 422, JSON,
						"{\"error_code\":\"1400\",\"message\":\"bad\",\"errors\":[\"plain text\",42]}",
						EmnifyValidationException.class, 1400, null, "bad",
						List.of(new EmnifyFieldError(null, null, "plain text")), "error_code 1400 \"bad\""),
				of("nothing but an empty errors array", 422, JSON, "{\"errors\":[],\"status_code\":422}",
						EmnifyValidationException.class, null, null, null, List.of(),
						"422 Unprocessable Content and an error body of emnify's without details"),
				// Other shapes
				of("HTML page", 502, HTML, "<html><body><h1>502 Bad Gateway</h1></body></html>",
						EmnifyApiException.class, null, null, null, List.of(),
						"502 Bad Gateway and an HTML page (text/html;charset=UTF-8) instead of an error body"),
				of("HTML without type", 500, null, "  <!DOCTYPE html><html>oops</html>", EmnifyApiException.class, null,
						null, null, List.of(), "and an HTML page instead of an error body"),
				of("malformed JSON", 500, JSON, "{\"error_code\":1201,\"mess", EmnifyApiException.class, null, null,
						null, List.of(),
						"a body in none of emnify's error shapes (application/json;charset=UTF-8): "
								+ "\"{\"error_code\":1201,\"mess\""),
				of("JSON array", 404, JSON, "[{\"error_code\":1201}]", EmnifyNotFoundException.class, null, null, null,
						List.of(), "none of emnify's error shapes"),
				of("JSON object of another shape", 500, JSON, "{\"fault\":{\"detail\":\"x\"}}",
						EmnifyApiException.class, null, null, null, List.of(), "\"{\"fault\":{\"detail\":\"x\"}}\""),
				of("plain text over lines", 503, "text/plain", "Service\r\n\tUnavailable\u0007 now",
						EmnifyApiException.class, null, null, null, List.of(),
						"(text/plain): \"Service Unavailable? now\""),
				Arguments.of(Named.of("non-UTF-8 junk", new Case(500, "application/octet-stream",
						new byte[] { (byte) 0xff, (byte) 0xfe, 0x00, 0x1b, (byte) 0xc3, 'a' }, EmnifyApiException.class,
						null, null, null, List.of(), "(application/octet-stream): \"?????a\""))),
				Arguments
					.of(Named.of("huge body",
							new Case(500, JSON,
									("{\"message\":\"" + "x".repeat(1_000_000) + "\"}")
										.getBytes(StandardCharsets.UTF_8),
									EmnifyApiException.class, null, null, null, List.of(),
									"more than 65536 bytes: \"{\"message\":\"xxx"))));
	}

	@Test
	void longTextsOfEmnifyAreCutInTheMessageButKeptInTheException() {
		String longText = "y".repeat(5000);
		EmnifyApiException ex = EmnifyErrorBody
			.read(("{\"message\":\"" + longText + "\"}").getBytes(StandardCharsets.UTF_8), false,
					MediaType.APPLICATION_JSON)
			.toException(HttpStatusCode.valueOf(422), HttpMethod.POST, URI.create("https://cdn.emnify.net/x"));
		assertThat(ex.getEmnifyMessage()).isEqualTo(longText);
		assertThat(ex.getMessage()).contains("y".repeat(200) + "…\"").doesNotContain("y".repeat(201));
	}

	@Test
	void manyFieldErrorsAreCountedInTheMessageAndAllKept() {
		String item = "{\"error_code\":1402,\"error_token\":\"Required\",\"message\":\"m\"}";
		String body = "{\"error_code\":1400,\"errors\":[" + String.join(",", java.util.Collections.nCopies(8, item))
				+ "]}";
		EmnifyApiException ex = EmnifyErrorBody.read(body.getBytes(StandardCharsets.UTF_8), false, null)
			.toException(HttpStatusCode.valueOf(422), HttpMethod.POST, URI.create("https://cdn.emnify.net/x"));
		assertThat(ex.getFieldErrors()).hasSize(8);
		assertThat(ex.getMessage()).endsWith(" and 3 more");
	}

	@Test
	void anUnreadableBodyIsSaidToBeSo() {
		EmnifyApiException ex = EmnifyErrorBody.unreadable(MediaType.APPLICATION_JSON)
			.toException(HttpStatusCode.valueOf(599), HttpMethod.GET, URI.create("https://cdn.emnify.net/x"));
		assertThat(ex).isExactlyInstanceOf(EmnifyApiException.class);
		assertThat(ex.getMessage())
			.isEqualTo("emnify answered GET /x with 599 and a body that could not be read (application/json)");
	}

	private static Arguments of(String name, int status, @Nullable String contentType, String body,
			Class<? extends EmnifyApiException> type, @Nullable Integer code, @Nullable String token,
			@Nullable String message, List<EmnifyFieldError> fieldErrors, String saying) {
		return Arguments.of(Named.of(name, new Case(status, contentType, body.getBytes(StandardCharsets.UTF_8), type,
				code, token, message, fieldErrors, saying)));
	}

	record Case(int status, @Nullable String contentType, byte[] body, Class<? extends EmnifyApiException> type,
			@Nullable Integer code, @Nullable String token, @Nullable String message,
			List<EmnifyFieldError> fieldErrors, String saying) {
	}

}
