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

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

import io.github.iotstarters.emnify.auth.test.Responses.EmnifyError;
import io.github.iotstarters.emnify.auth.test.SimulatorEvent.Kind;
import io.github.iotstarters.emnify.auth.test.TokenIssuer.AuthGrant;

/**
 * One SIM: {@code GET} and {@code PATCH /api/v1/sim/{id}}, with the status transitions
 * emnify allows.
 */
final class SimApi {

	private static final Pattern SIM = Pattern.compile("/api/v1/sim/([^/]+)");

	private final TokenIssuer tokens;

	private final Inventory inventory;

	private final SimChanges simChanges;

	private final Responses responses;

	SimApi(TokenIssuer tokens, Inventory inventory, SimChanges simChanges, Responses responses) {
		this.tokens = tokens;
		this.inventory = inventory;
		this.simChanges = simChanges;
		this.responses = responses;
	}

	/**
	 * The answer to a request for one SIM.
	 * @param request the request
	 * @param path its path
	 * @return the outcome, or {@code null} when the request is for no SIM
	 */
	@Nullable Outcome handle(Request request, String path) {
		Matcher matcher = SIM.matcher(path);
		RequestMethod method = request.getMethod();
		boolean get = RequestMethod.GET.equals(method);
		if (!matcher.matches() || !(get || RequestMethod.PATCH.equals(method))) {
			return null;
		}
		String principal = Outcome.UNKNOWN_PRINCIPAL;
		try {
			AuthGrant grant = this.tokens.authorize(request);
			principal = grant.principal();
			if (get && matcher.group(1).equals("status")) {
				return new Outcome(Kind.API_REQUEST, principal, "GET SIM statuses",
						this.responses.ok(this.responses.statuses(Inventory.SIM_STATUSES)));
			}
			long id = ApiRequests.pathId(matcher.group(1), this.responses);
			synchronized (this.inventory) {
				SimulatedSim sim = this.inventory.sim(grant.workspaceId(), id);
				if (sim == null) {
					throw new Rejection("SIM " + id + " not found",
							this.responses.error(EmnifyError.NOT_FOUND, "SIM with id " + id + " not found"));
				}
				if (get) {
					return new Outcome(Kind.API_REQUEST, principal, "GET SIM " + id,
							this.responses.ok(this.inventory.render(sim)));
				}
				ObjectNode body = this.responses.readObject(request.getBodyAsString());
				if (body == null) {
					throw new Rejection("body is no JSON object",
							this.responses.error(EmnifyError.BAD_REQUEST, "Request body is no valid JSON object"));
				}
				// Tokens belong to customer organisations, which may change only the
				// status.
				for (String organisation : new String[] { "issuer_org", "reseller_org", "customer_org" }) {
					if (body.has(organisation) || body.has(organisation + "anisation")) {
						throw new Rejection("SIM " + id + " " + organisation + " not allowed",
								this.responses.error(400, EmnifyError.NOT_ALLOWED, "Patching the "
										+ organisation.replace("_org", "") + " organisation of the SIM not allowed."));
					}
				}
				if (body.has("status")) {
					Long statusId = ApiRequests.referenceId(body.path("status"));
					this.simChanges.changeStatus(id, grant.workspaceId(),
							(statusId != null) ? statusId.intValue() : -1);
				}
				return new Outcome(Kind.API_REQUEST, principal, "updated SIM " + id,
						Responses.empty(204, Responses.APPLICATION_JSON).build());
			}
		}
		catch (Rejection rejection) {
			return rejection.toOutcome(Kind.API_REQUEST, principal);
		}
	}

}
