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
 * emnify answered 422 Unprocessable Entity: the request was well formed but emnify
 * refused its content, usually 1400 {@code InputValidationFailed} with the reasons in
 * {@link #getFieldErrors()}, or a filter or sort it does not know (1301, 1302). Some 422s
 * carry no body at all (registering a SIM batch), so every detail may be absent.
 */
public class EmnifyValidationException extends EmnifyApiException {

	private static final long serialVersionUID = 1L;

	/**
	 * Create an exception for a request emnify answered with 422 Unprocessable Entity.
	 * @param message the exception's message
	 * @param method the request's method
	 * @param uri the request's URI, without its query
	 * @param errorCode emnify's {@code error_code}, if it sent one
	 * @param errorToken emnify's {@code error_token}, if it sent one
	 * @param emnifyMessage emnify's {@code message}, if it sent one
	 * @param fieldErrors the items of emnify's {@code errors} array, empty for none
	 */
	public EmnifyValidationException(String message, HttpMethod method, URI uri, @Nullable Integer errorCode,
			@Nullable String errorToken, @Nullable String emnifyMessage, List<EmnifyFieldError> fieldErrors) {
		super(message, HttpStatus.UNPROCESSABLE_CONTENT, method, uri, errorCode, errorToken, emnifyMessage,
				fieldErrors);
	}

}
