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

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * A device's connectivity. {@code location} and {@code pdpContext} are kept as JSON
 * trees: emnify documents them only by example, with numbers quoted or not and some
 * thirty keys whose types were never observed, so a tree reads whatever comes.
 *
 * @param status whether the device is attached, online, offline or blocked
 * @param services the services in use, for example {@code GPRS}
 * @param location the network location, absent when the device is offline
 * @param pdpContext the data session, present while one exists
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Connectivity(@Nullable ConnectivityStatus status, @Nullable List<String> services,
		@Nullable JsonNode location, @Nullable JsonNode pdpContext) {

}
