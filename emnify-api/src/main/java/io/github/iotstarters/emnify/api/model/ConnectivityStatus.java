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

import com.fasterxml.jackson.annotation.JsonCreator;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The connectivity of a device. emnify sends it as {@code {"description": "ONLINE"}}
 * without an id, so it is read by its description; a description this library does not
 * know reads as {@link #UNKNOWN}, never as a failure.
 */
public enum ConnectivityStatus {

	/**
	 * Attached to a network, no data session.
	 */
	ATTACHED,

	/**
	 * Attached with a data session.
	 */
	ONLINE,

	/**
	 * Not attached.
	 */
	OFFLINE,

	/**
	 * Blocked.
	 */
	BLOCKED,

	/**
	 * A description emnify sent that this library does not know.
	 */
	UNKNOWN;

	@JsonCreator(mode = JsonCreator.Mode.DELEGATING)
	static ConnectivityStatus fromJson(@Nullable JsonNode node) {
		return Lookups.byDescription(values(), ConnectivityStatus::name, node, UNKNOWN);
	}

}
