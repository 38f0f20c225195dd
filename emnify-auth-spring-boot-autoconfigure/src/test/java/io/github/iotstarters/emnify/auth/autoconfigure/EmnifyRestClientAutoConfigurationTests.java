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

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.converter.autoconfigure.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.restclient.RestClientCustomizer;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.core.io.InputStreamResource;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.StreamingHttpOutputMessage;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.util.StreamUtils;
import org.springframework.web.client.RestClient;
import reactor.core.publisher.Mono;

import io.github.iotstarters.emnify.auth.EmnifyTokenProvider;
import io.github.iotstarters.emnify.auth.test.JwtCodec;
import io.github.iotstarters.emnify.auth.testsupport.LoopbackWireMock;
import io.github.iotstarters.emnify.auth.testsupport.NettyLeakDetection;
import io.github.iotstarters.emnify.auth.web.EmnifyAuthenticationInterceptor;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * {@code emnifyRestClient} and {@code emnifyAuthenticationInterceptor} against WireMock,
 * with many threads at once: the same rules as the reactive filter. Every test fails on a
 * Netty buffer that it leaks, as the reactor request factory's responses are.
 */
@ExtendWith(NettyLeakDetection.class)
class EmnifyRestClientAutoConfigurationTests {

	private static final JwtCodec JWTS = new JwtCodec();

	private static final String AUTHENTICATE = "/api/v1/authenticate";

	private static final String SIMS = "/api/v1/sim";

	private static final String TOKEN_EXPIRED = "{\"error_code\":1103,\"error_token\":\"TokenExpired\"}";

	private static final byte[] SIM = "{\"iccid\":\"8988303000000001\",\"label\":\"sensor-1\"}"
		.getBytes(StandardCharsets.UTF_8);

	@RegisterExtension
	static WireMockExtension emnify = LoopbackWireMock.extension();

	@RegisterExtension
	static WireMockExtension elsewhere = LoopbackWireMock.extension();

	private final String tokenA = JWTS.token(Instant.now(), Duration.ofMinutes(240));

