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

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.iotstarters.emnify.api.model.ActionOnExhaustion;
import io.github.iotstarters.emnify.api.model.DailyStats;
import io.github.iotstarters.emnify.api.model.EndpointStats;
import io.github.iotstarters.emnify.api.model.Quota;
import io.github.iotstarters.emnify.api.model.QuotaSet;
import io.github.iotstarters.emnify.api.model.QuotaStatus;
import io.github.iotstarters.emnify.auth.testsupport.LoopbackWireMock;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Usage statistics and quotas in both styles, in emnify's shapes: volumes as strings,
 * costs as numbers or strings, a {@code TOTAL} row, quota status ids as strings.
 */
class UsageAndQuotaTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private static final String STATS = """
			{"last_month":{"data":{"id":435,"endpoint_id":166,"month":"2020-03-01T00:00:00.000Z",
			  "volume":"0.848157","volume_tx":"0.1","volume_rx":"0.748157","traffic_type_id":5,
			  "last_updated":"2020-03-01T15:12:53.000Z","cost":0.21203925,"currency_id":1,
			  "traffic_type":{"description":"Data","unit":"MB","id":5},"currency":{"code":"EUR","symbol":"€","id":1}}},
			 "current_month":{"sms":{"volume":"3.000000","volume_tx":"1.000000","volume_rx":"2.000000",
			  "cost":"0.2120392500","traffic_type":{"description":"SMS","unit":"SMS","id":6}}},
			 "last_hour":{"data":{"rx":[["06:38",0],["06:39",0.0123]],"tx":[]},"sms":{"rx":[],"tx":[]}}}
			""";

	private static final String DAILY = """
			[{"date":"2019-03-20T00:00:00.000Z","data":{"volume":"0.632622","volume_tx":"0.184861",
			  "volume_rx":"0.447761","cost":"0.1265244000","traffic_type":{"id":5},"currency":null}},
			 {"date":"2019-03-19","data":{"volume":0,"volume_tx":0,"volume_rx":0,"cost":null}},
			 {"date":"TOTAL","sms":{"volume":0,"cost":0,"traffic_type":"","currency":""}}]
			""";

	private static final String QUOTA = """
			{"status":{"id":"2","description":"EXHAUSTED"},"volume":99.999228,
			 "expiry_date":"2025-01-17 08:47:00","action_on_exhaustion":{"id":"1","description":"Block",
			 "action_on_quota_exhaustion_id":"1","peak_throughput":128000},"peak_throughput":128000,
			 "auto_refill":0,"threshold_percentage":15,"threshold_volume":0.2,"last_volume_added":100,
			 "last_status_change_date":null}
			""";

	@RegisterExtension
	static WireMockExtension emnify = LoopbackWireMock.extension();

	private EmnifyEndpoints blocking() {
		return EmnifyClients.blocking(emnify.baseUrl(), EmnifyEndpoints.class);
	}

	private ReactiveEmnifyEndpoints reactive() {
		return EmnifyClients.reactive(emnify.baseUrl(), ReactiveEmnifyEndpoints.class);
	}

	@Test
	void statsReadVolumesAsStringsAndCostsAsEither() {
		emnify.stubFor(get("/api/v1/endpoint/166/stats").willReturn(okJson(STATS)));

		for (EndpointStats stats : List.of(blocking().stats(166), reactive().stats(166).block(TIMEOUT))) {
			assertThat(stats.lastMonth().data().volume()).isEqualByComparingTo("0.848157");
			assertThat(stats.lastMonth().data().cost()).isEqualByComparingTo("0.21203925");
			assertThat(stats.lastMonth().data().month()).isEqualTo(Instant.parse("2020-03-01T00:00:00Z"));
			assertThat(stats.lastMonth().data().trafficType().unit()).isEqualTo("MB");
			assertThat(stats.lastMonth().sms()).isNull();
			assertThat(stats.currentMonth().sms().cost()).isEqualByComparingTo("0.21203925");
			assertThat(stats.lastHour().data().rx()).extracting(EndpointStats.MinuteVolume::minute)
				.containsExactly("06:38", "06:39");
			assertThat(stats.lastHour().data().rx().get(1).volume()).isEqualByComparingTo("0.0123");
		}
	}

	@Test
	void dailyStatsSendDatesAndReadTheTotalRow() {
		emnify.stubFor(get(urlPathEqualTo("/api/v1/endpoint/166/stats/daily")).willReturn(okJson(DAILY)));

		List<DailyStats> blockingDays = blocking().dailyStats(166, LocalDate.of(2019, 3, 1), LocalDate.of(2019, 3, 31));
		List<DailyStats> reactiveDays = reactive().dailyStats(166, null, null).collectList().block(TIMEOUT);

		for (List<DailyStats> days : List.of(blockingDays, reactiveDays)) {
			assertThat(days).extracting(DailyStats::date)
				.containsExactly(LocalDate.of(2019, 3, 20), LocalDate.of(2019, 3, 19), null);
			assertThat(days).extracting(DailyStats::total).containsExactly(false, false, true);
			assertThat(days.get(0).data().cost()).isEqualByComparingTo("0.1265244");
			assertThat(days.get(1).data().volume()).isEqualByComparingTo(BigDecimal.ZERO);
			assertThat(days.get(1).data().cost()).isNull();
			assertThat(days.get(0).data().trafficType().id()).isEqualTo(5);
			assertThat(days.get(0).data().currency()).isNull();
			assertThat(days.get(2).sms().trafficType()).isNull();
			assertThat(days.get(2).sms().currency()).isNull();
		}
		emnify.verify(getRequestedFor(urlPathEqualTo("/api/v1/endpoint/166/stats/daily"))
			.withQueryParam("start_date", equalTo("2019-03-01"))
			.withQueryParam("end_date", equalTo("2019-03-31")));
		emnify.verify(getRequestedFor(urlEqualTo("/api/v1/endpoint/166/stats/daily")));
	}

	@Test
	void quotaIsReadWithStringIdsAndZoneLessDates() {
		emnify.stubFor(get("/api/v1/endpoint/166/quota/data").willReturn(okJson(QUOTA)));
		emnify.stubFor(get("/api/v1/endpoint/166/quota/sms").willReturn(okJson(QUOTA)));

		for (Quota quota : List.of(blocking().dataQuota(166), reactive().smsQuota(166).block(TIMEOUT))) {
			assertThat(quota.status()).isEqualTo(QuotaStatus.EXHAUSTED);
			assertThat(quota.actionOnExhaustion()).isEqualTo(ActionOnExhaustion.BLOCK);
			assertThat(quota.expiryDate()).isEqualTo(Instant.parse("2025-01-17T08:47:00Z"));
			assertThat(quota.volume()).isEqualByComparingTo("99.999228");
			assertThat(quota.peakThroughput()).isEqualTo(128000L);
			assertThat(quota.lastStatusChangeDate()).isNull();
			assertThat(quota.autoRefill()).isFalse();
		}
	}

	@Test
	void quotaIsSetWithEmnifysDateFormatAndRemoved() {
		emnify.stubFor(post("/api/v1/endpoint/166/quota/data").willReturn(aResponse().withStatus(201)));
		emnify.stubFor(post("/api/v1/endpoint/166/quota/sms").willReturn(aResponse().withStatus(201)));
		emnify.stubFor(delete("/api/v1/endpoint/166/quota/data").willReturn(aResponse().withStatus(204)));
		emnify.stubFor(delete("/api/v1/endpoint/166/quota/sms").willReturn(aResponse().withStatus(204)));
		Instant expiry = Instant.parse("2025-01-17T08:47:00Z");

		blocking().setDataQuota(166, QuotaSet.data(new BigDecimal("100"), expiry).withAutoRefill(true));
		reactive().setSmsQuota(166, QuotaSet.sms(50, expiry, new BigDecimal("15")).withAutoRefill(true)).block(TIMEOUT);
		blocking().removeDataQuota(166);
		reactive().removeSmsQuota(166).block(TIMEOUT);

		emnify.verify(postRequestedFor(urlEqualTo("/api/v1/endpoint/166/quota/data")).withRequestBody(
				equalToJson("{\"status\":{\"id\":1},\"volume\":100,\"expiry_date\":\"2025-01-17 08:47:00\","
						+ "\"action_on_exhaustion\":{\"id\":1},\"auto_refill\":1}", false, false)));
		emnify.verify(postRequestedFor(urlEqualTo("/api/v1/endpoint/166/quota/sms"))
			.withRequestBody(equalToJson("{\"status\":{\"id\":1},\"volume\":50,\"expiry_date\":\"2025-01-17 08:47:00\","
					+ "\"threshold_percentage\":15,\"auto_refill\":true}", false, false)));
		emnify.verify(deleteRequestedFor(urlEqualTo("/api/v1/endpoint/166/quota/data")));
		emnify.verify(deleteRequestedFor(urlEqualTo("/api/v1/endpoint/166/quota/sms")));
	}

}
