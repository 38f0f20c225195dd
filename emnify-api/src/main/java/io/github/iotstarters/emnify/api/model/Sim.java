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
 * A SIM. Keys emnify leaves out (no activation yet, no reseller, no endpoint) read as
 * {@code null}. Date-times without a zone are read as UTC.
 *
 * @param id the SIM's id
 * @param iccid the ICCID, 19 digits without the Luhn digit
 * @param iccidWithLuhn the ICCID with its Luhn digit
 * @param eid the EID of an eSIM
 * @param imsi the IMSI
 * @param msisdn the MSISDN
 * @param productionDate when the SIM was produced
 * @param activationDate when the SIM was first activated
 * @param status the SIM's status
 * @param issuerOrg the issuing organisation
 * @param resellerOrg the reselling organisation
 * @param customerOrg the customer organisation
 * @param endpoint the endpoint the SIM is assigned to
 * @param model the SIM model; {@code null} when absent or not an object
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Sim(long id, @Nullable String iccid, @Nullable String iccidWithLuhn, @Nullable String eid,
		@Nullable String imsi, @Nullable String msisdn,
		@JsonDeserialize(using = EmnifyInstantDeserializer.class) @Nullable Instant productionDate,
		@JsonDeserialize(using = EmnifyInstantDeserializer.class) @Nullable Instant activationDate,
		@Nullable SimStatus status, @Nullable Reference issuerOrg, @Nullable Reference resellerOrg,
		@Nullable Reference customerOrg, @Nullable AssignedEndpoint endpoint,
		@JsonDeserialize(using = EmnifyObjectDeserializer.class) @Nullable Model model) {

	/**
	 * The endpoint a SIM is assigned to, in the flat form of SIM answers.
	 *
	 * @param id the endpoint's id
	 * @param name the endpoint's name
	 * @param imei the endpoint's IMEI
	 * @param ipAddress the endpoint's IP address
	 * @param serviceProfileId the service profile's id
	 * @param tariffProfileId the tariff profile's id
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
	public record AssignedEndpoint(long id, @Nullable String name, @Nullable String imei, @Nullable String ipAddress,
			@JsonDeserialize(using = EmnifyLongDeserializer.class) @Nullable Long serviceProfileId,
			@JsonDeserialize(using = EmnifyLongDeserializer.class) @Nullable Long tariffProfileId) {

	}

	/**
	 * A SIM model, for example
	 * {@code {"id": 44, "description": "DIM Commercial - 4in1 1/2
	 * size", "memory_size": 64, "formfactor": {"id": 11, "name": "1/2/3/4FF (4in1) 1/2
	 * size"}, "manufacturer": {"id": 5, "name": "Idemia"}}}. Names are kept as sent:
	 * emnify's form factor names may end in a space.
	 *
	 * @param id the model's id
	 * @param description the model's name
	 * @param memorySize the SIM's memory size as emnify states it, without a unit
	 * @param formfactor the form factor
	 * @param manufacturer the manufacturer
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
	public record Model(@JsonDeserialize(using = EmnifyLongDeserializer.class) @Nullable Long id,
			@Nullable String description,
			@JsonDeserialize(using = EmnifyLongDeserializer.class) @Nullable Long memorySize,
			@JsonDeserialize(using = EmnifyObjectDeserializer.class) @Nullable Reference formfactor,
			@JsonDeserialize(using = EmnifyObjectDeserializer.class) @Nullable Reference manufacturer) {

	}

}
