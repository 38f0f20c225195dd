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

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import static io.github.iotstarters.emnify.auth.test.SimulatorHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * SMS to an endpoint: send, list, read and cancel, in the shape recorded in 2024. An SMS
 * is delivered ten seconds after submission by the simulator's clock.
 */
class SmsApiTests {

	static final AdjustableClock clock = new AdjustableClock(Fixtures.START);

	@RegisterExtension
	static final EmnifySimulatorExtension emnify = EmnifySimulatorExtension
		.of(Fixtures.simulator(clock).apiRateLimits(false));

	SimulatorHttp http;

	String token;

	@BeforeEach
	void setUp() {
		clock.set(Fixtures.START);
		this.http = new SimulatorHttp(emnify.simulator());
		this.token = this.http.applicationTokenLogin(Fixtures.APPLICATION_TOKEN);
	}

	@Test
	void sendAnswers201EmptyAsTextHtmlWithTheAbsoluteLocationOfTheSms() {
		HttpResponse<String> response = send(1, "reboot");

		assertThat(response.statusCode()).isEqualTo(201);
		assertThat(response.body()).isEmpty();
		assertThat(response.headers().firstValue("Content-Type")).hasValue("text/html; charset=UTF-8");
		assertThat(response.headers().firstValue("Location"))
			.hasValue(emnify.baseUrl() + "/api/v1/endpoint/1/sms/19649318");
	}

	@Test
	void smsHasTheRecordedShapeWithNumbersAsStrings() {
		send(1, "reboot");

		JsonNode sms = json(this.http.get("/api/v1/endpoint/1/sms/19649318", this.token));

		assertThat(sms.path("id").isIntegralNumber()).isTrue();
		assertThat(sms.path("payload").stringValue()).isEqualTo("reboot");
		assertThat(sms.path("endpoint_id").stringValue()).isEqualTo("1");
		assertThat(sms.path("organisation_id").stringValue()).isEqualTo("100");
		assertThat(sms.path("sim_id").stringValue()).isEqualTo("1");
		assertThat(sms.path("dcs").stringValue()).isEqualTo("0");
		assertThat(sms.path("pid").stringValue()).isEqualTo("0");
		assertThat(sms.path("retry_count").stringValue()).isEqualTo("0");
		assertThat(sms.path("p2p_ext").isIntegralNumber()).isTrue();
		assertThat(sms.has("endpoint")).isFalse();
		assertThat(sms.path("submit_date").stringValue()).isEqualTo("2030-01-01T00:00:00.000+0000");
		assertThat(sms.path("expiry_date").stringValue()).isEqualTo("2030-01-02T00:00:00.000+0000");
		assertThat(sms.path("source_address").stringValue()).isEmpty();
		assertThat(sms.path("source_address_type").toString()).isEqualTo("{\"description\":\"National\",\"id\":161}");
		assertThat(sms.path("sms_type").toString()).isEqualTo("{\"description\":\"MT\",\"id\":1}");
		assertThat(sms.path("status").toString()).isEqualTo("{\"description\":\"BUFFERED\",\"id\":3}");
	}

	@Test
	void smsIsDeliveredTenSecondsAfterSubmissionByTheSimulatorsClock() {
		send(1, "reboot");

		clock.advance(Duration.ofSeconds(9));
		assertThat(status(19649318)).isEqualTo("BUFFERED");
		clock.advance(Duration.ofSeconds(1));
		JsonNode sms = json(this.http.get("/api/v1/endpoint/1/sms/19649318", this.token));

		assertThat(sms.path("status").toString()).isEqualTo("{\"description\":\"DELIVERED\",\"id\":4}");
		assertThat(sms.path("delivery_date").stringValue()).isEqualTo("2030-01-01T00:00:10.000+0000");
		assertThat(sms.path("final_date").stringValue()).isEqualTo("2030-01-01T00:00:10.000+0000");
	}

