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

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;

/**
 * Reads an id or a count whether emnify sends it as a number or as a string: SMS answers
 * carry {@code "endpoint_id": "11379224"}, SIM batches {@code "quantity": "5"}. Declared
 * on the fields so that it holds even when the application's mapper refuses to coerce
 * strings to numbers.
 */
final class EmnifyLongDeserializer extends ValueDeserializer<Long> {

	@Override
	public @Nullable Long deserialize(JsonParser parser, DeserializationContext context) {
		JsonToken token = parser.currentToken();
		if (token == JsonToken.VALUE_NUMBER_INT) {
			return parser.getLongValue();
		}
		if (token == JsonToken.VALUE_NUMBER_FLOAT) {
			return parser.getDecimalValue().longValue();
		}
		if (token != JsonToken.VALUE_STRING) {
			return (Long) context.handleUnexpectedToken(Long.class, parser);
		}
		String text = parser.getString().trim();
		if (text.isEmpty()) {
			return null;
		}
		try {
			return Long.valueOf(text);
		}
		catch (NumberFormatException ex) {
			throw context.weirdStringException(text, Long.class, "not a whole number");
		}
	}

}
