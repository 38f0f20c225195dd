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

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.iotstarters.emnify.api.model.Reference;
import io.github.iotstarters.emnify.api.model.Sim;
import io.github.iotstarters.emnify.api.model.SimBatch;
import io.github.iotstarters.emnify.api.model.SimBatchRegister;
import io.github.iotstarters.emnify.api.model.SimBatchRegistration;
import io.github.iotstarters.emnify.api.model.SimStatus;
import io.github.iotstarters.emnify.auth.testsupport.LoopbackWireMock;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * SIM operations in both styles, in emnify's shapes: the flat {@code endpoint} of SIM
 * answers, absent keys, status changes as {@code PATCH} bodies, batches by BIC.
 */
class SimsTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private static final String SIM = """
			{"id":4401338,"iccid":"8988303000006738591","production_date":"2021-09-13T08:13:00.000+0000",
			 "activation_date":"2021-09-14T08:13:00.000+0000","status":{"id":1,"description":"Activated"},
			 "customer_org":{"id":13886,"name":"Acme","country":{"id":74,"name":"Germany"}},
			 "issuer_org":{"id":1,"name":"emnify"},
			 "endpoint":{"id":11380016,"name":"pump","imei":null,"created":"2021-11-18T08:25:53.000+0000",
			  "organisation_id":13886,"service_profile_id":438035,"tariff_profile_id":424560,"tags":null,
			  "ip_address":"10.191.216.68","ip_address_space_id":24746},
			 "imsi":"295050901896257","msisdn":"423663921520532",
			 "model":{"id":44,"description":"DIM Commercial - 4in1 1/2 size","memory_size":64,
			  "formfactor":{"id":11,"name":"1/2/3FF (3in1) "},"manufacturer":{"id":5,"name":"Idemia"}}}
			""";

	private static final String NEW_SIM = """
			{"id":4401339,"iccid":"8988303000006738592","production_date":"2021-09-13T08:13:00.000+0000",
			 "status":{"id":0,"description":"Issued"},"issuer_org":{"id":1,"name":"emnify"}}
			""";

	@RegisterExtension
	static WireMockExtension emnify = LoopbackWireMock.extension();

	private EmnifySims blocking() {
		return EmnifyClients.blocking(emnify.baseUrl(), EmnifySims.class);
	}

	private ReactiveEmnifySims reactive() {
		return EmnifyClients.reactive(emnify.baseUrl(), ReactiveEmnifySims.class);
	}

	@Test
	void simIsReadWithItsFlatEndpointAndAbsentKeys() {
		emnify.stubFor(get("/api/v1/sim/4401338").willReturn(okJson(SIM)));
		emnify.stubFor(get("/api/v1/sim/4401339").willReturn(okJson(NEW_SIM)));

		for (Sim sim : List.of(blocking().get(4401338), reactive().get(4401338).block(TIMEOUT))) {
			assertThat(sim.status()).isEqualTo(SimStatus.ACTIVATED);
			assertThat(sim.activationDate()).isEqualTo(Instant.parse("2021-09-14T08:13:00Z"));
			assertThat(sim.endpoint().id()).isEqualTo(11380016L);
			assertThat(sim.endpoint().serviceProfileId()).isEqualTo(438035L);
			assertThat(sim.customerOrg().name()).isEqualTo("Acme");
			assertThat(sim.model().id()).isEqualTo(44L);
			assertThat(sim.model().memorySize()).isEqualTo(64L);
			assertThat(sim.model().formfactor().name()).isEqualTo("1/2/3FF (3in1) ");
			assertThat(sim.model().manufacturer()).isEqualTo(new Reference(5, "Idemia"));
		}
		Sim issued = blocking().get(4401339);
		assertThat(issued.activationDate()).isNull();
		assertThat(issued.endpoint()).isNull();
		assertThat(issued.resellerOrg()).isNull();
	}

	@Test
	void everySimWalksThePages() {
		emnify.stubFor(get(urlPathEqualTo("/api/v1/sim")).withQueryParam("page", equalTo("1"))
			.willReturn(okJson("[" + SIM + "]").withHeader("X-Total-Pages", "2").withHeader("X-Current-Page", "1")));
		emnify.stubFor(get(urlPathEqualTo("/api/v1/sim")).withQueryParam("page", equalTo("2"))
			.willReturn(
					okJson("[" + NEW_SIM + "]").withHeader("X-Total-Pages", "2").withHeader("X-Current-Page", "2")));
		ListQuery issued = ListQuery.all().where("status", "0");

		assertThat(blocking().all(issued, 1)).extracting(Sim::id).containsExactly(4401338L, 4401339L);
		assertThat(reactive().all(issued, 1).map(Sim::id).collectList().block(TIMEOUT)).containsExactly(4401338L,
				4401339L);
		emnify.verify(4, getRequestedFor(urlPathEqualTo("/api/v1/sim")).withQueryParam("q", equalTo("status:0"))
			.withQueryParam("per_page", equalTo("1")));
	}

	@Test
	void statusChangesSendOnlyTheStatus() {
		emnify.stubFor(patch(urlEqualTo("/api/v1/sim/7")).willReturn(aResponse().withStatus(204)));

		blocking().activate(7);
		reactive().suspend(7).block(TIMEOUT);
		reactive().startFactoryTest(7).block(TIMEOUT);

		emnify.verify(patchRequestedFor(urlEqualTo("/api/v1/sim/7"))
			.withRequestBody(equalToJson("{\"status\":{\"id\":1}}", false, false)));
		emnify.verify(patchRequestedFor(urlEqualTo("/api/v1/sim/7"))
			.withRequestBody(equalToJson("{\"status\":{\"id\":2}}", false, false)));
		emnify.verify(patchRequestedFor(urlEqualTo("/api/v1/sim/7"))
			.withRequestBody(equalToJson("{\"status\":{\"id\":4}}", false, false)));
	}

	@Test
	void batchIsValidatedAndRegisteredByBic() {
		emnify.stubFor(get("/api/v1/sim_batch/bic/ABCDEF0123456789")
			.willReturn(okJson("{\"id\":12,\"sim_batch_status_id\":\"1\",\"bsn\":\"x\",\"bic\":\"ABCDEF0123456789\","
					+ "\"quantity\":\"5\",\"sim_model_id\":\"44\",\"customer_org_id\":null,\"reseller_org_id\":3,"
					+ "\"status\":{\"description\":\"IN STOCK\",\"id\":0}}")));
		emnify.stubFor(patch(urlEqualTo("/api/v1/sim_batch/bic/ABCDEF0123456789"))
			.willReturn(okJson("{\"sim\":[{\"id\":256,\"iccid\":\"8988303000000000135\"}]}")));

		for (SimBatch batch : List.of(blocking().validateBatch("ABCDEF0123456789"),
				reactive().validateBatch("ABCDEF0123456789").block(TIMEOUT))) {
			assertThat(batch.quantity()).isEqualTo(5L);
			assertThat(batch.customerOrgId()).isNull();
			assertThat(batch.resellerOrgId()).isEqualTo(3L);
		}
		SimBatchRegister register = new SimBatchRegister(SimStatus.ACTIVATED);
		for (SimBatchRegistration registration : List.of(blocking().registerBatch("ABCDEF0123456789", register),
				reactive().registerBatch("ABCDEF0123456789", register).block(TIMEOUT))) {
			assertThat(registration.sims()).singleElement().satisfies((sim) -> {
				assertThat(sim.id()).isEqualTo(256L);
				assertThat(sim.iccid()).isEqualTo("8988303000000000135");
			});
		}
		emnify.verify(2, patchRequestedFor(urlEqualTo("/api/v1/sim_batch/bic/ABCDEF0123456789"))
			.withRequestBody(equalToJson("{\"sim_status\":{\"id\":1}}", false, false)));
	}

}
