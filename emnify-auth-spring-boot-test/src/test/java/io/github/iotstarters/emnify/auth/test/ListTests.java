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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.LongStream;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

import static io.github.iotstarters.emnify.auth.test.SimulatorHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /api/v1/endpoint} and {@code GET /api/v1/sim}: contents and paging.
 */
class ListTests {

	static final AdjustableClock clock = new AdjustableClock(Fixtures.START);

	@RegisterExtension
	// Following every page of a list takes more list calls than emnify's burst of 5.
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
	void endpointsOfTheTokensWorkspaceComeAsABareArrayWithEmnifyFields() {
		HttpResponse<String> response = this.http.get("/api/v1/endpoint", this.token);

		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode endpoints = json(response);
		assertThat(endpoints.isArray()).isTrue();
		assertThat(endpoints.size()).isEqualTo(25);
		JsonNode first = endpoints.get(0);
		assertThat(first.propertyNames()).contains("id", "name", "status", "tags", "ip_address", "sim");
		assertThat(first.path("name").stringValue()).isEqualTo("sensor-001");
		assertThat(first.path("status").path("description").stringValue()).isEqualTo("Enabled");
		assertThat(first.path("sim").path("iccid").stringValue()).hasSize(20).startsWith("8988303");
		assertThat(first.path("created").stringValue()).isEqualTo("2024-01-02T03:04:05.000+0000");
		assertThat(first.path("service_profile").path("id").asLong()).isEqualTo(100001);
	}

	@Test
	void simsCarryIccidImsiStatusAndEndpoint() {
		JsonNode sims = json(this.http.get("/api/v1/sim", this.token));

		assertThat(sims.size()).isEqualTo(40);
		JsonNode first = sims.get(0);
		assertThat(first.propertyNames()).contains("id", "iccid", "imsi", "status", "endpoint");
		assertThat(first.path("imsi").stringValue()).hasSize(15);
		assertThat(first.path("endpoint").path("name").stringValue()).isEqualTo("sensor-001");
		assertThat(first.path("status").path("description").stringValue()).isEqualTo("Activated");
		JsonNode unassigned = sims.get(39);
		assertThat(unassigned.path("endpoint").isNull()).isTrue();
		assertThat(unassigned.path("status").path("description").stringValue()).isEqualTo("Issued");
	}

	@Test
	void seededDataIsTheSameForEverySimulator() {
		try (EmnifySimulator other = Fixtures.simulator(clock).build().start()) {
			SimulatorHttp otherHttp = new SimulatorHttp(other);
			String otherToken = otherHttp.applicationTokenLogin(Fixtures.APPLICATION_TOKEN);

			assertThat(otherHttp.get("/api/v1/sim", otherToken).body())
				.isEqualTo(this.http.get("/api/v1/sim", this.token).body());
		}
	}

	@Test
	void pagingHeadersDescribeTheMiddlePage() {
		HttpResponse<String> response = this.http.get("/api/v1/sim?page=2&per_page=15", this.token);

		assertThat(response.headers().firstValue("X-Count-Per-Page")).hasValue("15");
		assertThat(response.headers().firstValue("X-Current-Page")).hasValue("2");
		assertThat(response.headers().firstValue("X-Total-Count")).hasValue("40");
		assertThat(response.headers().firstValue("X-Total-Pages")).hasValue("3");
		String base = emnify.baseUrl() + "/api/v1/sim";
		assertThat(response.headers().firstValue("Link")).hasValue(
				"<" + base + "?page=1&per_page=15>; rel=\"first\", <" + base + "?page=1&per_page=15>; rel=\"prev\", <"
						+ base + "?page=3&per_page=15>; rel=\"next\", <" + base + "?page=3&per_page=15>; rel=\"last\"");
		assertThat(ids(json(response))).containsExactlyElementsOf(range(16, 30));
	}

	@Test
	void firstAndLastPagesHaveNoPrevAndNoNext() {
		HttpResponse<String> first = this.http.get("/api/v1/endpoint?per_page=10", this.token);
		HttpResponse<String> last = this.http.get("/api/v1/endpoint?page=3&per_page=10", this.token);

		assertThat(first.headers().firstValue("Link").orElseThrow()).doesNotContain("rel=\"prev\"")
			.contains("rel=\"next\"");
		assertThat(last.headers().firstValue("Link").orElseThrow()).contains("rel=\"prev\"")
			.doesNotContain("rel=\"next\"");
		assertThat(json(last).size()).isEqualTo(5);
	}

	@Test
	void followingNextLinksVisitsEveryItemOnce() {
		List<Long> seen = new ArrayList<>();
		String next = "/api/v1/sim?per_page=7";
		while (next != null) {
			HttpResponse<String> response = this.http.get(next, this.token);
			seen.addAll(ids(json(response)));
			next = nextLink(response.headers().firstValue("Link").orElseThrow());
		}

		assertThat(seen).containsExactlyElementsOf(range(1, 40));
	}

