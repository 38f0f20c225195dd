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

package io.github.iotstarters.emnify.api;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.HttpExchange;
import org.springframework.web.service.annotation.PatchExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import io.github.iotstarters.emnify.api.model.Sim;
import io.github.iotstarters.emnify.api.model.SimBatch;
import io.github.iotstarters.emnify.api.model.SimBatchRegister;
import io.github.iotstarters.emnify.api.model.SimBatchRegistration;
import io.github.iotstarters.emnify.api.model.SimStatus;
import io.github.iotstarters.emnify.api.model.SimUpdate;

/**
 * emnify's SIMs, reactive, for a {@code WebClient} that authenticates against emnify.
 * {@link EmnifySims} is the same on a {@code RestClient}. Nothing happens until the
 * answer is subscribed to. Status changes are explicit methods because they cost money:
 * an activated SIM is billed, even while its endpoint is disabled.
 */
@HttpExchange(url = "/api/v1", accept = "application/json")
public interface ReactiveEmnifySims {

	/**
	 * Return one page of SIMs with emnify's paging headers; {@link #all(ListQuery, int)}
	 * walks them all.
	 * @param q the filter, see {@link ListQuery#q()}, {@code null} for none
	 * @param sort the order, {@code null} for ascending id
	 * @param page the page, from 1; past the last emnify answers the last
	 * @param perPage the page size, up to 2500
	 * @return the answer, its body the SIMs of the page
	 */
	@GetExchange("/sim")
	Mono<ResponseEntity<List<Sim>>> listPage(@RequestParam(required = false) @Nullable String q,
			@RequestParam(required = false) @Nullable String sort, @RequestParam int page,
			@RequestParam("per_page") int perPage);

	/**
	 * Return every SIM matching a query, asking for a page only once the items before it
	 * are consumed.
	 * @param query the filter and order
	 * @param perPage the page size, up to 2500
	 * @return the SIMs, lazily
	 */
	default Flux<Sim> all(ListQuery query, int perPage) {
		return EmnifyPaging.flux((page) -> listPage(query.q(), query.sort(), page, perPage));
	}

	/**
	 * Return one SIM.
	 * @param simId the SIM's id
	 * @return the SIM
	 */
	@GetExchange("/sim/{simId}")
	Mono<Sim> get(@PathVariable long simId);

	/**
	 * Change a SIM. Prefer the explicit status changes, which say what they cost.
	 * @param simId the SIM's id
	 * @param update the fields to change
	 * @return completes when emnify has accepted the change
	 */
	@PatchExchange("/sim/{simId}")
	Mono<Void> update(@PathVariable long simId, @RequestBody SimUpdate update);

	/**
	 * Activate a SIM that is issued, in factory test or suspended. <strong>Costs
	 * money:</strong> emnify bills an activated SIM from then on, even while its endpoint
	 * is disabled.
	 * @param simId the SIM's id
	 * @return completes when emnify has accepted the change
	 */
	default Mono<Void> activate(long simId) {
		return update(simId, SimUpdate.status(SimStatus.ACTIVATED));
	}

	/**
	 * Suspend an activated SIM; it can be activated again.
	 * @param simId the SIM's id
	 * @return completes when emnify has accepted the change
	 */
	default Mono<Void> suspend(long simId) {
		return update(simId, SimUpdate.status(SimStatus.SUSPENDED));
	}

	/**
	 * Put an issued SIM into factory test, where it works with a test volume and is
	 * activated automatically, and billed, once that is used up.
	 * @param simId the SIM's id
	 * @return completes when emnify has accepted the change
	 */
	default Mono<Void> startFactoryTest(long simId) {
		return update(simId, SimUpdate.status(SimStatus.FACTORY_TEST));
	}

	/**
	 * Validate a batch of SIMs by its BIC before registering it.
	 * @param bic the batch identification code, 16 digits or capital letters
	 * @return the batch
	 */
	@GetExchange("/sim_batch/bic/{bic}")
	Mono<SimBatch> validateBatch(@PathVariable String bic);

	/**
	 * Register a batch of SIMs in the caller's organisation. Registering them as
	 * {@link SimStatus#ACTIVATED} <strong>costs money</strong> for every SIM of the
	 * batch.
	 * @param bic the batch identification code
	 * @param registration the status the SIMs get
	 * @return the registered SIMs
	 */
	@PatchExchange("/sim_batch/bic/{bic}")
	Mono<SimBatchRegistration> registerBatch(@PathVariable String bic, @RequestBody SimBatchRegister registration);

}
