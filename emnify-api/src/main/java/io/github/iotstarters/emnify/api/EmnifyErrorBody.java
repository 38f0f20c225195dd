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
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one reader of emnify's error answers, blocking and reactive alike: it reads every
 * shape emnify is seen to send (reference §7.3) and describes anything else by its kind
 * and a short, sanitized excerpt, so that no answer makes the exception less clear than
 * the answer was.
 */
final class EmnifyErrorBody {

	/**
	 * Most bytes of an error answer that are read: emnify's largest error bodies, a 422
	 * with a few dozen field errors, stay well below it, and anything larger is not an
	 * error body of emnify's and must not fill the heap.
	 */
	static final int MAX_BYTES = 64 * 1024;

	// What the message quotes of a text of emnify's or of an unknown body, at most.
	private static final int MAX_EXCERPT = 200;

	// Field errors named in the message, at most; all of them stay in the exception.
	private static final int MAX_FIELD_ERRORS_IN_MESSAGE = 5;

	private static final JsonMapper json = JsonMapper.builder().build();

	private final @Nullable Integer errorCode;

	private final @Nullable String errorToken;

	private final @Nullable String message;

	private final List<EmnifyFieldError> fieldErrors;

	// How the body is described when it is none of emnify's shapes, null when it is one.
	private final @Nullable String otherwise;

	private EmnifyErrorBody(@Nullable Integer errorCode, @Nullable String errorToken, @Nullable String message,
			List<EmnifyFieldError> fieldErrors, @Nullable String otherwise) {
		this.errorCode = errorCode;
		this.errorToken = errorToken;
		this.message = message;
		this.fieldErrors = fieldErrors;
		this.otherwise = otherwise;
	}

	/**
	 * Read an error answer's body.
	 * @param bytes the body's first bytes, up to {@link #MAX_BYTES}
	 * @param truncated whether the body went on beyond them
	 * @param contentType the answer's content type, if it named one
	 * @return what emnify said, or a description of what came
	 */
	static EmnifyErrorBody read(byte[] bytes, boolean truncated, @Nullable MediaType contentType) {
		String type = (contentType != null) ? " (" + contentType + ")" : "";
		if (bytes.length == 0) {
			return other("an empty body" + type);
		}
		String text = new String(bytes, charset(contentType));
		if (isHtml(contentType, text)) {
			// Markup is not echoed: a gateway's error page says nothing a status does
			// not.
			return other("an HTML page" + type + " instead of an error body");
		}
		if (!truncated) {
			EmnifyErrorBody body = readJson(bytes);
			if (body != null) {
				return body;
			}
		}
		String size = truncated ? ", more than " + MAX_BYTES + " bytes" : "";
		return other("a body in none of emnify's error shapes" + type + size + ": \"" + excerpt(text) + "\"");
	}

	/**
	 * Describe an answer whose body could not be read.
	 * @param contentType the answer's content type, if it named one
	 * @return the description
	 */
	static EmnifyErrorBody unreadable(@Nullable MediaType contentType) {
		return other("a body that could not be read" + ((contentType != null) ? " (" + contentType + ")" : ""));
	}

	/**
	 * Create the exception for an answer with this body: the subclass of its status, with
	 * a message that names emnify, the operation, the status and what emnify said.
	 * @param status the answer's status
	 * @param method the request's method
	 * @param uri the request's URI
	 * @return the exception
	 */
	EmnifyApiException toException(HttpStatusCode status, HttpMethod method, URI uri) {
		URI withoutQuery = UriComponentsBuilder.fromUri(uri)
			.userInfo(null)
			.replaceQuery(null)
			.fragment(null)
			.build(true)
			.toUri();
		String text = describe(status, method, withoutQuery);
		return switch (status.value()) {
			case 403 -> new EmnifyForbiddenException(text, method, withoutQuery, this.errorCode, this.errorToken,
					this.message, this.fieldErrors);
			case 404 -> new EmnifyNotFoundException(text, method, withoutQuery, this.errorCode, this.errorToken,
					this.message, this.fieldErrors);
			case 409 -> new EmnifyConflictException(text, method, withoutQuery, this.errorCode, this.errorToken,
					this.message, this.fieldErrors);
			case 422 -> new EmnifyValidationException(text, method, withoutQuery, this.errorCode, this.errorToken,
					this.message, this.fieldErrors);
			case 429 -> new EmnifyTooManyRequestsException(text, method, withoutQuery, this.errorCode, this.errorToken,
					this.message, this.fieldErrors);
			default -> new EmnifyApiException(text, status, method, withoutQuery, this.errorCode, this.errorToken,
					this.message, this.fieldErrors);
		};
	}

