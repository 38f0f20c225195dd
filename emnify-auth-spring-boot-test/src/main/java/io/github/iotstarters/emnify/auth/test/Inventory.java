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
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import io.github.iotstarters.emnify.auth.test.Accounts.Workspace;

/**
 * Endpoints and SIMs of all workspaces, seeded deterministically so tests can count on
 * them. Guarded by the instance's monitor because SIM migration changes them.
 */
final class Inventory {

	static final Status ENDPOINT_ENABLED = new Status(0, "Enabled");

	static final Status ENDPOINT_DISABLED = new Status(1, "Disabled");

	static final Status SIM_ISSUED = new Status(0, "Issued");

	static final Status SIM_ACTIVATED = new Status(1, "Activated");

	static final Status SIM_SUSPENDED = new Status(2, "Suspended");

	static final List<Status> SIM_STATUSES = List.of(SIM_ISSUED, SIM_ACTIVATED, SIM_SUSPENDED, new Status(3, "Deleted"),
			new Status(4, "Factory Test"));

	static final int MAX_MIGRATED_SIMS = 500;

	/**
	 * Issuer identification number of emnify's ICCIDs.
	 */
	private static final String ICCID_PREFIX = "8988303";

	/**
	 * Mobile country and network code of emnify's IMSIs.
	 */
	private static final String IMSI_PREFIX = "901430";

	private final Collection<Workspace> workspaces;

	private final Responses responses;

	private final Map<Long, Endpoint> endpoints = new TreeMap<>();

	private final Map<Long, Sim> sims = new TreeMap<>();

	Inventory(Collection<Workspace> workspaces, Responses responses) {
		this.workspaces = List.copyOf(workspaces);
		this.responses = responses;
		seed();
	}

	synchronized void reset() {
		this.endpoints.clear();
		this.sims.clear();
		seed();
	}

	synchronized Page endpoints(long workspaceId, @Nullable String query, @Nullable String sort, int page,
			int perPage) {
		Predicate<Endpoint> matches = (endpoint) -> endpoint.workspaceId() == workspaceId
				&& (query == null || containsIgnoringCase(endpoint.name(), query));
		Comparator<Endpoint> order = switch (sortField(sort)) {
			case "name" -> Comparator.comparing(Endpoint::name).thenComparing(Endpoint::id);
			default -> Comparator.comparing(Endpoint::id);
		};
		List<Endpoint> selected = select(this.endpoints.values(), matches, descending(sort) ? order.reversed() : order);
		ArrayNode items = this.responses.array();
		page(selected, page, perPage).forEach((endpoint) -> items.add(render(endpoint)));
		return new Page(items, selected.size());
	}

