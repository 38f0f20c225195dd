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

import java.math.BigDecimal;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;

/**
 * Reads a volume or a cost whether emnify sends it as a number ({@code 6.10483935}) or as
 * a string ({@code "3.3200000000"}), and an empty string as no value, which emnify's
 * daily statistics send on their total row. Numbers are read as decimals, never through a
 * {@code double}, so no digit is lost.
 */
final class EmnifyDecimalDeserializer extends ValueDeserializer<BigDecimal> {

	@Override
	public @Nullable BigDecimal deserialize(JsonParser parser, DeserializationContext context) {
		JsonToken token = parser.currentToken();
		if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
			return parser.getDecimalValue();
		}
		if (token != JsonToken.VALUE_STRING) {
			return (BigDecimal) context.handleUnexpectedToken(BigDecimal.class, parser);
		}
		String text = parser.getString().trim();
		if (text.isEmpty()) {
			return null;
		}
		try {
			return new BigDecimal(text);
		}
		catch (NumberFormatException ex) {
			throw context.weirdStringException(text, BigDecimal.class, "not a decimal number");
		}
	}

}
