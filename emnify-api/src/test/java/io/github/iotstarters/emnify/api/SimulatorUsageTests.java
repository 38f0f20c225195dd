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

import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.github.iotstarters.emnify.api.SimulatorClients.Answer;
import io.github.iotstarters.emnify.api.SimulatorClients.Style;
import io.github.iotstarters.emnify.api.model.ActionOnExhaustion;
import io.github.iotstarters.emnify.api.model.DailyStats;
import io.github.iotstarters.emnify.api.model.EndpointStats;
import io.github.iotstarters.emnify.api.model.EndpointStats.MinuteVolume;
import io.github.iotstarters.emnify.api.model.Quota;
import io.github.iotstarters.emnify.api.model.QuotaSet;
import io.github.iotstarters.emnify.api.model.QuotaStatus;
import io.github.iotstarters.emnify.api.model.Sms;
import io.github.iotstarters.emnify.api.model.SmsSend;
import io.github.iotstarters.emnify.api.model.SmsStatus;
import io.github.iotstarters.emnify.api.model.SmsType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The typed SMS, statistics and quota operations, blocking and reactive, against the
 * simulator. SMS are delivered 10 seconds after submission by the simulator's clock,
 * which the tests move.
 */
class SimulatorUsageTests {

	@RegisterExtension
	static final SimulatorClients emnify = new SimulatorClients();

	static final Instant EXPIRY = Instant.parse("2030-06-30T23:59:59Z");

	@ParameterizedTest
	@EnumSource(Style.class)
	void aSentSmsIsBufferedAndDeliveredTenSecondsLater(Style style) {
		EmnifyEndpoints endpoints = emnify.endpoints(style);
		long id = endpoints.sendSms(2, SmsSend.of("reboot").from("12345", 145));

		Sms buffered = endpoints.sms(2, id);
		emnify.clock().advance(Duration.ofSeconds(9));
		SmsStatus stillBuffered = endpoints.sms(2, id).status();
		emnify.clock().advance(Duration.ofSeconds(1));
		Sms delivered = endpoints.sms(2, id);

		assertThat(buffered.status()).isEqualTo(SmsStatus.BUFFERED);
		assertThat(buffered.deliveryDate()).isNull();
		assertThat(buffered.submitDate()).isEqualTo(SimulatorClients.START);
		assertThat(buffered.payload()).isEqualTo("reboot");
		assertThat(buffered.sourceAddress()).isEqualTo("12345");
		assertThat(buffered.smsType()).isEqualTo(SmsType.MT);
		assertThat(buffered.endpointId()).isEqualTo(2);
		assertThat(buffered.simId()).isEqualTo(2);
		assertThat(stillBuffered).isEqualTo(SmsStatus.BUFFERED);
		assertThat(delivered.status()).isEqualTo(SmsStatus.DELIVERED);
		assertThat(delivered.deliveryDate()).isEqualTo(SimulatorClients.START.plusSeconds(10));
		Answer held = emnify.read("/api/v1/endpoint/2/sms/" + id);
		assertThat(held.body().path("source_address_type").path("id").asInt()).isEqualTo(145);
	}

	@ParameterizedTest
	@EnumSource(Style.class)
	void theSmsListHoldsSentAndReceivedSmsNewestFirst(Style style) {
		EmnifyEndpoints endpoints = emnify.endpoints(style);
		long first = endpoints.sendSms(3, SmsSend.of("first"));
		long second = endpoints.sendSms(3, SmsSend.of("second"));
		emnify.simulator().smsFromDevice(3, "pong");
		endpoints.sendSms(4, SmsSend.of("elsewhere"));

		List<Sms> list = endpoints.smsList(3);

		assertThat(list).extracting(Sms::payload).containsExactly("pong", "second", "first");
		assertThat(list).extracting(Sms::smsType).containsExactly(SmsType.MO, SmsType.MT, SmsType.MT);
		assertThat(list.get(1).id()).isEqualTo(second);
		assertThat(list.get(2).id()).isEqualTo(first);
		assertThat(list.get(0).status()).isEqualTo(SmsStatus.DELIVERED);
	}

