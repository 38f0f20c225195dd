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

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonDeserialize;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * An event of emnify's platform: a device attached, a SIM was activated, a quota ran out.
 * Ids exceed 32 bits. The {@code detail} is kept as sent: its shape depends on the type,
 * and some types use camelCase keys where others use snake_case. Date-times without a
 * zone are read as UTC.
 *
 * @param id the event's id, 64-bit
 * @param timestamp when the event happened
 * @param alert whether the event is an alert, sent as a boolean or, in one documented
 * example, as {@code 0}
 * @param description the event's text
 * @param eventType the event's type
 * @param eventSource where the event comes from
 * @param eventSeverity how severe the event is
 * @param organisation the organisation the event belongs to
 * @param endpoint the endpoint concerned, if any
 * @param sim the SIM concerned, if any
 * @param detail the type-specific detail, as sent
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Event(long id, @JsonDeserialize(using = EmnifyInstantDeserializer.class) @Nullable Instant timestamp,
		@JsonDeserialize(using = EmnifyBooleanDeserializer.class) @Nullable Boolean alert, @Nullable String description,
		@Nullable EventType eventType, @Nullable EventSource eventSource, @Nullable EventSeverity eventSeverity,
		@Nullable Reference organisation, @Nullable EventEndpoint endpoint, @Nullable EventSim sim,
		@Nullable JsonNode detail) {

	/**
	 * The endpoint an event concerns.
	 *
	 * @param id the endpoint's id
	 * @param name the endpoint's name
	 * @param ipAddress the endpoint's IP address
	 * @param imei the endpoint's IMEI
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
	public record EventEndpoint(long id, @Nullable String name, @Nullable String ipAddress, @Nullable String imei) {

	}

	/**
	 * The SIM an event concerns.
	 *
	 * @param id the SIM's id
	 * @param iccid the SIM's ICCID
	 * @param productionDate when the SIM was produced
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
	public record EventSim(long id, @Nullable String iccid,
			@JsonDeserialize(using = EmnifyInstantDeserializer.class) @Nullable Instant productionDate) {

	}

}
