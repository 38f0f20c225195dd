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
import java.net.http.HttpClient.Version;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.util.Assert;
import org.springframework.util.unit.DataSize;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.github.iotstarters.emnify.auth.EmnifyAuthenticationListener;
import io.github.iotstarters.emnify.auth.EmnifyCredentials;
import io.github.iotstarters.emnify.auth.EmnifyTokenProvider;
import io.github.iotstarters.emnify.auth.test.AdjustableClock;
import io.github.iotstarters.emnify.auth.test.EmnifySimulator;
import io.github.iotstarters.emnify.auth.test.EmnifySimulatorExtension;
import io.github.iotstarters.emnify.auth.web.Bucket4jRateLimitBuckets;
import io.github.iotstarters.emnify.auth.web.EmnifyAuthenticationFilter;
import io.github.iotstarters.emnify.auth.web.EmnifyAuthenticationInterceptor;
import io.github.iotstarters.emnify.auth.web.EmnifyRateLimits;

/**
 * The typed clients on the {@link EmnifySimulator} as users get them, as a JUnit
 * extension that runs the simulator for a test class: blocking proxies on a
 * {@link RestClient} behind core's {@link EmnifyAuthenticationInterceptor}, reactive
 * proxies on a {@link WebClient} behind core's {@link EmnifyAuthenticationFilter}, both
 * logging in through one {@link EmnifyTokenProvider} with an application token, new for
 * each test. A plain authenticated {@link RestClient} reads what the simulator holds,
 * untyped, so no test checks a typed client with itself. The reactive proxies are adapted
 * to the blocking interfaces, so one test runs in both styles.
 * <p>
 * The simulator holds one workspace of 25 endpoints (10 and 20 disabled, odd ones tagged
 * {@code fleet-a}, even ones {@code fleet-b}) with SIMs 1 to 25 (7, 14 and 21 suspended),
 * SIMs 26 to 40 issued and free; it has no API rate limits, so tests do not wait for
 * permits. Before each test it is reset and its clock is at {@link #START}.
 */
final class SimulatorClients implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback, AfterAllCallback {

	static final Instant START = Instant.parse("2030-01-01T00:00:00Z");

	static final long WORKSPACE = 100;

	static final long SERVICE_PROFILE = 100001;

	static final long TARIFF_PROFILE = 100002;

	private static final String APPLICATION_TOKEN = "typed-api-application-token";

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private final AdjustableClock clock = new AdjustableClock(START);

	private final EmnifySimulatorExtension simulator = EmnifySimulatorExtension.of(EmnifySimulator.builder()
		.clock(this.clock)
		.workspace(WORKSPACE, "Production")
		.applicationToken(APPLICATION_TOKEN, WORKSPACE)
		.apiRateLimits(false));

	private final JsonMapper mapper = JsonMapper.builder().build();

	private @Nullable Clients clients;

	@Override
	public void beforeAll(ExtensionContext context) {
		this.simulator.beforeAll(context);
	}

	@Override
	public void beforeEach(ExtensionContext context) {
		this.simulator.beforeEach(context);
		this.clock.set(START);
		this.clients = Clients.connect(URI.create(this.simulator.baseUrl()));
	}

	@Override
	public void afterEach(ExtensionContext context) {
		clients().buckets().close();
		this.clients = null;
	}

	@Override
	public void afterAll(ExtensionContext context) {
		this.simulator.afterAll(context);
	}

	EmnifySimulator simulator() {
		return this.simulator.simulator();
	}

	AdjustableClock clock() {
		return this.clock;
	}

	EmnifyEndpoints endpoints(Style style) {
		return (style == Style.BLOCKING) ? blocking(EmnifyEndpoints.class)
				: new BlockingReactiveEndpoints(reactive(ReactiveEmnifyEndpoints.class));
	}

	EmnifySims sims(Style style) {
		return (style == Style.BLOCKING) ? blocking(EmnifySims.class)
				: new BlockingReactiveSims(reactive(ReactiveEmnifySims.class));
	}

	EmnifyEvents events(Style style) {
		return (style == Style.BLOCKING) ? blocking(EmnifyEvents.class)
				: new BlockingReactiveEvents(reactive(ReactiveEmnifyEvents.class));
	}

	/**
	 * What the simulator answers to an authenticated GET, whatever its status.
	 * @param path the path, such as {@code /api/v1/endpoint/26}
	 * @return the status and the body as JSON, a missing node when empty
	 */
	Answer read(String path) {
		return Objects.requireNonNull(clients().restClient().get().uri(path).exchange((request, response) -> {
			String body = response.bodyTo(String.class);
			return new Answer(response.getStatusCode().value(),
					(body != null && !body.isBlank()) ? this.mapper.readTree(body) : this.mapper.missingNode());
		}));
	}

	/**
	 * The value of a reactive call, as a blocking caller gets it.
	 * @param <T> the type of the value
	 * @param mono the call
	 * @return the value
	 */
	static <T> T value(Mono<T> mono) {
		return Objects.requireNonNull(mono.block(TIMEOUT));
	}

	/**
	 * Run a reactive call that answers nothing, as a blocking caller runs it.
	 * @param mono the call
	 */
	static void complete(Mono<Void> mono) {
		mono.block(TIMEOUT);
	}

	private <S> S blocking(Class<S> type) {
		return EmnifyHttpServices.blocking(clients().restClient()).createClient(type);
	}

	private <S> S reactive(Class<S> type) {
		return EmnifyHttpServices.reactive(clients().webClient()).createClient(type);
	}

	private Clients clients() {
		Assert.state(this.clients != null, "The clients exist during a test only");
		return this.clients;
	}

	/**
	 * The two ways users call the typed clients.
	 */
	enum Style {

		BLOCKING, REACTIVE

	}

	/**
	 * The clients of one test, on one token provider.
	 *
	 * @param restClient the blocking client
	 * @param webClient the reactive client
	 * @param buckets the rate-limit buckets both share
	 */
	private record Clients(RestClient restClient, WebClient webClient, Bucket4jRateLimitBuckets buckets) {

		static Clients connect(URI baseUrl) {
			EmnifyTokenProvider tokens = EmnifyTokenProvider
				.builder(WebClient.builder(), baseUrl, EmnifyCredentials.applicationToken(APPLICATION_TOKEN))
				.build();
			EmnifyRateLimits limits = EmnifyRateLimits.builder().build();
			Bucket4jRateLimitBuckets buckets = Bucket4jRateLimitBuckets.inMemory();
			RestClient restClient = RestClient.builder()
				.requestFactory(
						new JdkClientHttpRequestFactory(HttpClient.newBuilder().version(Version.HTTP_1_1).build()))
				.baseUrl(baseUrl.toString())
				.requestInterceptor(new EmnifyAuthenticationInterceptor(tokens, baseUrl,
						EmnifyAuthenticationListener.NONE, DataSize.ofKilobytes(1), limits, buckets))
				.build();
			WebClient webClient = WebClient.builder()
				.baseUrl(baseUrl.toString())
				.filter(new EmnifyAuthenticationFilter(tokens, baseUrl, EmnifyAuthenticationListener.NONE,
						DataSize.ofKilobytes(1), limits, buckets))
				.build();
			return new Clients(restClient, webClient, buckets);
		}

	}

	/**
	 * An answer of the simulator, read untyped.
	 *
	 * @param status the HTTP status
	 * @param body the body
	 */
	record Answer(int status, JsonNode body) {

	}

}