	@Test
	void defaultPageSizeIs1000() {
		HttpResponse<String> response = this.http.get("/api/v1/sim", this.token);

		assertThat(response.headers().firstValue("X-Count-Per-Page")).hasValue("1000");
		assertThat(response.headers().firstValue("X-Total-Pages")).hasValue("1");
	}

	@Test
	void pageBeyondTheLastAnswersTheLastPageAndItsNumber() {
		HttpResponse<String> response = this.http.get("/api/v1/sim?page=9&per_page=15", this.token);

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("X-Current-Page")).hasValue("3");
		assertThat(response.headers().firstValue("X-Total-Pages")).hasValue("3");
		assertThat(ids(json(response))).containsExactlyElementsOf(range(31, 40));
	}

	@Test
	void pageBelowOneAnswersTheFirstAndPageSizesAreCapped() {
		HttpResponse<String> first = this.http.get("/api/v1/sim?page=0&per_page=15", this.token);
		HttpResponse<String> capped = this.http.get("/api/v1/endpoint?per_page=5000", this.token);
		HttpResponse<String> defaulted = this.http.get("/api/v1/endpoint?per_page=0", this.token);

		assertThat(first.headers().firstValue("X-Current-Page")).hasValue("1");
		assertThat(ids(json(first))).containsExactlyElementsOf(range(1, 15));
		assertThat(capped.headers().firstValue("X-Count-Per-Page")).hasValue("1000");
		assertThat(defaulted.headers().firstValue("X-Count-Per-Page")).hasValue("1000");
		assertThat(this.http.get("/api/v1/sim?per_page=5000", this.token).headers().firstValue("X-Count-Per-Page"))
			.hasValue("2500");
	}

	@Test
	void pageThatIsNoNumberGets422() {
		assertThat(this.http.get("/api/v1/sim?per_page=many", this.token).statusCode()).isEqualTo(422);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			status:1                     | 10,20
			name:sensor-00               | 1,2,3,4,5,6,7,8,9
			tags:fleet-b,status:1        | 10,20
			ip_address:100.64.0.8        | 7
			imei:3554631100000012        | 12
			iccid:8988303000000000024    | 24
			iccid_with_luhn:898830300000000002 | 20,21,22,23,24,25
			id:17                        | 17
			service_profile:100001,status:1 | 10,20
			tariff_profile:100002,imei:3554631100000011 | 11
			sim_status:2                 | 7,14,21
			""")
	void queryFiltersEndpointsByEmnifysFieldsAndIsEchoed(String query, String expectedIds) {
		HttpResponse<String> response = this.http.get("/api/v1/endpoint?q=" + query, this.token);

		assertThat(ids(json(response)))
			.containsExactlyElementsOf(Arrays.stream(expectedIds.split(",")).map(Long::valueOf).toList());
		assertThat(response.headers().firstValue("X-Filter")).hasValue(query);
		assertThat(response.headers().firstValue("X-Sort")).hasValue("id");
	}

	@Test
	void sortBySeveralFieldsBreaksTiesById() {
		HttpResponse<String> response = this.http.get("/api/v1/endpoint?sort=-status,tags&per_page=4", this.token);

		assertThat(ids(json(response))).containsExactly(10L, 20L, 1L, 3L);
		assertThat(response.headers().firstValue("X-Sort")).hasValue("-status,tags");
	}

	@Test
	void unknownFilterOrSortFieldGets422WithEmnifysCodes() {
		HttpResponse<String> filter = this.http.get("/api/v1/endpoint?q=colour:red", this.token);
		HttpResponse<String> sort = this.http.get("/api/v1/sim?sort=colour", this.token);

		assertThat(filter.statusCode()).isEqualTo(422);
		assertThat(json(filter).path("error_code").asInt()).isEqualTo(1301);
		assertThat(json(filter).path("error_token").stringValue()).isEqualTo("InvalidQueryCriteria");
		assertThat(sort.statusCode()).isEqualTo(422);
		assertThat(json(sort).path("error_code").asInt()).isEqualTo(1302);
		assertThat(json(sort).path("error_token").stringValue()).isEqualTo("InvalidSortCriteria");
	}

	@Test
	void queryFiltersByNameAndIsKeptInLinks() {
		HttpResponse<String> response = this.http.get("/api/v1/endpoint?q=name:sensor-01&per_page=5", this.token);

		assertThat(response.headers().firstValue("X-Total-Count")).hasValue("10");
		assertThat(json(response).get(0).path("name").stringValue()).isEqualTo("sensor-010");
		assertThat(response.headers().firstValue("Link").orElseThrow()).contains("q=name%3Asensor-01");
	}

	@Test
	void sortReversesOrder() {
		JsonNode endpoints = json(this.http.get("/api/v1/endpoint?sort=-id&per_page=3", this.token));

		assertThat(ids(endpoints)).containsExactly(25L, 24L, 23L);
	}

	@Test
	void missingTokenGetsGatewayUnauthorized() {
		HttpResponse<String> response = this.http.get("/api/v1/sim", null);

		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue("x-amzn-ErrorType")).hasValue("AccessDeniedException");
		assertThat(json(response).path("message").stringValue()).isEqualTo("Unauthorized");
	}

	@Test
	void tokenThatIsNoJwtGetsGatewayShape() {
		HttpResponse<String> response = this.http.get("/api/v1/sim", "demo-application-token");

		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue("x-amzn-ErrorType")).hasValue("AccessDeniedException");
		assertThat(json(response).path("message").stringValue())
			.isEqualTo("token contains an invalid number of segments");
	}

	@Test
	void forgedTokenGetsInvalidToken() {
		String forged = this.token.substring(0, this.token.lastIndexOf('.') + 1) + "c2lnbmF0dXJl";

		HttpResponse<String> response = this.http.get("/api/v1/sim", forged);

		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(json(response).path("error_code").asInt()).isEqualTo(1102);
		assertThat(json(response).path("error_token").stringValue()).isEqualTo("InvalidToken");
	}

	@Test
	void tokenOfAnotherSimulatorGetsInvalidToken() {
		try (EmnifySimulator other = Fixtures.simulator(clock).build().start()) {
			String foreign = new SimulatorHttp(other).applicationTokenLogin(Fixtures.APPLICATION_TOKEN);

			assertThat(json(this.http.get("/api/v1/sim", foreign)).path("error_token").stringValue())
				.isEqualTo("InvalidToken");
		}
	}

	@Test
	void tokenPastItsExpGetsTokenExpired() {
		clock.advance(Duration.ofMinutes(240).minusSeconds(1));
		assertThat(this.http.get("/api/v1/sim", this.token).statusCode()).isEqualTo(200);

		clock.advance(Duration.ofSeconds(1));
		HttpResponse<String> response = this.http.get("/api/v1/sim", this.token);

		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(json(response).path("error_code").asInt()).isEqualTo(1103);
		assertThat(json(response).path("error_token").stringValue()).isEqualTo("TokenExpired");
	}

	@Test
	void expireAuthTokensAffectsOnlyTokensIssuedBefore() {
		emnify.simulator().expireAuthTokens();
		String fresh = this.http.applicationTokenLogin(Fixtures.APPLICATION_TOKEN);

		assertThat(json(this.http.get("/api/v1/sim", this.token)).path("error_token").stringValue())
			.isEqualTo("TokenExpired");
		assertThat(this.http.get("/api/v1/sim", fresh).statusCode()).isEqualTo(200);
	}

	@Test
	void tokensIssuedBeforeResetAreUnknown() {
		emnify.simulator().reset();

		assertThat(json(this.http.get("/api/v1/sim", this.token)).path("error_token").stringValue())
			.isEqualTo("InvalidToken");
	}

	@Test
	void refreshTokenIsNoAuthToken() {
		String refreshToken = this.http.passwordLogin(Fixtures.USER, Fixtures.USER_PASSWORD)
			.path("refresh_token")
			.stringValue();

		assertThat(this.http.get("/api/v1/sim", refreshToken).statusCode()).isEqualTo(401);
	}

	@Test
	void gatewaySwitchGivesEvery401TheGatewayShape() {
		try (EmnifySimulator gateway = Fixtures.simulator(clock).gatewayUnauthorizedResponses(true).build().start()) {
			SimulatorHttp gatewayHttp = new SimulatorHttp(gateway);
			String token = gatewayHttp.applicationTokenLogin(Fixtures.APPLICATION_TOKEN);
			String forged = token.substring(0, token.lastIndexOf('.') + 1) + "c2lnbmF0dXJl";
			gateway.expireAuthTokens();

			for (String rejected : List.of(forged, token)) {
				HttpResponse<String> response = gatewayHttp.get("/api/v1/sim", rejected);
				assertThat(response.statusCode()).isEqualTo(401);
				assertThat(response.headers().firstValue("x-amzn-ErrorType")).hasValue("AccessDeniedException");
				assertThat(json(response).has("error_code")).isFalse();
				assertThat(json(response).path("message").stringValue()).isNotBlank();
			}
		}
	}

	@Test
	void unknownPathGets404() {
		assertThat(this.http.get("/api/v1/unknown", this.token).statusCode()).isEqualTo(404);
	}

	private static List<Long> ids(JsonNode items) {
		return StreamSupport.stream(items.spliterator(), false).map((item) -> item.path("id").asLong()).toList();
	}

	private static List<Long> range(long from, long to) {
		return LongStream.rangeClosed(from, to).boxed().toList();
	}

	private String nextLink(String linkHeader) {
		for (String link : linkHeader.split(", ")) {
			if (link.endsWith("rel=\"next\"")) {
				String url = link.substring(1, link.indexOf('>'));
				return url.substring(emnify.baseUrl().length());
			}
		}
		return null;
	}

}
