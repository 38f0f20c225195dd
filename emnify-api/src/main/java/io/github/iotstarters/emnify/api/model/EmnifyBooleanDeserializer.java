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

import java.util.Locale;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;

/**
 * Reads a flag whether emnify sends it as a boolean or as the number {@code 0} or
 * {@code 1}: a data quota's {@code auto_refill} is {@code 0}, an SMS quota's is
 * documented as a boolean, and one documented event carries {@code "alert": 0}. The
 * strings {@code "0"}, {@code "1"}, {@code "true"} and {@code "false"} are read too.
 * Declared on the fields so that it holds even when the application's mapper refuses to
 * coerce numbers to booleans; any other value fails rather than being guessed.
 */
final class EmnifyBooleanDeserializer extends ValueDeserializer<Boolean> {

	@Override
	public @Nullable Boolean deserialize(JsonParser parser, DeserializationContext context) {
		JsonToken token = parser.currentToken();
		if (token == JsonToken.VALUE_TRUE || token == JsonToken.VALUE_FALSE) {
			return token == JsonToken.VALUE_TRUE;
		}
		if (token == JsonToken.VALUE_NUMBER_INT) {
			Boolean flag = flagOf(parser.getString());
			return (flag != null) ? flag : (Boolean) context.handleWeirdNumberValue(Boolean.class,
					parser.getNumberValue(), "neither 0 nor 1");
		}
		if (token != JsonToken.VALUE_STRING) {
			return (Boolean) context.handleUnexpectedToken(Boolean.class, parser);
		}
		String text = parser.getString().trim();
		if (text.isEmpty()) {
			return null;
		}
		Boolean flag = flagOf(text.toLowerCase(Locale.ROOT));
		return (flag != null) ? flag
				: (Boolean) context.handleWeirdStringValue(Boolean.class, text, "neither 0/1 nor true/false");
	}

	private static @Nullable Boolean flagOf(String text) {
		return switch (text) {
			case "1", "true" -> Boolean.TRUE;
			case "0", "false" -> Boolean.FALSE;
			default -> null;
		};
	}

}
