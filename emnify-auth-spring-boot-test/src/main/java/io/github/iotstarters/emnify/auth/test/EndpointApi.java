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
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import io.github.iotstarters.emnify.auth.test.Inventory.Status;
import io.github.iotstarters.emnify.auth.test.Responses.EmnifyError;
import io.github.iotstarters.emnify.auth.test.SimulatorEvent.Kind;
import io.github.iotstarters.emnify.auth.test.TokenIssuer.AuthGrant;

/**
 * One endpoint: details, create, update, delete, connectivity and its reset, in the
 * shapes and with the errors emnify answers. Changes hold the {@link Inventory}'s monitor
 * and raise {@link EventLog events}.
 */
final class EndpointApi {

	private static final Pattern ENDPOINT = Pattern.compile("/api/v1/endpoint/([^/]+)(/connectivity)?");

	private final TokenIssuer tokens;

	private final Inventory inventory;

	private final SimChanges simChanges;

	private final Responses responses;

	private final Clock clock;

	private final Map<Long, ObjectNode> connectivity = new ConcurrentHashMap<>();

	EndpointApi(TokenIssuer tokens, Inventory inventory, SimChanges simChanges, Responses responses, Clock clock) {
		this.tokens = tokens;
		this.inventory = inventory;
		this.simChanges = simChanges;
		this.responses = responses;
		this.clock = clock;
	}

	/**
	 * The answer to a request for one endpoint or to create one.
	 * @param request the request
	 * @param path its path
	 * @return the outcome, or {@code null} when the request is for none of these routes
	 */
	@Nullable Outcome handle(Request request, String path) {
		RequestMethod method = request.getMethod();
		boolean create = path.equals("/api/v1/endpoint") && RequestMethod.POST.equals(method);
		Matcher matcher = ENDPOINT.matcher(path);
		if (!create && !matcher.matches()) {
			return null;
		}
		String principal = Outcome.UNKNOWN_PRINCIPAL;
		try {
			AuthGrant grant = this.tokens.authorize(request);
			principal = grant.principal();
			if (create) {
				return create(request, grant.workspaceId(), principal);
			}
			if (matcher.group(1).equals("status") && matcher.group(2) == null && RequestMethod.GET.equals(method)) {
				return outcome(principal, "GET endpoint statuses", this.responses.ok(this.responses.statuses(
						List.of(Inventory.ENDPOINT_ENABLED, Inventory.ENDPOINT_DISABLED, new Status(2, "Deleted")))));
			}
			synchronized (this.inventory) {
				SimulatedEndpoint endpoint = ApiRequests.endpoint(grant, matcher.group(1), this.inventory,
						this.responses);
				long id = endpoint.id();
				if (matcher.group(2) != null) {
					return connectivity(request, endpoint, principal);
				}
				return switch (method.value()) {
					case "GET" -> outcome(principal, "GET endpoint " + id, this.responses.ok(detail(endpoint)));
					case "PATCH" -> update(request, endpoint, principal);
					case "DELETE" -> delete(endpoint, principal);
					default -> outcome(principal, method + " " + path + " not found", this.responses.notFound());
				};
			}
		}
		catch (Rejection rejection) {
			return rejection.toOutcome(Kind.API_REQUEST, principal);
		}
	}

	/**
	 * Makes a device ONLINE, with a location and a data session, or OFFLINE again.
	 * @param endpointId the endpoint
	 * @param online whether it is online
	 */
	void online(long endpointId, boolean online) {
		if (!online) {
			this.connectivity.remove(endpointId);
			return;
		}
		ObjectNode node = this.responses.object();
		node.putObject("status").put("description", "ONLINE");
		node.putArray("services").add("GPRS");
		ObjectNode location = node.putObject("location")
			.put("last_updated", Responses.eventDate(this.clock.instant()))
			.put("last_updated_gprs", Responses.eventDate(this.clock.instant()))
			.put("sgsn_number", "491770940000")
			.put("vlr_number", "491770940000")
			.put("msc", "491770940000")
			.put("sgsn_ip_address", "212.23.97.0");
		ObjectNode operator = location.putObject("operator").put("id", 2).put("name", "Telekom");
		operator.putObject("country").put("id", 74).put("name", "Germany");
		location.putObject("country")
			.put("country_id", 74)
			.put("name", "Germany")
			.put("country_code", "49")
			.put("mcc", "262")
			.put("iso_code", "de");
		node.putObject("pdp_context")
			.put("endpoint_id", endpointId)
			.put("created", Responses.eventDate(this.clock.instant()))
			.put("mcc", "262")
			.put("mnc", "01")
			.put("ue_ip_address", "100.64.0.1")
			.put("duration", "00:00:00")
			.putObject("rat_type")
			.put("rat_type_id", 6)
			.put("description", "4G");
		this.connectivity.put(endpointId, node);
	}

	void reset() {
		this.connectivity.clear();
	}

