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
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;

import io.github.iotstarters.emnify.api.model.Sim;
import io.github.iotstarters.emnify.api.model.SimBatch;
import io.github.iotstarters.emnify.api.model.SimBatchRegister;
import io.github.iotstarters.emnify.api.model.SimBatchRegistration;
import io.github.iotstarters.emnify.api.model.SimUpdate;

/**
 * {@link ReactiveEmnifySims} called as {@link EmnifySims}, each method blocking on its
 * reactive twin, the status changes included.
 */
final class BlockingReactiveSims implements EmnifySims {

	private final ReactiveEmnifySims sims;

	BlockingReactiveSims(ReactiveEmnifySims sims) {
		this.sims = sims;
	}

	@Override
	public ResponseEntity<List<Sim>> listPage(@Nullable String q, @Nullable String sort, int page, int perPage) {
		return SimulatorClients.value(this.sims.listPage(q, sort, page, perPage));
	}

	@Override
	public Stream<Sim> all(ListQuery query, int perPage) {
		return SimulatorClients.value(this.sims.all(query, perPage).collectList()).stream();
	}

	@Override
	public Sim get(long simId) {
		return SimulatorClients.value(this.sims.get(simId));
	}

	@Override
	public void update(long simId, SimUpdate update) {
		SimulatorClients.complete(this.sims.update(simId, update));
	}

	@Override
	public void activate(long simId) {
		SimulatorClients.complete(this.sims.activate(simId));
	}

	@Override
	public void suspend(long simId) {
		SimulatorClients.complete(this.sims.suspend(simId));
	}

	@Override
	public void startFactoryTest(long simId) {
		SimulatorClients.complete(this.sims.startFactoryTest(simId));
	}

	@Override
	public SimBatch validateBatch(String bic) {
		return SimulatorClients.value(this.sims.validateBatch(bic));
	}

	@Override
	public SimBatchRegistration registerBatch(String bic, SimBatchRegister registration) {
		return SimulatorClients.value(this.sims.registerBatch(bic, registration));
	}

}
