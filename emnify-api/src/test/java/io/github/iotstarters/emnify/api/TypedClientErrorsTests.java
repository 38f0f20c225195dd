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

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientResponseException;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientResponseException;
import org.springframework.web.service.annotation.DeleteExchange;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.HttpExchange;
import org.springframework.web.service.annotation.PatchExchange;
import org.springframework.web.service.annotation.PostExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import io.github.iotstarters.emnify.auth.testsupport.LoopbackWireMock;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The proxies of {@link EmnifyHttpServices}, blocking and reactive, against emnify played
 * by WireMock: every return kind an HTTP service method may have turns an error answer
 * into the typed exception, after exactly one request, and the clients they were made
 * from stay as they were.
 */
class TypedClientErrorsTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private static final String NOT_FOUND = "{\"error_code\":1201,\"error_token\":\"NotFound\","
			+ "\"message\":\"Endpoint with id 7 not found\"}";

	@RegisterExtension
	static WireMockExtension emnify = LoopbackWireMock.extension();

	private static Things blocking;

	private static ReactiveThings reactive;

	@BeforeEach
	void createClients() {
		blocking = EmnifyHttpServices.blocking(restClient()).createClient(Things.class);
		reactive = EmnifyHttpServices.reactive(WebClient.create(emnify.baseUrl())).createClient(ReactiveThings.class);
	}

	@ParameterizedTest
	@MethodSource("everyReturnKind")
	void everyReturnKindThrowsTheTypedExceptionAfterOneRequest(String method, ThrowingCallable call) {
		emnify.stubFor(any(anyUrl()).willReturn(json(404, NOT_FOUND)));
		EmnifyNotFoundException ex = assertThatExceptionOfType(EmnifyNotFoundException.class).isThrownBy(call).actual();
		assertThat(ex.getErrorCode()).isEqualTo(1201);
		assertThat(ex.getErrorToken()).isEqualTo("NotFound");
		assertThat(ex.getEmnifyMessage()).isEqualTo("Endpoint with id 7 not found");
		assertThat(ex.getMethod().name()).isEqualTo(method);
		assertThat(ex.getUri().getPath()).startsWith("/api/v1/endpoint");
		assertThat(ex.getUri().getQuery()).isNull();
		assertThat(ex.getMessage()).startsWith("emnify answered " + method + " /api/v1/endpoint");
		assertThat(emnify.getAllServeEvents()).hasSize(1);
		assertThat(emnify.getAllServeEvents().get(0).getRequest().getMethod().getName()).isEqualTo(method);
	}

	static Stream<Arguments> everyReturnKind() {
		Thing thing = new Thing(7, "meter");
		return Stream.of(kind("blocking T", "GET", () -> blocking.get(7)),
				kind("blocking ResponseEntity<T>", "GET", () -> blocking.entity(7)),
				kind("blocking List<T>", "GET", () -> blocking.list("name:meter")),
				kind("blocking ResponseEntity<Void>", "POST", () -> blocking.create(thing)),
				kind("blocking void", "DELETE", () -> blocking.delete(7)),
				kind("reactive Mono<T>", "GET", () -> reactive.get(7).block(TIMEOUT)),
				kind("reactive Mono<ResponseEntity<List<T>>>", "GET", () -> reactive.list("name:meter").block(TIMEOUT)),
				kind("reactive Flux<T>", "GET", () -> reactive.all().collectList().block(TIMEOUT)),
				kind("reactive Mono<ResponseEntity<Void>>", "POST", () -> reactive.create(thing).block(TIMEOUT)),
				kind("reactive Mono<Void>", "DELETE", () -> reactive.delete(7).block(TIMEOUT)));
	}

	@ParameterizedTest
	@MethodSource("shapes")
	void bothClientsReadEveryShape(ResponseDefinitionBuilder answer, Class<? extends EmnifyApiException> type,
			String saying) {
		emnify.stubFor(any(anyUrl()).willReturn(answer));
		Thing thing = new Thing(7, "meter");
		EmnifyApiException fromBlocking = assertThatExceptionOfType(type).isThrownBy(() -> blocking.update(7, thing))
			.actual();
		EmnifyApiException fromReactive = assertThatExceptionOfType(type)
			.isThrownBy(() -> reactive.update(7, thing).block(TIMEOUT))
			.actual();
		assertThat(fromBlocking).hasMessage(fromReactive.getMessage()).hasMessageContaining(saying);
		assertThat(fromBlocking.getFieldErrors()).isEqualTo(fromReactive.getFieldErrors());
		emnify.verify(2, patchRequestedFor(urlPathEqualTo("/api/v1/endpoint/7"))
			.withRequestBody(equalToJson("{\"id\":7,\"name\":\"meter\"}")));
	}

	static Stream<Arguments> shapes() {
		return Stream.of(Arguments
			.of(Named.of("B, 422", json(422, "{\"error_code\":1400,\"error_token\":\"InputValidationFailed\","
					+ "\"message\":\"Update endpoint validation error\",\"errors\":[{\"error_code\":1401,"
					+ "\"error_token\":\"InvalidReference\",\"message\":\"Service profile with Id '-1' not found.\"}]}")),
					EmnifyValidationException.class, "errors: error_code 1401 InvalidReference"),
				Arguments.of(
						Named.of("D, empty text/html 422",
								aResponse().withStatus(422).withHeader("Content-Type", "text/html; charset=UTF-8")),
						EmnifyValidationException.class, "422 Unprocessable Content and an empty body (text/html"),
				Arguments.of(
						Named.of("C, gateway 401",
								json(401, "{\"message\":\"token contains an invalid number of segments\"}")
									.withHeader("x-amzn-ErrorType", "AccessDeniedException")),
						EmnifyApiException.class, "401 Unauthorized: \"token contains an invalid number of segments\""),
				Arguments.of(
						Named.of("HTML page, 502",
								aResponse().withStatus(502)
									.withHeader("Content-Type", "text/html")
									.withBody("<html><body>Bad Gateway</body></html>")),
						EmnifyApiException.class, "an HTML page (text/html) instead of an error body"),
				Arguments.of(
						Named.of("409 with status_code",
								json(409, "{\"status_code\":409,\"message\":\"SIMs in another workspace\"}")),
						EmnifyConflictException.class, "409 Conflict: \"SIMs in another workspace\""),
				Arguments.of(Named.of("huge body, 503", json(503, "[" + "1,".repeat(500_000) + "1]")),
						EmnifyApiException.class, "more than 65536 bytes: \"[1,1,1,"),
				Arguments.of(Named.of("403", json(403, "{\"error_code\":1104,\"error_token\":\"Forbidden\"}")),
						EmnifyForbiddenException.class, "403 Forbidden: error_code 1104 Forbidden"));
	}

	@Test
	void theQueryOfARefusedRequestStaysOutOfTheException() {
		emnify.stubFor(
				any(anyUrl()).willReturn(json(422, "{\"error_code\":1301,\"error_token\":\"InvalidQueryCriteria\"}")));
		EmnifyValidationException ex = assertThatExceptionOfType(EmnifyValidationException.class)
			.isThrownBy(() -> blocking.list("iccid:8988303000000000135"))
			.actual();
		assertThat(ex.getUri()).hasToString(emnify.baseUrl() + "/api/v1/endpoint");
		assertThat(ex.getMessage()).doesNotContain("8988303000000000135");
		emnify.verify(1, anyRequestedFor(urlPathEqualTo("/api/v1/endpoint")).withQueryParam("q",
				equalTo("iccid:8988303000000000135")));
	}

	@Test
	void successfulAnswersStillReachTheCaller() {
		emnify.stubFor(any(urlPathEqualTo("/api/v1/endpoint/7")).willReturn(okJson("{\"id\":7,\"name\":\"meter\"}")));
		assertThat(blocking.get(7)).isEqualTo(new Thing(7, "meter"));
		assertThat(reactive.get(7).block(TIMEOUT)).isEqualTo(new Thing(7, "meter"));
	}

	@Test
	void buildersOfAnHttpServiceGroupGetTheSameHandling() {
		emnify.stubFor(any(anyUrl()).willReturn(json(409, "{\"error_code\":1405,\"error_token\":\"Duplicated\"}")));
		RestClient.Builder restClientBuilder = restClient().mutate();
		WebClient.Builder webClientBuilder = WebClient.builder().baseUrl(emnify.baseUrl());
		EmnifyApiErrors.applyTo(restClientBuilder);
		EmnifyApiErrors.applyTo(webClientBuilder);
		RestClient restClient = restClientBuilder.build();
		WebClient webClient = webClientBuilder.build();
		assertThatExceptionOfType(EmnifyConflictException.class)
			.isThrownBy(() -> restClient.delete().uri("/api/v1/endpoint/7").retrieve().toBodilessEntity())
			.satisfies((ex) -> assertThat(ex.getErrorCode()).isEqualTo(1405));
		assertThatExceptionOfType(EmnifyConflictException.class)
			.isThrownBy(() -> webClient.delete().uri("/api/v1/endpoint/7").retrieve().toBodilessEntity().block(TIMEOUT))
			.satisfies((ex) -> assertThat(ex.getErrorCode()).isEqualTo(1405));
	}

	@Test
	void theGivenClientsAreLeftAsTheyWere() {
		emnify.stubFor(any(anyUrl()).willReturn(json(404, NOT_FOUND)));
		RestClient restClient = restClient();
		WebClient webClient = WebClient.create(emnify.baseUrl());
		EmnifyHttpServices.blocking(restClient);
		EmnifyHttpServices.reactive(webClient);
		assertThatExceptionOfType(RestClientResponseException.class)
			.isThrownBy(() -> restClient.get().uri("/api/v1/endpoint/7").retrieve().body(String.class));
		assertThatExceptionOfType(WebClientResponseException.class).isThrownBy(
				() -> webClient.get().uri("/api/v1/endpoint/7").retrieve().bodyToMono(String.class).block(TIMEOUT));
	}

	// HTTP/1.1 as emnify speaks it: the JDK client's upgrade to HTTP/2 of a request with
	// a body is refused by WireMock's Jetty, which would fail the request, not the test.
	private static RestClient restClient() {
		HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
		return RestClient.builder()
			.requestFactory(new JdkClientHttpRequestFactory(http))
			.baseUrl(emnify.baseUrl())
			.build();
	}

	private static Arguments kind(String name, String method, ThrowingCallable call) {
		return Arguments.of(Named.of(name, method), call);
	}

	private static ResponseDefinitionBuilder json(int status, String body) {
		return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
	}

	record Thing(long id, String name) {
	}

	@HttpExchange("/api/v1/endpoint")
	interface Things {

		@GetExchange("/{id}")
		Thing get(@PathVariable long id);

		@GetExchange("/{id}")
		ResponseEntity<Thing> entity(@PathVariable long id);

		@GetExchange
		List<Thing> list(@RequestParam String q);

		@PostExchange
		ResponseEntity<Void> create(@RequestBody Thing thing);

		@PatchExchange("/{id}")
		void update(@PathVariable long id, @RequestBody Thing thing);

		@DeleteExchange("/{id}")
		void delete(@PathVariable long id);

	}

	@HttpExchange("/api/v1/endpoint")
	interface ReactiveThings {

		@GetExchange("/{id}")
		Mono<Thing> get(@PathVariable long id);

		@GetExchange
		Mono<ResponseEntity<List<Thing>>> list(@RequestParam String q);

		@GetExchange
		Flux<Thing> all();

		@PostExchange
		Mono<ResponseEntity<Void>> create(@RequestBody Thing thing);

		@PatchExchange("/{id}")
		Mono<Void> update(@PathVariable long id, @RequestBody Thing thing);

		@DeleteExchange("/{id}")
		Mono<Void> delete(@PathVariable long id);

	}

}
