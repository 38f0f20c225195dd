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

import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.annotation.JsonSerialize;

/**
 * The body that resets a device's connectivity. emnify reads a key sent with the value
 * {@code null} as "reset this": {@code {"location": null}} cancels the location (the
 * device re-attaches), {@code {"pdp_context": null}} deletes the data session. The nulls
 * are written by hand so that no mapper setting can drop them.
 *
 * @param location whether to cancel the location
 * @param pdpContext whether to delete the data session
 */
@JsonSerialize(using = ConnectivityReset.Writer.class)
public record ConnectivityReset(boolean location, boolean pdpContext) {

	/**
	 * Cancel the location: the device re-attaches to the network.
	 * @return the body {@code {"location": null}}
	 */
	public static ConnectivityReset cancelLocation() {
		return new ConnectivityReset(true, false);
	}

	/**
	 * Delete the data session.
	 * @return the body {@code {"pdp_context": null}}
	 */
	public static ConnectivityReset deletePdpContext() {
		return new ConnectivityReset(false, true);
	}

	/**
	 * Cancel the location and delete the data session.
	 * @return the body {@code {"location": null, "pdp_context": null}}
	 */
	public static ConnectivityReset both() {
		return new ConnectivityReset(true, true);
	}

	static final class Writer extends ValueSerializer<ConnectivityReset> {

		@Override
		public void serialize(ConnectivityReset reset, JsonGenerator generator, SerializationContext context) {
			generator.writeStartObject();
			if (reset.location()) {
				generator.writeNullProperty("location");
			}
			if (reset.pdpContext()) {
				generator.writeNullProperty("pdp_context");
			}
			generator.writeEndObject();
		}

	}

}
