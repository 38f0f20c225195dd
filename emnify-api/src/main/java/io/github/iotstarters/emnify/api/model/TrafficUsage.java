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
import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonDeserialize;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * An endpoint's data or SMS usage in one month. emnify sends volumes as strings and costs
 * as numbers or strings; all are read as decimals.
 *
 * @param month the first day of the month
 * @param volume the volume, in MB for data and in messages for SMS
 * @param volumeTx the volume sent by the device
 * @param volumeRx the volume received by the device
 * @param cost the cost, {@code null} for organisations with inclusive volume
 * @param trafficType the kind of traffic and its unit
 * @param currency the currency of the cost
 * @param lastUpdated when emnify last updated the figures
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record TrafficUsage(@JsonDeserialize(using = EmnifyInstantDeserializer.class) @Nullable Instant month,
		@JsonDeserialize(using = EmnifyDecimalDeserializer.class) @Nullable BigDecimal volume,
		@JsonDeserialize(using = EmnifyDecimalDeserializer.class) @Nullable BigDecimal volumeTx,
		@JsonDeserialize(using = EmnifyDecimalDeserializer.class) @Nullable BigDecimal volumeRx,
		@JsonDeserialize(using = EmnifyDecimalDeserializer.class) @Nullable BigDecimal cost,
		@Nullable TrafficType trafficType, @Nullable Currency currency,
		@JsonDeserialize(using = EmnifyInstantDeserializer.class) @Nullable Instant lastUpdated) {

	/**
	 * The kind of traffic: {@code {"id": 5, "description": "Data", "unit": "MB"}} or
	 * {@code {"id": 6, "description": "SMS", "unit": "SMS"}}.
	 *
	 * @param id emnify's id of the traffic type
	 * @param description the traffic type's name
	 * @param unit the unit of its volumes
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	public record TrafficType(int id, @Nullable String description, @Nullable String unit) {

	}

	/**
	 * The currency of a cost, for example {@code {"id": 1, "code": "EUR", "symbol":
	 * "€"}}.
	 *
	 * @param id emnify's id of the currency
	 * @param code the ISO 4217 code
	 * @param symbol the symbol
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	public record Currency(int id, @Nullable String code, @Nullable String symbol) {

	}

}
