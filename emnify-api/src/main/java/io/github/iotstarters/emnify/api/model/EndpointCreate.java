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
 * The body that creates an endpoint. Fields left {@code null} are not sent.
 *
 * @param name the endpoint's name
 * @param status the endpoint's status
 * @param serviceProfile the service profile, of the caller's organisation
 * @param tariffProfile the tariff profile, of the caller's organisation
 * @param tags comma-separated tags
 * @param imei the IMEISV, 16 digits
 * @param imeiLock whether the endpoint only works with its IMEI
 * @param sim the SIM to assign
 * @param ipAddress a fixed IP address; emnify then requires {@code ipAddressSpace}
 * @param ipAddressSpace the space of the IP address
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record EndpointCreate(String name, EndpointStatus status, Reference serviceProfile, Reference tariffProfile,
		@Nullable String tags, @Nullable String imei, @Nullable Boolean imeiLock, @Nullable SimAssignment sim,
		@Nullable String ipAddress, @Nullable Reference ipAddressSpace) {

	/**
	 * Make the body.
	 * @throws IllegalArgumentException if a lookup is an {@code UNKNOWN}, which names no
	 * value emnify would take
	 */
	public EndpointCreate {
		Lookups.sendable(status);
	}

	/**
	 * Create an endpoint with what emnify requires and nothing else.
	 * @param name the endpoint's name
	 * @param status the endpoint's status
	 * @param serviceProfileId the service profile's id
	 * @param tariffProfileId the tariff profile's id
	 * @return the body
	 */
	public static EndpointCreate of(String name, EndpointStatus status, long serviceProfileId, long tariffProfileId) {
		return new EndpointCreate(name, status, Reference.to(serviceProfileId), Reference.to(tariffProfileId), null,
				null, null, null, null, null);
	}

	/**
	 * Return this body with tags.
	 * @param tags comma-separated tags
	 * @return a new body
	 */
	public EndpointCreate withTags(String tags) {
		return new EndpointCreate(this.name, this.status, this.serviceProfile, this.tariffProfile, tags, this.imei,
				this.imeiLock, this.sim, this.ipAddress, this.ipAddressSpace);
	}

	/**
	 * Return this body with an IMEI.
	 * @param imei the IMEISV
	 * @param imeiLock whether the endpoint only works with this IMEI
	 * @return a new body
	 */
	public EndpointCreate withImei(String imei, boolean imeiLock) {
		return new EndpointCreate(this.name, this.status, this.serviceProfile, this.tariffProfile, this.tags, imei,
				imeiLock, this.sim, this.ipAddress, this.ipAddressSpace);
	}

	/**
	 * Return this body with a SIM to assign. Activating it makes it billed.
	 * @param simId the SIM's id
	 * @param activate whether emnify activates the SIM on assignment
	 * @return a new body
	 */
	public EndpointCreate withSim(long simId, boolean activate) {
		return new EndpointCreate(this.name, this.status, this.serviceProfile, this.tariffProfile, this.tags, this.imei,
				this.imeiLock, new SimAssignment(simId, activate), this.ipAddress, this.ipAddressSpace);
	}

	/**
	 * Return this body with a fixed IP address.
	 * @param ipAddress the IP address
	 * @param ipAddressSpaceId the id of the space it belongs to
	 * @return a new body
	 */
	public EndpointCreate withIpAddress(String ipAddress, long ipAddressSpaceId) {
		return new EndpointCreate(this.name, this.status, this.serviceProfile, this.tariffProfile, this.tags, this.imei,
				this.imeiLock, this.sim, ipAddress, Reference.to(ipAddressSpaceId));
	}

}
