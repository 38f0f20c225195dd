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
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import static io.github.iotstarters.emnify.auth.test.SimulatorHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Usage statistics, daily statistics and data and SMS quotas of an endpoint.
 */
class UsageApiTests {

	static final String DATA_QUOTA = """
			{"status":{"id":1},"volume":100,"expiry_date":"2030-02-01 00:00:00","action_on_exhaustion":{"id":1},
			"peak_throughput":128000}""";

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
	void statsWithoutTrafficHoldOnlyTheLastHourInMinuteBuckets() {
		HttpResponse<String> response = this.http.get("/api/v1/endpoint/1/stats", this.token);

		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode stats = json(response);
		assertThat(stats.has("current_month")).isFalse();
		assertThat(stats.has("last_month")).isFalse();
		JsonNode rx = stats.path("last_hour").path("data").path("rx");
		assertThat(rx.size()).isEqualTo(60);
		assertThat(rx.get(0).toString()).isEqualTo("[\"23:01\",0]");
		assertThat(rx.get(59).toString()).isEqualTo("[\"00:00\",0]");
		assertThat(stats.path("last_hour").path("sms").path("tx").size()).isEqualTo(60);
	}

	@Test
	void smsSentThisMonthAppearWithVolumesAsStrings() {
		sendSms(1);
		sendSms(1);

		JsonNode stats = json(this.http.get("/api/v1/endpoint/1/stats", this.token));

		JsonNode sms = stats.path("current_month").path("sms");
		assertThat(sms.path("volume").stringValue()).isEqualTo("2.000000");
		assertThat(sms.path("volume_rx").stringValue()).isEqualTo("2.000000");
		assertThat(sms.path("volume_tx").stringValue()).isEqualTo("0.000000");
		assertThat(sms.path("month").stringValue()).isEqualTo("2030-01-01T00:00:00.000Z");
		assertThat(sms.path("traffic_type").toString())
			.isEqualTo("{\"description\":\"SMS\",\"unit\":\"SMS\",\"id\":6}");
		assertThat(sms.path("currency").path("code").stringValue()).isEqualTo("EUR");
		assertThat(sms.path("endpoint_id").isIntegralNumber()).isTrue();
		assertThat(stats.path("last_hour").path("sms").path("rx").get(59).toString()).isEqualTo("[\"00:00\",2]");
	}

	@Test
	void dailyStatsCoverTheRangeNewestFirstWithZerosAsNumbersAndVolumesAsStringsAndEndWithTheTotal() {
		sendSms(1);

		JsonNode days = json(
				this.http.get("/api/v1/endpoint/1/stats/daily?start_date=2029-12-31&end_date=2030-01-02", this.token));

		assertThat(days.size()).isEqualTo(4);
		assertThat(days.get(0).path("date").stringValue()).isEqualTo("2030-01-02");
		assertThat(days.get(1).path("sms").path("volume").stringValue()).isEqualTo("1.000000");
		assertThat(days.get(2).path("sms").path("volume").isNumber()).isTrue();
		assertThat(days.get(2).path("data").path("cost").isNull()).isTrue();
		assertThat(days.get(3).toString()).isEqualTo("{\"date\":\"TOTAL\",\"data\":{\"volume\":\"0.000000\","
				+ "\"volume_tx\":\"0.000000\",\"volume_rx\":\"0.000000\",\"cost\":0,\"traffic_type\":\"\",\"currency\":\"\"},"
				+ "\"sms\":{\"volume\":\"1.000000\",\"volume_tx\":\"0.000000\",\"volume_rx\":\"1.000000\",\"cost\":0,"
				+ "\"traffic_type\":\"\",\"currency\":\"\"}}");
	}

	@Test
	void dailyStatsDefaultToTheCurrentMonthAndRefuseBadDates() {
		assertThat(json(this.http.get("/api/v1/endpoint/1/stats/daily", this.token)).size()).isEqualTo(32);
		HttpResponse<String> bad = this.http.get("/api/v1/endpoint/1/stats/daily?start_date=tomorrow", this.token);
		assertThat(bad.statusCode()).isEqualTo(422);
		assertThat(json(bad).path("error_code").asInt()).isEqualTo(1403);
	}

