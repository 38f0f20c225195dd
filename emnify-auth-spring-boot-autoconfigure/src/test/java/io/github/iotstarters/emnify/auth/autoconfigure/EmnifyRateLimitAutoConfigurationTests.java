/*
 * Copyright 2026 the original author or authors.
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

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.http.codec.autoconfigure.CodecsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

import io.github.iotstarters.emnify.auth.EmnifyAuthenticationListener;
import io.github.iotstarters.emnify.auth.EmnifyTokenStore;
import io.github.iotstarters.emnify.auth.InMemoryEmnifyTokenStore;
import io.github.iotstarters.emnify.auth.redis.RedisEmnifyRateLimitBuckets;
import io.github.iotstarters.emnify.auth.test.JwtCodec;
import io.github.iotstarters.emnify.auth.testsupport.LoopbackWireMock;
import io.github.iotstarters.emnify.auth.web.Bucket4jRateLimitBuckets;
import io.github.iotstarters.emnify.auth.web.EmnifyRateLimitBuckets;
import io.github.iotstarters.emnify.auth.web.EmnifyRateLimits;
import io.github.iotstarters.emnify.auth.web.EmnifyRateLimits.Limit;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * {@code emnify.rate-limit.*} and the beans behind it: emnify's figures by default, a
 * figure changed without losing the others, a class of one's own, values that cannot work
 * refused naming the property, the application's own beans used instead, pacing and 429
 * re-sends on {@code emnifyWebClient} and {@code emnifyRestClient} and off with
 * {@code enabled=false}, Redis buckets for a fleet, and the meters.
 */
@ExtendWith(OutputCaptureExtension.class)
class EmnifyRateLimitAutoConfigurationTests {

	private static final JwtCodec JWTS = new JwtCodec();

	private static final String ENDPOINTS = "/api/v1/endpoint";

