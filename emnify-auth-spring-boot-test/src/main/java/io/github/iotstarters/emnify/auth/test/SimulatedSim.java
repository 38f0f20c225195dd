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
 * A SIM of a workspace as the simulator keeps it; immutable, replaced on every change.
 *
 * @param id the SIM id
 * @param workspaceId the workspace (organisation) that owns it
 * @param iccid the 20-digit ICCID, with its Luhn digit
 * @param imsi the IMSI
 * @param status the SIM status
 * @param endpointId the id of the endpoint it is assigned to, or {@code null}
 * @param activationDate when it was first activated, or {@code null} until then
 */
record SimulatedSim(long id, long workspaceId, String iccid, String imsi, Status status, @Nullable Long endpointId,
		@Nullable Instant activationDate) {

	/**
	 * The SIM in another workspace; it leaves its endpoint behind.
	 * @param targetWorkspaceId the id of the workspace the SIM moves to
	 * @return the moved SIM, without an endpoint
	 */
	SimulatedSim movedTo(long targetWorkspaceId) {
		return new SimulatedSim(this.id, targetWorkspaceId, this.iccid, this.imsi, this.status, null,
				this.activationDate);
	}

	SimulatedSim withEndpoint(@Nullable Long newEndpointId) {
		return new SimulatedSim(this.id, this.workspaceId, this.iccid, this.imsi, this.status, newEndpointId,
				this.activationDate);
	}

	/**
	 * The SIM in a new status; the first activation sets its activation date for good.
	 * @param newStatus the status to take
	 * @param now the current instant
	 * @return the changed SIM
	 */
	SimulatedSim withStatus(Status newStatus, Instant now) {
		Instant activated = (this.activationDate == null && newStatus.id() == Inventory.SIM_ACTIVATED.id()) ? now
				: this.activationDate;
		return new SimulatedSim(this.id, this.workspaceId, this.iccid, this.imsi, newStatus, this.endpointId,
				activated);
	}

}