	@ParameterizedTest
	@EnumSource(Style.class)
	void aBufferedSmsIsCanceledAndADeliveredOneIsNot(Style style) {
		EmnifyEndpoints endpoints = emnify.endpoints(style);
		long canceled = endpoints.sendSms(2, SmsSend.of("never"));
		endpoints.cancelSms(2, canceled);
		long delivered = endpoints.sendSms(2, SmsSend.of("too late"));
		emnify.clock().advance(Duration.ofSeconds(10));

		EmnifyValidationException ex = assertThatExceptionOfType(EmnifyValidationException.class)
			.isThrownBy(() -> endpoints.cancelSms(2, delivered))
			.actual();

		assertThat(ex.getErrorCode()).isEqualTo(1406);
		assertThat(ex.getErrorToken()).isEqualTo("NotAllowed");
		assertThat(endpoints.sms(2, canceled).status()).isEqualTo(SmsStatus.CANCELED);
		assertThat(emnify.read("/api/v1/endpoint/2/sms/" + canceled).body().path("status").path("id").asInt())
			.isEqualTo(7);
		assertThat(endpoints.sms(2, delivered).status()).isEqualTo(SmsStatus.DELIVERED);
	}

	@ParameterizedTest
	@EnumSource(Style.class)
	void unknownSmsAndEndpointsAreNotFound(Style style) {
		EmnifyEndpoints endpoints = emnify.endpoints(style);

		EmnifyNotFoundException unknownSms = assertThatExceptionOfType(EmnifyNotFoundException.class)
			.isThrownBy(() -> endpoints.sms(2, 1))
			.actual();
		EmnifyNotFoundException unknownEndpoint = assertThatExceptionOfType(EmnifyNotFoundException.class)
			.isThrownBy(() -> endpoints.sendSms(999, SmsSend.of("lost")))
			.actual();

		assertThat(unknownSms.getErrorCode()).isEqualTo(1201);
		assertThat(unknownEndpoint.getErrorCode()).isEqualTo(1401);
		assertThat(unknownEndpoint.getEmnifyMessage()).isEqualTo("Endpoint with Id '999' not found.");
	}

	@ParameterizedTest
	@EnumSource(Style.class)
	void statsCountTheSmsSentThisMonthAndInTheLastHour(Style style) {
		EmnifyEndpoints endpoints = emnify.endpoints(style);
		endpoints.sendSms(5, SmsSend.of("one"));
		long canceled = endpoints.sendSms(5, SmsSend.of("canceled"));
		endpoints.cancelSms(5, canceled);
		emnify.clock().advance(Duration.ofMinutes(3));
		endpoints.sendSms(5, SmsSend.of("two"));

		EndpointStats stats = endpoints.stats(5);

		assertThat(stats.lastMonth()).isNull();
		assertThat(stats.currentMonth().sms().volume()).isEqualByComparingTo("2");
		assertThat(stats.currentMonth().sms().volumeRx()).isEqualByComparingTo("2");
		assertThat(stats.currentMonth().sms().month()).isEqualTo(SimulatorClients.START);
		assertThat(stats.currentMonth().sms().trafficType().id()).isEqualTo(6);
		List<MinuteVolume> received = stats.lastHour().sms().rx();
		assertThat(received).hasSize(60);
		assertThat(received.get(59).minute()).isEqualTo("00:03");
		assertThat(received.get(59).volume()).isEqualByComparingTo("1");
		assertThat(received.get(56).minute()).isEqualTo("00:00");
		assertThat(received.get(56).volume()).isEqualByComparingTo("1");
		assertThat(stats.lastHour().data().rx()).allSatisfy((minute) -> assertThat(minute.volume()).isZero());
	}

