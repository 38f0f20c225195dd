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
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import io.github.iotstarters.emnify.auth.test.Accounts.UserAccount;
import io.github.iotstarters.emnify.auth.test.Accounts.Workspace;
import io.github.iotstarters.emnify.auth.test.Inventory.Page;
import io.github.iotstarters.emnify.auth.test.Inventory.Status;
import io.github.iotstarters.emnify.auth.test.Responses.EmnifyError;
import io.github.iotstarters.emnify.auth.test.SimMigrations.IccidRange;
import io.github.iotstarters.emnify.auth.test.SimMigrations.SimMigration;
import io.github.iotstarters.emnify.auth.test.SimulatorEvent.Kind;
import io.github.iotstarters.emnify.auth.test.TokenIssuer.AuthGrant;

/**
 * The business endpoints: paged lists of endpoints and SIMs, SIM migration between
 * workspaces, the workspaces of a user, and the {@link Resource resources} of single
 * endpoints, SIMs and events. Every request needs a valid auth token.
 */
final class BusinessApi {

	static final int DEFAULT_PER_PAGE = 1000;

	static final int MAX_PER_PAGE = 1000;

	/**
	 * Largest SIM page, per AE.
	 */
	static final int MAX_SIMS_PER_PAGE = 2500;

	private static final Pattern USER_WORKSPACES = Pattern.compile("/api/v2/user/([^/]+)/workspace");

	private final Accounts accounts;

	private final TokenIssuer tokens;

	private final Inventory inventory;

	private final Responses responses;

	private final MfaApi mfaApi;

	private final SimMigrations simMigrations;

	private final List<Resource> resources;

	BusinessApi(Accounts accounts, TokenIssuer tokens, Inventory inventory, Responses responses, MfaApi mfaApi,
			List<Resource> resources) {
		this.accounts = accounts;
		this.tokens = tokens;
		this.inventory = inventory;
		this.responses = responses;
		this.mfaApi = mfaApi;
		this.simMigrations = new SimMigrations(inventory, responses);
		this.resources = List.copyOf(resources);
	}

	Outcome handle(Request request, String path) {
		RequestMethod method = request.getMethod();
		if (RequestMethod.GET.equals(method) && path.equals("/api/v1/endpoint")) {
			return list(request, path, DEFAULT_PER_PAGE, MAX_PER_PAGE, this.inventory::endpoints);
		}
		if (RequestMethod.GET.equals(method) && path.equals("/api/v1/sim")) {
			return list(request, path, DEFAULT_PER_PAGE, MAX_SIMS_PER_PAGE, this.inventory::sims);
		}
		for (Resource resource : this.resources) {
			Outcome outcome = resource.handle(request, path);
			if (outcome != null) {
				return outcome;
			}
		}
		if (RequestMethod.POST.equals(method) && path.equals("/api/v1/sim/migration/workspace")) {
			return migrate(request);
		}
		if (this.mfaApi.handles(path)) {
			return this.mfaApi.handle(request, path);
		}
		Matcher userWorkspaces = USER_WORKSPACES.matcher(path);
		if (RequestMethod.GET.equals(method) && userWorkspaces.matches()) {
			return userWorkspaces(request, userWorkspaces.group(1));
		}
		return new Outcome(Kind.API_REQUEST, Outcome.UNKNOWN_PRINCIPAL, method + " " + path + " not found",
				this.responses.notFound());
	}

	// A page past the last answers the last, and says so in X-Current-Page, as emnify
	// documents: clients that stop on an empty page loop forever.
	private Outcome list(Request request, String path, int defaultPerPage, int maxPerPage, Lister lister) {
		String principal = Outcome.UNKNOWN_PRINCIPAL;
		try {
			AuthGrant grant = this.tokens.authorize(request);
			principal = grant.principal();
			int page = ApiRequests.pageParameter(request, "page", 1, Integer.MAX_VALUE, this.responses);
			int perPage = ApiRequests.pageParameter(request, "per_page", defaultPerPage, maxPerPage, this.responses);
			String query = ApiRequests.parameter(request, "q");
			String sort = ApiRequests.parameter(request, "sort");
			Page result = listed(() -> lister.list(grant.workspaceId(), query, sort, page, perPage));
			ResponseDefinitionBuilder response = this.responses.json(200, result.items())
				.withHeader("Link", ApiRequests.links(request, path, result.page(), perPage, result.totalPages()))
				.withHeader("X-Count-Per-Page", Integer.toString(perPage))
				.withHeader("X-Current-Page", Integer.toString(result.page()))
				.withHeader("X-Total-Count", Integer.toString(result.totalCount()))
				.withHeader("X-Total-Pages", Integer.toString(result.totalPages()))
				.withHeader("X-Sort", (sort != null) ? sort : "id");
			if (query != null) {
				response.withHeader("X-Filter", query);
			}
			return new Outcome(Kind.API_REQUEST, principal,
					"GET " + path + " page " + result.page() + " of " + result.totalPages(), response.build());
		}
		catch (Rejection rejection) {
			return rejection.toOutcome(Kind.API_REQUEST, principal);
		}
	}

