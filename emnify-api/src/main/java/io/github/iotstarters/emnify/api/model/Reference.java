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

package io.github.iotstarters.emnify.api.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * A reference to another emnify object by its id: a service or tariff profile, an
 * organisation, an IP address space. emnify sends {@code {"id": …, "name": …}}; in
 * request bodies it expects only {@code {"id": …}}, which {@link #to(long)} builds.
 *
 * @param id the object's id
 * @param name the object's name as emnify sent it, {@code null} in requests
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Reference(long id, @Nullable String name) {

	/**
	 * Refer to an object by its id, as request bodies do.
	 * @param id the object's id
	 * @return the reference
	 */
	public static Reference to(long id) {
		return new Reference(id, null);
	}

}