	@ParameterizedTest
	@EnumSource(Style.class)
	void dailyStatsListTheDaysAskedNewestFirstAndEndWithTheTotal(Style style) {
		EmnifyEndpoints endpoints = emnify.endpoints(style);
		emnify.clock().advance(Duration.ofDays(1));
		endpoints.sendSms(6, SmsSend.of("monday"));
		endpoints.sendSms(6, SmsSend.of("monday again"));

		List<DailyStats> days = endpoints.dailyStats(6, LocalDate.of(2030, 1, 1), LocalDate.of(2030, 1, 3));

		assertThat(days).extracting(DailyStats::date)
			.containsExactly(LocalDate.of(2030, 1, 3), LocalDate.of(2030, 1, 2), LocalDate.of(2030, 1, 1), null);
		assertThat(days).extracting(DailyStats::total).containsExactly(false, false, false, true);
		assertThat(days.get(1).sms().volume()).isEqualByComparingTo("2");
		assertThat(days.get(0).sms().volume()).isZero();
		assertThat(days.get(2).data().volume()).isZero();
		assertThat(days.get(3).sms().volume()).isEqualByComparingTo("2");
		assertThat(days.get(3).sms().cost()).isZero();
		assertThat(endpoints.dailyStats(6, null, null)).hasSize(32).last().satisfies((sum) -> {
			assertThat(sum.total()).isTrue();
			assertThat(sum.sms().volume()).isEqualByComparingTo("2");
		});
	}

	@ParameterizedTest
	@EnumSource(Style.class)
	void aDataQuotaIsSetReadAndRemoved(Style style) {
		EmnifyEndpoints endpoints = emnify.endpoints(style);

		endpoints.setDataQuota(8, QuotaSet.data(new BigDecimal("100.5"), EXPIRY));
		Quota quota = endpoints.dataQuota(8);
		Answer held = emnify.read("/api/v1/endpoint/8/quota/data");
		endpoints.removeDataQuota(8);

		assertThat(quota.status()).isEqualTo(QuotaStatus.ACTIVE);
		assertThat(quota.volume()).isEqualByComparingTo("100.5");
		assertThat(quota.expiryDate()).isEqualTo(EXPIRY);
		assertThat(quota.actionOnExhaustion()).isEqualTo(ActionOnExhaustion.BLOCK);
		assertThat(quota.lastStatusChangeDate()).isEqualTo(SimulatorClients.START);
		assertThat(held.body().path("expiry_date").stringValue()).isEqualTo("2030-06-30 23:59:59");
		assertThat(emnify.read("/api/v1/endpoint/8/quota/data").status()).isEqualTo(404);
		assertThat(assertThatExceptionOfType(EmnifyNotFoundException.class).isThrownBy(() -> endpoints.dataQuota(8))
			.actual()
			.getEmnifyMessage()).isEqualTo("Quota not found");
	}

	@ParameterizedTest
	@EnumSource(Style.class)
	void anSmsQuotaIsSetReadAndRemoved(Style style) {
		EmnifyEndpoints endpoints = emnify.endpoints(style);

		endpoints.setSmsQuota(9, QuotaSet.sms(50, EXPIRY, new BigDecimal("20")));
		Quota quota = endpoints.smsQuota(9);
		endpoints.removeSmsQuota(9);

		assertThat(quota.status()).isEqualTo(QuotaStatus.ACTIVE);
		assertThat(quota.volume()).isEqualByComparingTo("50");
		assertThat(quota.thresholdPercentage()).isEqualByComparingTo("20");
		assertThat(emnify.read("/api/v1/endpoint/9/quota/sms").status()).isEqualTo(404);
		assertThatExceptionOfType(EmnifyNotFoundException.class).isThrownBy(() -> endpoints.removeSmsQuota(9));
	}

	@ParameterizedTest
	@EnumSource(Style.class)
	void aQuotaWithAThroughputEmnifyDoesNotOfferIsRefusedWithItsMessage(Style style) {
		QuotaSet throttled = new QuotaSet(QuotaSet.Kind.DATA, QuotaStatus.ACTIVE, BigDecimal.TEN, EXPIRY,
				ActionOnExhaustion.THROTTLE, 1000L, null, null);

		EmnifyValidationException ex = assertThatExceptionOfType(EmnifyValidationException.class)
			.isThrownBy(() -> emnify.endpoints(style).setDataQuota(8, throttled))
			.actual();

		assertThat(ex.getEmnifyMessage()).startsWith("Invalid peak throughput");
		assertThat(ex.getFieldErrors()).isEmpty();
		assertThat(emnify.read("/api/v1/endpoint/8/quota/data").status()).isEqualTo(404);
	}

}