	@Test
	void dataQuotaIsSetReadAndRemoved() {
		assertThat(this.http.get("/api/v1/endpoint/1/quota/data", this.token).statusCode()).isEqualTo(404);

		HttpResponse<String> set = this.http.raw("POST", "/api/v1/endpoint/1/quota/data", DATA_QUOTA, this.token);

		assertThat(set.statusCode()).isEqualTo(201);
		assertThat(set.body()).isEmpty();
		assertThat(set.headers().firstValue("Location")).isEmpty();
		JsonNode quota = json(this.http.get("/api/v1/endpoint/1/quota/data", this.token));
		assertThat(quota.path("status").toString()).isEqualTo("{\"id\":1,\"description\":\"ACTIVE\"}");
		assertThat(quota.path("volume").isNumber()).isTrue();
		assertThat(quota.path("expiry_date").stringValue()).isEqualTo("2030-02-01 00:00:00");
		assertThat(quota.path("action_on_exhaustion").path("description").stringValue()).isEqualTo("Block");
		assertThat(quota.path("peak_throughput").asInt()).isEqualTo(128000);
		assertThat(this.http.delete("/api/v1/endpoint/1/quota/data", this.token).statusCode()).isEqualTo(204);
		assertThat(this.http.delete("/api/v1/endpoint/1/quota/data", this.token).statusCode()).isEqualTo(404);
		assertThat(json(this.http.get("/api/v1/endpoint/1/event", this.token)).toString())
			.contains("\"event_type\":{\"id\":56,\"description\":\"Data quota assigned\"}")
			.contains("\"event_type\":{\"id\":57,\"description\":\"Data quota deleted\"}");
	}

	@ParameterizedTest
	@ValueSource(ints = { 1000, 512000 })
	void invalidPeakThroughputGets422WithOnlyAMessage(int peak) {
		HttpResponse<String> response = this.http.raw("POST", "/api/v1/endpoint/1/quota/data",
				DATA_QUOTA.replace("128000", Integer.toString(peak)), this.token);

		assertThat(response.statusCode()).isEqualTo(422);
		assertThat(json(response).propertyNames()).containsExactly("message");
	}

	@Test
	void smsQuotaNeedsItsThresholdAndIsKeptApartFromTheDataQuota() {
		HttpResponse<String> missing = this.http.post("/api/v1/endpoint/1/quota/sms",
				Map.of("status", Map.of("id", 1), "volume", 10, "expiry_date", "2030-02-01 00:00:00"), this.token);
		HttpResponse<String> set = this.http.post("/api/v1/endpoint/1/quota/sms", Map.of("status", Map.of("id", 1),
				"volume", 10, "expiry_date", "2030-02-01 00:00:00", "threshold_percentage", 15), this.token);

		assertThat(missing.statusCode()).isEqualTo(422);
		assertThat(json(missing).path("message").stringValue()).isEqualTo("threshold_percentage is required");
		assertThat(set.statusCode()).isEqualTo(201);
		assertThat(json(this.http.get("/api/v1/endpoint/1/quota/sms", this.token)).path("threshold_percentage").asInt())
			.isEqualTo(15);
		assertThat(this.http.get("/api/v1/endpoint/1/quota/data", this.token).statusCode()).isEqualTo(404);
	}

	@ParameterizedTest(name = "{0} {1}")
	@CsvSource(delimiter = '|', textBlock = """
			data | 1     | 1
			data | 0     | 0
			sms  | true  | 1
			sms  | false | 0
			""")
	void autoRefillIsTakenAsANumberOrABooleanAndAnsweredAsANumber(String kind, String sent, int answered) {
		String body = "{\"status\":{\"id\":1},\"volume\":10,\"expiry_date\":\"2030-02-01 00:00:00\","
				+ "\"action_on_exhaustion\":{\"id\":1},\"threshold_percentage\":15,\"auto_refill\":" + sent + "}";

		assertThat(this.http.raw("POST", "/api/v1/endpoint/1/quota/" + kind, body, this.token).statusCode())
			.isEqualTo(201);
		JsonNode quota = json(this.http.get("/api/v1/endpoint/1/quota/" + kind, this.token));
		assertThat(quota.path("auto_refill").isInt()).isTrue();
		assertThat(quota.path("auto_refill").asInt()).isEqualTo(answered);
	}

	@Test
	void unknownEndpointGets404() {
		assertThat(this.http.get("/api/v1/endpoint/99/stats", this.token).statusCode()).isEqualTo(404);
		assertThat(this.http.get("/api/v1/endpoint/99/quota/sms", this.token).statusCode()).isEqualTo(404);
	}

	private void sendSms(long endpointId) {
		assertThat(this.http.post("/api/v1/endpoint/" + endpointId + "/sms", Map.of("payload", "x"), this.token)
			.statusCode()).isEqualTo(201);
	}

}
