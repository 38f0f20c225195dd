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

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import tools.jackson.databind.node.ObjectNode;

import io.github.iotstarters.emnify.auth.test.EventLog.Type;
import io.github.iotstarters.emnify.auth.test.Inventory.Status;
import io.github.iotstarters.emnify.auth.test.Responses.EmnifyError;

/**
 * The rules of SIMs and their endpoints that several resources share: assigning and
 * releasing a SIM, the status transitions emnify allows, and the events each raises.
 * Callers hold the {@link Inventory}'s monitor.
 */
final class SimChanges {

	static final Status SIM_FACTORY_TEST = Inventory.SIM_STATUSES.get(4);

	/**
	 * emnify's allowed transitions by status id: from Issued to Activated or Factory
	 * Test, from Factory Test to Activated, between Activated and Suspended; never back
	 * to Issued.
	 */
	private static final Map<Integer, Set<Integer>> TRANSITIONS = Map.of(0, Set.of(1, 4), 4, Set.of(1), 1, Set.of(2), 2,
			Set.of(1));

	private final Inventory inventory;

	private final EventLog events;

	private final Responses responses;

	private final Clock clock;

	SimChanges(Inventory inventory, EventLog events, Responses responses, Clock clock) {
		this.inventory = inventory;
		this.events = events;
		this.responses = responses;
		this.clock = clock;
	}

	void created(SimulatedEndpoint endpoint) {
		this.events.record(endpoint.workspaceId(), Type.GENERIC, "Endpoint " + endpoint.name() + " created",
				eventEndpoint(endpoint), null);
	}

	void statusChanged(SimulatedEndpoint endpoint) {
		boolean enabled = endpoint.status().id() == Inventory.ENDPOINT_ENABLED.id();
		this.events.record(endpoint.workspaceId(), enabled ? Type.ENDPOINT_ENABLED : Type.ENDPOINT_DISABLED,
				"Endpoint " + endpoint.id() + (enabled ? " enabled" : " disabled"), eventEndpoint(endpoint), null);
	}

	/**
	 * Assigns a free SIM of the endpoint's workspace to it, and activates the SIM if
	 * asked and allowed.
	 * @param endpoint the endpoint, re-read so that a release just before counts
	 * @param simId the SIM, validated by the caller
	 * @param activate whether to activate it, as {@code sim.activate} on create asks
	 */
	void assign(SimulatedEndpoint endpoint, long simId, boolean activate) {
		SimulatedEndpoint current = this.inventory.endpoint(endpoint.workspaceId(), endpoint.id());
		SimulatedSim sim = this.inventory.sim(endpoint.workspaceId(), simId);
		if (current == null || sim == null) {
			return;
		}
		SimulatedEndpoint assigned = current.withSim(simId, this.clock.instant());
		this.inventory.put(assigned);
		this.inventory.put(sim.withEndpoint(current.id()));
		ObjectNode detail = this.responses.object();
		if (assigned.imei() != null) {
			detail.put("imei", assigned.imei());
		}
		this.events.record(current.workspaceId(), Type.SIM_ASSIGNED,
				"SIM " + simId + " assigned to endpoint " + current.id(), eventEndpoint(assigned), eventSim(sim),
				detail);
		if (activate && TRANSITIONS.getOrDefault(sim.status().id(), Set.of()).contains(1)) {
			changeStatus(simId, endpoint.workspaceId(), Inventory.SIM_ACTIVATED.id());
		}
	}

	void release(SimulatedEndpoint endpoint) {
		SimulatedEndpoint current = this.inventory.endpoint(endpoint.workspaceId(), endpoint.id());
		if (current == null || current.simId() == null) {
			return;
		}
		SimulatedSim sim = this.inventory.sim(current.workspaceId(), current.simId());
		this.inventory.put(current.withSim(null, this.clock.instant()));
		if (sim != null) {
			this.inventory.put(sim.withEndpoint(null));
			this.events.record(current.workspaceId(), Type.SIM_RELEASED,
					"SIM " + sim.id() + " released from endpoint " + current.id(), eventEndpoint(current),
					eventSim(sim));
		}
	}

	/**
	 * Changes the status of a SIM as emnify allows; the same status again changes
	 * nothing.
	 * @param simId the SIM, which must exist in the workspace
	 * @param workspaceId the workspace
	 * @param statusId the new status id
	 * @throws Rejection 422 {@code NotAllowed} for a transition emnify refuses, 422
	 * {@code InputValidationFailed} for an unknown status
	 */
	void changeStatus(long simId, long workspaceId, int statusId) {
		SimulatedSim sim = this.inventory.sim(workspaceId, simId);
		if (sim == null || sim.status().id() == statusId) {
			return;
		}
		List<Status> known = Inventory.SIM_STATUSES.stream().filter((status) -> status.id() == statusId).toList();
		if (known.isEmpty()) {
			throw new Rejection("unknown SIM status " + statusId,
					this.responses.validationFailed("Update SIM validation error",
							Map.of("SIM status with Id '" + statusId + "' not found.", EmnifyError.INVALID_REFERENCE)));
		}
		Status target = known.get(0);
		if (!TRANSITIONS.getOrDefault(sim.status().id(), Set.of()).contains(statusId)) {
			throw new Rejection(
					"SIM " + simId + " cannot go from " + sim.status().description() + " to " + target.description(),
					this.responses.error(EmnifyError.NOT_ALLOWED, "Changing the status of the SIM from "
							+ sim.status().description() + " to " + target.description() + " not allowed."));
		}
		SimulatedSim changed = sim.withStatus(target, this.clock.instant());
		this.inventory.put(changed);
		Type type = (statusId == Inventory.SIM_ACTIVATED.id()) ? Type.SIM_ACTIVATION
				: (statusId == Inventory.SIM_SUSPENDED.id()) ? Type.SIM_SUSPENSION : Type.SIM_FACTORY_TEST;
		SimulatedEndpoint endpoint = (changed.endpointId() != null)
				? this.inventory.endpoint(workspaceId, changed.endpointId()) : null;
		this.events.record(workspaceId, type,
				"SIM " + simId + " " + sim.status().description() + " -> " + target.description(),
				(endpoint != null) ? eventEndpoint(endpoint) : null, eventSim(changed),
				(type == Type.SIM_ACTIVATION) ? transition(sim.status(), target) : null);
	}

	// The reference shows this detail for activations only, with statuses upper-case.
	private ObjectNode transition(Status from, Status to) {
		ObjectNode detail = this.responses.object();
		ObjectNode status = detail.putObject("transition").putObject("sim").putObject("status");
		status.putObject("from").put("id", from.id()).put("description", from.description().toUpperCase(Locale.ROOT));
		status.putObject("to").put("id", to.id()).put("description", to.description().toUpperCase(Locale.ROOT));
		return detail;
	}

	ObjectNode eventEndpoint(SimulatedEndpoint endpoint) {
		return this.responses.object()
			.put("id", endpoint.id())
			.put("name", endpoint.name())
			.put("ip_address", endpoint.ipAddress())
			.put("tags", endpoint.tags())
			.put("imei", endpoint.imei());
	}

	private ObjectNode eventSim(SimulatedSim sim) {
		return this.responses.object()
			.put("id", sim.id())
			.put("iccid", sim.iccid())
			.put("production_date", Responses.eventDate(Inventory.SEEDED));
	}

}
