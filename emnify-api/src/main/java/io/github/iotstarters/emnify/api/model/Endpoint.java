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
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonDeserialize;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * An endpoint: emnify's representation of a device.
 *
 * @param id the endpoint's id
 * @param name the endpoint's name
 * @param tags comma-separated tags; emnify sends {@code null} and {@code ""} alike for
 * none
 * @param created when the endpoint was created (zone-less forms are read as UTC)
 * @param lastUpdated when the endpoint was last changed (zone-less forms are read as UTC)
 * @param status the endpoint's status
 * @param serviceProfile the service profile
 * @param tariffProfile the tariff profile
 * @param ipAddress the device's IP address
 * @param ipAddressSpace the space the address comes from
 * @param sim the assigned SIM; emnify leaves the key out when none is assigned
 * @param imei the IMEISV (16 digits) as emnify sent it
 * @param imeiWithLuhn the IMEI with its Luhn digit (15 digits)
 * @param imeiLock whether the endpoint only works with its IMEI
 * @param runtimeData where the device is attached, documented only while it is connected;
 * {@code null} when absent or not an object
 * @param tagAssignments the tags as objects, documented by emnify's current API
 * description only; {@code null} when absent or not a list, elements that are not objects
 * left out
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Endpoint(long id, @Nullable String name, @Nullable String tags,
		@JsonDeserialize(using = EmnifyInstantDeserializer.class) @Nullable Instant created,
		@JsonDeserialize(using = EmnifyInstantDeserializer.class) @Nullable Instant lastUpdated,
		@Nullable EndpointStatus status, @Nullable Reference serviceProfile, @Nullable Reference tariffProfile,
		@Nullable String ipAddress, @Nullable IpAddressSpace ipAddressSpace, @Nullable EndpointSim sim,
		@Nullable String imei, @Nullable String imeiWithLuhn, @Nullable Boolean imeiLock,
		@JsonDeserialize(using = EmnifyObjectDeserializer.class) @Nullable RuntimeData runtimeData,
		@JsonDeserialize(using = EmnifyObjectDeserializer.class) @Nullable List<TagAssignment> tagAssignments) {

	/**
	 * Where a connected device is attached in the network, for example {@code {"msc":
	 * "…", "sgsn": "…", "sgsn_ip_address": "…"}}.
	 *
	 * @param msc the mobile switching centre serving the device
	 * @param sgsn the serving GPRS support node
	 * @param sgsnIpAddress the SGSN's IP address
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
	public record RuntimeData(@Nullable String msc, @Nullable String sgsn, @Nullable String sgsnIpAddress) {

	}

	/**
	 * A tag assigned to the endpoint, for example {@code {"id": 12, "name": "eu",
	 * "tag_color": {"id": 3}}}.
	 *
	 * @param id the tag's id
	 * @param name the tag's name
	 * @param tagColor the tag's colour, by id
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
	public record TagAssignment(@JsonDeserialize(using = EmnifyLongDeserializer.class) @Nullable Long id,
			@Nullable String name,
			@JsonDeserialize(using = EmnifyObjectDeserializer.class) @Nullable Reference tagColor) {

	}

}
