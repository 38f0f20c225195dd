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
 * emnify accepted a request that creates a resource (an endpoint, an SMS), but its answer
 * named no id: no {@code Location}, or one that does not end in an id. Unlike every other
 * {@link EmnifyApiException}, the request succeeded: the resource may exist, an SMS may
 * be on its way and billed. Never send the request again on this exception; look the
 * resource up instead (an endpoint by its name, an SMS in the endpoint's list).
 */
public class EmnifyCreatedWithoutIdException extends EmnifyApiException {

	private static final long serialVersionUID = 1L;

	private final @Nullable URI location;

	/**
	 * Create an exception for a creation whose answer named no id.
	 * @param message the exception's message
	 * @param status the status emnify answered with, a success
	 * @param uri the request's URI, without its query
	 * @param location the {@code Location} emnify sent, if any
	 */
	public EmnifyCreatedWithoutIdException(String message, HttpStatusCode status, URI uri, @Nullable URI location) {
		super(message, status, HttpMethod.POST, uri, null, null, null, List.of());
		this.location = location;
	}

	/**
	 * Return the {@code Location} emnify sent.
	 * @return the location, or {@code null} if the answer had none
	 */
	public @Nullable URI getLocation() {
		return this.location;
	}

}
