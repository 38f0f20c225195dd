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

import java.time.Instant;
import java.util.List;
import java.util.function.BiConsumer;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.http.ResponseEntity;

import io.github.iotstarters.emnify.api.SimulatorClients.Style;
import io.github.iotstarters.emnify.api.model.Sim;
import io.github.iotstarters.emnify.api.model.SimBatch;
import io.github.iotstarters.emnify.api.model.SimBatchRegister;
import io.github.iotstarters.emnify.api.model.SimBatchRegistration;
import io.github.iotstarters.emnify.api.model.SimBatchRegistration.RegisteredSim;
import io.github.iotstarters.emnify.api.model.SimStatus;
import io.github.iotstarters.emnify.api.model.SimUpdate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The typed SIM clients, blocking and reactive, against the simulator: lists, every page,
 * one SIM, emnify's status transitions and the registration of a batch by its BIC.
 */
class SimulatorSimsTests {

	@RegisterExtension
	static final SimulatorClients emnify = new SimulatorClients();

	static final String BIC = "A1B2C3D4E5F6G7H8";

	@ParameterizedTest
	@EnumSource(Style.class)
	void aListPageIsFilteredSortedAndPaged(Style style) {
		ResponseEntity<List<Sim>> page = emnify.sims(style).listPage("status:0", "-id", 2, 10);

		assertThat(page.getBody()).extracting(Sim::id).containsExactly(30L, 29L, 28L, 27L, 26L);
		assertThat(page.getBody()).extracting(Sim::status).containsOnly(SimStatus.ISSUED);
		assertThat(page.getBody()).extracting(Sim::endpoint).containsOnlyNulls();
		assertThat(page.getHeaders().getFirst("X-Current-Page")).isEqualTo("2");
		assertThat(page.getHeaders().getFirst("X-Total-Pages")).isEqualTo("2");
		assertThat(page.getHeaders().getFirst("X-Total-Count")).isEqualTo("15");
	}

	@ParameterizedTest
	@EnumSource(Style.class)
	void allWalksEveryPageAndAPagePastTheLastAnswersTheLast(Style style) {
		EmnifySims sims = emnify.sims(style);
		long before = emnify.simulator().counters().apiRequests();

		List<Sim> suspended = sims.all(ListQuery.all().where("status", "2"), 2).toList();
		long requests = emnify.simulator().counters().apiRequests() - before;
		ResponseEntity<List<Sim>> pastTheLast = sims.listPage(null, null, 5, 10);

		assertThat(suspended).extracting(Sim::id).containsExactly(7L, 14L, 21L);
		assertThat(requests).isEqualTo(2);
		assertThat(pastTheLast.getBody()).extracting(Sim::id)
			.containsExactly(31L, 32L, 33L, 34L, 35L, 36L, 37L, 38L, 39L, 40L);
		assertThat(pastTheLast.getHeaders().getFirst("X-Current-Page")).isEqualTo("4");
	}

	@ParameterizedTest
	@EnumSource(Style.class)
	void oneSimHasItsNumbersDatesAndEndpoint(Style style) {
		Sim sim = emnify.sims(style).get(3);

		assertThat(sim.status()).isEqualTo(SimStatus.ACTIVATED);
		assertThat(sim.iccid()).startsWith("8988303").hasSize(20);
		assertThat(sim.imsi()).startsWith("901430").hasSize(15);
		assertThat(sim.productionDate()).isEqualTo(Instant.parse("2024-01-02T03:04:05Z"));
		assertThat(sim.endpoint().id()).isEqualTo(3);
		assertThat(sim.endpoint().name()).isEqualTo("sensor-003");
		assertThat(emnify.read("/api/v1/sim/3").body().path("iccid").stringValue()).isEqualTo(sim.iccid());
		assertThat(emnify.sims(style).all(ListQuery.all().where("iccid_with_luhn", sim.iccid()), 10))
			.extracting(Sim::id)
			.containsExactly(3L);
	}

	@ParameterizedTest
	@EnumSource(Style.class)
	void anUnknownSimIsNotFound(Style style) {
		EmnifyNotFoundException ex = assertThatExceptionOfType(EmnifyNotFoundException.class)
			.isThrownBy(() -> emnify.sims(style).activate(999))
			.actual();

		assertThat(ex.getErrorCode()).isEqualTo(1201);
		assertThat(ex.getErrorToken()).isEqualTo("NotFound");
	}