	@Test
	void listIsNewestFirstWithoutPagingHeaders() {
		send(1, "first");
		send(1, "second");
		send(2, "elsewhere");

		HttpResponse<String> response = this.http.get("/api/v1/endpoint/1/sms", this.token);

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(json(response).size()).isEqualTo(2);
		assertThat(json(response).get(0).path("payload").stringValue()).isEqualTo("second");
		assertThat(json(response).get(1).path("payload").stringValue()).isEqualTo("first");
		assertThat(response.headers().firstValue("X-Total-Count")).isEmpty();
		assertThat(response.headers().firstValue("X-Count-Per-Page")).isEmpty();
	}

	@Test
	void onlyABufferedSmsCanBeCanceledAndThenStaysCanceled() {
		send(1, "cancel me");
		send(1, "deliver me");
		clock.advance(Duration.ofSeconds(5));

		HttpResponse<String> canceled = this.http.delete("/api/v1/endpoint/1/sms/19649318", this.token);
		clock.advance(Duration.ofSeconds(10));
		HttpResponse<String> refused = this.http.delete("/api/v1/endpoint/1/sms/19649319", this.token);

		assertThat(canceled.statusCode()).isEqualTo(200);
		assertThat(canceled.body()).isEmpty();
		assertThat(status(19649318)).isEqualTo("CANCELED");
		assertThat(json(this.http.get("/api/v1/endpoint/1/sms/19649318", this.token)).path("status").path("id").asInt())
			.isEqualTo(7);
		assertThat(refused.statusCode()).isEqualTo(422);
		assertThat(json(refused).path("error_token").stringValue()).isEqualTo("NotAllowed");
		assertThat(status(19649319)).isEqualTo("DELIVERED");
	}

	@Test
	void smsFromTheDeviceIsListedAsMobileOriginatedAndDelivered() {
		send(1, "to device");
		emnify.simulator().smsFromDevice(1, "from device");

		JsonNode list = json(this.http.get("/api/v1/endpoint/1/sms", this.token));

		JsonNode received = list.get(0);
		assertThat(received.path("payload").stringValue()).isEqualTo("from device");
		assertThat(received.path("sms_type").toString()).isEqualTo("{\"description\":\"MO\",\"id\":2}");
		assertThat(received.path("status").path("description").stringValue()).isEqualTo("DELIVERED");
		assertThat(received.path("source_address").stringValue()).isEqualTo("423663921000001");
		assertThat(list.get(1).path("sms_type").path("description").stringValue()).isEqualTo("MT");
	}

	@Test
	void senderAndItsTypeAreKept() {
		this.http.post("/api/v1/endpoint/1/sms",
				Map.of("payload", "hi", "source_address", "EMnify", "source_address_type", Map.of("id", 208)),
				this.token);

		JsonNode sms = json(this.http.get("/api/v1/endpoint/1/sms/19649318", this.token));
		assertThat(sms.path("source_address").stringValue()).isEqualTo("EMnify");
		assertThat(sms.path("source_address_type").path("description").stringValue()).isEqualTo("Alphanumeric");
	}

	@Test
	void errorsForMissingPayloadUnknownEndpointAndUnknownSms() {
		HttpResponse<String> noPayload = this.http.post("/api/v1/endpoint/1/sms", Map.of("dcs", 0), this.token);
		HttpResponse<String> unknownEndpoint = send(99, "x");
		HttpResponse<String> unknownSms = this.http.get("/api/v1/endpoint/1/sms/1", this.token);

		assertThat(noPayload.statusCode()).isEqualTo(422);
		assertThat(json(noPayload).path("errors").get(0).path("error_code").asInt()).isEqualTo(1402);
		assertThat(unknownEndpoint.statusCode()).isEqualTo(404);
		assertThat(json(unknownEndpoint).path("error_code").asInt()).isEqualTo(1401);
		assertThat(unknownSms.statusCode()).isEqualTo(404);
	}

	private HttpResponse<String> send(long endpointId, String payload) {
		return this.http.post("/api/v1/endpoint/" + endpointId + "/sms", Map.of("payload", payload), this.token);
	}

	private String status(long smsId) {
		return json(this.http.get("/api/v1/endpoint/1/sms/" + smsId, this.token)).path("status")
			.path("description")
			.stringValue();
	}

}
