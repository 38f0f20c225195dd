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
import java.time.LocalDate;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonDeserialize;
import tools.jackson.databind.annotation.JsonNaming;

import io.github.iotstarters.emnify.api.model.TrafficUsage.Currency;
import io.github.iotstarters.emnify.api.model.TrafficUsage.TrafficType;

/**
 * An endpoint's usage on one day, or the sum over the days asked for: emnify ends the
 * list with a row whose date is {@code TOTAL}. Days without traffic carry the number
 * {@code 0} as volumes and no cost; other days strings; all are read as decimals.
 * Satellite usage comes in rows of its own, documented by emnify's current API
 * description only.
 *
 * @param date the day, {@code null} on the total row
 * @param total whether this is the total row
 * @param data the data usage
 * @param sms the SMS usage
 * @param satGeoData the data usage over geostationary satellite
 * @param satGeoSms the SMS usage over geostationary satellite
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DailyStats(@Nullable LocalDate date, boolean total, @Nullable Usage data, @Nullable Usage sms,
		@Nullable Usage satGeoData, @Nullable Usage satGeoSms) {

	private static final String TOTAL = "TOTAL";

	/**
	 * Read a day as emnify sends it: the date as {@code 2019-03-20} or as
	 * {@code 2019-03-20T00:00:00.000Z}, or {@code TOTAL}.
	 * @param date the date as sent
	 * @param data the data usage
	 * @param sms the SMS usage
	 * @param satGeoData the data usage over geostationary satellite
	 * @param satGeoSms the SMS usage over geostationary satellite
	 * @return the day
	 */
	@JsonCreator
	static DailyStats fromJson(@JsonProperty("date") @Nullable String date, @JsonProperty("data") @Nullable Usage data,
			@JsonProperty("sms") @Nullable Usage sms, @JsonProperty("sat_geo_data") @Nullable Usage satGeoData,
			@JsonProperty("sat_geo_sms") @Nullable Usage satGeoSms) {
		if (date == null || TOTAL.equalsIgnoreCase(date.trim())) {
			return new DailyStats(null, date != null, data, sms, satGeoData, satGeoSms);
		}
		String day = date.trim();
		return new DailyStats(LocalDate.parse((day.length() > 10) ? day.substring(0, 10) : day), false, data, sms,
				satGeoData, satGeoSms);
	}

	/**
	 * One kind of traffic on one day. emnify's unit is MB for data and messages for SMS.
	 *
	 * @param volume the volume
	 * @param volumeTx the volume sent by the device
	 * @param volumeRx the volume received by the device
	 * @param cost the cost, {@code null} on days without traffic
	 * @param trafficType the kind of traffic and its unit; {@code null} on days without
	 * traffic and on the total row, which sends {@code ""}
	 * @param currency the currency of the cost; {@code null} when emnify sends
	 * {@code null} or, on the total row, {@code ""}
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
	public record Usage(@JsonDeserialize(using = EmnifyDecimalDeserializer.class) @Nullable BigDecimal volume,
			@JsonDeserialize(using = EmnifyDecimalDeserializer.class) @Nullable BigDecimal volumeTx,
			@JsonDeserialize(using = EmnifyDecimalDeserializer.class) @Nullable BigDecimal volumeRx,
			@JsonDeserialize(using = EmnifyDecimalDeserializer.class) @Nullable BigDecimal cost,
			@JsonDeserialize(using = EmnifyObjectDeserializer.class) @Nullable TrafficType trafficType,
			@JsonDeserialize(using = EmnifyObjectDeserializer.class) @Nullable Currency currency) {

	}

}
