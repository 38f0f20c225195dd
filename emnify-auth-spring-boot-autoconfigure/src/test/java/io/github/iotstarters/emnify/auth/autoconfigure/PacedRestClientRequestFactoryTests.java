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

package io.github.iotstarters.emnify.auth.autoconfigure;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.http.MediaType;
import org.springframework.http.StreamingHttpOutputMessage;
import org.springframework.web.client.RestClient;

import io.github.iotstarters.emnify.auth.test.JwtCodec;
import io.github.iotstarters.emnify.auth.testsupport.LoopbackWireMock;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code emnifyRestClient} keeps to emnify's rate limits and waits out a 429 on every
 * request factory Boot builds: its requests reach emnify no faster than their class
 * allows, and a POST answered 429 is sent again with the bytes first sent, a body that
 * can be written once included.
 */
class PacedRestClientRequestFactoryTests {

	private static final JwtCodec JWTS = new JwtCodec();

	private static final String ENDPOINTS = "/api/v1/endpoint";

	private static final String SMS = "/api/v1/endpoint/1/sms";

	private static final byte[] MESSAGE = "{\"payload\":\"hello\"}".getBytes(StandardCharsets.UTF_8);

	@RegisterExtension
	static WireMockExtension emnify = LoopbackWireMock.extension();

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "httpcomponents", "jetty", "reactor", "jdk", "simple" })
	void requestsReachEmnifyNoFasterThanTheirClassAllows(String factory) {
		emnify.stubFor(get(urlPathEqualTo(ENDPOINTS)).willReturn(okJson("[]")));
		onRequestFactory(factory)
			.withPropertyValues("emnify.rate-limit.classes.lists.rate=50", "emnify.rate-limit.classes.lists.burst=2")
			.run((context) -> {
				RestClient restClient = context.getBean("emnifyRestClient", RestClient.class);
				for (int i = 0; i < 8; i++) {
					restClient.get().uri(ENDPOINTS).retrieve().toBodilessEntity();
				}
			});
		List<Long> arrivals = new ArrayList<>(emnify.findAll(getRequestedFor(urlPathEqualTo(ENDPOINTS)))
			.stream()
			.map((request) -> request.getLoggedDate().getTime())
			.toList());
		Collections.sort(arrivals);
		assertThat(arrivals).hasSize(8);
		// 2 at once, then one every 20 ms (WireMock logs to the millisecond).
		assertThat(arrivals.get(7) - arrivals.get(0)).isGreaterThanOrEqualTo(6 * 20 - 10);
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "httpcomponents", "jetty", "reactor", "jdk", "simple" })
	void aPostAnsweredWith429IsSentAgainWithTheBytesFirstSent(String factory) {
		emnify.stubFor(post(SMS).inScenario("429")
			.whenScenarioStateIs(STARTED)
			.willReturn(aResponse().withStatus(429)
				.withBody("{\"error_code\":1105,\"error_token\":\"TooManyRequests\",\"message\":\"slow down\"}"))
			.willSetStateTo("accepted"));
		emnify.stubFor(
				post(SMS).inScenario("429").whenScenarioStateIs("accepted").willReturn(aResponse().withStatus(201)));
		AtomicInteger writes = new AtomicInteger();
		StreamingHttpOutputMessage.Body once = (out) -> {
			writes.incrementAndGet();
			out.write(MESSAGE);
		};
		onRequestFactory(factory).run((context) -> assertThat(context.getBean("emnifyRestClient", RestClient.class)
			.post()
			.uri(SMS)
			.contentType(MediaType.APPLICATION_JSON)
			.body(once)
			.retrieve()
			.toBodilessEntity()
			.getStatusCode()
			.value()).isEqualTo(201));
		List<LoggedRequest> attempts = emnify.findAll(postRequestedFor(urlEqualTo(SMS)));
		assertThat(attempts).hasSize(2);
		assertThat(attempts).allSatisfy((attempt) -> assertThat(attempt.getBody()).isEqualTo(MESSAGE));
		assertThat(attempts.get(1).getHeader("Authorization")).isEqualTo(attempts.get(0).getHeader("Authorization"));
		assertThat(writes).as("writes of a body that can be written once").hasValue(1);
	}

	private static ApplicationContextRunner onRequestFactory(String factory) {
		emnify.stubFor(post("/api/v1/authenticate")
			.willReturn(okJson("{\"auth_token\":\"" + JWTS.token(Instant.now(), Duration.ofHours(4)) + "\"}")));
		return new ApplicationContextRunner()
			.withConfiguration(BootHttpClients.autoConfigurations(EmnifyRateLimitAutoConfiguration.class))
			.withPropertyValues("emnify.base-url=" + emnify.baseUrl(), "emnify.application-token=app-token",
					"spring.http.clients.imperative.factory=" + factory);
	}

}
