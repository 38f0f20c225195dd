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

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.http.codec.autoconfigure.CodecsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import reactor.core.publisher.Mono;

import io.github.iotstarters.emnify.auth.EmnifySession;
import io.github.iotstarters.emnify.auth.EmnifyToken;
import io.github.iotstarters.emnify.auth.EmnifyTokenProvider;
import io.github.iotstarters.emnify.auth.EmnifyTokenStore;
import io.github.iotstarters.emnify.auth.InMemoryEmnifyTokenStore;
import io.github.iotstarters.emnify.auth.redis.RedisEmnifyTokenStore;
import io.github.iotstarters.emnify.auth.test.AdjustableClock;
import io.github.iotstarters.emnify.auth.test.JwtCodec;
import io.github.iotstarters.emnify.auth.testsupport.LoopbackWireMock;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which token store the auto-configuration registers, how it reports a Redis it cannot
 * reach, and how wrong store properties fail the start. The Redis store against a real
 * server is tested by the fleet tests of the resilience suite.
 */
@ExtendWith(OutputCaptureExtension.class)
class EmnifyTokenStoreAutoConfigurationTests {

	private static final JwtCodec JWTS = new JwtCodec();

	private static final String AUTHENTICATE = "/api/v1/authenticate";

	private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);

	@RegisterExtension
	static WireMockExtension emnify = LoopbackWireMock.extension();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(CodecsAutoConfiguration.class, WebClientAutoConfiguration.class,
				DataRedisAutoConfiguration.class, EmnifyRedisTokenStoreAutoConfiguration.class,
				EmnifyWorkspacesAutoConfiguration.class, EmnifyAuthAutoConfiguration.class))
		.withPropertyValues("emnify.base-url=" + emnify.baseUrl(), "emnify.application-token=app-token");

	@Test
	void theSessionIsKeptInMemoryByDefault() {
		this.contextRunner.run((context) -> assertThat(context).hasSingleBean(EmnifyTokenStore.class)
			.getBean("emnifyTokenStore")
			.isInstanceOf(InMemoryEmnifyTokenStore.class));
	}

	@Test
	void theRedisStoreIsRegisteredForTypeRedisWithoutConnectingAtStartUp() {
		this.contextRunner
			.withPropertyValues("emnify.token-store.type=redis", "emnify.token-store.encryption-key=" + KEY,
					"spring.data.redis.port=" + closedPort())
			.run((context) -> {
				assertThat(context).hasNotFailed()
					.getBean("emnifyTokenStore")
					.isInstanceOf(RedisEmnifyTokenStore.class);
				assertThat(context.getBean(EmnifyTokenStore.class).status().shared()).isTrue();
			});
	}

	// Entry expiry on the same clock as the token provider's, which tests move.
	@Test
	void theRedisStoreMeasuresTimeWithTheEmnifyClock() {
		AdjustableClock clock = new AdjustableClock(Instant.now());
		this.contextRunner
			.withPropertyValues("emnify.token-store.type=redis", "emnify.token-store.encryption-key=" + KEY,
					"spring.data.redis.port=" + closedPort())
			.withBean("emnifyClock", Clock.class, () -> clock)
			.run((context) -> {
				RedisEmnifyTokenStore store = context.getBean(RedisEmnifyTokenStore.class);
				clock.advance(Duration.ofDays(3));
				assertThat(store.load("http://127.0.0.1:8089/0123abcd").onErrorComplete().block()).isNull();
				// The outage began on the emnify clock, three days ahead of the system's.
				assertThat(store.status().unavailableSince()).isEqualTo(clock.instant());
			});
	}

	// What the Redis store needs is asked for only when the starter builds it.
	@Test
	void aTokenStoreOfTheUsersOwnNeedsNoEncryptionKey() {
		this.contextRunner.withPropertyValues("emnify.token-store.type=redis")
			.withBean(EmnifyTokenStore.class, RecordingTokenStore::new)
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void aTokenStoreOfTheUsersOwnIsUsedUnderASessionKeyWithoutSecrets() {
		String token = JWTS.token(Instant.now(), Duration.ofMinutes(240));
		emnify.stubFor(post(AUTHENTICATE).willReturn(okJson("{\"auth_token\":\"" + token + "\"}")));
		RecordingTokenStore store = new RecordingTokenStore();
		this.contextRunner.withBean(EmnifyTokenStore.class, () -> store).run((context) -> {
			assertThat(context).getBean(EmnifyTokenStore.class).isSameAs(store);
			assertThat(context.getBean(EmnifyTokenProvider.class).getToken().block()).isEqualTo(token);
		});
		assertThat(store.sessionKeys).hasSize(1)
			.allSatisfy((key) -> assertThat(key).startsWith(emnify.baseUrl() + "/")
				.matches(".*/[0-9a-f]{64}")
				.doesNotContain("app-token"));
	}

	@Test
	void aRedisThatDoesNotAnswerFallsBackToTheLocalSessionWithOneWarningShownInHealthAndMetrics(CapturedOutput output) {
		String token = JWTS.token(Instant.now(), Duration.ofSeconds(4));
		emnify.stubFor(post(AUTHENTICATE).willReturn(okJson("{\"auth_token\":\"" + token + "\"}")));
		this.contextRunner
			.withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
					EmnifyAuthMetricsAutoConfiguration.class, EmnifyHealthAutoConfiguration.class))
			.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
			.withPropertyValues("emnify.token-store.type=redis", "emnify.token-store.encryption-key=" + KEY,
					"emnify.token-store.timeout=200ms", "emnify.token-store.retry-interval=1m",
					"spring.data.redis.port=" + closedPort())
			.run((context) -> {
				MeterRegistry meters = context.getBean(MeterRegistry.class);
				assertThat(meters.get("emnify.auth.token.store.shared").gauge().value()).isEqualTo(1);
				EmnifyTokenProvider tokenProvider = context.getBean(EmnifyTokenProvider.class);
				assertThat(tokenProvider.getToken().block()).isEqualTo(token);
				assertThat(tokenProvider.invalidate(token)).isTrue();
				assertThat(tokenProvider.getToken().block()).isEqualTo(token);
				assertThat(meters.get("emnify.auth.token.store.shared").gauge().value()).isZero();
				Health health = context.getBean("emnifyHealthIndicator", ReactiveHealthIndicator.class)
					.health()
					.block();
				assertThat(health.getStatus()).isEqualTo(Status.UP);
				@SuppressWarnings("unchecked")
				Map<String, Object> store = (Map<String, Object>) health.getDetails().get("tokenStore");
				assertThat(store).containsEntry("type", "redis")
					.containsEntry("shared", false)
					.containsKeys("unavailableSince", "error");
			});
		emnify.verify(2, postRequestedFor(urlEqualTo(AUTHENTICATE)));
		assertThat(output.getAll().split("The emnify token store cannot use Redis", -1)).hasSize(2);
		assertThat(output).doesNotContain(token).doesNotContain(KEY);
	}

	@Test
	void typeRedisWithoutSpringDataRedisFailsTheStartWithWhatToAdd() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(ReactiveRedisConnectionFactory.class))
			.withPropertyValues("emnify.token-store.type=redis", "emnify.token-store.encryption-key=" + KEY)
			.run((context) -> {
				FailureAnalysis analysis = analysis(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("no ReactiveRedisConnectionFactory");
				assertThat(analysis.getAction()).contains("spring-boot-starter-data-redis-reactive");
			});
	}

	private static FailureAnalysis analysis(Throwable failure) {
		assertThat(failure).isNotNull();
		FailureAnalysis analysis = new InvalidEmnifyPropertiesFailureAnalyzer().analyze(failure);
		assertThat(analysis).isNotNull();
		return analysis;
	}

	private static int closedPort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * An in-memory store that records the session keys it saves under.
	 */
	static final class RecordingTokenStore implements EmnifyTokenStore {

		private final EmnifyTokenStore delegate = new InMemoryEmnifyTokenStore();

		private final List<String> sessionKeys = new ArrayList<>();

		@Override
		public Mono<EmnifySession> load(String sessionKey) {
			return this.delegate.load(sessionKey);
		}

		@Override
		public Mono<EmnifyToken> takeRefreshToken(String sessionKey) {
			return this.delegate.takeRefreshToken(sessionKey);
		}

		@Override
		public Mono<Boolean> save(String sessionKey, Lease lease, EmnifySession session) {
			this.sessionKeys.add(sessionKey);
			return this.delegate.save(sessionKey, lease, session);
		}

		@Override
		public Mono<Void> discard(String sessionKey, String authToken) {
			return this.delegate.discard(sessionKey, authToken);
		}

	}

}
