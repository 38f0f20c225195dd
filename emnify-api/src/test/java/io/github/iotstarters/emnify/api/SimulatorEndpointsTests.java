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

import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.http.ResponseEntity;

import io.github.iotstarters.emnify.api.SimulatorClients.Answer;
import io.github.iotstarters.emnify.api.SimulatorClients.Style;
import io.github.iotstarters.emnify.api.model.Connectivity;
import io.github.iotstarters.emnify.api.model.ConnectivityReset;
import io.github.iotstarters.emnify.api.model.ConnectivityStatus;
import io.github.iotstarters.emnify.api.model.Endpoint;
import io.github.iotstarters.emnify.api.model.EndpointCreate;
import io.github.iotstarters.emnify.api.model.EndpointStatus;
import io.github.iotstarters.emnify.api.model.EndpointUpdate;
import io.github.iotstarters.emnify.api.model.SimAssignment;
import io.github.iotstarters.emnify.api.model.SimStatus;
import io.github.iotstarters.emnify.auth.test.SimulatorEvent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The typed endpoint clients, blocking and reactive, against the simulator: lists, every
 * page, one endpoint, create, update, delete and connectivity, with what the caller gets
 * and what the simulator then holds.
 */
class SimulatorEndpointsTests {

	@RegisterExtension
	static final SimulatorClients emnify = new SimulatorClients();

	@ParameterizedTest
	@EnumSource(Style.class)
	void aListPageIsFilteredSortedAndPaged(Style style) {
		ResponseEntity<List<Endpoint>> page = emnify.endpoints(style).listPage("tags:fleet-b", "-id", 2, 5);
		List<Endpoint> suspendedSims = emnify.endpoints(style)
			.all(ListQuery.all().where("sim_status", "2").where("service_profile", "100001"), 10)
			.toList();

		assertThat(page.getBody()).extracting(Endpoint::id).containsExactly(14L, 12L, 10L, 8L, 6L);
		assertThat(page.getBody()).extracting(Endpoint::status)
			.containsExactly(EndpointStatus.ENABLED, EndpointStatus.ENABLED, EndpointStatus.DISABLED,
					EndpointStatus.ENABLED, EndpointStatus.ENABLED);
		assertThat(page.getHeaders().getFirst("X-Current-Page")).isEqualTo("2");
		assertThat(page.getHeaders().getFirst("X-Total-Pages")).isEqualTo("3");
		assertThat(page.getHeaders().getFirst("X-Total-Count")).isEqualTo("12");
		assertThat(suspendedSims).extracting(Endpoint::id).containsExactly(7L, 14L, 21L);
	}

	@ParameterizedTest
	@EnumSource(Style.class)
	void aPagePastTheLastAnswersTheLast(Style style) {
		ResponseEntity<List<Endpoint>> page = emnify.endpoints(style).listPage(null, null, 9, 10);

		assertThat(page.getBody()).extracting(Endpoint::id).containsExactly(21L, 22L, 23L, 24L, 25L);
		assertThat(page.getHeaders().getFirst("X-Current-Page")).isEqualTo("3");
	}

