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
 * Reads a flag whether emnify sends it as a boolean or as a number: a data quota's
 * {@code auto_refill} is {@code 0} or {@code 1}, an SMS quota's is documented as a
 * boolean, and one documented event carries {@code "alert": 0}. A number other than zero
 * is {@code true}, as Jackson would coerce it; the strings {@code "0"}, {@code "1"},
 * {@code "true"} and {@code "false"} are read too. Declared on the fields so that it
 * holds even when the application's mapper refuses to coerce numbers to booleans. Any
 * other value reads as {@code null}, never as a failure of the whole answer.
 */
final class EmnifyBooleanDeserializer extends ValueDeserializer<Boolean> {

	@Override
	public @Nullable Boolean deserialize(JsonParser parser, DeserializationContext context) {
		JsonToken token = parser.currentToken();
		if (token == JsonToken.VALUE_TRUE || token == JsonToken.VALUE_FALSE) {
			return token == JsonToken.VALUE_TRUE;
		}
		if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
			return parser.getDecimalValue().signum() != 0;
		}
		if (token == JsonToken.VALUE_STRING) {
			return switch (parser.getString().trim().toLowerCase(Locale.ROOT)) {
				case "1", "true" -> Boolean.TRUE;
				case "0", "false" -> Boolean.FALSE;
				default -> null;
			};
		}
		parser.skipChildren();
		return null;
	}

}
