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
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
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

	/**
	 * Creation date of the seeded endpoints and production date of every SIM: fixed, so
	 * that every simulator answers the same.
	 */
	static final Instant SEEDED = Instant.parse("2024-01-02T03:04:05Z");

	static final long IP_ADDRESS_SPACE_ID = 14870;

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

	private final TreeMap<Long, SimulatedEndpoint> endpoints = new TreeMap<>();

	private final TreeMap<Long, SimulatedSim> sims = new TreeMap<>();

	private long lastEndpointId;

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

	/**
	 * One page of the endpoints of a workspace.
	 * @param workspaceId the workspace of the auth token
	 * @param query the {@code q} parameter, or {@code null}
	 * @param sort the {@code sort} parameter, or {@code null}
	 * @param page the page asked for, at least 1; past the last, the last is answered
	 * @param perPage the page size
	 * @return the page
	 * @throws IllegalArgumentException for a {@code q} or {@code sort} emnify refuses
	 */
	synchronized Page endpoints(long workspaceId, @Nullable String query, @Nullable String sort, int page,
			int perPage) {
		Map<String, List<String>> filters = ListQuery.filters(query, ListFilters.ENDPOINT_FIELDS);
		Predicate<SimulatedEndpoint> matches = (endpoint) -> endpoint.workspaceId() == workspaceId && filters.entrySet()
			.stream()
			.allMatch((filter) -> ListFilters.matches(endpoint,
					(endpoint.simId() != null) ? this.sims.get(endpoint.simId()) : null, filter.getKey(),
					filter.getValue()));
		Comparator<SimulatedEndpoint> order = ListQuery.order(sort,
				Map.of("id", Comparator.comparing(SimulatedEndpoint::id), "name",
						Comparator.comparing(SimulatedEndpoint::name), "status",
						Comparator.comparing((SimulatedEndpoint endpoint) -> endpoint.status().id()), "tags",
						Comparator.comparing((SimulatedEndpoint endpoint) -> String.valueOf(endpoint.tags())),
						"ip_address", Comparator.comparing(SimulatedEndpoint::ipAddress), "imei",
						Comparator.comparing((SimulatedEndpoint endpoint) -> String.valueOf(endpoint.imei())),
						"created", Comparator.comparing(SimulatedEndpoint::created), "last_updated",
						Comparator.comparing(SimulatedEndpoint::lastUpdated)),
				Comparator.comparing(SimulatedEndpoint::id));
		return page(select(this.endpoints.values(), matches, order), page, perPage, this::render);
	}

	synchronized Page sims(long workspaceId, @Nullable String query, @Nullable String sort, int page, int perPage) {
		Map<String, List<String>> filters = ListQuery.filters(query, ListFilters.SIM_FIELDS);
		Predicate<SimulatedSim> matches = (sim) -> sim.workspaceId() == workspaceId && filters.entrySet()
			.stream()
			.allMatch((filter) -> ListFilters.matches(sim, filter.getKey(), filter.getValue()));
		Comparator<SimulatedSim> order = ListQuery.order(sort,
				Map.of("id", Comparator.comparing(SimulatedSim::id), "iccid", Comparator.comparing(SimulatedSim::iccid),
						"status", Comparator.comparing((SimulatedSim sim) -> sim.status().id()), "endpoint",
						Comparator.comparing((SimulatedSim sim) -> (sim.endpointId() != null) ? sim.endpointId() : 0L)),
				Comparator.comparing(SimulatedSim::id));
		return page(select(this.sims.values(), matches, order), page, perPage, this::render);
	}

	synchronized @Nullable SimulatedEndpoint endpoint(long workspaceId, long id) {
		SimulatedEndpoint endpoint = this.endpoints.get(id);
		return (endpoint != null && endpoint.workspaceId() == workspaceId) ? endpoint : null;
	}

	synchronized @Nullable SimulatedSim sim(long workspaceId, long id) {
		SimulatedSim sim = this.sims.get(id);
		return (sim != null && sim.workspaceId() == workspaceId) ? sim : null;
	}

	synchronized void put(SimulatedEndpoint endpoint) {
		this.endpoints.put(endpoint.id(), endpoint);
	}

	synchronized void put(SimulatedSim sim) {
		this.sims.put(sim.id(), sim);
	}

	synchronized void removeEndpoint(long id) {
		this.endpoints.remove(id);
	}

	synchronized @Nullable SimulatedEndpoint endpointWithIp(long workspaceId, String ipAddress) {
		return this.endpoints.values()
			.stream()
			.filter((endpoint) -> endpoint.workspaceId() == workspaceId && endpoint.ipAddress().equals(ipAddress))
			.findFirst()
			.orElse(null);
	}

	synchronized List<SimulatedSim> allSims() {
		return List.copyOf(this.sims.values());
	}

	synchronized long nextSimId() {
		return this.sims.isEmpty() ? 1 : this.sims.lastKey() + 1;
	}

	/**
	 * A SIM of any workspace, or in stock, for the simulator's test hooks.
	 * @param id the SIM id
	 * @return the SIM, or {@code null}
	 */
	synchronized @Nullable SimulatedSim anySim(long id) {
		return this.sims.get(id);
	}

	/**
	 * An endpoint of any workspace, for the simulator's test hooks.
	 * @param id the endpoint id
	 * @return the endpoint, or {@code null}
	 */
	synchronized @Nullable SimulatedEndpoint anyEndpoint(long id) {
		return this.endpoints.get(id);
	}

	/**
	 * Takes the id of a new endpoint. emnify never gives an id twice, so a deleted
	 * endpoint's id is not taken again.
	 * @return the id
	 */
	synchronized long newEndpointId() {
		this.lastEndpointId++;
		return this.lastEndpointId;
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
				this.endpoints.put(id,
						new SimulatedEndpoint(id, workspace.id(), name, status,
								(number % 2 == 0) ? "fleet-b" : "fleet-a", ipAddress, simId,
								String.format(Locale.ROOT, "35546311%08d", id), false, serviceProfileId(workspace.id()),
								tariffProfileId(workspace.id()), SEEDED, SEEDED));
			}
			for (int number = 1; number <= workspace.simCount(); number++) {
				long id = nextSimId + number - 1;
				boolean assigned = number <= workspace.endpointCount();
				Status status = !assigned ? SIM_ISSUED : (number % 7 == 0) ? SIM_SUSPENDED : SIM_ACTIVATED;
				this.sims.put(id, new SimulatedSim(id, workspace.id(), iccid(id), imsi(id), status,
						assigned ? nextEndpointId + number - 1 : null, (status == SIM_ISSUED) ? null : SEEDED));
			}
			nextEndpointId += workspace.endpointCount();
			nextSimId += workspace.simCount();
		}
		this.lastEndpointId = nextEndpointId - 1;
	}

	/**
	 * The one service profile of a workspace, its id derived from the workspace's.
	 * @param workspaceId the workspace
	 * @return the id of its service profile
	 */
	static long serviceProfileId(long workspaceId) {
		return workspaceId * 1000 + 1;
	}

	/**
	 * The one tariff profile of a workspace, its id derived from the workspace's.
	 * @param workspaceId the workspace
	 * @return the id of its tariff profile
	 */
	static long tariffProfileId(long workspaceId) {
		return workspaceId * 1000 + 2;
	}

	static String imsi(long simId) {
		return String.format(Locale.ROOT, "%s%09d", IMSI_PREFIX, simId);
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

	/**
	 * An endpoint as emnify lists it; the detail adds to it. Without a SIM {@code sim} is
	 * {@code null}, as AE documents (recorded answers leave the key out; clients must
	 * take both, and the samples read the {@code null}).
	 * @param endpoint the endpoint
	 * @return the JSON object
	 */
	synchronized ObjectNode render(SimulatedEndpoint endpoint) {
		ObjectNode node = this.responses.object().put("id", endpoint.id()).put("name", endpoint.name());
		node.set("status", render(endpoint.status()));
		node.put("tags", endpoint.tags())
			.put("created", Responses.resourceDate(endpoint.created()))
			.put("last_updated", Responses.resourceDate(endpoint.lastUpdated()));
		node.putObject("service_profile").put("id", endpoint.serviceProfileId()).put("name", "Default Policy");
		node.putObject("tariff_profile").put("id", endpoint.tariffProfileId()).put("name", "EU only");
		node.put("ip_address", endpoint.ipAddress());
		node.putObject("ip_address_space").put("id", IP_ADDRESS_SPACE_ID);
		node.put("imei", endpoint.imei()).put("imei_lock", endpoint.imeiLock());
		SimulatedSim sim = (endpoint.simId() != null) ? this.sims.get(endpoint.simId()) : null;
		if (sim != null) {
			ObjectNode simNode = node.putObject("sim")
				.put("id", sim.id())
				// The simulator's ICCIDs carry their Luhn digit already, in the SIM list
				// too.
				.put("iccid", sim.iccid())
				.put("iccid_with_luhn", sim.iccid())
				.put("imsi", sim.imsi());
			simNode.set("status", render(sim.status()));
		}
		else {
			node.putNull("sim");
		}
		return node;
	}

	/**
	 * A SIM as emnify lists and answers it. Without an endpoint {@code endpoint} is
	 * {@code null}, as for an endpoint's {@code sim}; {@code activation_date} is absent
	 * until the first activation, as recorded.
	 * @param sim the SIM
	 * @return the JSON object
	 */
	synchronized ObjectNode render(SimulatedSim sim) {
		ObjectNode node = this.responses.object().put("id", sim.id()).put("iccid", sim.iccid()).put("imsi", sim.imsi());
		node.set("status", render(sim.status()));
		node.put("production_date", Responses.resourceDate(SEEDED));
		if (sim.activationDate() != null) {
			node.put("activation_date", Responses.resourceDate(sim.activationDate()));
		}
		SimulatedEndpoint endpoint = (sim.endpointId() != null) ? this.endpoints.get(sim.endpointId()) : null;
		if (endpoint != null) {
			node.putObject("endpoint").put("id", endpoint.id()).put("name", endpoint.name());
		}
		else {
			node.putNull("endpoint");
		}
		return node;
	}

	ObjectNode render(Status status) {
		return this.responses.object().put("id", status.id()).put("description", status.description());
	}

	private static <T> List<T> select(Collection<T> items, Predicate<T> matches, Comparator<T> order) {
		return items.stream().filter(matches).sorted(order).toList();
	}

	// Past the last page emnify answers the last one, and its number.
	private <T> Page page(List<T> items, int page, int perPage, Function<T, ObjectNode> render) {
		int totalPages = Math.max(1, (items.size() + perPage - 1) / perPage);
		int answered = Math.min(page, totalPages);
		long from = (long) (answered - 1) * perPage;
		ArrayNode rendered = this.responses.array();
		items.subList((int) from, (int) Math.min(items.size(), from + perPage))
			.forEach((item) -> rendered.add(render.apply(item)));
		return new Page(rendered, items.size(), answered, totalPages);
	}

	/**
	 * One page of a list and the size of the whole list.
	 *
	 * @param items the rendered items of the page
	 * @param totalCount the number of items in the whole list, on every page
	 * @param page the number of the page answered
	 * @param totalPages the number of pages, at least 1
	 */
	record Page(ArrayNode items, int totalCount, int page, int totalPages) {
	}

	/**
	 * Status of an endpoint or a SIM, as emnify renders it.
	 *
	 * @param id the numeric id of the status
	 * @param description the name of the status, such as {@code Activated}
	 */
	record Status(int id, String description) {
	}

}
