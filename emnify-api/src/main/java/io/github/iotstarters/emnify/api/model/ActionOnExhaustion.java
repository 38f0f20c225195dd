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
import tools.jackson.databind.annotation.JsonSerialize;

/**
 * What emnify does when a quota is used up. emnify decommissioned throttling in December
 * 2024; it stays readable for older quotas.
 * <p>
 * Read from emnify's {@code {"id": …, "description": …}}; an id this library does not
 * know reads as {@link #UNKNOWN}, never as a failure. Sent as {@code {"id": …}}, the form
 * emnify expects in request bodies; {@code UNKNOWN} cannot be sent.
 */
@JsonSerialize(using = LookupWriter.class)
public enum ActionOnExhaustion {

	/**
	 * Block the service.
	 */
	BLOCK(1),

	/**
	 * Throttle the data rate to the peak throughput.
	 */
	THROTTLE(2),

	/**
	 * An id emnify sent that this library does not know.
	 */
	UNKNOWN(-1);

	private final int id;

	ActionOnExhaustion(int id) {
		this.id = id;
	}

	/**
	 * Return emnify's id of this value.
	 * @return the id, {@code -1} for {@link #UNKNOWN}
	 */
	public int id() {
		return this.id;
	}

	@JsonCreator(mode = JsonCreator.Mode.DELEGATING)
	static ActionOnExhaustion fromJson(@Nullable JsonNode node) {
		return Lookups.byId(values(), ActionOnExhaustion::id, node, UNKNOWN);
	}

}
