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

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.BeanProperty;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.type.TypeFactory;

/**
 * Reads a field that emnify documents as an object, or as a list of objects, only when it
 * has that shape: anything else (a string such as the {@code ""} of a daily total row, a
 * number, an object where a list was expected) reads as {@code null}, and list elements
 * that are not objects are left out. An object that its record cannot take (an id that is
 * missing or {@code null}, a value of another type) reads as {@code null} too, or is left
 * out of its list. These fields are documented but rarely or never seen in answers, so
 * their shape is not trusted to fail a whole answer.
 */
final class EmnifyObjectDeserializer extends ValueDeserializer<Object> {

	private final JavaType type;

	EmnifyObjectDeserializer() {
		this(TypeFactory.unknownType());
	}

	private EmnifyObjectDeserializer(JavaType type) {
		this.type = type;
	}

	@Override
	public ValueDeserializer<?> createContextual(DeserializationContext context, @Nullable BeanProperty property) {
		return (property != null) ? new EmnifyObjectDeserializer(property.getType()) : this;
	}

	@Override
	public @Nullable Object deserialize(JsonParser parser, DeserializationContext context) {
		JsonToken token = parser.currentToken();
		if (this.type.isCollectionLikeType()) {
			return (token == JsonToken.START_ARRAY) ? readObjects(parser, context) : skip(parser);
		}
		return (token == JsonToken.START_OBJECT) ? readObject(parser, context, this.type) : skip(parser);
	}

	private List<Object> readObjects(JsonParser parser, DeserializationContext context) {
		List<Object> elements = new ArrayList<>();
		while (parser.nextToken() != JsonToken.END_ARRAY) {
			if (parser.currentToken() == JsonToken.START_OBJECT) {
				Object element = readObject(parser, context, this.type.getContentType());
				if (element != null) {
					elements.add(element);
				}
			}
			else {
				parser.skipChildren();
			}
		}
		return List.copyOf(elements);
	}

	// The object is read whole first, so that a record that cannot take it leaves the
	// parser after it, not inside it.
	private static @Nullable Object readObject(JsonParser parser, DeserializationContext context, JavaType type) {
		JsonNode object = context.readTree(parser);
		try {
			return context.readTreeAsValue(object, type);
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	private static @Nullable Object skip(JsonParser parser) {
		parser.skipChildren();
		return null;
	}

}
