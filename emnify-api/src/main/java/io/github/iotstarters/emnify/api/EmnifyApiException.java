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
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;

/**
 * emnify refused a request of a typed client: the HTTP status and what emnify said about
 * it, read from whichever of emnify's error bodies came. Subclasses name the statuses a
 * caller reacts to ({@link EmnifyNotFoundException}, {@link EmnifyValidationException},
 * {@link EmnifyConflictException}, {@link EmnifyForbiddenException},
 * {@link EmnifyTooManyRequestsException}); every other status, a 401 or a 5xx among them,
 * is this class. One subclass stands for a success:
 * {@link EmnifyCreatedWithoutIdException}, a creation whose answer named no id, which
 * must never be sent again.
 * <p>
 * The exception holds the request's method and path but never its headers, its body, or
 * its query: filters of emnify's lists name ICCIDs, IMSIs and MSISDNs, which do not
 * belong in logs.
 */
public class EmnifyApiException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final int statusCode;

	private final String method;

	private final URI uri;

	private final @Nullable Integer errorCode;

	private final @Nullable String errorToken;

	private final @Nullable String emnifyMessage;

	private final List<EmnifyFieldError> fieldErrors;

	/**
	 * Create an exception for a refused request.
	 * @param message the exception's message
	 * @param status the HTTP status of emnify's answer
	 * @param method the request's method
	 * @param uri the request's URI, without its query
	 * @param errorCode emnify's {@code error_code}, if it sent one
	 * @param errorToken emnify's {@code error_token}, if it sent one
	 * @param emnifyMessage emnify's {@code message}, if it sent one
	 * @param fieldErrors the items of emnify's {@code errors} array, empty for none
	 */
	public EmnifyApiException(String message, HttpStatusCode status, HttpMethod method, URI uri,
			@Nullable Integer errorCode, @Nullable String errorToken, @Nullable String emnifyMessage,
			List<EmnifyFieldError> fieldErrors) {
		super(message);
		// The status as a number and the method as a name keep the exception
		// serializable.
		this.statusCode = status.value();
		this.method = method.name();
		this.uri = uri;
		this.errorCode = errorCode;
		this.errorToken = errorToken;
		this.emnifyMessage = emnifyMessage;
		this.fieldErrors = List.copyOf(fieldErrors);
	}

	/**
	 * Return the HTTP status of emnify's answer.
	 * @return the status
	 */
	public HttpStatusCode getStatusCode() {
		return HttpStatusCode.valueOf(this.statusCode);
	}

	/**
	 * Return the method of the refused request.
	 * @return the method
	 */
	public HttpMethod getMethod() {
		return HttpMethod.valueOf(this.method);
	}

	/**
	 * Return the URI of the refused request, without its query.
	 * @return the URI
	 */
	public URI getUri() {
		return this.uri;
	}

	/**
	 * Return emnify's {@code error_code}, such as 1201 for {@code NotFound}.
	 * @return the code, or {@code null} if the answer carried none
	 */
	public @Nullable Integer getErrorCode() {
		return this.errorCode;
	}

	/**
	 * Return emnify's {@code error_token}, such as {@code NotFound}.
	 * @return the token, or {@code null} if the answer carried none
	 */
	public @Nullable String getErrorToken() {
		return this.errorToken;
	}

	/**
	 * Return emnify's own text about the error.
	 * @return the text, or {@code null} if the answer carried none
	 */
	public @Nullable String getEmnifyMessage() {
		return this.emnifyMessage;
	}

	/**
	 * Return the details emnify gave in its {@code errors} array, usually for a 422.
	 * @return the details, empty if there were none
	 */
	public List<EmnifyFieldError> getFieldErrors() {
		return this.fieldErrors;
	}

}
