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

import java.util.function.Function;
import java.util.function.ToIntFunction;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Reads emnify's {@code {"id": …, "description": …}} lookups into enums. An id this
 * library does not know gives the enum's {@code UNKNOWN}, never a failure: emnify adds
 * values without notice. Ids arrive as numbers or as strings (quota status), so both are
 * read.
 */
final class Lookups {

	static final int NO_ID = -1;

	private Lookups() {
	}

	static <E extends Enum<E>> E byId(E[] values, ToIntFunction<E> id, @Nullable JsonNode node, E unknown) {
		int wanted = idOf(node);
		for (E value : values) {
			if (value != unknown && id.applyAsInt(value) == wanted) {
				return value;
			}
		}
		return unknown;
	}

	static <E extends Enum<E>> E byDescription(E[] values, Function<E, String> description, @Nullable JsonNode node,
			E unknown) {
		JsonNode text = (node != null && node.isObject()) ? node.get("description") : node;
		if (text != null && text.isString()) {
			for (E value : values) {
				if (value != unknown && description.apply(value).equalsIgnoreCase(text.stringValue().trim())) {
					return value;
				}
			}
		}
		return unknown;
	}

	/**
	 * Refuse a lookup that a request body cannot carry: an {@code UNKNOWN} stands for an
	 * id emnify sent that this library does not know, so it names no value to send.
	 * @param lookup the lookup, or {@code null} for none
	 * @throws IllegalArgumentException if it is an {@code UNKNOWN}
	 */
	static void sendable(@Nullable Enum<?> lookup) {
		if (lookup != null && idOf(lookup) == NO_ID) {
			throw new IllegalArgumentException(lookup.getDeclaringClass().getSimpleName() + "." + lookup
					+ " cannot be sent to emnify: it stands for an id emnify sent and this library does not know; "
					+ "choose one of the other " + lookup.getDeclaringClass().getSimpleName() + " values");
		}
	}

	// The id of one of this package's lookup enums, each of which names its id id().
	static int idOf(Enum<?> lookup) {
		if (lookup instanceof EndpointStatus status) {
			return status.id();
		}
		if (lookup instanceof SimStatus status) {
			return status.id();
		}
		if (lookup instanceof SmsStatus status) {
			return status.id();
		}
		if (lookup instanceof SmsType type) {
			return type.id();
		}
		if (lookup instanceof QuotaStatus status) {
			return status.id();
		}
		if (lookup instanceof ActionOnExhaustion action) {
			return action.id();
		}
		if (lookup instanceof EventSeverity severity) {
			return severity.id();
		}
		if (lookup instanceof EventSource source) {
			return source.id();
		}
		return NO_ID;
	}

	private static int idOf(@Nullable JsonNode node) {
		JsonNode id = (node != null && node.isObject()) ? node.get("id") : node;
		if (id == null) {
			return NO_ID;
		}
		if (id.isIntegralNumber() && id.canConvertToInt()) {
			return id.intValue();
		}
		if (id.isNumber()) {
			return id.decimalValue().intValue();
		}
		if (id.isString()) {
			try {
				return Integer.parseInt(id.stringValue().trim());
			}
			catch (NumberFormatException ex) {
				return NO_ID;
			}
		}
		return NO_ID;
	}

}
