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

package io.github.iotstarters.emnify.auth.test;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import io.github.iotstarters.emnify.auth.test.Inventory.Status;

/**
 * An endpoint (device) of a workspace as the simulator keeps it; immutable, replaced on
 * every change.
 *
 * @param id the endpoint id
 * @param workspaceId the workspace (organisation) that owns it
 * @param name the name
 * @param status Enabled or Disabled
 * @param tags the comma-separated tags, or {@code null}
 * @param ipAddress the IP address
 * @param simId the id of the assigned SIM, or {@code null}
 * @param imei the IMEISV, or {@code null}
 * @param imeiLock whether the endpoint is locked to its IMEI
 * @param serviceProfileId the id of its service profile
 * @param tariffProfileId the id of its tariff profile
 * @param created when it was created
 * @param lastUpdated when it last changed
 */
record SimulatedEndpoint(long id, long workspaceId, String name, Status status, @Nullable String tags, String ipAddress,
		@Nullable Long simId, @Nullable String imei, boolean imeiLock, long serviceProfileId, long tariffProfileId,
		Instant created, Instant lastUpdated) {

	SimulatedEndpoint withSim(@Nullable Long newSimId, Instant now) {
		return new SimulatedEndpoint(this.id, this.workspaceId, this.name, this.status, this.tags, this.ipAddress,
				newSimId, this.imei, this.imeiLock, this.serviceProfileId, this.tariffProfileId, this.created, now);
	}

}
