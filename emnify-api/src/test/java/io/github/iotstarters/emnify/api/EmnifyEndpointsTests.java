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

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.iotstarters.emnify.api.model.ConnectivityReset;
import io.github.iotstarters.emnify.api.model.ConnectivityStatus;
import io.github.iotstarters.emnify.api.model.Endpoint;
import io.github.iotstarters.emnify.api.model.EndpointCreate;
import io.github.iotstarters.emnify.api.model.EndpointStatus;
import io.github.iotstarters.emnify.api.model.EndpointUpdate;
import io.github.iotstarters.emnify.api.model.SimAssignment;
import io.github.iotstarters.emnify.api.model.SimStatus;
import io.github.iotstarters.emnify.api.model.Sms;
import io.github.iotstarters.emnify.api.model.SmsSend;
import io.github.iotstarters.emnify.api.model.SmsStatus;
import io.github.iotstarters.emnify.auth.testsupport.LoopbackWireMock;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class EmnifyEndpointsTests {

	@RegisterExtension
	static WireMockExtension emnify = LoopbackWireMock.extension();

	private EmnifyEndpoints endpoints() {
		return EmnifyClients.blocking(emnify.baseUrl(), EmnifyEndpoints.class);
	}

	@Test
	void endpointIsReadWithItsQuirks() {
		emnify.stubFor(get("/api/v1/endpoint/11398765").willReturn(okJson(EmnifyAnswers.ENDPOINT_WITH_SIM)));

		Endpoint endpoint = endpoints().get(11398765);

		assertThat(endpoint.id()).isEqualTo(11398765L);
		assertThat(endpoint.created()).isEqualTo(Instant.parse("2023-05-02T09:14:07Z"));
		assertThat(endpoint.status()).isEqualTo(EndpointStatus.ENABLED);
		assertThat(endpoint.tariffProfile().id()).isEqualTo(539702L);
		assertThat(endpoint.ipAddressSpace().ipAddressSpace()).isEqualTo("10.190.4.16/28");
		assertThat(endpoint.sim().iccidWithLuhn()).isEqualTo("89883030000012345678");
		assertThat(endpoint.sim().status()).isEqualTo(SimStatus.ACTIVATED);
		assertThat(endpoint.runtimeData().sgsnIpAddress()).isEqualTo("212.23.97.14");
		assertThat(endpoint.tagAssignments()).singleElement().satisfies((tag) -> {
			assertThat(tag.name()).isEqualTo("eu");
			assertThat(tag.tagColor().id()).isEqualTo(3L);
		});
	}

	@Test
	void absentSimAndUnknownStatusAreReadNotRefused() {
		emnify.stubFor(get("/api/v1/endpoint/11398766").willReturn(okJson(EmnifyAnswers.ENDPOINT_WITHOUT_SIM)));

		Endpoint endpoint = endpoints().get(11398766);

		assertThat(endpoint.sim()).isNull();
		assertThat(endpoint.tags()).isNull();
		assertThat(endpoint.status()).isEqualTo(EndpointStatus.UNKNOWN);
	}

	@Test
	void listSendsFilterSortAndPaging() {
		emnify.stubFor(get(urlPathEqualTo("/api/v1/endpoint"))
			.willReturn(okJson("[" + EmnifyAnswers.ENDPOINT_WITH_SIM + "]").withHeader("X-Total-Pages", "1")));

		List<Endpoint> found = endpoints()
			.all(ListQuery.all().where("status", "0").where("iccid", "8988303000001234567").sortedBy("-status", "id"),
					50)
			.toList();

		assertThat(found).extracting(Endpoint::id).containsExactly(11398765L);
		emnify.verify(getRequestedFor(urlPathEqualTo("/api/v1/endpoint"))
			.withQueryParam("q", equalTo("status:0,iccid:8988303000001234567"))
			.withQueryParam("sort", equalTo("-status,id"))
			.withQueryParam("page", equalTo("1"))
			.withQueryParam("per_page", equalTo("50")));
	}

	@Test
	void createReadsTheIdFromAnAbsoluteLocationOfAnEmptyAnswer() {
		emnify.stubFor(post("/api/v1/endpoint").willReturn(aResponse().withStatus(201)
			.withHeader("Content-Type", "text/html; charset=UTF-8")
			.withHeader("Location", "https://cdn.emnify.net/api/v1/endpoint/11380017")));

		long id = endpoints().create(EndpointCreate.of("pump", EndpointStatus.ENABLED, 540611, 539702));

		assertThat(id).isEqualTo(11380017L);
		emnify.verify(postRequestedFor(urlEqualTo("/api/v1/endpoint")).withRequestBody(equalToJson(
				"{\"name\":\"pump\",\"status\":{\"id\":0},\"service_profile\":{\"id\":540611},\"tariff_profile\":{\"id\":539702}}",
				false, false)));
	}

	@Test
	void createReadsTheIdFromARelativeLocation() {
		emnify.stubFor(post("/api/v1/endpoint")
			.willReturn(aResponse().withStatus(201).withHeader("Location", "/api/v1/endpoint/123")));

		long id = endpoints()
			.create(EndpointCreate.of("pump", EndpointStatus.DISABLED, 1, 2).withSim(4400123, false).withTags("a,b"));

		assertThat(id).isEqualTo(123L);
		emnify.verify(postRequestedFor(urlEqualTo("/api/v1/endpoint")).withRequestBody(equalToJson(
				"{\"name\":\"pump\",\"status\":{\"id\":1},\"service_profile\":{\"id\":1},\"tariff_profile\":{\"id\":2},"
						+ "\"tags\":\"a,b\",\"sim\":{\"id\":4400123,\"activate\":false}}",
				false, false)));
	}

	@Test
	void createWithoutLocationSaysTheCreationSucceededAndIsSentOnce() {
		emnify.stubFor(post("/api/v1/endpoint").willReturn(aResponse().withStatus(201)));

		assertThatExceptionOfType(EmnifyCreatedWithoutIdException.class)
			.isThrownBy(() -> endpoints().create(EndpointCreate.of("pump", EndpointStatus.ENABLED, 1, 2)))
			.withMessageStartingWith("emnify answered 201 CREATED to POST /api/v1/endpoint without a Location");
		emnify.verify(1, postRequestedFor(urlEqualTo("/api/v1/endpoint")));
	}

	@Test
	void updateSendsOnlyTheFieldsSetAndTheNullThatUnassignsTheSim() {
		emnify.stubFor(patch(urlEqualTo("/api/v1/endpoint/42"))
			.willReturn(aResponse().withStatus(204).withHeader("Content-Type", "text/html; charset=UTF-8")));

		endpoints().update(42, EndpointUpdate.none().withName("renamed").withSim(SimAssignment.none()));

		emnify.verify(patchRequestedFor(urlEqualTo("/api/v1/endpoint/42"))
			.withRequestBody(equalToJson("{\"name\":\"renamed\",\"sim\":{\"id\":null}}", false, false)));
	}

	@Test
	void deleteIsADelete() {
		emnify.stubFor(delete("/api/v1/endpoint/42").willReturn(aResponse().withStatus(204)));

		endpoints().delete(42);

		emnify.verify(deleteRequestedFor(urlEqualTo("/api/v1/endpoint/42")));
	}

	@Test
	void connectivityOfAnOfflineDeviceHasNoLocation() {
		emnify.stubFor(get("/api/v1/endpoint/42/connectivity")
			.willReturn(okJson("{\"status\":{\"description\":\"OFFLINE\"},\"services\":[]}")));

		var connectivity = endpoints().connectivity(42);

		assertThat(connectivity.status()).isEqualTo(ConnectivityStatus.OFFLINE);
		assertThat(connectivity.services()).isEmpty();
		assertThat(connectivity.location()).isNull();
	}

	@Test
	void connectivityResetSendsTheNullsEmnifyReadsAsReset() {
		emnify.stubFor(patch(urlEqualTo("/api/v1/endpoint/42/connectivity"))
			.willReturn(aResponse().withStatus(204).withHeader("Content-Type", "text/html; charset=UTF-8")));

		endpoints().resetConnectivity(42, ConnectivityReset.both());

		emnify.verify(patchRequestedFor(urlEqualTo("/api/v1/endpoint/42/connectivity"))
			.withRequestBody(equalToJson("{\"location\":null,\"pdp_context\":null}", false, false)));
	}

	@Test
	void sendSmsReadsTheIdOfTheSmsFromLocation() {
		emnify.stubFor(post("/api/v1/endpoint/42/sms").willReturn(aResponse().withStatus(201)
			.withHeader("Content-Type", "text/html; charset=UTF-8")
			.withHeader("Location", "https://cdn.emnify.net/api/v1/endpoint/42/sms/19649318")));

		long smsId = endpoints().sendSms(42, SmsSend.of("reboot").from("EMnify", 208));

		assertThat(smsId).isEqualTo(19649318L);
		emnify.verify(postRequestedFor(urlEqualTo("/api/v1/endpoint/42/sms")).withRequestBody(equalToJson(
				"{\"payload\":\"reboot\",\"source_address\":\"EMnify\",\"source_address_type\":{\"id\":208}}", false,
				false)));
	}

	@Test
	void smsListWithoutPagingHeadersIsReadWithNumbersAsStrings() {
		emnify.stubFor(get("/api/v1/endpoint/42/sms").willReturn(okJson("[" + EmnifyAnswers.SMS_OBSERVED + "]")));

		List<Sms> sms = endpoints().smsList(42);

		assertThat(sms).singleElement().satisfies((one) -> {
			assertThat(one.endpointId()).isEqualTo(11379224L);
			assertThat(one.simId()).isEqualTo(4397515L);
			assertThat(one.retryCount()).isZero();
			assertThat(one.status()).isEqualTo(SmsStatus.EXPIRED);
			assertThat(one.submitDate()).isEqualTo(Instant.parse("2022-08-04T01:45:24Z"));
			assertThat(one.deliveryDate()).isNull();
			assertThat(one.dcs()).isZero();
			assertThat(one.endpoint()).isNull();
		});
	}

	@Test
	void smsIsReadAndCancelled() {
		emnify.stubFor(get("/api/v1/endpoint/42/sms/19649318").willReturn(okJson(EmnifyAnswers.SMS_OBSERVED)));
		emnify.stubFor(delete("/api/v1/endpoint/42/sms/19649318").willReturn(aResponse().withStatus(200)));

		assertThat(endpoints().sms(42, 19649318).payload()).isEqualTo("reboot");
		endpoints().cancelSms(42, 19649318);

		emnify.verify(deleteRequestedFor(urlEqualTo("/api/v1/endpoint/42/sms/19649318")));
	}

}
