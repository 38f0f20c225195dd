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

package io.github.iotstarters.emnify.api.model;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fields emnify documents but rarely or never shows in answers, and flags it sends as
 * numbers or booleans, read in the reference's shapes by a mapper as strict as an
 * application may configure it. Other shapes of the documented-only fields read as
 * {@code null} rather than failing the answer.
 */
class DocumentedShapesTests {

	private final JsonMapper strictMapper = JsonMapper.builder()
		.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
		.build();

	@Test
	void runtimeDataAndTagAssignmentsAreReadInTheirDocumentedShapes() {
		Endpoint endpoint = this.strictMapper.readValue("""
				{"id":11398765,"runtime_data":{"msc":"491600190","sgsn":"491600191",
				 "sgsn_ip_address":"212.23.97.14","vlr":"491600192"},
				 "tag_assignments":[{"id":12,"name":"eu","tag_color":{"id":3}},{"id":"13","name":"fleet"}]}
				""", Endpoint.class);

		assertThat(endpoint.runtimeData())
			.isEqualTo(new Endpoint.RuntimeData("491600190", "491600191", "212.23.97.14"));
		assertThat(endpoint.tagAssignments()).containsExactly(
				new Endpoint.TagAssignment(12L, "eu", new Reference(3, null)),
				new Endpoint.TagAssignment(13L, "fleet", null));
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "", "\"runtime_data\":null,\"tag_assignments\":null,",
			"\"runtime_data\":\"\",\"tag_assignments\":\"eu\",", "\"runtime_data\":[],\"tag_assignments\":{\"id\":12},",
			"\"runtime_data\":7,\"tag_assignments\":7," })
	void runtimeDataAndTagAssignmentsInAnyOtherShapeAreNone(String fields) {
		Endpoint endpoint = this.strictMapper.readValue("{" + fields + "\"id\":1,\"name\":\"after\"}", Endpoint.class);

		assertThat(endpoint.runtimeData()).isNull();
		assertThat(endpoint.tagAssignments()).isNull();
		assertThat(endpoint.name()).isEqualTo("after");
	}

	@Test
	void tagAssignmentsThatAreNotObjectsAreLeftOut() {
		Endpoint endpoint = this.strictMapper.readValue(
				"{\"id\":1,\"tag_assignments\":[\"eu\",null,[1],{\"id\":12,\"name\":\"eu\"},3],\"name\":\"after\"}",
				Endpoint.class);

		assertThat(endpoint.tagAssignments()).containsExactly(new Endpoint.TagAssignment(12L, "eu", null));
		assertThat(endpoint.name()).isEqualTo("after");
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', nullValues = "NULL", textBlock = """
			0       | false
			1       | true
			false   | false
			true    | true
			"0"     | false
			"1"     | true
			"TRUE"  | true
			""      | NULL
			null    | NULL
			""")
	void autoRefillIsReadAsNumberOrBoolean(String sent, Boolean expected) {
		Quota quota = this.strictMapper.readValue("{\"volume\":1,\"auto_refill\":" + sent + "}", Quota.class);

		assertThat(quota.autoRefill()).isEqualTo(expected);
	}

	@Test
	void anAbsentAutoRefillIsNone() {
		assertThat(this.strictMapper.readValue("{\"volume\":1}", Quota.class).autoRefill()).isNull();
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', nullValues = "NULL", textBlock = """
			2        | true
			-1       | true
			0.5      | true
			0.0      | false
			"yes"    | NULL
			{}       | NULL
			[1]      | NULL
			""")
	void anyOtherFlagIsReadAsJacksonWouldCoerceItOrAsNoneNeverAsAFailure(String sent, Boolean expected) {
		Quota quota = this.strictMapper.readValue("{\"auto_refill\":" + sent + ",\"volume\":1}", Quota.class);
		Event event = this.strictMapper.readValue("{\"id\":1,\"alert\":" + sent + "}", Event.class);

		assertThat(quota.autoRefill()).isEqualTo(expected);
		assertThat(quota.volume()).isEqualByComparingTo("1");
		assertThat(event.alert()).isEqualTo(expected);
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "{\"name\":\"gateway\"}", "{\"id\":null,\"name\":\"gateway\"}", "{\"id\":\"x\"}" })
	void anSmsEndpointItsRecordCannotTakeIsNoneAndTheSmsIsStillRead(String endpoint) {
		Sms sms = this.strictMapper.readValue("{\"id\":5,\"endpoint\":" + endpoint + ",\"dcs\":0}", Sms.class);

		assertThat(sms.id()).isEqualTo(5);
		assertThat(sms.endpoint()).isNull();
	}

	@Test
	void aTagAssignmentItsRecordCannotTakeIsLeftOutOfTheListAndAColourWithoutIdIsNone() {
		Endpoint endpoint = this.strictMapper.readValue("{\"id\":1,\"tag_assignments\":[{\"id\":1,"
				+ "\"tag_color\":{\"id\":null}},{\"id\":3,\"name\":{\"x\":1}},{\"id\":2,\"name\":\"pumps\"},7]}",
				Endpoint.class);

		assertThat(endpoint.tagAssignments()).extracting(Endpoint.TagAssignment::id).containsExactly(1L, 2L);
		assertThat(endpoint.tagAssignments()).first().extracting(Endpoint.TagAssignment::tagColor).isNull();
	}

	@Test
	void autoRefillIsSentAsANumberForDataAndAsABooleanForSms() {
		Instant expiry = Instant.parse("2025-01-17T08:47:00Z");

		assertThat(
				this.strictMapper.writeValueAsString(QuotaSet.data(new BigDecimal("100"), expiry).withAutoRefill(true)))
			.isEqualTo("{\"status\":{\"id\":1},\"volume\":100,\"expiry_date\":\"2025-01-17 08:47:00\","
					+ "\"action_on_exhaustion\":{\"id\":1},\"auto_refill\":1}");
		assertThat(this.strictMapper.writeValueAsString(QuotaSet.data(BigDecimal.TEN, expiry).withAutoRefill(false)))
			.endsWith(",\"auto_refill\":0}");
		assertThat(this.strictMapper
			.writeValueAsString(QuotaSet.sms(50, expiry, new BigDecimal("15")).withAutoRefill(false)))
			.isEqualTo("{\"status\":{\"id\":1},\"volume\":50,\"expiry_date\":\"2025-01-17 08:47:00\","
					+ "\"threshold_percentage\":15,\"auto_refill\":false}");
		assertThat(this.strictMapper.writeValueAsString(QuotaSet.sms(50, expiry, BigDecimal.ONE)))
			.doesNotContain("auto_refill")
			.doesNotContain("kind");
	}

	@Test
	void dailyTrafficTypeAndCurrencyAreReadAndTheTotalRowsEmptyStringsAreNone() {
		List<DailyStats> days = this.strictMapper.readValue("""
				[{"date":"2019-03-20T00:00:00.000Z","data":{"volume":"0.632622","volume_tx":"0.184861",
				  "volume_rx":"0.447761","cost":"0.1265244000","traffic_type":{"description":"Data","unit":"MB","id":5},
				  "currency":{"code":"EUR","symbol":"€","id":1}},
				  "sat_geo_data":{"volume":0.5,"volume_tx":0.2,"volume_rx":0.3,"cost":1.25},
				  "sat_geo_sms":{"volume":2,"volume_tx":1,"volume_rx":1,"cost":0.4}},
				 {"date":"2019-03-19","data":{"volume":0,"volume_tx":0,"volume_rx":0,"cost":null,"currency":null}},
				 {"date":"TOTAL","sms":{"volume":0,"volume_tx":0,"volume_rx":0,"cost":0,"traffic_type":"",
				  "currency":""}}]
				""", new TypeReference<List<DailyStats>>() {
		});

		DailyStats day = days.get(0);
		assertThat(day.date()).isEqualTo(LocalDate.of(2019, 3, 20));
		assertThat(day.data().trafficType()).isEqualTo(new TrafficUsage.TrafficType(5, "Data", "MB"));
		assertThat(day.data().currency()).isEqualTo(new TrafficUsage.Currency(1, "EUR", "€"));
		assertThat(day.satGeoData().volume()).isEqualByComparingTo("0.5");
		assertThat(day.satGeoData().cost()).isEqualByComparingTo("1.25");
		assertThat(day.satGeoSms().volumeTx()).isEqualByComparingTo("1");
		assertThat(days.get(1).data().trafficType()).isNull();
		assertThat(days.get(1).data().currency()).isNull();
		assertThat(days.get(1).satGeoData()).isNull();
		DailyStats total = days.get(2);
		assertThat(total.total()).isTrue();
		assertThat(total.sms().trafficType()).isNull();
		assertThat(total.sms().currency()).isNull();
		assertThat(total.sms().cost()).isEqualByComparingTo(BigDecimal.ZERO);
	}

	@Test
	void simModelIsReadWithItsFormFactorAndManufacturerAsSent() {
		Sim sim = this.strictMapper.readValue("""
				{"id":4401338,"model":{"id":44,"description":"DIM Commercial - 4in1 1/2 size","memory_size":64,
				 "formfactor":{"id":11,"name":"1/2/3FF (3in1) "},"manufacturer":{"id":5,"name":"Idemia"},
				 "sim_model_type":{"id":1}}}
				""", Sim.class);

		assertThat(sim.model()).isEqualTo(new Sim.Model(44L, "DIM Commercial - 4in1 1/2 size", 64L,
				new Reference(11, "1/2/3FF (3in1) "), new Reference(5, "Idemia")));
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "null", "\"DIM\"", "44", "[]" })
	void aSimModelInAnyOtherShapeIsNone(String sent) {
		assertThat(this.strictMapper.readValue("{\"id\":1,\"model\":" + sent + "}", Sim.class).model()).isNull();
	}

	@Test
	void theDocumentedSmsShapeGivesTheEndpointIdFromItsEndpointObject() {
		Sms documented = this.strictMapper.readValue("""
				{"id":19649318,"submit_date":"2022-08-04T01:45:24.000Z","dcs":8,"pid":0,"udh":"050003CC0201",
				 "endpoint":{"id":11379224,"name":"pump"},"sim_id":"4397515","payload":"reboot"}
				""", Sms.class);
		Sms observed = this.strictMapper.readValue("{\"id\":1,\"endpoint_id\":\"11379224\",\"dcs\":\"0\"}", Sms.class);

		assertThat(documented.endpointId()).isEqualTo(11379224L);
		assertThat(documented.endpoint()).isEqualTo(new Reference(11379224L, "pump"));
		assertThat(documented.dcs()).isEqualTo(8L);
		assertThat(documented.udh()).isEqualTo("050003CC0201");
		assertThat(observed.endpointId()).isEqualTo(11379224L);
		assertThat(observed.endpoint()).isNull();
		assertThat(observed.dcs()).isZero();
	}

	@Test
	void anSmsWithBothEndpointShapesKeepsTheObservedEndpointId() {
		Sms sms = this.strictMapper.readValue("{\"id\":1,\"endpoint_id\":\"11379224\",\"endpoint\":{\"id\":7}}",
				Sms.class);

		assertThat(sms.endpointId()).isEqualTo(11379224L);
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			0     | false
			1     | true
			false | false
			true  | true
			""")
	void eventAlertIsReadAsNumberOrBoolean(String sent, boolean expected) {
		Event event = this.strictMapper.readValue("{\"id\":351732524384257,\"alert\":" + sent + "}", Event.class);

		assertThat(event.alert()).isEqualTo(expected);
	}

}
