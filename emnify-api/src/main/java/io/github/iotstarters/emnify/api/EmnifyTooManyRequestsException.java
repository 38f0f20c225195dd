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
import org.springframework.http.HttpStatus;

/**
 * emnify answered 429 Too Many Requests (1105 {@code TooManyRequests}) even after
 * {@code emnify-auth-core} waited and sent the request again as often as its rate limits
 * allow: the caller decides whether to try later. The typed clients themselves never send
 * a request again.
 */
public class EmnifyTooManyRequestsException extends EmnifyApiException {

	private static final long serialVersionUID = 1L;

	/**
	 * Create an exception for a request emnify answered with 429 Too Many Requests.
	 * @param message the exception's message
	 * @param method the request's method
	 * @param uri the request's URI, without its query
	 * @param errorCode emnify's {@code error_code}, if it sent one
	 * @param errorToken emnify's {@code error_token}, if it sent one
	 * @param emnifyMessage emnify's {@code message}, if it sent one
	 * @param fieldErrors the items of emnify's {@code errors} array, empty for none
	 */
	public EmnifyTooManyRequestsException(String message, HttpMethod method, URI uri, @Nullable Integer errorCode,
			@Nullable String errorToken, @Nullable String emnifyMessage, List<EmnifyFieldError> fieldErrors) {
		super(message, HttpStatus.TOO_MANY_REQUESTS, method, uri, errorCode, errorToken, emnifyMessage, fieldErrors);
	}

}