	private Page listed(Supplier<Page> lister) {
		try {
			return lister.get();
		}
		catch (IllegalArgumentException ex) {
			String message = String.valueOf(ex.getMessage());
			EmnifyError error = message.startsWith("Invalid sort") ? EmnifyError.INVALID_SORT_CRITERIA
					: EmnifyError.INVALID_QUERY_CRITERIA;
			throw new Rejection("invalid list request", this.responses.error(error, message));
		}
	}

	private Outcome migrate(Request request) {
		String principal = Outcome.UNKNOWN_PRINCIPAL;
		try {
			AuthGrant grant = this.tokens.authorize(request);
			principal = grant.principal();
			UserAccount user = grant.user();
			if (user == null) {
				throw new Rejection("application token cannot migrate SIMs",
						this.responses.error(EmnifyError.FORBIDDEN, "Moving SIMs requires user credentials"));
			}
			SimMigration migration = parseMigration(request.getBodyAsString());
			Workspace source = this.accounts.workspace(grant.workspaceId());
			Workspace target = this.accounts.workspace(migration.targetWorkspaceId());
			if (source == null || target == null || !user.mayEnter(source.id()) || !user.mayEnter(target.id())) {
				throw new Rejection("workspace " + migration.targetWorkspaceId() + " not allowed", this.responses
					.error(EmnifyError.FORBIDDEN, "No access to workspace " + migration.targetWorkspaceId()));
			}
			if (source.id() == target.id()) {
				throw invalid(List.of("target_workspace must differ from the workspace of the auth token"));
			}
			ObjectNode body = this.simMigrations.migrate(migration, source, target);
			String outcome = (migration.dryRun() ? "dry run of " : "moved ") + body.path("sim_count").asInt()
					+ " SIMs to workspace " + target.id();
			return new Outcome(Kind.SIM_MIGRATION, principal, outcome, this.responses.ok(body));
		}
		catch (Rejection rejection) {
			return rejection.toOutcome(Kind.SIM_MIGRATION, principal);
		}
	}

	/**
	 * Workspaces the user of the token may enter, home first; no one else's.
	 * @param request the API request, whose bearer token names the user
	 * @param userId the user id in the request path, which must be the token's user
	 * @return the outcome: the list of workspaces, or the rejection
	 */
	private Outcome userWorkspaces(Request request, String userId) {
		String principal = Outcome.UNKNOWN_PRINCIPAL;
		try {
			AuthGrant grant = this.tokens.authorize(request);
			principal = grant.principal();
			UserAccount user = grant.user();
			if (user == null || !Long.toString(user.id()).equals(userId)) {
				throw new Rejection("workspaces of another user",
						this.responses.error(EmnifyError.FORBIDDEN, "Only the user's own workspaces can be listed"));
			}
			ArrayNode workspaces = this.responses.array();
			for (long workspaceId : user.workspaceIds()) {
				Workspace workspace = this.accounts.workspace(workspaceId);
				if (workspace != null) {
					workspaces.add(this.responses.userWorkspace(workspace, workspaceId == user.homeWorkspaceId()));
				}
			}
			return new Outcome(Kind.API_REQUEST, principal, "GET " + workspaces.size() + " workspaces of the user",
					this.responses.ok(workspaces));
		}
		catch (Rejection rejection) {
			return rejection.toOutcome(Kind.API_REQUEST, principal);
		}
	}