	private final String tokenB = JWTS.token(Instant.now(), Duration.ofMinutes(240));

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(WebClientAutoConfiguration.class, HttpMessageConvertersAutoConfiguration.class,
						RestClientAutoConfiguration.class, EmnifyWorkspacesAutoConfiguration.class,
						EmnifyAuthAutoConfiguration.class, EmnifyRestClientAutoConfiguration.class))
		.withPropertyValues("emnify.base-url=" + emnify.baseUrl(), "emnify.application-token=app-token");

	@Test
	void aSingletonRestClientBuilderOfTheUsersIsLeftWithoutEmnifysInterceptor() {
		emnify.stubFor(post(AUTHENTICATE).willReturn(okJson("{\"auth_token\":\"" + this.tokenA + "\"}")));
		emnify.stubFor(get(SIMS).willReturn(okJson("[]")));
		RestClient.Builder shared = RestClient.builder();
		this.contextRunner.withBean(RestClient.Builder.class, () -> shared).run((context) -> {
			context.getBean("emnifyRestClient", RestClient.class).get().uri(SIMS).retrieve().toBodilessEntity();
			shared.build().get().uri(emnify.baseUrl() + SIMS).retrieve().toBodilessEntity();
		});
		emnify.verify(1,
				getRequestedFor(urlEqualTo(SIMS)).withHeader("Authorization", equalTo("Bearer " + this.tokenA)));
		emnify.verify(1, getRequestedFor(urlEqualTo(SIMS)).withoutHeader("Authorization"));
	}

	@Test
	void anInterceptorThatACustomizerAddsSeesTheApiCallsAndNeverALogin() {
		emnify.stubFor(post(AUTHENTICATE).willReturn(okJson("{\"auth_token\":\"" + this.tokenA + "\"}")));
		emnify.stubFor(get(SIMS).willReturn(okJson("[]")));
		List<String> seen = new CopyOnWriteArrayList<>();
		RestClientCustomizer recording = (builder) -> builder.requestInterceptor((request, body, execution) -> {
			seen.add(request.getMethod() + " " + request.getURI().getPath());
			return execution.execute(request, body);
		});
		this.contextRunner.withBean(RestClientCustomizer.class, () -> recording)
			.run((context) -> context.getBean("emnifyRestClient", RestClient.class)
				.get()
				.uri(SIMS)
				.retrieve()
				.toBodilessEntity());
		assertThat(seen).containsExactly("GET " + SIMS);
		emnify.verify(1, postRequestedFor(urlEqualTo(AUTHENTICATE)));
	}

	@Test
	void registersInterceptorAndRestClientSharingTheTokenProvider() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasBean("emnifyRestClient").hasBean("emnifyAuthenticationInterceptor");
			assertThat(context.getBean("emnifyAuthenticationInterceptor"))
				.isInstanceOf(EmnifyAuthenticationInterceptor.class);
		});
	}

	@Test
	void requestsToEmnifyCarryTheTokenAndOtherHostsGetNone() {
		answerLoginsInTurn(okJson(auth(this.tokenA)));
		emnify.stubFor(get(SIMS).willReturn(okJson("[]")));
		elsewhere.stubFor(get("/other").willReturn(okJson("{}")));
		this.contextRunner.run((context) -> {
			RestClient restClient = context.getBean("emnifyRestClient", RestClient.class);
			assertThat(restClient.get().uri(SIMS).retrieve().body(String.class)).isEqualTo("[]");
			restClient.get().uri(elsewhere.baseUrl() + "/other").retrieve().toBodilessEntity();
			restClient.get().uri(SIMS).header("Authorization", "Bearer callers-own").retrieve().toBodilessEntity();
		});
		emnify.verify(1,
				getRequestedFor(urlEqualTo(SIMS)).withHeader("Authorization", equalTo("Bearer " + this.tokenA)));
		emnify.verify(1, getRequestedFor(urlEqualTo(SIMS)).withHeader("Authorization", equalTo("Bearer callers-own")));
		elsewhere.verify(1, getRequestedFor(urlEqualTo("/other")).withHeader("Authorization", absent()));
		emnify.verify(1, postRequestedFor(urlEqualTo(AUTHENTICATE)));
	}

	@Test
	void unauthorizedIsReplayedOnceWithTheBodyAndA401ToTheNewTokenReachesTheCaller() {
		String tokenC = JWTS.token(Instant.now(), Duration.ofMinutes(240));
		answerLoginsInTurn(okJson(auth(this.tokenA)), okJson(auth(this.tokenB)), okJson(auth(tokenC)));
		emnify.stubFor(post(SIMS).withHeader("Authorization", equalTo("Bearer " + this.tokenA))
			.willReturn(aResponse().withStatus(401)));
		emnify.stubFor(post(SIMS).withHeader("Authorization", equalTo("Bearer " + this.tokenB))
			.willReturn(okJson("{\"id\":7}")));
		emnify.stubFor(get(SIMS).willReturn(aResponse().withStatus(401)));
		this.contextRunner.run((context) -> {
			RestClient restClient = context.getBean("emnifyRestClient", RestClient.class);
			assertThat(restClient.post().uri(SIMS).body(Map.of("iccid", "8988303")).retrieve().body(String.class))
				.isEqualTo("{\"id\":7}");
			// tokenB replaced a token answered 401 just now: a 401 to it goes to the
			// caller, and no login follows (emnify.token.unauthorized-renewal-interval).
			ResponseEntity<Void> second = restClient.get()
				.uri(SIMS)
				.exchange((request, response) -> ResponseEntity.status(response.getStatusCode()).build());
			assertThat(second.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
		});
		emnify.verify(2, postRequestedFor(urlEqualTo(SIMS)).withRequestBody(equalToJson("{\"iccid\":\"8988303\"}")));
		emnify.verify(1,
				getRequestedFor(urlEqualTo(SIMS)).withHeader("Authorization", equalTo("Bearer " + this.tokenB)));
		emnify.verify(0, getRequestedFor(urlEqualTo(SIMS)).withHeader("Authorization", equalTo("Bearer " + tokenC)));
		emnify.verify(2, postRequestedFor(urlEqualTo(AUTHENTICATE)));
	}

	// On every request factory Boot builds: Jetty's client turns a 401 without a
	// challenge into a protocol violation unless built for emnify.
	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "httpcomponents", "jetty", "reactor", "jdk", "simple" })
	void aPostAnsweredWith401IsReplayedWithTheBytesFirstSent(String factory) {
		List<LoggedRequest> attempts = postAnsweredWith401ThenReplayed(factory,
				(post) -> post.contentType(MediaType.APPLICATION_JSON).body(SIM));
		assertThat(attempts).allSatisfy((attempt) -> assertThat(attempt.getBody()).isEqualTo(SIM));
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "httpcomponents", "jetty", "reactor", "jdk", "simple" })
	void aBodyThatCanBeWrittenOnlyOnceIsReplayedWithTheBytesFirstSent(String factory) {
		AtomicInteger writes = new AtomicInteger();
		StreamingHttpOutputMessage.Body once = (out) -> {
			assertThat(writes.incrementAndGet()).as("writes of a body that can be written once").isOne();
			out.write(SIM);
		};
		List<LoggedRequest> attempts = postAnsweredWith401ThenReplayed(factory,
				(post) -> post.contentType(MediaType.APPLICATION_JSON).body(once));
		assertThat(attempts).allSatisfy((attempt) -> assertThat(attempt.getBody()).isEqualTo(SIM));
		assertThat(writes).hasValue(1);
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "httpcomponents", "jetty", "reactor", "jdk", "simple" })
	void aMultipartBodyFromAnInputStreamIsReplayedWithTheSameBytesAndBoundary(String factory) {
		byte[] csv = "iccid,label\n8988303000000001,sensor-1\n".getBytes(StandardCharsets.UTF_8);
		MultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
		parts.add("sims", new InputStreamResource(new ByteArrayInputStream(csv)));
		parts.add("note", "import");
		List<LoggedRequest> attempts = postAnsweredWith401ThenReplayed(factory,
				(post) -> post.contentType(MediaType.MULTIPART_FORM_DATA).body(parts));
		assertThat(new String(attempts.get(0).getBody(), StandardCharsets.UTF_8))
			.contains(new String(csv, StandardCharsets.UTF_8));
		assertThat(attempts.get(0).getHeader("Content-Type")).startsWith("multipart/form-data;").contains("boundary=");
		assertThat(attempts.get(1).getHeader("Content-Type")).isEqualTo(attempts.get(0).getHeader("Content-Type"));
		assertThat(attempts.get(1).getBody()).isEqualTo(attempts.get(0).getBody());
	}

	// The blocking counterpart of a cancelled request: the caller's thread is interrupted
	// while it waits for the renewal. Nothing is replayed, the 401's connection is given
	// back (a leaked Netty buffer fails the test), and the renewal goes on for the next
	// caller.
	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "httpcomponents", "jetty", "reactor", "jdk", "simple" })
	void aCallerInterruptedWhileTheTokenIsRenewedSendsNoReplayAndTheNextCallerGetsTheRenewedToken(String factory)
			throws Exception {
		answerLoginsInTurn(okJson(auth(this.tokenA)), okJson(auth(this.tokenB)).withFixedDelay(1000));
		emnify.stubFor(post(SIMS).willReturn(aResponse().withStatus(401).withBody(TOKEN_EXPIRED)));
		emnify.stubFor(get(SIMS).willReturn(okJson("[]")));
		onRequestFactory(factory).run((context) -> {
			RestClient restClient = context.getBean("emnifyRestClient", RestClient.class);
			CompletableFuture<Throwable> outcome = new CompletableFuture<>();
			Thread caller = new Thread(() -> {
				try {
					restClient.post().uri(SIMS).body(SIM).retrieve().toBodilessEntity();
					outcome.complete(null);
				}
				catch (Throwable ex) {
					outcome.complete(ex);
				}
			});
			caller.start();
			Awaitility.await()
				.atMost(Duration.ofSeconds(10))
				.until(() -> emnify.findAll(postRequestedFor(urlEqualTo(AUTHENTICATE))).size() == 2);
			caller.interrupt();
			assertThat(outcome.get(10, TimeUnit.SECONDS)).isNotNull()
				.hasRootCauseInstanceOf(InterruptedException.class);
			assertThat(restClient.get().uri(SIMS).retrieve().body(String.class)).isEqualTo("[]");
		});
		emnify.verify(1, postRequestedFor(urlEqualTo(SIMS)));
		emnify.verify(1,
				getRequestedFor(urlEqualTo(SIMS)).withHeader("Authorization", equalTo("Bearer " + this.tokenB)));
		emnify.verify(2, postRequestedFor(urlEqualTo(AUTHENTICATE)));
	}

	private List<LoggedRequest> postAnsweredWith401ThenReplayed(String factory,
			UnaryOperator<RestClient.RequestBodySpec> body) {
		answerUnauthorizedToTokenA();
		onRequestFactory(factory).run((context) -> assertThat(
				body.apply(context.getBean("emnifyRestClient", RestClient.class).post().uri(SIMS))
					.retrieve()
					.body(String.class))
			.isEqualTo("{\"id\":7}"));
		List<LoggedRequest> attempts = emnify.findAll(postRequestedFor(urlEqualTo(SIMS)));
		assertThat(attempts).hasSize(2)
			.extracting((attempt) -> attempt.getHeader("Authorization"))
			.containsExactlyInAnyOrder("Bearer " + this.tokenA, "Bearer " + this.tokenB);
		return attempts;
	}

	private ApplicationContextRunner onRequestFactory(String factory) {
		return new ApplicationContextRunner().withConfiguration(BootHttpClients.autoConfigurations())
			.withPropertyValues("emnify.base-url=" + emnify.baseUrl(), "emnify.application-token=app-token",
					"spring.http.clients.imperative.factory=" + factory);
	}

	@Test
	void aBodyOverReplayMaxBodySizeIsNotReplayedTheCallerGetsThe401AndTheNextRequestANewLogin() {
		answerUnauthorizedToTokenA();
		emnify.stubFor(get(SIMS).willReturn(okJson("[]")));
		this.contextRunner.withPropertyValues("emnify.replay.max-body-size=" + (SIM.length - 1) + "B")
			.run((context) -> {
				RestClient restClient = context.getBean("emnifyRestClient", RestClient.class);
				String unauthorized = restClient.post()
					.uri(SIMS)
					.contentType(MediaType.APPLICATION_JSON)
					.body(SIM)
					.exchange((request, response) -> response.getStatusCode().value() + " "
							+ StreamUtils.copyToString(response.getBody(), StandardCharsets.UTF_8));
				assertThat(unauthorized).isEqualTo("401 " + TOKEN_EXPIRED);
				restClient.get().uri(SIMS).retrieve().toBodilessEntity();
			});
		emnify.verify(1, postRequestedFor(urlEqualTo(SIMS)));
		emnify.verify(1,
				getRequestedFor(urlEqualTo(SIMS)).withHeader("Authorization", equalTo("Bearer " + this.tokenB)));
		emnify.verify(2, postRequestedFor(urlEqualTo(AUTHENTICATE)));
	}

	@Test
	void aTokenThatTheProviderKeepsAfterA401IsNotReplayedAndTheCallerGetsThe401() {
		emnify.stubFor(post(SIMS).willReturn(aResponse().withStatus(401).withBody(TOKEN_EXPIRED)));
		List<String> invalidated = new ArrayList<>();
		EmnifyTokenProvider keepsItsToken = new EmnifyTokenProvider() {

			@Override
			public Mono<String> getToken() {
				return Mono.just(EmnifyRestClientAutoConfigurationTests.this.tokenA);
			}

			@Override
			public boolean invalidate(String token) {
				invalidated.add(token);
				return false;
			}

		};
		this.contextRunner.withBean(EmnifyTokenProvider.class, () -> keepsItsToken).run((context) -> {
			String unauthorized = context.getBean("emnifyRestClient", RestClient.class)
				.post()
				.uri(SIMS)
				.body(SIM)
				.exchange((request, response) -> response.getStatusCode().value() + " "
						+ StreamUtils.copyToString(response.getBody(), StandardCharsets.UTF_8));
			assertThat(unauthorized).isEqualTo("401 " + TOKEN_EXPIRED);
		});
		assertThat(invalidated).containsExactly(this.tokenA);
		emnify.verify(1, postRequestedFor(urlEqualTo(SIMS)));
	}

	@Test
	void forbiddenPassesThroughWithoutReplay() {
		answerLoginsInTurn(okJson(auth(this.tokenA)));
		emnify.stubFor(get(SIMS).willReturn(aResponse().withStatus(403)));
		this.contextRunner.run((context) -> {
			HttpStatusCode status = context.getBean("emnifyRestClient", RestClient.class)
				.get()
				.uri(SIMS)
				.exchange((request, response) -> response.getStatusCode());
			assertThat(status).isEqualTo(HttpStatus.FORBIDDEN);
		});
		emnify.verify(1, getRequestedFor(urlEqualTo(SIMS)));
		emnify.verify(1, postRequestedFor(urlEqualTo(AUTHENTICATE)));
	}

	@Test
	void threeHundredThreadsOnAColdStartShareOneLoginAndOneRenewalAfterConcurrent401s() throws Exception {
		answerLoginsInTurn(okJson(auth(this.tokenA)).withFixedDelay(300),
				okJson(auth(this.tokenB)).withFixedDelay(200));
		emnify.stubFor(get(urlPathEqualTo(SIMS)).withHeader("Authorization", equalTo("Bearer " + this.tokenA))
			.inScenario("stale")
			.whenScenarioStateIs(STARTED)
			.willReturn(okJson("[]")));
		this.contextRunner.run((context) -> {
			RestClient restClient = context.getBean("emnifyRestClient", RestClient.class);
			List<HttpStatusCode> cold = inParallel(300,
					() -> restClient.get().uri(SIMS + "?page=1").retrieve().toBodilessEntity().getStatusCode());
			assertThat(cold).hasSize(300).containsOnly(HttpStatus.OK);
			emnify.verify(1, postRequestedFor(urlEqualTo(AUTHENTICATE)));
			// Token A goes stale at emnify: every thread meets a 401 and replays.
			emnify.stubFor(get(urlPathEqualTo(SIMS)).withHeader("Authorization", equalTo("Bearer " + this.tokenA))
				.willReturn(aResponse().withStatus(401)));
			emnify.stubFor(get(urlPathEqualTo(SIMS)).withHeader("Authorization", equalTo("Bearer " + this.tokenB))
				.willReturn(okJson("[]")));
			List<HttpStatusCode> replayed = inParallel(300,
					() -> restClient.get().uri(SIMS + "?page=2").retrieve().toBodilessEntity().getStatusCode());
			assertThat(replayed).hasSize(300).containsOnly(HttpStatus.OK);
		});
		emnify.verify(2, postRequestedFor(urlEqualTo(AUTHENTICATE)));
	}

	@Test
	void backsOffWithoutBootsRestClientSupport() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(EmnifyWorkspacesAutoConfiguration.class,
					EmnifyAuthAutoConfiguration.class, EmnifyRestClientAutoConfiguration.class))
			.withPropertyValues("emnify.application-token=app-token")
			.withClassLoader(new FilteredClassLoader(RestClientAutoConfiguration.class))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean("emnifyRestClient")
				.doesNotHaveBean("emnifyAuthenticationInterceptor"));
	}

	private static <T> List<T> inParallel(int threads, Callable<T> call) throws Exception {
		ExecutorService executor = Executors.newFixedThreadPool(threads);
		try {
			List<Future<T>> futures = new ArrayList<>();
			for (int i = 0; i < threads; i++) {
				futures.add(executor.submit(call));
			}
			List<T> results = new ArrayList<>();
			for (Future<T> future : futures) {
				results.add(future.get());
			}
			return results;
		}
		finally {
			executor.shutdownNow();
		}
	}

	@Test
	void aTokenProviderThatNeverAnswersEndsTheBlockingCallWithinItsBound() {
		EmnifyTokenProvider silent = new EmnifyTokenProvider() {

			@Override
			public Mono<String> getToken() {
				return Mono.never();
			}

			@Override
			public boolean invalidate(String token) {
				return false;
			}

			@Override
			public Duration getTokenTimeout() {
				return Duration.ofMillis(200);
			}

		};
		this.contextRunner.withBean(EmnifyTokenProvider.class, () -> silent).run((context) -> {
			RestClient restClient = context.getBean("emnifyRestClient", RestClient.class);
			long started = System.nanoTime();
			assertThatIllegalStateException().isThrownBy(() -> restClient.get().uri(SIMS).retrieve().toBodilessEntity())
				.withMessageContaining("gave no auth token within PT1.2S")
				.withMessageContaining("was not sent");
			assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
		});
		emnify.verify(0, getRequestedFor(urlEqualTo(SIMS)));
	}

	private void answerUnauthorizedToTokenA() {
		answerLoginsInTurn(okJson(auth(this.tokenA)), okJson(auth(this.tokenB)));
		emnify.stubFor(post(SIMS).withHeader("Authorization", equalTo("Bearer " + this.tokenA))
			.willReturn(aResponse().withStatus(401).withBody(TOKEN_EXPIRED)));
		emnify.stubFor(post(SIMS).withHeader("Authorization", equalTo("Bearer " + this.tokenB))
			.willReturn(okJson("{\"id\":7}")));
	}

	private static String auth(String authToken) {
		return "{\"auth_token\":\"" + authToken + "\"}";
	}

	private static void answerLoginsInTurn(ResponseDefinitionBuilder... responses) {
		for (int i = 0; i < responses.length; i++) {
			var mapping = post(AUTHENTICATE).inScenario("logins")
				.whenScenarioStateIs((i == 0) ? STARTED : "login " + i)
				.willReturn(responses[i]);
			if (i + 1 < responses.length) {
				mapping.willSetStateTo("login " + (i + 1));
			}
			emnify.stubFor(mapping);
		}
	}

}