	private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);

	@RegisterExtension
	static WireMockExtension emnify = LoopbackWireMock.extension();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(CodecsAutoConfiguration.class, WebClientAutoConfiguration.class,
				RestClientAutoConfiguration.class, EmnifyRateLimitAutoConfiguration.class,
				EmnifyWorkspacesAutoConfiguration.class, EmnifyAuthAutoConfiguration.class,
				EmnifyRestClientAutoConfiguration.class))
		.withPropertyValues("emnify.base-url=" + emnify.baseUrl(), "emnify.application-token=app-token");

	@Test
	void theLimitsAreEmnifysByDefaultOnBucketsOfThisInstance() {
		this.contextRunner.run((context) -> {
			EmnifyRateLimits limits = context.getBean("emnifyRateLimits", EmnifyRateLimits.class);
			EmnifyRateLimits emnifys = EmnifyRateLimits.emnify();
			assertThat(limits.limits()).isEqualTo(emnifys.limits());
			assertThat(limits.perIpLimit()).isEqualTo(emnifys.perIpLimit());
			assertThat(limits.perIpMaxRequests()).isEqualTo(emnifys.perIpMaxRequests());
			assertThat(limits.perIpWindow()).isEqualTo(emnifys.perIpWindow());
			assertThat(limits.isPerIpShared()).isEqualTo(emnifys.isPerIpShared());
			assertThat(limits.maxWait()).isEqualTo(emnifys.maxWait());
			assertThat(limits.maxResends()).isEqualTo(emnifys.maxResends());
			assertThat(limits.isEnabled()).isTrue();
			assertThat(context.getBean("emnifyRateLimitBuckets")).isInstanceOf(Bucket4jRateLimitBuckets.class);
			assertThat(context.getBean(EmnifyRateLimitBuckets.class).isShared()).isFalse();
		});
	}

	@Test
	void aFigureChangedKeepsTheClassesOtherFiguresAndANewNameAddsAClass() {
		this.contextRunner
			.withPropertyValues("emnify.rate-limit.classes.lists.rate=5", "emnify.rateLimit.classes.sim.burst=20",
					"emnify.rate-limit.classes.bulk.paths=POST /api/v2/endpoint/multi",
					"emnify.rate-limit.classes.bulk.rate=0.5", "emnify.rate-limit.classes.bulk.burst=1",
					"emnify.rate-limit.max-wait=30s", "emnify.rate-limit.per-ip.burst=100")
			.run((context) -> {
				EmnifyRateLimits limits = context.getBean(EmnifyRateLimits.class);
				Limit lists = EmnifyRateLimits.emnify().limits().get(0);
				Limit sim = EmnifyRateLimits.emnify().limits().get(2);
				assertThat(limits.limits()).containsExactly(new Limit("lists", lists.paths(), 5, lists.burst()),
						EmnifyRateLimits.emnify().limits().get(1), new Limit("sim", sim.paths(), sim.rate(), 20),
						new Limit("bulk", List.of("POST /api/v2/endpoint/multi"), 0.5, 1));
				assertThat(limits.maxWait()).isEqualTo(Duration.ofSeconds(30));
				assertThat(limits.perIpBurst()).isEqualTo(100);
			});
	}

	static Stream<Arguments> unworkable() {
		return Stream.of(
				arguments(List.of("emnify.rate-limit.classes.lists.rate=0"), "emnify.rate-limit.classes.lists",
						"must allow more than 0 requests per second"),
				arguments(List.of("emnify.rate-limit.classes.lists.burst=0"), "emnify.rate-limit.classes.lists",
						"must have a burst of at least 1"),
				arguments(List.of("emnify.rate-limit.classes.lists.paths=api/v1/endpoint"),
						"emnify.rate-limit.classes.lists", "has a path that is not '[METHOD ]/pattern'"),
				arguments(List.of("emnify.rate-limit.classes.mine.rate=1"), "emnify.rate-limit.classes.mine",
						"is a class of your own and needs paths, rate and burst; missing: paths, burst"),
				arguments(
						List.of("emnify.rate-limit.classes.mine.paths=GET /api/v1/endpoint/{eid}",
								"emnify.rate-limit.classes.mine.rate=1", "emnify.rate-limit.classes.mine.burst=1"),
						"emnify.rate-limit.classes", "'endpoint' and 'mine' both name the path"),
				arguments(List.of("emnify.rate-limit.per-ip.burst=1900"), "emnify.rate-limit.per-ip.burst",
						"fewer than the requests per window less the twentieth kept for logins (1900 of 2000)"),
				arguments(List.of("emnify.rate-limit.max-wait=0s"), "emnify.rate-limit.max-wait", "must be positive"),
				arguments(List.of("emnify.rate-limit.max-resends=-1"), "emnify.rate-limit.max-resends",
						"must not be negative"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("unworkable")
	void aValueThatCannotWorkStopsTheStartNamingTheProperty(List<String> properties, String property, String reason) {
		this.contextRunner.withPropertyValues(properties.toArray(String[]::new)).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("Property " + property + " with value")
				.hasMessageContaining(reason)
				.hasMessageContaining("Set " + property + " to a value emnify's limits can work with");
		});
	}

	@Test
	void emnifysClientsArePacedAndWaitOutA429() {
		answerLogin();
		tooManyThenOk();
		this.contextRunner.run((context) -> {
			WebClient webClient = context.getBean("emnifyWebClient", WebClient.class);
			assertThat(webClient.get().uri(ENDPOINTS).retrieve().toBodilessEntity().block().getStatusCode().value())
				.isEqualTo(200);
			emnify.verify(2, getRequestedFor(urlPathEqualTo(ENDPOINTS)));
			emnify.resetRequests();
			tooManyThenOk();
			RestClient restClient = context.getBean("emnifyRestClient", RestClient.class);
			assertThat(restClient.get().uri(ENDPOINTS).retrieve().toBodilessEntity().getStatusCode().value())
				.isEqualTo(200);
			emnify.verify(2, getRequestedFor(urlPathEqualTo(ENDPOINTS)));
		});
	}

	@Test
	void withTheLimitsOffA429ReachesTheCaller() {
		answerLogin();
		tooManyThenOk();
		this.contextRunner.withPropertyValues("emnify.rate-limit.enabled=false").run((context) -> {
			WebClient webClient = context.getBean("emnifyWebClient", WebClient.class);
			assertThat(webClient.get()
				.uri(ENDPOINTS)
				.exchangeToMono((response) -> Mono.just(response.statusCode().value()))
				.block()).isEqualTo(429);
			emnify.verify(1, getRequestedFor(urlPathEqualTo(ENDPOINTS)));
		});
	}

	@Test
	void theApplicationsOwnBucketsCountTheRequests() {
		answerLogin();
		emnify.stubFor(get(urlPathEqualTo(ENDPOINTS)).willReturn(okJson("[]")));
		CountingBuckets counting = new CountingBuckets();
		this.contextRunner.withBean("myBuckets", EmnifyRateLimitBuckets.class, () -> counting).run((context) -> {
			assertThat(context).doesNotHaveBean("emnifyRateLimitBuckets");
			context.getBean("emnifyWebClient", WebClient.class)
				.get()
				.uri(ENDPOINTS)
				.retrieve()
				.toBodilessEntity()
				.block();
			context.getBean("emnifyRestClient", RestClient.class).get().uri(ENDPOINTS).retrieve().toBodilessEntity();
			assertThat(counting.taken).containsExactly("lists", "per-ip", "lists", "per-ip");
		});
	}

	@Test
	void aFleetOnLettuceSharesItsBucketsInRedis() throws IOException {
		this.contextRunner
			.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class,
					EmnifyRedisTokenStoreAutoConfiguration.class))
			.withPropertyValues("emnify.token-store.type=redis", "emnify.token-store.encryption-key=" + KEY,
					"spring.data.redis.port=" + closedPort())
			.run((context) -> assertThat(context).hasNotFailed()
				.getBean("emnifyRateLimitBuckets")
				.isInstanceOf(RedisEmnifyRateLimitBuckets.class));
	}

	@Test
	void aFleetWithoutLettuceCountsAloneAndSaysWhy(CapturedOutput output) {
		// A store of the application's own: no Redis connection factory at all.
		this.contextRunner.withBean(EmnifyTokenStore.class, InMemoryEmnifyTokenStore::new)
			.withPropertyValues("emnify.token-store.type=redis", "emnify.token-store.encryption-key=" + KEY)
			.run((context) -> assertThat(context).getBean("emnifyRateLimitBuckets")
				.isInstanceOf(Bucket4jRateLimitBuckets.class));
		assertThat(output).contains("emnify's rate limits are counted by this instance alone: sharing them needs "
				+ "Lettuce's LettuceConnectionFactory");
	}

	@Test
	void waitsAnd429sAreMeteredPerLimitAndTheGaugeSaysWhetherTheBucketsAreShared() {
		new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(MetricsAutoConfiguration.class, EmnifyAuthMetricsAutoConfiguration.class))
			.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
			.withBean(EmnifyRateLimitBuckets.class, () -> new CountingBuckets())
			.run((context) -> {
				EmnifyAuthenticationListener metrics = context.getBean("emnifyAuthenticationMetrics",
						EmnifyAuthenticationListener.class);
				metrics.waitedForPermit("lists", Duration.ofMillis(300), true);
				metrics.waitedForPermit("lists", Duration.ofMillis(100), true);
				metrics.waitedForPermit("per-ip", Duration.ZERO, false);
				metrics.tooManyRequests("lists", true);
				metrics.tooManyRequests("lists", false);
				metrics.tooManyRequests("per-ip", true);
				MeterRegistry meters = context.getBean(MeterRegistry.class);
				assertThat(meters.get("emnify.auth.rate.limit.wait")
					.tag("limit", "lists")
					.tag("outcome", "permitted")
					.timer()
					.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(400);
				assertThat(meters.get("emnify.auth.rate.limit.wait")
					.tag("limit", "per-ip")
					.tag("outcome", "over-bound")
					.timer()
					.count()).isOne();
				assertThat(meters.get("emnify.auth.rate.limit.rejections")
					.tag("limit", "lists")
					.tag("outcome", "resent")
					.counter()
					.count()).isOne();
				assertThat(meters.get("emnify.auth.rate.limit.rejections")
					.tag("limit", "lists")
					.tag("outcome", "passed-on")
					.counter()
					.count()).isOne();
				assertThat(meters.get("emnify.auth.rate.limit.rejections").tag("limit", "per-ip").counter().count())
					.isOne();
				assertThat(meters.get("emnify.auth.rate.limit.shared").gauge().value()).isOne();
			});
	}

	private static void answerLogin() {
		emnify.stubFor(post("/api/v1/authenticate")
			.willReturn(okJson("{\"auth_token\":\"" + JWTS.token(Instant.now(), Duration.ofHours(4)) + "\"}")));
	}

	private static void tooManyThenOk() {
		emnify.stubFor(get(urlPathEqualTo(ENDPOINTS)).inScenario("429")
			.whenScenarioStateIs(STARTED)
			.willReturn(aResponse().withStatus(429)
				.withBody("{\"error_code\":1105,\"error_token\":\"TooManyRequests\",\"message\":\"slow down\"}"))
			.willSetStateTo("ok"));
		emnify.stubFor(get(urlPathEqualTo(ENDPOINTS)).inScenario("429")
			.whenScenarioStateIs("ok")
			.willReturn(okJson("[]"))
			.willSetStateTo(STARTED));
	}

	private static int closedPort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	/**
	 * Buckets of the application's own that give every permit at once and say which
	 * limits were asked; shared, as a fleet's would be.
	 */
	static final class CountingBuckets implements EmnifyRateLimitBuckets {

		final List<String> taken = new CopyOnWriteArrayList<>();

		@Override
		public Mono<Boolean> take(String key, Limit limit, Duration maxWait) {
			this.taken.add(limit.name());
			return Mono.just(true);
		}

		@Override
		public Mono<Void> giveBack(String key, Limit limit) {
			return Mono.empty();
		}

		@Override
		public Mono<Duration> expectedWait(String key, Limit limit) {
			return Mono.just(Duration.ZERO);
		}

		@Override
		public Mono<Void> drain(String key, Limit limit) {
			return Mono.empty();
		}

		@Override
		public boolean isShared() {
			return true;
		}

	}

}
