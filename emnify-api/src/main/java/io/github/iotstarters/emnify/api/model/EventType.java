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

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.jspecify.annotations.Nullable;

/**
 * The type of an event, as emnify sends it: {@code {"id": 51, "description": "SIM
 * Assigned"}}.
 * <p>
 * A record, not an enum: emnify lists 67 types, adds new ones without notice and names
 * some differently in its lookup and its product documentation, so the description as
 * sent is worth more than a constant. Filter by {@link #id()}.
 *
 * @param id emnify's id of the type, for example 3 for "Create PDP Context"
 * @param description the type's name as emnify sent it
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record EventType(int id, @Nullable String description) {

}
