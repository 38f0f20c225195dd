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
 * emnify answered 404 Not Found: the resource does not exist or is not in the caller's
 * organisation (1201 {@code NotFound}), a reference in the request points nowhere (emnify
 * answers 1401 {@code InvalidReference} with 404 too), or, for a new endpoint, no IP
 * address was left (1601 {@code Unavailable}).
 */
public class EmnifyNotFoundException extends EmnifyApiException {

	private static final long serialVersionUID = 1L;

	/**
	 * Create an exception for a request emnify answered with 404 Not Found.
	 * @param message the exception's message
	 * @param method the request's method
	 * @param uri the request's URI, without its query
	 * @param errorCode emnify's {@code error_code}, if it sent one
	 * @param errorToken emnify's {@code error_token}, if it sent one
	 * @param emnifyMessage emnify's {@code message}, if it sent one
	 * @param fieldErrors the items of emnify's {@code errors} array, empty for none
	 */
	public EmnifyNotFoundException(String message, HttpMethod method, URI uri, @Nullable Integer errorCode,
			@Nullable String errorToken, @Nullable String emnifyMessage, List<EmnifyFieldError> fieldErrors) {
		super(message, HttpStatus.NOT_FOUND, method, uri, errorCode, errorToken, emnifyMessage, fieldErrors);
	}

}