	/**
	 * Each row runs in both styles, on SIM 26 blocking and SIM 27 reactive, both put in
	 * the status the row starts from.
	 * @param from the status id the SIMs start in
	 * @param change the change asked
	 * @param expected the status id the SIMs are in afterwards
	 * @param allowed whether emnify allows the change
	 */
	@ParameterizedTest
	@CsvSource({ "0, ACTIVATE, 1, true", "0, FACTORY_TEST, 4, true", "4, ACTIVATE, 1, true", "1, SUSPEND, 2, true",
			"2, ACTIVATE, 1, true", "0, SUSPEND, 0, false", "2, FACTORY_TEST, 2, false", "1, ISSUE, 1, false",
			"4, SUSPEND, 4, false", "3, ACTIVATE, 3, false" })
	void statusChangesFollowEmnifysTransitions(int from, Change change, int expected, boolean allowed) {
		for (Style style : Style.values()) {
			long simId = (style == Style.BLOCKING) ? 26 : 27;
			emnify.simulator().simStatus(simId, from);
			Runnable call = () -> change.apply(emnify.sims(style), simId);
			if (allowed) {
				call.run();
			}
			else {
				EmnifyValidationException ex = assertThatExceptionOfType(EmnifyValidationException.class)
					.isThrownBy(call::run)
					.actual();
				assertThat(ex.getErrorCode()).isEqualTo(1406);
				assertThat(ex.getEmnifyMessage()).startsWith("Changing the status of the SIM from");
			}
			assertThat(emnify.read("/api/v1/sim/" + simId).body().path("status").path("id").asInt())
				.isEqualTo(expected);
		}
	}

	@ParameterizedTest
	@EnumSource(Style.class)
	void aBatchIsValidatedAndRegisteredByItsBic(Style style) {
		EmnifySims sims = emnify.sims(style);
		emnify.simulator().simBatch(BIC, 3);

		SimBatch batch = sims.validateBatch(BIC);
		SimBatchRegistration registration = sims.registerBatch(BIC, new SimBatchRegister(SimStatus.ACTIVATED));

		assertThat(batch.bic()).isEqualTo(BIC);
		assertThat(batch.quantity()).isEqualTo(3);
		assertThat(batch.simModelId()).isEqualTo(44);
		assertThat(batch.customerOrgId()).isNull();
		assertThat(registration.sims()).extracting(RegisteredSim::id).containsExactly(41L, 42L, 43L);
		assertThat(registration.sims()).extracting(RegisteredSim::iccid)
			.allSatisfy((iccid) -> assertThat(iccid).hasSize(20));
		assertThat(sims.all(ListQuery.all().where("status", "1"), 2500)).extracting(Sim::id).contains(41L, 42L, 43L);
		assertThat(emnify.read("/api/v1/sim/42").body().path("status").path("description").stringValue())
			.isEqualTo("Activated");
	}

	@ParameterizedTest
	@EnumSource(Style.class)
	void aRegisteredOrUnknownBatchIsRefused(Style style) {
		EmnifySims sims = emnify.sims(style);
		emnify.simulator().simBatch(BIC, 1);
		sims.registerBatch(BIC, new SimBatchRegister(SimStatus.FACTORY_TEST));

		EmnifyApiException validated = assertThatExceptionOfType(EmnifyApiException.class)
			.isThrownBy(() -> sims.validateBatch(BIC))
			.actual();
		EmnifyValidationException registered = assertThatExceptionOfType(EmnifyValidationException.class)
			.isThrownBy(() -> sims.registerBatch(BIC, new SimBatchRegister(SimStatus.ACTIVATED)))
			.actual();

		assertThat(validated.getStatusCode().value()).isEqualTo(400);
		assertThat(validated.getEmnifyMessage()).contains("already registered");
		assertThat(registered.getErrorCode()).isNull();
		assertThatExceptionOfType(EmnifyNotFoundException.class)
			.isThrownBy(() -> sims.validateBatch("ZZZZZZZZZZZZZZZZ"));
		assertThat(emnify.read("/api/v1/sim/41").body().path("status").path("id").asInt()).isEqualTo(4);
	}

	/**
	 * A status change as a caller asks for it.
	 */
	enum Change {

		ACTIVATE(EmnifySims::activate), SUSPEND(EmnifySims::suspend), FACTORY_TEST(EmnifySims::startFactoryTest),
		ISSUE((sims, id) -> sims.update(id, SimUpdate.status(SimStatus.ISSUED)));

		private final BiConsumer<EmnifySims, Long> call;

		Change(BiConsumer<EmnifySims, Long> call) {
			this.call = call;
		}

		void apply(EmnifySims sims, long simId) {
			this.call.accept(sims, simId);
		}

	}

}
