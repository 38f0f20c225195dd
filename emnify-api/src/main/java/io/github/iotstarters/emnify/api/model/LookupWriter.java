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

/**
 * Writes a lookup as {@code {"id": …}}, the form emnify expects in request bodies. An
 * {@code UNKNOWN}, which only a read model can hold (the request bodies refuse it when
 * they are made), is written as {@code null}, so that an application that passes emnify's
 * answer on as JSON still can when emnify sent an id this library does not know.
 */
final class LookupWriter extends ValueSerializer<Enum<?>> {

	@Override
	public void serialize(Enum<?> value, JsonGenerator generator, SerializationContext context) {
		int id = Lookups.idOf(value);
		if (id == Lookups.NO_ID) {
			generator.writeNull();
			return;
		}
		generator.writeStartObject();
		generator.writeNumberProperty("id", id);
		generator.writeEndObject();
	}

}