	@ParameterizedTest
	@EnumSource(Style.class)
	void allWalksEveryPageOnceAndStopsAfterTheLast(Style style) {
		EmnifyEndpoints endpoints = emnify.endpoints(style);
		long before = emnify.simulator().counters().apiRequests();

		List<Endpoint> enabled = endpoints.all(ListQuery.all().where("status", "0"), 4).toList();

		assertThat(enabled).extracting(Endpoint::id)
			.containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 11L, 12L, 13L, 14L, 15L, 16L, 17L, 18L, 19L, 21L, 22L,
					23L, 24L, 25L);
		assertThat(emnify.simulator().counters().apiRequests() - before).isEqualTo(6);
	}

	@ParameterizedTest
	@EnumSource(Style.class)
	void oneEndpointHasItsSimProfilesAndDates(Style style) {
		Endpoint endpoint = emnify.endpoints(style).get(7);

		assertThat(endpoint.name()).isEqualTo("sensor-007");
		assertThat(endpoint.tags()).isEqualTo("fleet-a");
		assertThat(endpoint.status()).isEqualTo(EndpointStatus.ENABLED);
		assertThat(endpoint.created()).isEqualTo(Instant.parse("2024-01-02T03:04:05Z"));
		assertThat(endpoint.serviceProfile().id()).isEqualTo(SimulatorClients.SERVICE_PROFILE);
		assertThat(endpoint.tariffProfile().id()).isEqualTo(SimulatorClients.TARIFF_PROFILE);
		assertThat(endpoint.ipAddressSpace().ipAddressVersion()).isEqualTo(4);
		assertThat(endpoint.imei()).isEqualTo("3554631100000007");
		assertThat(endpoint.sim().id()).isEqualTo(7);
		assertThat(endpoint.sim().status()).isEqualTo(SimStatus.SUSPENDED);
		assertThat(endpoint.sim().iccidWithLuhn()).hasSize(20);
	}

	@ParameterizedTest
	@EnumSource(Style.class)
	void createReturnsTheNewIdAndTheSimulatorHoldsTheEndpointWithItsActivatedSim(Style style) {
		long id = emnify.endpoints(style)
			.create(EndpointCreate
				.of("pump-7", EndpointStatus.ENABLED, SimulatorClients.SERVICE_PROFILE, SimulatorClients.TARIFF_PROFILE)
				.withTags("eu")
				.withImei("3554631177373901", true)
				.withSim(26, true));

		assertThat(id).isEqualTo(26);
		Answer endpoint = emnify.read("/api/v1/endpoint/26");
		assertThat(endpoint.status()).isEqualTo(200);
		assertThat(endpoint.body().path("name").stringValue()).isEqualTo("pump-7");
		assertThat(endpoint.body().path("tags").stringValue()).isEqualTo("eu");
		assertThat(endpoint.body().path("imei_lock").booleanValue()).isTrue();
		assertThat(endpoint.body().path("sim").path("id").asLong()).isEqualTo(26);
		Answer sim = emnify.read("/api/v1/sim/26");
		assertThat(sim.body().path("status").path("description").stringValue()).isEqualTo("Activated");
		assertThat(sim.body().path("endpoint").path("id").asLong()).isEqualTo(26);
	}

	@ParameterizedTest
	@EnumSource(Style.class)
	void updateChangesOnlyTheFieldsItSetsAndCanReleaseTheSim(Style style) {
		EmnifyEndpoints endpoints = emnify.endpoints(style);

		endpoints.update(3, EndpointUpdate.none().withName("renamed").withStatus(EndpointStatus.DISABLED));
		endpoints.update(3, EndpointUpdate.none().withSim(SimAssignment.none()));

		Answer endpoint = emnify.read("/api/v1/endpoint/3");
		assertThat(endpoint.body().path("name").stringValue()).isEqualTo("renamed");
		assertThat(endpoint.body().path("status").path("id").asInt()).isEqualTo(1);
		assertThat(endpoint.body().path("tags").stringValue()).isEqualTo("fleet-a");
		assertThat(endpoint.body().path("sim").isNull()).isTrue();
		assertThat(emnify.read("/api/v1/sim/3").body().path("endpoint").isNull()).isTrue();
	}

	@ParameterizedTest
	@EnumSource(Style.class)
	void deleteRemovesAnEndpointWithoutSim(Style style) {
		EmnifyEndpoints endpoints = emnify.endpoints(style);
		long id = endpoints.create(EndpointCreate.of("short-lived", EndpointStatus.ENABLED,
				SimulatorClients.SERVICE_PROFILE, SimulatorClients.TARIFF_PROFILE));

		endpoints.delete(id);

		assertThat(emnify.read("/api/v1/endpoint/" + id).status()).isEqualTo(404);
		assertThat(endpoints.all(ListQuery.all(), 1000)).hasSize(25);
	}

	@ParameterizedTest
	@EnumSource(Style.class)
	void deletingAnEndpointWithItsSimIsAConflictAndKeepsIt(Style style) {
		EmnifyConflictException ex = assertThatExceptionOfType(EmnifyConflictException.class)
			.isThrownBy(() -> emnify.endpoints(style).delete(5))
			.actual();

		assertThat(ex.getErrorCode()).isEqualTo(1407);
		assertThat(ex.getErrorToken()).isEqualTo("CannotBeDeleted");
		assertThat(ex.getEmnifyMessage()).contains("SIM 5 is assigned");
		assertThat(emnify.read("/api/v1/endpoint/5").status()).isEqualTo(200);
	}

	@ParameterizedTest
	@EnumSource(Style.class)
	void unknownEndpointsAreNotFound(Style style) {
		EmnifyEndpoints endpoints = emnify.endpoints(style);

		assertThat(List.<Runnable>of(() -> endpoints.get(999), () -> endpoints.update(999, EndpointUpdate.none()),
				() -> endpoints.delete(999), () -> endpoints.connectivity(999)))
			.allSatisfy((call) -> assertThat(
					assertThatExceptionOfType(EmnifyNotFoundException.class).isThrownBy(call::run).actual())
				.satisfies((ex) -> {
					assertThat(ex.getErrorCode()).isEqualTo(1401);
					assertThat(ex.getEmnifyMessage()).isEqualTo("Endpoint with Id '999' not found.");
				}));
	}

	@ParameterizedTest
	@EnumSource(Style.class)
	void anInvalidCreateGivesTheFieldErrorsAndCreatesNothing(Style style) {
		EmnifyValidationException ex = assertThatExceptionOfType(EmnifyValidationException.class)
			.isThrownBy(() -> emnify.endpoints(style)
				.create(EndpointCreate.of("pump-8", EndpointStatus.ENABLED, 1, SimulatorClients.TARIFF_PROFILE)
					.withSim(1, false)))
			.actual();

		assertThat(ex.getErrorCode()).isEqualTo(1400);
		assertThat(ex.getFieldErrors()).extracting(EmnifyFieldError::errorCode, EmnifyFieldError::message)
			.containsExactlyInAnyOrder(tuple(1401, "Service profile with Id '1' not found."),
					tuple(1406, "SIM with Id '1' is assigned to endpoint 1."));
		assertThat(emnify.read("/api/v1/endpoint/26").status()).isEqualTo(404);
	}

	@ParameterizedTest
	@EnumSource(Style.class)
	void connectivityIsOfflineUntilTheDeviceIsOnline(Style style) {
		EmnifyEndpoints endpoints = emnify.endpoints(style);
		Connectivity offline = endpoints.connectivity(2);
		emnify.simulator().deviceOnline(2, true);

		Connectivity online = endpoints.connectivity(2);

		assertThat(offline.status()).isEqualTo(ConnectivityStatus.OFFLINE);
		assertThat(offline.services()).isEmpty();
		assertThat(offline.location()).isNull();
		assertThat(online.status()).isEqualTo(ConnectivityStatus.ONLINE);
		assertThat(online.services()).containsExactly("GPRS");
		assertThat(online.location().path("country").path("iso_code").stringValue()).isEqualTo("de");
		assertThat(online.pdpContext().path("endpoint_id").asLong()).isEqualTo(2);
	}

	@ParameterizedTest
	@EnumSource(Style.class)
	void aConnectivityResetIsOnlyQueued(Style style) {
		emnify.simulator().deviceOnline(4, true);

		emnify.endpoints(style).resetConnectivity(4, ConnectivityReset.both());

		List<SimulatorEvent> journal = emnify.simulator().journal();
		assertThat(journal.get(journal.size() - 1)).satisfies((reset) -> {
			assertThat(reset.status()).isEqualTo(204);
			assertThat(reset.outcome()).isEqualTo("connectivity reset of endpoint 4");
		});
		assertThat(
				emnify.read("/api/v1/endpoint/4/connectivity").body().path("status").path("description").stringValue())
			.isEqualTo("ONLINE");
	}

}
