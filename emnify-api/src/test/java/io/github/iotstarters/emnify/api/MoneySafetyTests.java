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

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.util.unit.DataSize;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.service.annotation.PostExchange;
import reactor.core.publisher.Mono;

import io.github.iotstarters.emnify.auth.EmnifyAuthenticationListener;
import io.github.iotstarters.emnify.auth.EmnifyCredentials;
import io.github.iotstarters.emnify.auth.EmnifyTokenProvider;
import io.github.iotstarters.emnify.auth.test.JwtCodec;
import io.github.iotstarters.emnify.auth.testsupport.LoopbackWireMock;
import io.github.iotstarters.emnify.auth.web.Bucket4jRateLimitBuckets;
import io.github.iotstarters.emnify.auth.web.EmnifyAuthenticationFilter;
import io.github.iotstarters.emnify.auth.web.EmnifyAuthenticationInterceptor;
import io.github.iotstarters.emnify.auth.web.EmnifyRateLimits;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Nothing that may cost money is sent twice by the typed clients: with
 * {@code emnify-auth-core}'s real filter and interceptor in front, as
 * {@code emnifyWebClient} and {@code emnifyRestClient} have them, a POST that emnify
 * answers with a 5xx reaches emnify once, and only a 429, which emnify answers before it
 * processes anything, is sent again, as often as the rate limits allow, before the caller
 * gets the typed exception.
 */
class MoneySafetyTests {

	private static final String SMS = "/api/v1/endpoint/7/sms";

	private static final String BODY = "{\"payload\":\"reboot\",\"source_address\":\"12345\"}";

	private static final String TOO_MANY = "{\"error_code\":1105,\"error_token\":\"TooManyRequests\","
			+ "\"message\":\"Too many requests\"}";

	private static final int MAX_RESENDS = 2;

	@RegisterExtension
	static WireMockExtension emnify = LoopbackWireMock.extension();

	private final Bucket4jRateLimitBuckets buckets = Bucket4jRateLimitBuckets.inMemory();

	private EmnifyTokenProvider tokens;

	@BeforeEach
	void answerLogins() {
		String token = new JwtCodec().token(Instant.now(), Duration.ofHours(4));
		emnify.stubFor(post("/api/v1/authenticate").willReturn(okJson("{\"auth_token\":\"" + token + "\"}")));
		this.tokens = EmnifyTokenProvider
			.builder(WebClient.builder(), URI.create(emnify.baseUrl()), EmnifyCredentials.applicationToken("app-token"))
			.build();
	}

	@AfterEach
	void closeBuckets() {
		this.buckets.close();
	}

	@ParameterizedTest
	@CsvSource({ "FILTER, 500", "FILTER, 503", "INTERCEPTOR, 500", "INTERCEPTOR, 503" })
	void aPostAnsweredWithAServerErrorIsSentOnce(Client client, int status) {
		emnify.stubFor(post(SMS).willReturn(aResponse().withStatus(status)
			.withHeader("Retry-After", "1")
			.withHeader("Content-Type", "text/html")
			.withBody("<html><body>Service Unavailable</body></html>")));
		EmnifyApiException ex = assertThatExceptionOfType(EmnifyApiException.class)
			.isThrownBy(() -> client.send(this).send(7, BODY))
			.actual();
		assertThat(ex).isExactlyInstanceOf(EmnifyApiException.class);
		assertThat(ex.getStatusCode().value()).isEqualTo(status);
		assertThat(ex.getMessage()).contains("POST /api/v1/endpoint/7/sms with " + status, "an HTML page")
			.doesNotContain("reboot", "Bearer", "Service Unavailable</");
		emnify.verify(1, postRequestedFor(urlEqualTo(SMS)));
	}

	@ParameterizedTest
	@EnumSource(Client.class)
	void aPostRefusedAsTooManyMoreOftenThanTheReSendBoundGivesTheTypedException(Client client) {
		emnify.stubFor(post(SMS)
			.willReturn(aResponse().withStatus(429).withHeader("Content-Type", "application/json").withBody(TOO_MANY)));
		EmnifyTooManyRequestsException ex = assertThatExceptionOfType(EmnifyTooManyRequestsException.class)
			.isThrownBy(() -> client.send(this).send(7, BODY))
			.actual();
		assertThat(ex.getErrorCode()).isEqualTo(1105);
		assertThat(ex.getErrorToken()).isEqualTo("TooManyRequests");
		assertThat(ex.getMessage()).doesNotContain("reboot", "Bearer", "app-token");
		emnify.verify(1 + MAX_RESENDS, postRequestedFor(urlEqualTo(SMS)).withRequestBody(equalToJson(BODY))
			.withHeader("Authorization",
					equalTo(emnify.findAll(postRequestedFor(urlEqualTo(SMS))).get(0).getHeader("Authorization"))));
		emnify.verify(1, postRequestedFor(urlEqualTo("/api/v1/authenticate")));
	}

	private EmnifyRateLimits limits() {
		return EmnifyRateLimits.builder().maxResends(MAX_RESENDS).build();
	}

	/**
	 * The two clients of {@code emnify-auth-core}, each behind a typed client.
	 */
	enum Client {

		FILTER((test) -> {
			WebClient client = WebClient.builder()
				.baseUrl(emnify.baseUrl())
				.filter(new EmnifyAuthenticationFilter(test.tokens, URI.create(emnify.baseUrl()),
						EmnifyAuthenticationListener.NONE, DataSize.ofKilobytes(1), test.limits(), test.buckets))
				.build();
			ReactiveSms sms = EmnifyHttpServices.reactive(client).createClient(ReactiveSms.class);
			return (id, body) -> sms.send(id, body).block(Duration.ofSeconds(30));
		}),

		INTERCEPTOR((test) -> {
			RestClient client = RestClient.builder()
				.requestFactory(new JdkClientHttpRequestFactory(
						HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()))
				.baseUrl(emnify.baseUrl())
				.requestInterceptor(new EmnifyAuthenticationInterceptor(test.tokens, URI.create(emnify.baseUrl()),
						EmnifyAuthenticationListener.NONE, DataSize.ofKilobytes(1), test.limits(), test.buckets))
				.build();
			return EmnifyHttpServices.blocking(client).createClient(Sms.class)::send;
		});

		private final Function<MoneySafetyTests, Sms> factory;

		Client(Function<MoneySafetyTests, Sms> factory) {
			this.factory = factory;
		}

		Sms send(MoneySafetyTests test) {
			return this.factory.apply(test);
		}

	}

	interface Sms {

		@PostExchange("/api/v1/endpoint/{id}/sms")
		ResponseEntity<Void> send(@PathVariable long id, @RequestBody String body);

	}

	interface ReactiveSms {

		@PostExchange("/api/v1/endpoint/{id}/sms")
		Mono<ResponseEntity<Void>> send(@PathVariable long id, @RequestBody String body);

	}

}
