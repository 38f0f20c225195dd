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
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The records read emnify's shapes with a mapper as strict as an application may
 * configure it: failing on unknown properties and refusing to coerce strings to numbers.
 * The tolerance is the records' own.
 */
class TolerantReadingTests {

	private final JsonMapper strictMapper = JsonMapper.builder()
		.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
		.build();

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			2021-11-18T08:25:53.000+0000 | 2021-11-18T08:25:53Z
			2022-03-27T23:20:49.298Z     | 2022-03-27T23:20:49.298Z
			2021-10-27T15:17:23Z         | 2021-10-27T15:17:23Z
			2021-10-27T08:38:02          | 2021-10-27T08:38:02Z
			2021-10-06 10:42:58          | 2021-10-06T10:42:58Z
			2021-11-18T10:25:53.000+0200 | 2021-11-18T08:25:53Z
			2021-11-18T10:25:53+02:00    | 2021-11-18T08:25:53Z
			""")
	void everyDateTimeFormEmnifySendsIsRead(String sent, Instant expected) {
		Endpoint endpoint = this.strictMapper.readValue("{\"id\":1,\"created\":\"" + sent + "\"}", Endpoint.class);

		assertThat(endpoint.created()).isEqualTo(expected);
	}

	@Test
	void anEmptyDateTimeIsNoDateTime() {
		Endpoint endpoint = this.strictMapper.readValue("{\"id\":1,\"created\":\"\",\"last_updated\":null}",
				Endpoint.class);

		assertThat(endpoint.created()).isNull();
		assertThat(endpoint.lastUpdated()).isNull();
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', nullValues = "NULL", textBlock = """
			"29.166235"     | 29.166235
			29.166235       | 29.166235
			"3.3200000000"  | 3.32
			6.10483935      | 6.10483935
			0               | 0
			-0.0012         | -0.0012
			""              | NULL
			null            | NULL
			""")
	void volumesAndCostsAreReadAsNumbersOrStrings(String sent, BigDecimal expected) {
		TrafficUsage usage = this.strictMapper.readValue("{\"volume\":" + sent + ",\"cost\":" + sent + "}",
				TrafficUsage.class);

		if (expected == null) {
			assertThat(usage.volume()).isNull();
			assertThat(usage.cost()).isNull();
		}
		else {
			assertThat(usage.volume()).isEqualByComparingTo(expected);
			assertThat(usage.cost()).isEqualByComparingTo(expected);
		}
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			{"id":1,"description":"ACTIVE"}     | ACTIVE
			{"id":"2","description":"EXHAUSTED"} | EXHAUSTED
			{"id":3.0}                          | EXPIRED
			{"id":42,"description":"NEW"}       | UNKNOWN
			{"id":"x"}                          | UNKNOWN
			{"description":"ACTIVE"}            | UNKNOWN
			""")
	void lookupIdsAreReadAsNumbersOrStringsAndUnknownOnesKept(String sent, QuotaStatus expected) {
		Quota quota = this.strictMapper.readValue("{\"status\":" + sent + "}", Quota.class);

		assertThat(quota.status()).isEqualTo(expected);
	}

	@Test
	void numbersAsStringsAndUnknownFieldsAreReadByAStrictMapper() {
		Sms sms = this.strictMapper
			.readValue("{\"id\":19649318,\"endpoint_id\":\"11379224\",\"sim_id\":\"4397515\",\"retry_count\":\"0\","
					+ "\"p2p_ext\":0,\"esme_interface_type\":{\"id\":1}}", Sms.class);

		assertThat(sms.endpointId()).isEqualTo(11379224L);
		assertThat(sms.simId()).isEqualTo(4397515L);
		assertThat(sms.retryCount()).isZero();
	}

	@Test
	void connectivityStatusIsReadByDescription() {
		Connectivity connectivity = this.strictMapper
			.readValue("{\"status\":{\"description\":\"attached\"},\"services\":[]}", Connectivity.class);
		Connectivity unknown = this.strictMapper.readValue("{\"status\":{\"description\":\"ROAMING ON MARS\"}}",
				Connectivity.class);

		assertThat(connectivity.status()).isEqualTo(ConnectivityStatus.ATTACHED);
		assertThat(unknown.status()).isEqualTo(ConnectivityStatus.UNKNOWN);
	}

	@Test
	void noRequestBodyHoldsAnUnknownLookup() {
		List<ThrowingCallable> bodies = List.of(() -> EndpointUpdate.none().withStatus(EndpointStatus.UNKNOWN),
				() -> EndpointCreate.of("pump", EndpointStatus.UNKNOWN, 1, 2),
				() -> SimUpdate.status(SimStatus.UNKNOWN));
		assertThat(bodies).allSatisfy((body) -> assertThatIllegalArgumentException().isThrownBy(body)
			.withMessageContaining("UNKNOWN cannot be sent to emnify"));
	}

	@Test
	void aReadModelWithAnUnknownLookupIsWrittenWithNullForIt() {
		Endpoint read = this.strictMapper.readValue(
				"{\"id\":7,\"name\":\"pump\",\"status\":{\"id\":99,\"description\":\"Hibernating\"}}", Endpoint.class);

		String written = this.strictMapper.writeValueAsString(read);

		assertThat(read.status()).isEqualTo(EndpointStatus.UNKNOWN);
		assertThat(this.strictMapper.readTree(written).get("status").isNull()).isTrue();
		assertThat(this.strictMapper.readTree(written).get("id").asLong()).isEqualTo(7);
	}

	@Test
	void connectivityResetWritesItsNullsEvenForAMapperThatDropsNulls() {
		JsonMapper dropsNulls = JsonMapper.builder()
			.changeDefaultPropertyInclusion((inclusion) -> inclusion.withValueInclusion(JsonInclude.Include.NON_NULL)
				.withContentInclusion(JsonInclude.Include.NON_NULL))
			.build();

		assertThat(dropsNulls.writeValueAsString(ConnectivityReset.cancelLocation())).isEqualTo("{\"location\":null}");
		assertThat(dropsNulls.writeValueAsString(EndpointUpdate.none().withSim(SimAssignment.none())))
			.isEqualTo("{\"sim\":{\"id\":null}}");
	}

}
