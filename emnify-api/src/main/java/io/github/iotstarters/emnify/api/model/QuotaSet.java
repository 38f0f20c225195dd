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

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;
import tools.jackson.databind.annotation.JsonSerialize;

/**
 * The body that sets an endpoint's data or SMS quota, replacing the one in place: a
 * top-up reads the remaining volume, adds to it and sets the sum. Fields left
 * {@code null} are not sent. The expiry date is sent as {@code yyyy-MM-dd HH:mm:ss} in
 * UTC, the form emnify's API description requires. The auto-refill flag is sent as
 * emnify's description types it for each kind: {@code 0} or {@code 1} for data, a boolean
 * for SMS.
 *
 * @param kind whether this is a data or an SMS quota, which decides how
 * {@code auto_refill} is written; not sent itself
 * @param status the quota's status, {@link QuotaStatus#ACTIVE} to grant service
 * @param volume the volume, in MB for data and in messages for SMS
 * @param expiryDate when the quota expires
 * @param actionOnExhaustion what emnify does when the volume is used up; required for
 * data
 * @param peakThroughput the throttled rate in octets per second, for data
 * @param thresholdPercentage the remaining share below which emnify raises an event;
 * required for SMS
 * @param autoRefill whether emnify refills the volume daily at midnight UTC; {@code null}
 * leaves it to emnify
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record QuotaSet(@JsonIgnore Kind kind, QuotaStatus status, BigDecimal volume,
		@JsonSerialize(using = EmnifyDateTimeSerializer.class) Instant expiryDate,
		@Nullable ActionOnExhaustion actionOnExhaustion, @Nullable Long peakThroughput,
		@Nullable BigDecimal thresholdPercentage, @JsonIgnore @Nullable Boolean autoRefill) {

	/**
	 * Make the body.
	 * @throws IllegalArgumentException if a lookup is an {@code UNKNOWN}, which names no
	 * value emnify would take
	 */
	public QuotaSet {
		Lookups.sendable(status);
		Lookups.sendable(actionOnExhaustion);
	}

	/**
	 * An active data quota that blocks data when used up.
	 * @param megabytes the volume in MB
	 * @param expiryDate when the quota expires
	 * @return the body
	 */
	public static QuotaSet data(BigDecimal megabytes, Instant expiryDate) {
		return new QuotaSet(Kind.DATA, QuotaStatus.ACTIVE, megabytes, expiryDate, ActionOnExhaustion.BLOCK, null, null,
				null);
	}

	/**
	 * An active SMS quota.
	 * @param messages the number of SMS
	 * @param expiryDate when the quota expires
	 * @param thresholdPercentage the remaining share below which emnify raises an event
	 * @return the body
	 */
	public static QuotaSet sms(long messages, Instant expiryDate, BigDecimal thresholdPercentage) {
		return new QuotaSet(Kind.SMS, QuotaStatus.ACTIVE, BigDecimal.valueOf(messages), expiryDate, null, null,
				thresholdPercentage, null);
	}

	/**
	 * This quota with emnify's daily refill switched on or off.
	 * @param refill whether emnify refills the volume daily at midnight UTC
	 * @return the body
	 */
	public QuotaSet withAutoRefill(boolean refill) {
		return new QuotaSet(this.kind, this.status, this.volume, this.expiryDate, this.actionOnExhaustion,
				this.peakThroughput, this.thresholdPercentage, refill);
	}

	// emnify's description types auto_refill as 0/1 for data quotas and as a boolean for
	// SMS
	@JsonProperty("auto_refill")
	@Nullable Object autoRefillAsSent() {
		if (this.autoRefill == null) {
			return null;
		}
		return (this.kind == Kind.DATA) ? Integer.valueOf(this.autoRefill ? 1 : 0) : this.autoRefill;
	}

	/**
	 * The kind of quota, each set at its own path.
	 */
	public enum Kind {

		/**
		 * A data quota, in MB.
		 */
		DATA,

		/**
		 * An SMS quota, in messages.
		 */
		SMS

	}

}