	synchronized Page sims(long workspaceId, @Nullable String query, @Nullable String sort, int page, int perPage) {
		Predicate<Sim> matches = (sim) -> sim.workspaceId() == workspaceId
				&& (query == null || sim.iccid().contains(query) || sim.imsi().contains(query));
		Comparator<Sim> order = switch (sortField(sort)) {
			case "iccid" -> Comparator.comparing(Sim::iccid);
			default -> Comparator.comparing(Sim::id);
		};
		List<Sim> selected = select(this.sims.values(), matches, descending(sort) ? order.reversed() : order);
		ArrayNode items = this.responses.array();
		page(selected, page, perPage).forEach((sim) -> items.add(render(sim)));
		return new Page(items, selected.size());
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
	synchronized ObjectNode migrate(SimMigration migration, Workspace source, Workspace target) {
		List<ObjectNode> errors = new ArrayList<>();
		List<Sim> selected = selectForMigration(migration, source, errors);
		if (selected.size() > MAX_MIGRATED_SIMS) {
			String reason = "selection holds " + selected.size() + " SIMs, at most " + MAX_MIGRATED_SIMS
					+ " can be moved at once";
			throw new Rejection("invalid request: " + reason,
					this.responses.validationFailed("Input validation failed", List.of(reason)));
		}
		for (Sim sim : selected) {
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
		for (Sim sim : selected) {
			Sim moved = sim;
			if (!migration.dryRun()) {
				if (sim.endpointId() != null) {
					this.endpoints.computeIfPresent(sim.endpointId(), (id, endpoint) -> endpoint.withoutSim());
				}
				moved = sim.movedTo(target.id());
				this.sims.put(moved.id(), moved);
			}
			movedSims.addObject()
				.put("id", moved.id())
				.put("iccid", moved.iccid())
				.set("status", render(moved.status()));
		}
		ObjectNode body = this.responses.object().put("sim_count", selected.size()).put("dry_run", migration.dryRun());
		body.set("source_workspace", this.responses.workspace(source));
		body.set("target_workspace", this.responses.workspace(target));
		body.put("auto_detach_devices", migration.autoDetachDevices());
		body.set("sims", movedSims);
		return body;
	}

	private List<Sim> selectForMigration(SimMigration migration, Workspace source, List<ObjectNode> errors) {
		List<Sim> selected = new ArrayList<>();
		if (migration.iccidRange() != null) {
			BigInteger start = new BigInteger(migration.iccidRange().start());
			BigInteger end = new BigInteger(migration.iccidRange().end());
			for (Sim sim : this.sims.values()) {
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
			Sim sim = this.sims.get(id);
			if (sim == null || sim.workspaceId() != source.id()) {
				errors.add(simError(id, null, "SIM is not in workspace " + source.id()));
			}
			else {
				selected.add(sim);
			}
		}
		for (String iccid : migration.iccids()) {
			Sim sim = this.sims.values()
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

	private void seed() {
		long nextEndpointId = 1;
		long nextSimId = 1;
		for (Workspace workspace : this.workspaces) {
			for (int number = 1; number <= workspace.endpointCount(); number++) {
				long id = nextEndpointId + number - 1;
				Long simId = (number <= workspace.simCount()) ? nextSimId + number - 1 : null;
				Status status = (number % 10 == 0) ? ENDPOINT_DISABLED : ENDPOINT_ENABLED;
				String name = String.format(Locale.ROOT, "sensor-%03d", number);
				String ipAddress = "100.64." + (id / 250) + "." + (id % 250 + 1);
				this.endpoints.put(id, new Endpoint(id, workspace.id(), name, status,
						(number % 2 == 0) ? "fleet-b" : "fleet-a", ipAddress, simId));
			}
			for (int number = 1; number <= workspace.simCount(); number++) {
				long id = nextSimId + number - 1;
				boolean assigned = number <= workspace.endpointCount();
				Status status = !assigned ? SIM_ISSUED : (number % 7 == 0) ? SIM_SUSPENDED : SIM_ACTIVATED;
				this.sims.put(id,
						new Sim(id, workspace.id(), iccid(id), String.format(Locale.ROOT, "%s%09d", IMSI_PREFIX, id),
								status, assigned ? nextEndpointId + number - 1 : null));
			}
			nextEndpointId += workspace.endpointCount();
			nextSimId += workspace.simCount();
		}
	}

	/**
	 * A 20-digit ICCID ending in its Luhn check digit, as real ICCIDs do.
	 * @param simId the id of the SIM, which gives the digits after emnify's prefix
	 * @return the ICCID of the SIM
	 */
	static String iccid(long simId) {
		String digits = String.format(Locale.ROOT, "%s%012d", ICCID_PREFIX, simId);
		int sum = 0;
		for (int i = 0; i < digits.length(); i++) {
			int digit = digits.charAt(digits.length() - 1 - i) - '0';
			if (i % 2 == 0) {
				digit *= 2;
				if (digit > 9) {
					digit -= 9;
				}
			}
			sum += digit;
		}
		return digits + ((10 - sum % 10) % 10);
	}

	private ObjectNode render(Endpoint endpoint) {
		ObjectNode node = this.responses.object().put("id", endpoint.id()).put("name", endpoint.name());
		node.set("status", render(endpoint.status()));
		node.put("tags", endpoint.tags()).put("ip_address", endpoint.ipAddress());
		Sim sim = (endpoint.simId() != null) ? this.sims.get(endpoint.simId()) : null;
		if (sim != null) {
			node.putObject("sim").put("id", sim.id()).put("iccid", sim.iccid());
		}
		else {
			node.putNull("sim");
		}
		return node;
	}

	private ObjectNode render(Sim sim) {
		ObjectNode node = this.responses.object().put("id", sim.id()).put("iccid", sim.iccid()).put("imsi", sim.imsi());
		node.set("status", render(sim.status()));
		Endpoint endpoint = (sim.endpointId() != null) ? this.endpoints.get(sim.endpointId()) : null;
		if (endpoint != null) {
			node.putObject("endpoint").put("id", endpoint.id()).put("name", endpoint.name());
		}
		else {
			node.putNull("endpoint");
		}
		return node;
	}

	private ObjectNode render(Status status) {
		return this.responses.object().put("id", status.id()).put("description", status.description());
	}

	private static <T> List<T> select(Collection<T> items, Predicate<T> matches, Comparator<T> order) {
		return items.stream().filter(matches).sorted(order).toList();
	}

	private static <T> List<T> page(List<T> items, int page, int perPage) {
		long from = (long) (page - 1) * perPage;
		if (from >= items.size()) {
			return List.of();
		}
		return items.subList((int) from, (int) Math.min(items.size(), from + perPage));
	}

	private static String sortField(@Nullable String sort) {
		if (sort == null) {
			return "id";
		}
		String field = sort.split(",")[0].trim();
		return (field.startsWith("-") ? field.substring(1) : field).toLowerCase(Locale.ROOT);
	}

	private static boolean descending(@Nullable String sort) {
		return sort != null && sort.trim().startsWith("-");
	}

	private static boolean containsIgnoringCase(String text, String part) {
		return text.toLowerCase(Locale.ROOT).contains(part.toLowerCase(Locale.ROOT));
	}

	/**
	 * One page of a list and the size of the whole list.
	 *
	 * @param items the rendered items of the page
	 * @param totalCount the number of items in the whole list, on every page
	 */
	record Page(ArrayNode items, int totalCount) {
	}

	/**
	 * Status of an endpoint or a SIM, as emnify renders it.
	 *
	 * @param id the numeric id of the status
	 * @param description the name of the status, such as {@code Activated}
	 */
	record Status(int id, String description) {
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

	private record Endpoint(long id, long workspaceId, String name, Status status, String tags, String ipAddress,
			@Nullable Long simId) {

		Endpoint withoutSim() {
			return new Endpoint(this.id, this.workspaceId, this.name, this.status, this.tags, this.ipAddress, null);
		}

	}

	private record Sim(long id, long workspaceId, String iccid, String imsi, Status status, @Nullable Long endpointId) {

		/**
		 * The SIM in another workspace; it leaves its endpoint behind.
		 * @param targetWorkspaceId the id of the workspace the SIM moves to
		 * @return the moved SIM, without an endpoint
		 */
		Sim movedTo(long targetWorkspaceId) {
			return new Sim(this.id, targetWorkspaceId, this.iccid, this.imsi, this.status, null);
		}

	}

}
