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
 * The body that changes an endpoint. emnify changes only the fields it receives, so only
 * the fields set here are sent: start from {@link #none()} and add what changes.
 * Un-assigning the SIM is {@code withSim(SimAssignment.none())}, sent as {@code {"sim":
 * {"id": null}}}.
 *
 * @param name the new name
 * @param tags the new comma-separated tags
 * @param status the new status
 * @param serviceProfile the new service profile
 * @param tariffProfile the new tariff profile
 * @param ipAddress the new IP address; emnify then requires {@code ipAddressSpace}
 * @param ipAddressSpace the space of the new IP address
 * @param sim the SIM to assign, or {@link SimAssignment#none()} to un-assign it
 * @param imei the new IMEISV
 * @param imeiLock whether the endpoint only works with its IMEI
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record EndpointUpdate(@Nullable String name, @Nullable String tags, @Nullable EndpointStatus status,
		@Nullable Reference serviceProfile, @Nullable Reference tariffProfile, @Nullable String ipAddress,
		@Nullable Reference ipAddressSpace, @Nullable SimAssignment sim, @Nullable String imei,
		@Nullable Boolean imeiLock) {

	/**
	 * Make the body.
	 * @throws IllegalArgumentException if a lookup is an {@code UNKNOWN}, which names no
	 * value emnify would take
	 */
	public EndpointUpdate {
		Lookups.sendable(status);
	}

	/**
	 * Start an update that changes nothing.
	 * @return the empty update
	 */
	public static EndpointUpdate none() {
		return new EndpointUpdate(null, null, null, null, null, null, null, null, null, null);
	}

	/**
	 * Return this update also changing the name.
	 * @param name the new name
	 * @return a new update
	 */
	public EndpointUpdate withName(String name) {
		return new EndpointUpdate(name, this.tags, this.status, this.serviceProfile, this.tariffProfile, this.ipAddress,
				this.ipAddressSpace, this.sim, this.imei, this.imeiLock);
	}

	/**
	 * Return this update also changing the tags.
	 * @param tags the new comma-separated tags
	 * @return a new update
	 */
	public EndpointUpdate withTags(String tags) {
		return new EndpointUpdate(this.name, tags, this.status, this.serviceProfile, this.tariffProfile, this.ipAddress,
				this.ipAddressSpace, this.sim, this.imei, this.imeiLock);
	}

	/**
	 * Return this update also changing the status.
	 * @param status the new status
	 * @return a new update
	 */
	public EndpointUpdate withStatus(EndpointStatus status) {
		return new EndpointUpdate(this.name, this.tags, status, this.serviceProfile, this.tariffProfile, this.ipAddress,
				this.ipAddressSpace, this.sim, this.imei, this.imeiLock);
	}

	/**
	 * Return this update also changing the profiles.
	 * @param serviceProfileId the new service profile's id
	 * @param tariffProfileId the new tariff profile's id
	 * @return a new update
	 */
	public EndpointUpdate withProfiles(long serviceProfileId, long tariffProfileId) {
		return new EndpointUpdate(this.name, this.tags, this.status, Reference.to(serviceProfileId),
				Reference.to(tariffProfileId), this.ipAddress, this.ipAddressSpace, this.sim, this.imei, this.imeiLock);
	}

	/**
	 * Return this update also changing the IP address.
	 * @param ipAddress the new IP address
	 * @param ipAddressSpaceId the id of the space it belongs to
	 * @return a new update
	 */
	public EndpointUpdate withIpAddress(String ipAddress, long ipAddressSpaceId) {
		return new EndpointUpdate(this.name, this.tags, this.status, this.serviceProfile, this.tariffProfile, ipAddress,
				Reference.to(ipAddressSpaceId), this.sim, this.imei, this.imeiLock);
	}

	/**
	 * Return this update also assigning or un-assigning the SIM.
	 * @param sim the SIM to assign, or {@link SimAssignment#none()}
	 * @return a new update
	 */
	public EndpointUpdate withSim(SimAssignment sim) {
		return new EndpointUpdate(this.name, this.tags, this.status, this.serviceProfile, this.tariffProfile,
				this.ipAddress, this.ipAddressSpace, sim, this.imei, this.imeiLock);
	}

	/**
	 * Return this update also changing the IMEI.
	 * @param imei the new IMEISV
	 * @param imeiLock whether the endpoint only works with this IMEI
	 * @return a new update
	 */
	public EndpointUpdate withImei(String imei, boolean imeiLock) {
		return new EndpointUpdate(this.name, this.tags, this.status, this.serviceProfile, this.tariffProfile,
				this.ipAddress, this.ipAddressSpace, this.sim, imei, imeiLock);
	}

}
