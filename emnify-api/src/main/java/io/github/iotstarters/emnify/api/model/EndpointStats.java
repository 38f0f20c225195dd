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
import java.util.List;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonDeserialize;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * An endpoint's usage: the last and the current month, each present only when there was
 * traffic, and the last hour minute by minute.
 *
 * @param lastMonth the last month's usage
 * @param currentMonth the current month's usage
 * @param lastHour the last hour's usage
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record EndpointStats(@Nullable Month lastMonth, @Nullable Month currentMonth, @Nullable LastHour lastHour) {

	/**
	 * One month's usage.
	 *
	 * @param data the data usage
	 * @param sms the SMS usage
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	public record Month(@Nullable TrafficUsage data, @Nullable TrafficUsage sms) {

	}

	/**
	 * The last hour's usage.
	 *
	 * @param data the data volumes
	 * @param sms the SMS counts
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	public record LastHour(@Nullable Directions data, @Nullable Directions sms) {

	}

	/**
	 * Volumes per minute in each direction.
	 *
	 * @param rx the volumes received
	 * @param tx the volumes sent
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	public record Directions(@Nullable List<MinuteVolume> rx, @Nullable List<MinuteVolume> tx) {

	}

	/**
	 * The volume of one minute, sent by emnify as the pair {@code ["06:38", 0.0123]}.
	 *
	 * @param minute the minute, {@code HH:mm}
	 * @param volume the volume in that minute
	 */
	@JsonFormat(shape = JsonFormat.Shape.ARRAY)
	public record MinuteVolume(String minute,
			@JsonDeserialize(using = EmnifyDecimalDeserializer.class) @Nullable BigDecimal volume) {

	}

}