	private SimMigration parseMigration(@Nullable String text) {
		ObjectNode body = this.responses.readObject(text);
		if (body == null) {
			throw invalid(List.of("body must be a JSON object"));
		}
		List<String> reasons = new ArrayList<>();
		List<String> selectors = List.of("sims", "iccids", "iccid_range").stream().filter(body::has).toList();
		if (selectors.size() != 1) {
			reasons.add("exactly one of sims, iccids and iccid_range is required");
		}
		Set<Long> simIds = new LinkedHashSet<>();
		for (JsonNode sim : body.path("sims")) {
			if (sim.path("id").isIntegralNumber()) {
				simIds.add(sim.path("id").asLong());
			}
			else {
				reasons.add("sims must be objects with a numeric id");
			}
		}
		Set<String> iccids = new LinkedHashSet<>();
		for (JsonNode iccid : body.path("iccids")) {
			if (isDigits(iccid)) {
				iccids.add(iccid.stringValue());
			}
			else {
				reasons.add("iccids must be strings of digits");
			}
		}
		IccidRange range = null;
		if (body.has("iccid_range")) {
			JsonNode start = body.path("iccid_range").path("start");
			JsonNode end = body.path("iccid_range").path("end");
			if (isDigits(start) && isDigits(end)) {
				// How many SIMs a range holds is known only once they are selected:
				// ICCIDs end in a check digit, so consecutive SIMs lie about ten numbers
				// apart.
				if (new BigInteger(end.stringValue()).compareTo(new BigInteger(start.stringValue())) < 0) {
					reasons.add("iccid_range end must not be before start");
				}
				range = new IccidRange(start.stringValue(), end.stringValue());
			}
			else {
				reasons.add("iccid_range needs start and end as strings of digits");
			}
		}
		int listed = simIds.size() + iccids.size();
		if (selectors.size() == 1 && range == null && listed == 0) {
			reasons.add("no SIM selected");
		}
		if (listed > SimMigrations.MAX_MIGRATED_SIMS) {
			reasons.add("at most " + SimMigrations.MAX_MIGRATED_SIMS + " SIMs can be moved at once");
		}
		JsonNode targetId = body.path("target_workspace").path("id");
		if (!targetId.isIntegralNumber()) {
			reasons.add("target_workspace.id must be a number");
		}
		Set<Integer> allowedStatusIds = allowedStatusIds(body.get("allowed_sim_statuses"), reasons);
		boolean autoDetach = flag(body, "auto_detach_devices", false, reasons);
		boolean dryRun = flag(body, "dry_run", true, reasons);
		if (!reasons.isEmpty()) {
			throw invalid(reasons);
		}
		return new SimMigration(List.copyOf(simIds), List.copyOf(iccids), range, targetId.asLong(), allowedStatusIds,
				autoDetach, dryRun);
	}

	/**
	 * Status ids from names ({@code "Activated"}, {@code "FACTORY_TEST"}), numbers or
	 * {@code {"id": 1}} objects.
	 * @param statuses the {@code allowed_sim_statuses} field of the request body, if any
	 * @param reasons the validation failures found so far, to which this method adds its
	 * own
	 * @return the ids of the allowed statuses, or {@code null} when the field is missing,
	 * {@code null} or not an array
	 */
	private static @Nullable Set<Integer> allowedStatusIds(@Nullable JsonNode statuses, List<String> reasons) {
		if (statuses == null || statuses.isNull()) {
			return null;
		}
		if (!statuses.isArray()) {
			reasons.add("allowed_sim_statuses must be an array");
			return null;
		}
		Map<String, Integer> idsByName = new LinkedHashMap<>();
		for (Status status : Inventory.SIM_STATUSES) {
			idsByName.put(normalize(status.description()), status.id());
		}
		Set<Integer> knownIds = new HashSet<>(idsByName.values());
		Set<Integer> ids = new HashSet<>();
		for (JsonNode status : statuses) {
			JsonNode id = status.isObject() ? status.path("id") : status;
			Integer resolved = (id.isIntegralNumber() && knownIds.contains(id.asInt())) ? Integer.valueOf(id.asInt())
					: id.isString() ? idsByName.get(normalize(id.stringValue())) : null;
			if (resolved == null) {
				reasons.add("unknown SIM status " + status + "; known: "
						+ Inventory.SIM_STATUSES.stream().map(Status::description).collect(Collectors.joining(", ")));
			}
			else {
				ids.add(resolved);
			}
		}
		return ids;
	}

	private static boolean flag(JsonNode body, String field, boolean defaultValue, List<String> reasons) {
		JsonNode value = body.get(field);
		if (value == null || value.isNull()) {
			return defaultValue;
		}
		if (!value.isBoolean()) {
			reasons.add(field + " must be true or false");
			return defaultValue;
		}
		return value.booleanValue();
	}

	private Rejection invalid(List<String> reasons) {
		return new Rejection("invalid request: " + String.join("; ", reasons),
				this.responses.validationFailed("Input validation failed", reasons));
	}

	private static boolean isDigits(JsonNode node) {
		return node.isString() && node.stringValue().matches("[0-9]+");
	}

	private static String normalize(String statusName) {
		return statusName.replace("_", " ").trim().toLowerCase(Locale.ROOT);
	}

	/**
	 * A resource of the business API, such as {@link EndpointApi}.
	 */
	@FunctionalInterface
	interface Resource {

		/**
		 * The answer to a request for the resource.
		 * @param request the request
		 * @param path its path
		 * @return the outcome, or {@code null} when the request is for another resource
		 */
		@Nullable Outcome handle(Request request, String path);

	}

	@FunctionalInterface
	private interface Lister {

		Page list(long workspaceId, @Nullable String query, @Nullable String sort, int page, int perPage);

	}

}
