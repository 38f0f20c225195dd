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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import io.github.iotstarters.emnify.auth.test.EventLog.Type;
import io.github.iotstarters.emnify.auth.test.Inventory.Status;
import io.github.iotstarters.emnify.auth.test.Responses.EmnifyError;
import io.github.iotstarters.emnify.auth.test.SimulatorEvent.Kind;
import io.github.iotstarters.emnify.auth.test.TokenIssuer.AuthGrant;

/**
 * SIM batches by BIC: {@code GET /api/v1/sim_batch/bic/{bic}} validates one,
 * {@code PATCH} registers its SIMs in the caller's workspace. Batches come from
 * {@link EmnifySimulator#simBatch(String, int)}; their SIMs belong to no workspace until
 * registered.
 */
final class SimBatchApi {

	/**
	 * The workspace id of SIMs in stock, which no token has.
	 */
	static final long IN_STOCK = -1;

	/**
	 * The SIM model of every batch, in its validation and in its registration event.
	 */
	private static final int SIM_MODEL_ID = 44;

	private static final Pattern BATCH = Pattern.compile("/api/v1/sim_batch/bic/([^/]+)");

	private final TokenIssuer tokens;

	private final Inventory inventory;

	private final EventLog events;

	private final Responses responses;

	private final Clock clock;

	private final Map<String, Batch> batches = new ConcurrentHashMap<>();

	SimBatchApi(TokenIssuer tokens, Inventory inventory, EventLog events, Responses responses, Clock clock) {
		this.tokens = tokens;
		this.inventory = inventory;
		this.events = events;
		this.responses = responses;
		this.clock = clock;
	}

	/**
	 * Adds a batch of new SIMs in stock.
	 * @param bic the batch identification code, 16 digits or capital letters
	 * @param quantity how many SIMs the batch holds
	 */
	void add(String bic, int quantity) {
		if (!bic.matches("[0-9A-Z]{16}") || quantity < 1) {
			throw new IllegalArgumentException(
					"A BIC is 16 digits or capital letters and a batch holds at least one SIM, not " + bic + " with "
							+ quantity);
		}
		synchronized (this.inventory) {
			List<Long> simIds = new ArrayList<>();
			for (int i = 0; i < quantity; i++) {
				long id = this.inventory.nextSimId();
				this.inventory.put(new SimulatedSim(id, IN_STOCK, Inventory.iccid(id), Inventory.imsi(id),
						Inventory.SIM_ISSUED, null, null));
				simIds.add(id);
			}
			this.batches.put(bic, new Batch(this.batches.size() + 1, bic, List.copyOf(simIds), false));
		}
	}

	void reset() {
		this.batches.clear();
	}

	/**
	 * The answer to a request for a SIM batch.
	 * @param request the request
	 * @param path its path
	 * @return the outcome, or {@code null} when the request is for no SIM batch
	 */
	@Nullable Outcome handle(Request request, String path) {
		Matcher matcher = BATCH.matcher(path);
		RequestMethod method = request.getMethod();
		if (!matcher.matches() || !(RequestMethod.GET.equals(method) || RequestMethod.PATCH.equals(method))) {
			return null;
		}
		String principal = Outcome.UNKNOWN_PRINCIPAL;
		try {
			AuthGrant grant = this.tokens.authorize(request);
			principal = grant.principal();
			String bic = matcher.group(1);
			synchronized (this.inventory) {
				Batch batch = this.batches.get(bic);
				if (RequestMethod.GET.equals(method)) {
					return new Outcome(Kind.API_REQUEST, principal, "validate BIC " + bic,
							this.responses.ok(validate(batch, bic)));
				}
				return new Outcome(Kind.API_REQUEST, principal, "register BIC " + bic,
						this.responses.ok(register(request, batch, grant.workspaceId())));
			}
		}
		catch (Rejection rejection) {
			return rejection.toOutcome(Kind.API_REQUEST, principal);
		}
	}

	private ObjectNode validate(@Nullable Batch batch, String bic) {
		if (batch == null) {
			throw new Rejection("unknown BIC " + bic,
					this.responses.error(EmnifyError.NOT_FOUND, "SIM batch with BIC " + bic + " not found"));
		}
		if (batch.registered()) {
			throw new Rejection("BIC " + bic + " registered", this.responses.error(EmnifyError.BAD_REQUEST,
					"SIM batch with BIC " + bic + " is already registered"));
		}
		// Numbers as strings, as in emnify's example.
		ObjectNode node = this.responses.object()
			.put("id", batch.id())
			.put("sim_batch_status_id", "0")
			.put("bsn", Long.toString(batch.id()))
			.put("bic", bic)
			.put("quantity", Integer.toString(batch.simIds().size()))
			.put("sim_model_id", Integer.toString(SIM_MODEL_ID))
			.put("issuer_org_id", "1")
			.put("logistic_center_id", "1")
			.put("article_id", "1")
			.put("activated", "0")
			.putNull("customer_org_id")
			.putNull("reseller_org_id");
		node.putObject("status").put("description", "IN STOCK").put("id", 0);
		node.putObject("model").put("id", SIM_MODEL_ID).put("description", "DIM Commercial - 4in1 1/2 size");
		return node;
	}

	private ObjectNode register(Request request, @Nullable Batch batch, long workspaceId) {
		ObjectNode body = this.responses.readObject(request.getBodyAsString());
		Long statusId = (body != null) ? ApiRequests.referenceId(body.path("sim_status")) : null;
		if (batch == null || batch.registered() || statusId == null || (statusId != 1 && statusId != 4)) {
			// Recorded: 422 with an empty HTML body, whatever the reason.
			throw new Rejection("BIC not registrable", Responses.empty(422, Responses.TEXT_HTML).build());
		}
		Status status = (statusId == 1) ? Inventory.SIM_ACTIVATED : SimChanges.SIM_FACTORY_TEST;
		ObjectNode answer = this.responses.object();
		ArrayNode sims = answer.putArray("sim");
		for (long simId : batch.simIds()) {
			SimulatedSim sim = this.inventory.sim(IN_STOCK, simId);
			if (sim != null) {
				SimulatedSim registered = new SimulatedSim(sim.id(), workspaceId, sim.iccid(), sim.imsi(),
						Inventory.SIM_ISSUED, null, null)
					.withStatus(status, this.clock.instant());
				this.inventory.put(registered);
				sims.addObject().put("id", sim.id()).put("iccid", sim.iccid());
			}
		}
		this.batches.put(batch.bic(), new Batch(batch.id(), batch.bic(), batch.simIds(), true));
		ObjectNode detail = this.responses.object();
		detail.putObject("sim_batch")
			.put("id", batch.id())
			.put("batch_size", batch.simIds().size())
			.put("first_iccid", Inventory.iccid(batch.simIds().get(0)))
			.put("last_iccid", Inventory.iccid(batch.simIds().get(batch.simIds().size() - 1)))
			.putObject("sim_model")
			.put("id", SIM_MODEL_ID);
		this.events.record(workspaceId, Type.SIM_REGISTRATION,
				"SIM batch " + batch.bic() + " of " + batch.simIds().size() + " SIMs registered", null, null, detail);
		return answer;
	}

	private record Batch(long id, String bic, List<Long> simIds, boolean registered) {
	}

}