	private Outcome create(Request request, long workspaceId, String principal) {
		ObjectNode body = readBody(request);
		Map<String, EmnifyError> errors = new LinkedHashMap<>();
		if (Responses.text(body, "name") == null) {
			errors.put("name is required", EmnifyError.REQUIRED);
		}
		for (String required : new String[] { "status", "service_profile", "tariff_profile" }) {
			if (!body.has(required)) {
				errors.put(required + " is required", EmnifyError.REQUIRED);
			}
		}
		synchronized (this.inventory) {
			validate(body, workspaceId, null, errors);
			if (!errors.isEmpty()) {
				throw new Rejection("invalid endpoint",
						this.responses.validationFailed("Create endpoint validation error", errors));
			}
			long id = this.inventory.newEndpointId();
			Instant now = this.clock.instant();
			String ipAddress = orElse(Responses.text(body, "ip_address"),
					"100.64." + (id / 250) + "." + (id % 250 + 1));
			SimulatedEndpoint endpoint = new SimulatedEndpoint(id, workspaceId,
					orElse(Responses.text(body, "name"), ""), endpointStatus(body.path("status")),
					Responses.text(body, "tags"), ipAddress, null, Responses.text(body, "imei"),
					body.path("imei_lock").asBoolean(false), Inventory.serviceProfileId(workspaceId),
					Inventory.tariffProfileId(workspaceId), now, now);
			this.inventory.put(endpoint);
			this.simChanges.created(endpoint);
			Long simId = ApiRequests.referenceId(body.path("sim"));
			if (simId != null) {
				// ENT and emnify's Java SDK default activate to true; AE to false.
				this.simChanges.assign(endpoint, simId, body.path("sim").path("activate").asBoolean(true));
			}
			String location = ApiRequests.base(request) + "/api/v1/endpoint/" + id;
			return outcome(principal, "created endpoint " + id,
					Responses.empty(201, Responses.APPLICATION_JSON).withHeader("Location", location).build());
		}
	}

	private Outcome update(Request request, SimulatedEndpoint endpoint, String principal) {
		ObjectNode body = readBody(request);
		Map<String, EmnifyError> errors = new LinkedHashMap<>();
		validate(body, endpoint.workspaceId(), endpoint, errors);
		if (!errors.isEmpty()) {
			throw new Rejection("invalid endpoint update",
					this.responses.validationFailed("Update endpoint validation error", errors));
		}
		Instant now = this.clock.instant();
		Status status = body.has("status") ? endpointStatus(body.path("status")) : endpoint.status();
		SimulatedEndpoint updated = new SimulatedEndpoint(endpoint.id(), endpoint.workspaceId(),
				orElse(Responses.text(body, "name"), endpoint.name()), status,
				body.has("tags") ? Responses.text(body, "tags") : endpoint.tags(),
				orElse(Responses.text(body, "ip_address"), endpoint.ipAddress()), endpoint.simId(),
				body.has("imei") ? Responses.text(body, "imei") : endpoint.imei(),
				body.path("imei_lock").asBoolean(endpoint.imeiLock()), endpoint.serviceProfileId(),
				endpoint.tariffProfileId(), endpoint.created(), now);
		this.inventory.put(updated);
		if (status.id() != endpoint.status().id()) {
			this.simChanges.statusChanged(updated);
		}
		if (body.has("sim")) {
			Long simId = ApiRequests.referenceId(body.path("sim"));
			if (simId == null) {
				this.simChanges.release(updated);
			}
			else if (!simId.equals(endpoint.simId())) {
				this.simChanges.release(updated);
				this.simChanges.assign(updated, simId, false);
			}
		}
		return outcome(principal, "updated endpoint " + endpoint.id(),
				Responses.empty(204, Responses.APPLICATION_JSON).build());
	}

	private Outcome delete(SimulatedEndpoint endpoint, String principal) {
		if (endpoint.simId() != null) {
			throw new Rejection("endpoint " + endpoint.id() + " has a SIM",
					this.responses.error(EmnifyError.CANNOT_BE_DELETED, "Endpoint with Id '" + endpoint.id()
							+ "' cannot be deleted: SIM " + endpoint.simId() + " is assigned."));
		}
		this.inventory.removeEndpoint(endpoint.id());
		this.connectivity.remove(endpoint.id());
		return outcome(principal, "deleted endpoint " + endpoint.id(),
				Responses.empty(204, Responses.APPLICATION_JSON).build());
	}

