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
 * emnify answered 409 Conflict: the request clashes with the state of emnify's data, such
 * as an IP address already taken (1405 {@code Duplicated}) or an endpoint that still has
 * a SIM when it is deleted.
 */
public class EmnifyConflictException extends EmnifyApiException {

	private static final long serialVersionUID = 1L;

	/**
	 * Create an exception for a request emnify answered with 409 Conflict.
	 * @param message the exception's message
	 * @param method the request's method
	 * @param uri the request's URI, without its query
	 * @param errorCode emnify's {@code error_code}, if it sent one
	 * @param errorToken emnify's {@code error_token}, if it sent one
	 * @param emnifyMessage emnify's {@code message}, if it sent one
	 * @param fieldErrors the items of emnify's {@code errors} array, empty for none
	 */
	public EmnifyConflictException(String message, HttpMethod method, URI uri, @Nullable Integer errorCode,
			@Nullable String errorToken, @Nullable String emnifyMessage, List<EmnifyFieldError> fieldErrors) {
		super(message, HttpStatus.CONFLICT, method, uri, errorCode, errorToken, emnifyMessage, fieldErrors);
	}

}