	private String describe(HttpStatusCode status, HttpMethod method, URI uri) {
		HttpStatus known = HttpStatus.resolve(status.value());
		StringBuilder text = new StringBuilder("emnify answered ").append(method.name())
			.append(' ')
			.append(uri.getRawPath())
			.append(" with ")
			.append(status.value());
		if (known != null) {
			text.append(' ').append(known.getReasonPhrase());
		}
		if (this.otherwise != null) {
			return text.append(" and ").append(this.otherwise).toString();
		}
		if (this.errorCode == null && this.errorToken == null && this.message == null && this.fieldErrors.isEmpty()) {
			return text.append(" and an error body of emnify's without details").toString();
		}
		text.append(':');
		appendError(text, this.errorCode, this.errorToken, this.message);
		int shown = Math.min(this.fieldErrors.size(), MAX_FIELD_ERRORS_IN_MESSAGE);
		for (int i = 0; i < shown; i++) {
			EmnifyFieldError item = this.fieldErrors.get(i);
			text.append((i == 0) ? "; errors:" : ",");
			appendError(text, item.errorCode(), item.errorToken(), item.message());
		}
		if (this.fieldErrors.size() > shown) {
			text.append(" and ").append(this.fieldErrors.size() - shown).append(" more");
		}
		return text.toString();
	}

	private static void appendError(StringBuilder text, @Nullable Integer code, @Nullable String token,
			@Nullable String message) {
		if (code != null) {
			text.append(" error_code ").append(code);
		}
		if (token != null) {
			text.append(' ').append(excerpt(token));
		}
		if (message != null) {
			text.append(" \"").append(excerpt(message)).append('"');
		}
	}

	private static @Nullable EmnifyErrorBody readJson(byte[] bytes) {
		JsonNode root;
		try {
			root = json.readTree(bytes);
		}
		catch (JacksonException ex) {
			return null;
		}
		if (root == null || !root.isObject()
				|| !(root.has("error_code") || root.has("error_token") || root.has("message") || root.has("errors"))) {
			return null;
		}
		// status_code (shape E, and the SIM operations' {status_code, message}) repeats
		// the HTTP status, which the exception has already.
		List<EmnifyFieldError> items = new ArrayList<>();
		for (JsonNode item : root.path("errors").values()) {
			if (item.isObject()) {
				items.add(
						new EmnifyFieldError(code(item), string(item.get("error_token")), string(item.get("message"))));
			}
			else if (item.isString()) {
				items.add(new EmnifyFieldError(null, null, item.stringValue()));
			}
		}
		return new EmnifyErrorBody(code(root), string(root.get("error_token")), string(root.get("message")),
				List.copyOf(items), null);
	}

	private static @Nullable Integer code(JsonNode node) {
		JsonNode code = node.get("error_code");
		if (code == null) {
			return null;
		}
		if (code.isIntegralNumber() && code.canConvertToInt()) {
			return code.intValue();
		}
		// Numbers that emnify sends as strings elsewhere (§7.6) would not surprise here.
		if (code.isString() && code.stringValue().matches("\\d{1,9}")) {
			return Integer.valueOf(code.stringValue());
		}
		return null;
	}

	private static @Nullable String string(@Nullable JsonNode node) {
		return (node != null && node.isString()) ? node.stringValue() : null;
	}

	private static boolean isHtml(@Nullable MediaType contentType, String text) {
		if (contentType != null && MediaType.TEXT_HTML.isCompatibleWith(contentType)) {
			return true;
		}
		String start = text.stripLeading().toLowerCase(Locale.ROOT);
		return start.startsWith("<!doctype html") || start.startsWith("<html");
	}

	private static Charset charset(@Nullable MediaType contentType) {
		Charset charset = null;
		try {
			charset = (contentType != null) ? contentType.getCharset() : null;
		}
		catch (RuntimeException ex) {
			// An unknown charset name reads as emnify's own encoding.
		}
		return (charset != null) ? charset : StandardCharsets.UTF_8;
	}

	/**
	 * Shorten a text from emnify for a message: whitespace runs become one space, control
	 * and unreadable characters a {@code ?}, and it stops after {@value #MAX_EXCERPT}
	 * characters, so that neither a log line breaks nor a log fills.
	 * @param text the text
	 * @return the excerpt
	 */
	static String excerpt(String text) {
		StringBuilder excerpt = new StringBuilder();
		boolean space = false;
		int i = 0;
		for (; i < text.length() && excerpt.length() < MAX_EXCERPT; i++) {
			char c = text.charAt(i);
			if (Character.isWhitespace(c)) {
				space = excerpt.length() > 0;
				continue;
			}
			if (space) {
				excerpt.append(' ');
				space = false;
			}
			boolean readable = !Character.isISOControl(c) && c != '\uFFFD' && !Character.isSurrogate(c)
					&& Character.isDefined(c);
			excerpt.append(readable ? c : '?');
		}
		if (!text.substring(i).isBlank()) {
			excerpt.append('…');
		}
		return excerpt.toString();
	}

	private static EmnifyErrorBody other(String description) {
		return new EmnifyErrorBody(null, null, null, List.of(), description);
	}

}
