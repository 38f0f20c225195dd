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

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import io.github.iotstarters.emnify.auth.test.Accounts.Workspace;

/**
 * Moves SIMs between workspaces of the {@link Inventory}, holding its monitor so that a
 * move is seen whole or not at all.
 */
final class SimMigrations {

	static final int MAX_MIGRATED_SIMS = 500;

	private final Inventory inventory;

	private final Responses responses;

	SimMigrations(Inventory inventory, Responses responses) {
		this.inventory = inventory;
		this.responses = responses;
	}

	/**
	 * Moves SIMs between workspaces, or only checks that it could when the request is a
	 * dry run.
	 * @param migration the validated request
	 * @param source the workspace of the auth token, which the SIMs must be in
	 * @param target the workspace to move the SIMs to
	 * @return the body of the 200 answer
	 * @throws Rejection with a 422 answer when more than {@value #MAX_MIGRATED_SIMS} SIMs
	 * are selected, or a 409 answer listing every SIM that cannot move
	 */
	ObjectNode migrate(SimMigration migration, Workspace source, Workspace target) {
		synchronized (this.inventory) {
			return migrateLocked(migration, source, target);
		}
	}

	private ObjectNode migrateLocked(SimMigration migration, Workspace source, Workspace target) {
		List<ObjectNode> errors = new ArrayList<>();
		List<SimulatedSim> selected = selectForMigration(migration, source, errors);
		if (selected.size() > MAX_MIGRATED_SIMS) {
			String reason = "selection holds " + selected.size() + " SIMs, at most " + MAX_MIGRATED_SIMS
					+ " can be moved at once";
			throw new Rejection("invalid request: " + reason,
					this.responses.validationFailed("Input validation failed", List.of(reason)));
		}
		for (SimulatedSim sim : selected) {
			if (migration.allowedStatusIds() != null && !migration.allowedStatusIds().contains(sim.status().id())) {
				errors.add(simError(sim.id(), sim.iccid(),
						"SIM status " + sim.status().description() + " is not in allowed_sim_statuses"));
			}
			if (sim.endpointId() != null && !migration.autoDetachDevices()) {
				errors.add(simError(sim.id(), sim.iccid(),
						"SIM is assigned to endpoint " + sim.endpointId() + " and auto_detach_devices is false"));
			}
		}
		if (!errors.isEmpty()) {
			ObjectNode body = this.responses.object()
				.put("status_code", 409)
				.put("message", "SIMs cannot be moved to workspace " + target.id());
			errors.forEach(body.putArray("errors")::add);
			throw new Rejection(errors.size() + " SIM conflicts", this.responses.json(409, body).build());
		}
		ArrayNode movedSims = this.responses.array();
		for (SimulatedSim sim : selected) {
			SimulatedSim moved = sim;
			if (!migration.dryRun()) {
				if (sim.endpointId() != null) {
					SimulatedEndpoint endpoint = this.inventory.endpoint(source.id(), sim.endpointId());
					if (endpoint != null) {
						this.inventory.put(endpoint.withSim(null, endpoint.lastUpdated()));
					}
				}
				moved = sim.movedTo(target.id());
				this.inventory.put(moved);
			}
			movedSims.addObject()
				.put("id", moved.id())
				.put("iccid", moved.iccid())
				.set("status", this.inventory.render(moved.status()));
		}
		ObjectNode body = this.responses.object().put("sim_count", selected.size()).put("dry_run", migration.dryRun());
		body.set("source_workspace", this.responses.workspace(source));
		body.set("target_workspace", this.responses.workspace(target));
		body.put("auto_detach_devices", migration.autoDetachDevices());
		body.set("sims", movedSims);
		return body;
	}

	private List<SimulatedSim> selectForMigration(SimMigration migration, Workspace source, List<ObjectNode> errors) {
		List<SimulatedSim> selected = new ArrayList<>();
		if (migration.iccidRange() != null) {
			BigInteger start = new BigInteger(migration.iccidRange().start());
			BigInteger end = new BigInteger(migration.iccidRange().end());
			for (SimulatedSim sim : this.inventory.allSims()) {
				BigInteger iccid = new BigInteger(sim.iccid());
				if (sim.workspaceId() == source.id() && iccid.compareTo(start) >= 0 && iccid.compareTo(end) <= 0) {
					selected.add(sim);
				}
			}
			if (selected.isEmpty()) {
				errors.add(this.responses.object()
					.put("message", "No SIM of workspace " + source.id() + " in the ICCID range"));
			}
			return selected;
		}
		for (long id : migration.simIds()) {
			SimulatedSim sim = this.inventory.sim(source.id(), id);
			if (sim == null || sim.workspaceId() != source.id()) {
				errors.add(simError(id, null, "SIM is not in workspace " + source.id()));
			}
			else {
				selected.add(sim);
			}
		}
		for (String iccid : migration.iccids()) {
			SimulatedSim sim = this.inventory.allSims()
				.stream()
				.filter((candidate) -> candidate.iccid().equals(iccid))
				.findFirst()
				.orElse(null);
			if (sim == null || sim.workspaceId() != source.id()) {
				errors.add(simError(null, iccid, "SIM is not in workspace " + source.id()));
			}
			else {
				selected.add(sim);
			}
		}
		return selected;
	}

	private ObjectNode simError(@Nullable Long id, @Nullable String iccid, String message) {
		ObjectNode error = this.responses.object();
		if (id != null) {
			error.put("id", id);
		}
		if (iccid != null) {
			error.put("iccid", iccid);
		}
		return error.put("message", message);
	}

	/**
	 * A valid SIM migration request; exactly one of {@code simIds}, {@code iccids} and
	 * {@code iccidRange} is non-empty.
	 *
	 * @param simIds the ids of the SIMs listed under {@code sims}
	 * @param iccids the ICCIDs listed under {@code iccids}
	 * @param iccidRange the range given as {@code iccid_range}, or {@code null}
	 * @param targetWorkspaceId the id of the workspace to move the SIMs to
	 * @param allowedStatusIds the ids of the statuses a SIM must have to be moved, or
	 * {@code null} to allow any
	 * @param autoDetachDevices whether a SIM assigned to an endpoint is detached from it
	 * rather than refused
	 * @param dryRun whether only to check that the SIMs could be moved, without moving
	 * them
	 */
	record SimMigration(List<Long> simIds, List<String> iccids, @Nullable IccidRange iccidRange, long targetWorkspaceId,
			@Nullable Set<Integer> allowedStatusIds, boolean autoDetachDevices, boolean dryRun) {
	}

	record IccidRange(String start, String end) {
	}

}
