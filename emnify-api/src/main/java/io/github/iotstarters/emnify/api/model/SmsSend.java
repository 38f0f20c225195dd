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
import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * The body that sends an SMS to an endpoint. Fields left {@code null} are not sent.
 *
 * @param payload the text; up to 160 characters in one SMS, longer texts are sent in
 * parts with a {@code udh} each
 * @param sourceAddress the sender shown on the device: an MSISDN, a short code or up to
 * 11 letters
 * @param sourceAddressType 145 international, 161 national, 208 alphanumeric
 * @param udh the user data header in hex, for one part of a concatenated SMS
 * @param dcs the data coding scheme, 0 for GSM 7-bit and 8 for UCS-2
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record SmsSend(String payload, @Nullable String sourceAddress, @Nullable Reference sourceAddressType,
		@Nullable String udh, @Nullable Integer dcs) {

	/**
	 * Send a text, leaving the sender to emnify.
	 * @param payload the text
	 * @return the body
	 */
	public static SmsSend of(String payload) {
		return new SmsSend(payload, null, null, null, null);
	}

	/**
	 * Return this body with a sender.
	 * @param sourceAddress the sender's address
	 * @param sourceAddressType 145 international, 161 national, 208 alphanumeric
	 * @return a new body
	 */
	public SmsSend from(String sourceAddress, int sourceAddressType) {
		return new SmsSend(this.payload, sourceAddress, Reference.to(sourceAddressType), this.udh, this.dcs);
	}

}