	private Outcome connectivity(Request request, SimulatedEndpoint endpoint, String principal) {
		if (RequestMethod.PATCH.equals(request.getMethod())) {
			ObjectNode body = readBody(request);
			if (!body.has("location") && !body.has("pdp_context")) {
				throw new Rejection("nothing to reset", this.responses.validationFailed("Input validation failed",
						Map.of("location or pdp_context is required", EmnifyError.REQUIRED)));
			}
			// emnify only queues the reset: the device's state changes when the network
			// has acted, which a test sets with EmnifySimulator#deviceOnline.
			return outcome(principal, "connectivity reset of endpoint " + endpoint.id(),
					Responses.empty(204, Responses.TEXT_HTML).build());
		}
		if (!RequestMethod.GET.equals(request.getMethod())) {
			return outcome(principal, request.getMethod() + " connectivity not found", this.responses.notFound());
		}
		ObjectNode online = this.connectivity.get(endpoint.id());
		ObjectNode node = (online != null) ? online : this.responses.object();
		if (online == null) {
			node.putObject("status").put("description", "OFFLINE");
			node.putArray("services");
		}
		return outcome(principal, "GET connectivity of endpoint " + endpoint.id(), this.responses.ok(node));
	}

	private void validate(ObjectNode body, long workspaceId, @Nullable SimulatedEndpoint endpoint,
			Map<String, EmnifyError> errors) {
		if (body.has("status")) {
			Long statusId = ApiRequests.referenceId(body.path("status"));
			if (statusId == null || statusId < 0 || statusId > 1) {
				errors.put("Endpoint status with Id '" + body.path("status").path("id") + "' not found.",
						EmnifyError.INVALID_REFERENCE);
			}
		}
		checkProfile(body, "service_profile", "Service profile", Inventory.serviceProfileId(workspaceId), errors);
		checkProfile(body, "tariff_profile", "Tariff profile", Inventory.tariffProfileId(workspaceId), errors);
		checkProfile(body, "ip_address_space", "IP address space", Inventory.IP_ADDRESS_SPACE_ID, errors);
		String ipAddress = Responses.text(body, "ip_address");
		if (ipAddress != null && !body.has("ip_address_space")) {
			errors.put("ip_address_space is required with ip_address", EmnifyError.REQUIRED);
		}
		SimulatedEndpoint holder = (ipAddress != null) ? this.inventory.endpointWithIp(workspaceId, ipAddress) : null;
		if (holder != null && (endpoint == null || holder.id() != endpoint.id())) {
			// emnify answers a taken address with 409 on its own, not inside a 422.
			throw new Rejection("IP address taken", this.responses.error(EmnifyError.DUPLICATED,
					"IP Address " + ipAddress + " is already assigned to endpoint " + holder.id() + "."));
		}
		Long simId = ApiRequests.referenceId(body.path("sim"));
		if (simId != null) {
			SimulatedSim sim = this.inventory.sim(workspaceId, simId);
			boolean own = endpoint != null && simId.equals(endpoint.simId());
			if (sim == null) {
				errors.put("SIM with Id '" + simId + "' not found.", EmnifyError.INVALID_REFERENCE);
			}
			else if (sim.endpointId() != null && !own) {
				errors.put("SIM with Id '" + simId + "' is assigned to endpoint " + sim.endpointId() + ".",
						EmnifyError.NOT_ALLOWED);
			}
		}
		else if (body.has("sim") && (endpoint == null || !body.path("sim").path("id").isNull())) {
			errors.put("SIM with Id '" + body.path("sim").path("id") + "' not found.", EmnifyError.INVALID_REFERENCE);
		}
	}

	private static void checkProfile(ObjectNode body, String field, String name, long expected,
			Map<String, EmnifyError> errors) {
		if (body.has(field)) {
			Long id = ApiRequests.referenceId(body.path(field));
			if (id == null || id != expected) {
				errors.put(name + " with Id '" + body.path(field).path("id") + "' not found.",
						EmnifyError.INVALID_REFERENCE);
			}
		}
	}

	private static Status endpointStatus(JsonNode status) {
		Long id = ApiRequests.referenceId(status);
		return (id != null && id == 1) ? Inventory.ENDPOINT_DISABLED : Inventory.ENDPOINT_ENABLED;
	}

	// The detail answer adds the IP address space in full and the tariff profile's
	// satellite flag to the list item, as recorded.
	private ObjectNode detail(SimulatedEndpoint endpoint) {
		ObjectNode node = this.inventory.render(endpoint);
		((ObjectNode) node.path("tariff_profile")).put("satellite_capable", false);
		((ObjectNode) node.path("ip_address_space")).put("ip_address_space", "100.64.0.0/10")
			.put("ip_address_version", 4);
		return node;
	}

	private ObjectNode readBody(Request request) {
		ObjectNode body = this.responses.readObject(request.getBodyAsString());
		if (body == null) {
			throw new Rejection("body is no JSON object",
					this.responses.error(EmnifyError.BAD_REQUEST, "Request body is no valid JSON object"));
		}
		return body;
	}

	private static String orElse(@Nullable String value, String fallback) {
		return (value != null) ? value : fallback;
	}

	private static Outcome outcome(String principal, String description, ResponseDefinition response) {
		return new Outcome(Kind.API_REQUEST, principal, description, response);
	}

}
