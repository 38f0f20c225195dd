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
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonDeserialize;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * An SMS sent to or received from an endpoint. emnify's answers and its documentation
 * differ: answers carry {@code endpoint_id} as a string and quote most numbers, where the
 * documentation shows numbers; both are read. The documentation also names the endpoint
 * as an object {@code {"id": …, "name": …}} where answers carry {@code endpoint_id}:
 * {@link #endpointId()} holds the id from whichever arrives. Date-times without a zone
 * are read as UTC.
 *
 * @param id the SMS's id
 * @param submitDate when it was submitted
 * @param deliveryDate when it was delivered
 * @param expiryDate when it expires if not delivered
 * @param finalDate when it reached its final status
 * @param payload the text
 * @param sourceAddress the sender's address, {@code ""} when none was given
 * @param udh the user data header (hex), for concatenated SMS
 * @param status the delivery status
 * @param smsType MT (towards the device) or MO (from the device)
 * @param endpointId the endpoint's id, from {@code endpoint_id} or else from
 * {@code endpoint}
 * @param simId the SIM's id
 * @param iccid the SIM's ICCID
 * @param msisdn the SIM's MSISDN
 * @param retryCount the delivery attempts so far
 * @param dcs the data coding scheme: 0 for GSM 7-bit, 8 for UCS-2
 * @param endpoint the endpoint in the documented form; answers seen so far leave it out
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Sms(long id, @JsonDeserialize(using = EmnifyInstantDeserializer.class) @Nullable Instant submitDate,
		@JsonDeserialize(using = EmnifyInstantDeserializer.class) @Nullable Instant deliveryDate,
		@JsonDeserialize(using = EmnifyInstantDeserializer.class) @Nullable Instant expiryDate,
		@JsonDeserialize(using = EmnifyInstantDeserializer.class) @Nullable Instant finalDate, @Nullable String payload,
		@Nullable String sourceAddress, @Nullable String udh, @Nullable SmsStatus status, @Nullable SmsType smsType,
		@JsonDeserialize(using = EmnifyLongDeserializer.class) @Nullable Long endpointId,
		@JsonDeserialize(using = EmnifyLongDeserializer.class) @Nullable Long simId, @Nullable String iccid,
		@Nullable String msisdn, @JsonDeserialize(using = EmnifyLongDeserializer.class) @Nullable Long retryCount,
		@JsonDeserialize(using = EmnifyLongDeserializer.class) @Nullable Long dcs,
		@JsonDeserialize(using = EmnifyObjectDeserializer.class) @Nullable Reference endpoint) {

	/**
	 * Take the endpoint's id from the documented {@code endpoint} object when the
	 * observed {@code endpoint_id} is missing.
	 * @param id the SMS's id
	 * @param submitDate when it was submitted
	 * @param deliveryDate when it was delivered
	 * @param expiryDate when it expires if not delivered
	 * @param finalDate when it reached its final status
	 * @param payload the text
	 * @param sourceAddress the sender's address
	 * @param udh the user data header
	 * @param status the delivery status
	 * @param smsType MT or MO
	 * @param endpointId the endpoint's id as {@code endpoint_id} carried it
	 * @param simId the SIM's id
	 * @param iccid the SIM's ICCID
	 * @param msisdn the SIM's MSISDN
	 * @param retryCount the delivery attempts so far
	 * @param dcs the data coding scheme
	 * @param endpoint the endpoint in the documented form
	 */
	public Sms {
		if (endpointId == null && endpoint != null) {
			endpointId = endpoint.id();
		}
	}

}
