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
import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;
import tools.jackson.databind.annotation.JsonSerialize;

/**
 * The body that sets an endpoint's data or SMS quota, replacing the one in place: a
 * top-up reads the remaining volume, adds to it and sets the sum. Fields left
 * {@code null} are not sent. The expiry date is sent as {@code yyyy-MM-dd HH:mm:ss} in
 * UTC, the form emnify's API description requires.
 *
 * @param status the quota's status, {@link QuotaStatus#ACTIVE} to grant service
 * @param volume the volume, in MB for data and in messages for SMS
 * @param expiryDate when the quota expires
 * @param actionOnExhaustion what emnify does when the volume is used up; required for
 * data
 * @param peakThroughput the throttled rate in octets per second, for data
 * @param thresholdPercentage the remaining share below which emnify raises an event;
 * required for SMS
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record QuotaSet(QuotaStatus status, BigDecimal volume,
		@JsonSerialize(using = EmnifyDateTimeSerializer.class) Instant expiryDate,
		@Nullable ActionOnExhaustion actionOnExhaustion, @Nullable Long peakThroughput,
		@Nullable BigDecimal thresholdPercentage) {

	/**
	 * An active data quota that blocks data when used up.
	 * @param megabytes the volume in MB
	 * @param expiryDate when the quota expires
	 * @return the body
	 */
	public static QuotaSet data(BigDecimal megabytes, Instant expiryDate) {
		return new QuotaSet(QuotaStatus.ACTIVE, megabytes, expiryDate, ActionOnExhaustion.BLOCK, null, null);
	}

	/**
	 * An active SMS quota.
	 * @param messages the number of SMS
	 * @param expiryDate when the quota expires
	 * @param thresholdPercentage the remaining share below which emnify raises an event
	 * @return the body
	 */
	public static QuotaSet sms(long messages, Instant expiryDate, BigDecimal thresholdPercentage) {
		return new QuotaSet(QuotaStatus.ACTIVE, BigDecimal.valueOf(messages), expiryDate, null, null,
				thresholdPercentage);
	}

}
