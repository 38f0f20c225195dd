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

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.test.StepVerifier;

import io.github.iotstarters.emnify.api.model.ConnectivityReset;
import io.github.iotstarters.emnify.api.model.ConnectivityStatus;
import io.github.iotstarters.emnify.api.model.EndpointCreate;
import io.github.iotstarters.emnify.api.model.EndpointStatus;
import io.github.iotstarters.emnify.api.model.EndpointUpdate;
import io.github.iotstarters.emnify.api.model.SimAssignment;
import io.github.iotstarters.emnify.api.model.SmsSend;
import io.github.iotstarters.emnify.api.model.SmsStatus;
import io.github.iotstarters.emnify.auth.testsupport.LoopbackWireMock;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

class ReactiveEmnifyEndpointsTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	@RegisterExtension
	static WireMockExtension emnify = LoopbackWireMock.extension();

	private ReactiveEmnifyEndpoints endpoints() {
		return EmnifyClients.reactive(emnify.baseUrl(), ReactiveEmnifyEndpoints.class);
	}

	@Test
	void endpointIsReadWithItsQuirks() {
		emnify.stubFor(get("/api/v1/endpoint/11398765").willReturn(okJson(EmnifyAnswers.ENDPOINT_WITH_SIM)));

		StepVerifier.create(endpoints().get(11398765)).assertNext((endpoint) -> {
			assertThat(endpoint.created()).isEqualTo(Instant.parse("2023-05-02T09:14:07Z"));
			assertThat(endpoint.status()).isEqualTo(EndpointStatus.ENABLED);
			assertThat(endpoint.sim().iccid()).isEqualTo("8988303000001234567");
		}).expectComplete().verify(TIMEOUT);
	}

	@Test
	void absentSimAndUnknownStatusAreReadNotRefused() {
		emnify.stubFor(get("/api/v1/endpoint/11398766").willReturn(okJson(EmnifyAnswers.ENDPOINT_WITHOUT_SIM)));

		StepVerifier.create(endpoints().get(11398766)).assertNext((endpoint) -> {
			assertThat(endpoint.sim()).isNull();
			assertThat(endpoint.status()).isEqualTo(EndpointStatus.UNKNOWN);
		}).expectComplete().verify(TIMEOUT);
	}

	@Test
	void createReadsTheIdFromAnAbsoluteLocationOfAnEmptyHtmlAnswer() {
		emnify.stubFor(post("/api/v1/endpoint").willReturn(aResponse().withStatus(201)
			.withHeader("Content-Type", "text/html; charset=UTF-8")
			.withHeader("Location", "https://cdn.emnify.net/api/v1/endpoint/11380017")));

		StepVerifier.create(endpoints().create(EndpointCreate.of("pump", EndpointStatus.ENABLED, 540611, 539702)))
			.expectNext(11380017L)
			.expectComplete()
			.verify(TIMEOUT);
		emnify.verify(postRequestedFor(urlEqualTo("/api/v1/endpoint")).withRequestBody(equalToJson(
				"{\"name\":\"pump\",\"status\":{\"id\":0},\"service_profile\":{\"id\":540611},\"tariff_profile\":{\"id\":539702}}",
				false, false)));
	}

	@Test
	void createReadsTheIdFromARelativeLocation() {
		emnify.stubFor(post("/api/v1/endpoint")
			.willReturn(aResponse().withStatus(201).withHeader("Location", "/api/v1/endpoint/123")));

		StepVerifier.create(endpoints().create(EndpointCreate.of("pump", EndpointStatus.ENABLED, 1, 2)))
			.expectNext(123L)
			.expectComplete()
			.verify(TIMEOUT);
	}

	@Test
	void updateSendsOnlyTheFieldsSetAndTheNullThatUnassignsTheSim() {
		emnify.stubFor(patch(urlEqualTo("/api/v1/endpoint/42"))
			.willReturn(aResponse().withStatus(204).withHeader("Content-Type", "text/html; charset=UTF-8")));

		StepVerifier
			.create(endpoints().update(42,
					EndpointUpdate.none().withStatus(EndpointStatus.DISABLED).withSim(SimAssignment.none())))
			.expectComplete()
			.verify(TIMEOUT);
		emnify.verify(patchRequestedFor(urlEqualTo("/api/v1/endpoint/42"))
			.withRequestBody(equalToJson("{\"status\":{\"id\":1},\"sim\":{\"id\":null}}", false, false)));
	}

	@Test
	void deleteIsADelete() {
		emnify.stubFor(delete("/api/v1/endpoint/42").willReturn(aResponse().withStatus(204)));

		StepVerifier.create(endpoints().delete(42)).expectComplete().verify(TIMEOUT);
		emnify.verify(deleteRequestedFor(urlEqualTo("/api/v1/endpoint/42")));
	}

	@Test
	void connectivityAndItsReset() {
		emnify.stubFor(get("/api/v1/endpoint/42/connectivity")
			.willReturn(okJson("{\"status\":{\"description\":\"ONLINE\"},\"services\":[\"GPRS\"],"
					+ "\"location\":{\"imsi\":\"295050901234567\"},\"pdp_context\":{\"rat_type\":{\"description\":\"3G\"}}}")));
		emnify.stubFor(patch(urlEqualTo("/api/v1/endpoint/42/connectivity"))
			.willReturn(aResponse().withStatus(204).withHeader("Content-Type", "text/html; charset=UTF-8")));

		StepVerifier.create(endpoints().connectivity(42)).assertNext((connectivity) -> {
			assertThat(connectivity.status()).isEqualTo(ConnectivityStatus.ONLINE);
			assertThat(connectivity.services()).containsExactly("GPRS");
			assertThat(connectivity.pdpContext().path("rat_type").path("description").asString()).isEqualTo("3G");
		}).expectComplete().verify(TIMEOUT);
		StepVerifier.create(endpoints().resetConnectivity(42, ConnectivityReset.deletePdpContext()))
			.expectComplete()
			.verify(TIMEOUT);
		emnify.verify(patchRequestedFor(urlEqualTo("/api/v1/endpoint/42/connectivity"))
			.withRequestBody(equalToJson("{\"pdp_context\":null}", false, false)));
	}

	@Test
	void smsIsSentListedReadAndCancelled() {
		emnify.stubFor(post("/api/v1/endpoint/42/sms").willReturn(aResponse().withStatus(201)
			.withHeader("Content-Type", "text/html; charset=UTF-8")
			.withHeader("Location", "https://cdn.emnify.net/api/v1/endpoint/42/sms/19649318")));
		emnify.stubFor(get("/api/v1/endpoint/42/sms").willReturn(okJson("[" + EmnifyAnswers.SMS_OBSERVED + "]")));
		emnify.stubFor(get("/api/v1/endpoint/42/sms/19649318").willReturn(okJson(EmnifyAnswers.SMS_OBSERVED)));
		emnify.stubFor(delete("/api/v1/endpoint/42/sms/19649318").willReturn(aResponse().withStatus(200)));

		StepVerifier.create(endpoints().sendSms(42, SmsSend.of("reboot")))
			.expectNext(19649318L)
			.expectComplete()
			.verify(TIMEOUT);
		StepVerifier.create(endpoints().smsList(42))
			.assertNext((sms) -> assertThat(sms.endpointId()).isEqualTo(11379224L))
			.expectComplete()
			.verify(TIMEOUT);
		StepVerifier.create(endpoints().sms(42, 19649318))
			.assertNext((sms) -> assertThat(sms.status()).isEqualTo(SmsStatus.EXPIRED))
			.expectComplete()
			.verify(TIMEOUT);
		StepVerifier.create(endpoints().cancelSms(42, 19649318)).expectComplete().verify(TIMEOUT);
		emnify.verify(postRequestedFor(urlEqualTo("/api/v1/endpoint/42/sms"))
			.withRequestBody(equalToJson("{\"payload\":\"reboot\"}", false, false)));
		emnify.verify(deleteRequestedFor(urlEqualTo("/api/v1/endpoint/42/sms/19649318")));
	}

}
