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
 * An endpoint's data or SMS quota as emnify answers it. The status id arrives as a number
 * or a string; date-times without a zone (emnify's documented
 * {@code yyyy-MM-dd HH:mm:ss}) are read as UTC.
 *
 * @param status whether the quota is active, exhausted or expired
 * @param volume the remaining volume, in MB for data and in messages for SMS
 * @param expiryDate when the quota expires
 * @param actionOnExhaustion what emnify does when the volume is used up
 * @param peakThroughput the throttled rate in octets per second
 * @param thresholdPercentage the remaining share below which emnify raises an event
 * @param thresholdVolume the remaining volume below which emnify raises an event
 * @param lastVolumeAdded the volume last set
 * @param lastStatusChangeDate when the status last changed
 * @param autoRefill whether emnify refills the volume daily at midnight UTC; data quotas
 * send {@code 0} or {@code 1}, SMS quotas are documented with a boolean, both are read
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Quota(@Nullable QuotaStatus status,
		@JsonDeserialize(using = EmnifyDecimalDeserializer.class) @Nullable BigDecimal volume,
		@JsonDeserialize(using = EmnifyInstantDeserializer.class) @Nullable Instant expiryDate,
		@Nullable ActionOnExhaustion actionOnExhaustion,
		@JsonDeserialize(using = EmnifyLongDeserializer.class) @Nullable Long peakThroughput,
		@JsonDeserialize(using = EmnifyDecimalDeserializer.class) @Nullable BigDecimal thresholdPercentage,
		@JsonDeserialize(using = EmnifyDecimalDeserializer.class) @Nullable BigDecimal thresholdVolume,
		@JsonDeserialize(using = EmnifyDecimalDeserializer.class) @Nullable BigDecimal lastVolumeAdded,
		@JsonDeserialize(using = EmnifyInstantDeserializer.class) @Nullable Instant lastStatusChangeDate,
		@JsonDeserialize(using = EmnifyBooleanDeserializer.class) @Nullable Boolean autoRefill) {

}
