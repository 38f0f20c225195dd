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

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.http.codec.autoconfigure.CodecsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

import io.github.iotstarters.emnify.auth.EmnifyAuthenticationException;
import io.github.iotstarters.emnify.auth.EmnifyTokenProvider;
import io.github.iotstarters.emnify.auth.EmnifyTokenStatus;
import io.github.iotstarters.emnify.auth.test.AdjustableClock;
import io.github.iotstarters.emnify.auth.test.JwtCodec;
import io.github.iotstarters.emnify.auth.testsupport.LoopbackWireMock;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Meters and the health indicator, driven by real calls to WireMock. None of them may
 * cause a login.
 */
class EmnifyObservabilityAutoConfigurationTests {

	private static final JwtCodec JWTS = new JwtCodec();

	private static final String AUTHENTICATE = "/api/v1/authenticate";

	@RegisterExtension
	static WireMockExtension emnify = LoopbackWireMock.extension();

	private final String tokenA = JWTS.token(Instant.now(), Duration.ofMinutes(240));

	private final String tokenB = JWTS.token(Instant.now(), Duration.ofMinutes(240));

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(CodecsAutoConfiguration.class, WebClientAutoConfiguration.class,
				MetricsAutoConfiguration.class, EmnifyAuthMetricsAutoConfiguration.class,
				EmnifyWorkspacesAutoConfiguration.class, EmnifyAuthAutoConfiguration.class,
				EmnifyHealthAutoConfiguration.class))
		.withPropertyValues("emnify.base-url=" + emnify.baseUrl(), "emnify.application-token=app-token",
				"emnify.retry.delay=10ms", "emnify.retry.jitter=0ms")
		.withBean(MeterRegistry.class, SimpleMeterRegistry::new);

	@Test
	void everyAuthenticateCallIsTimedWithGrantAndOutcome() {
		emnify.stubFor(post(AUTHENTICATE).inScenario("login")
			.whenScenarioStateIs(STARTED)
			.willReturn(aResponse().withStatus(503))
			.willSetStateTo("up"));
		emnify.stubFor(post(AUTHENTICATE).inScenario("login")
			.whenScenarioStateIs("up")
			.willReturn(okJson("{\"auth_token\":\"" + this.tokenA + "\"}")));
		this.contextRunner.run((context) -> {
			context.getBean(EmnifyTokenProvider.class).getToken().block();
			MeterRegistry meters = context.getBean(MeterRegistry.class);
			assertThat(meters.get("emnify.auth.requests")
				.tag("grant", "application_token")
				.tag("outcome", "error")
				.timer()
				.count()).isOne();
			assertThat(meters.get("emnify.auth.requests")
				.tag("grant", "application_token")
				.tag("outcome", "success")
				.timer()
				.count()).isOne();
		});
	}

	@Test
	void rejectedCallsAreTimedAsRejected() {
		emnify.stubFor(post(AUTHENTICATE).willReturn(aResponse().withStatus(401)));
		this.contextRunner.run((context) -> {
			context.getBean(EmnifyTokenProvider.class).getToken().onErrorResume((ex) -> Mono.empty()).block();
			assertThat(context.getBean(MeterRegistry.class)
				.get("emnify.auth.requests")
				.tag("outcome", "rejected")
				.timer()
				.count()).isOne();
		});
	}

	@Test
	void replaysAfterUnauthorizedAreCounted() {
		emnify.stubFor(post(AUTHENTICATE).inScenario("login")
			.whenScenarioStateIs(STARTED)
			.willReturn(okJson("{\"auth_token\":\"" + this.tokenA + "\"}"))
			.willSetStateTo("second"));
		emnify.stubFor(post(AUTHENTICATE).inScenario("login")
			.whenScenarioStateIs("second")
			.willReturn(okJson("{\"auth_token\":\"" + this.tokenB + "\"}")));
		emnify.stubFor(get("/api/v1/sim").withHeader("Authorization", equalTo("Bearer " + this.tokenA))
			.willReturn(aResponse().withStatus(401)));
		emnify.stubFor(get("/api/v1/sim").withHeader("Authorization", equalTo("Bearer " + this.tokenB))
			.willReturn(okJson("[]")));
		this.contextRunner.run((context) -> {
			context.getBean("emnifyWebClient", WebClient.class)
				.get()
				.uri("/api/v1/sim")
				.retrieve()
				.toBodilessEntity()
				.block();
			assertThat(context.getBean(MeterRegistry.class).get("emnify.auth.replays").counter().count()).isOne();
		});
	}

	@Test
	void remainingLifeGaugeReadsTheTokenHeldWithoutLoggingIn() {
		emnify.stubFor(post(AUTHENTICATE).willReturn(okJson("{\"auth_token\":\"" + this.tokenA + "\"}")));
		this.contextRunner.run((context) -> {
			MeterRegistry meters = context.getBean(MeterRegistry.class);
			assertThat(meters.get("emnify.auth.token.remaining").gauge().value()).isNaN();
			assertThat(meters.get("emnify.auth.token.store.shared").gauge().value()).isZero();
			emnify.verify(0, anyRequestedFor(anyUrl()));
			context.getBean(EmnifyTokenProvider.class).getToken().block();
			// 240 minutes less the second a truncated iat may hide
			assertThat(meters.get("emnify.auth.token.remaining").gauge().value()).isCloseTo(14399, within(5.0));
		});
	}

	// The clock the application names emnifyClock, which the test moves instead of
	// waiting; an application's other Clock is not emnify's.
	@Test
	void remainingLifeGaugeAndHealthReadTheEmnifyClockOnly() {
		emnify.stubFor(post(AUTHENTICATE).willReturn(okJson("{\"auth_token\":\"" + this.tokenA + "\"}")));
		AdjustableClock emnifyClock = new AdjustableClock(Instant.now());
		AdjustableClock otherClock = new AdjustableClock(Instant.now());
		this.contextRunner.withBean("emnifyClock", Clock.class, () -> emnifyClock)
			.withBean("clock", Clock.class, () -> otherClock)
			.run((context) -> {
				context.getBean(EmnifyTokenProvider.class).getToken().block();
				Gauge remaining = context.getBean(MeterRegistry.class).get("emnify.auth.token.remaining").gauge();
				ReactiveHealthIndicator health = context.getBean("emnifyHealthIndicator",
						ReactiveHealthIndicator.class);
				otherClock.advance(Duration.ofDays(1));
				assertThat(remaining.value()).isCloseTo(14399, within(5.0));
				assertThat(health.health().block().getStatus()).isEqualTo(Status.UP);
				emnifyClock.advance(Duration.ofHours(1));
				assertThat(remaining.value()).isCloseTo(10799, within(5.0));
				assertThat(health.health().block().getStatus()).isEqualTo(Status.UP);
				emnifyClock.advance(Duration.ofHours(3));
				assertThat(remaining.value()).isZero();
				assertThat(health.health().block().getStatus()).isEqualTo(Status.UNKNOWN);
			});
		emnify.verify(1, anyRequestedFor(anyUrl()));
	}

	@Test
	void noMetersWithoutAMeterRegistry() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(EmnifyAuthMetricsAutoConfiguration.class,
					EmnifyWorkspacesAutoConfiguration.class, EmnifyAuthAutoConfiguration.class))
			.withPropertyValues("emnify.application-token=app-token")
			.run((context) -> assertThat(context).doesNotHaveBean("emnifyAuthenticationMetrics")
				.hasSingleBean(EmnifyTokenProvider.class));
	}

	@Test
	void healthIsUnknownBeforeFirstUseUpWithATokenAndNeverLogsIn() {
		emnify.stubFor(post(AUTHENTICATE).willReturn(okJson("{\"auth_token\":\"" + this.tokenA + "\"}")));
		this.contextRunner.run((context) -> {
			ReactiveHealthIndicator health = context.getBean("emnifyHealthIndicator", ReactiveHealthIndicator.class);
			for (int i = 0; i < 20; i++) {
				assertThat(health.health().block().getStatus()).isEqualTo(Status.UNKNOWN);
			}
			emnify.verify(0, anyRequestedFor(anyUrl()));
			context.getBean(EmnifyTokenProvider.class).getToken().block();
			Health up = health.health().block();
			assertThat(up.getStatus()).isEqualTo(Status.UP);
			assertThat(up.getDetails()).containsKey("tokenExpiresAt").doesNotContainValue(this.tokenA);
			assertThat(up.getDetails()).containsEntry("tokenStore", Map.of("type", "memory", "shared", false));
		});
		emnify.verify(1, anyRequestedFor(anyUrl()));
	}

	@Test
	void healthNamesTheMfaMethodOfAUserLoginAndNoSecret() {
		this.contextRunner
			.withPropertyValues("emnify.application-token=", "emnify.username=user@service.org",
					"emnify.password=my_password", "emnify.mfa.totp-secret=JBSWY3DPEHPK3PXPJBSWY3DP",
					"emnify.mfa.trusted-device.fingerprint=device-fingerprint")
			.run((context) -> {
				Health health = context.getBean("emnifyHealthIndicator", ReactiveHealthIndicator.class)
					.health()
					.block();
				assertThat(health.getDetails()).containsEntry("mfa", Map.of("trustedDevice", true, "codes", "totp"));
				assertThat(health.getDetails().toString()).doesNotContain("JBSWY3DP")
					.doesNotContain("device-fingerprint")
					.doesNotContain("my_password");
			});
		this.contextRunner
			.withPropertyValues("emnify.application-token=", "emnify.username=user@service.org",
					"emnify.password=my_password", "emnify.mfa.email.host=127.0.0.1", "emnify.mfa.email.protocol=imap",
					"emnify.mfa.email.username=mfa@service.org", "emnify.mfa.email.password=mailbox-secret")
			.run((context) -> {
				Health health = context.getBean("emnifyHealthIndicator", ReactiveHealthIndicator.class)
					.health()
					.block();
				assertThat(health.getDetails()).containsEntry("mfa", Map.of("trustedDevice", false, "codes", "email"));
				assertThat(health.getDetails().toString()).doesNotContain("mailbox-secret");
			});
		this.contextRunner.run((context) -> assertThat(
				context.getBean("emnifyHealthIndicator", ReactiveHealthIndicator.class).health().block().getDetails())
			.doesNotContainKey("mfa"));
	}

	@Test
	void healthIsDownWithEmnifysErrorDuringTheRejectionCooldown() {
		emnify.stubFor(post(AUTHENTICATE).willReturn(aResponse().withStatus(401)
			.withBody("{\"error_code\":1101,\"error_token\":\"InvalidCredentials\",\"message\":\"Invalid\"}")));
		this.contextRunner.run((context) -> {
			context.getBean(EmnifyTokenProvider.class).getToken().onErrorResume((ex) -> Mono.empty()).block();
			ReactiveHealthIndicator health = context.getBean("emnifyHealthIndicator", ReactiveHealthIndicator.class);
			for (int i = 0; i < 20; i++) {
				Health down = health.health().block();
				assertThat(down.getStatus()).isEqualTo(Status.DOWN);
				assertThat(down.getDetails()).containsEntry("status", 401)
					.containsEntry("errorToken", "InvalidCredentials")
					.containsKeys("error", "noLoginBefore");
				assertThat(down.getDetails().toString()).doesNotContain("app-token");
			}
		});
		emnify.verify(1, anyRequestedFor(anyUrl()));
	}

	// A rejection, then a password step that emnify answered with a server error and may
	// have counted: logins stop, and health says so although the last failure is no
	// rejection.
	@Test
	void healthIsDownOnceLoginsStopAfterAStepEmnifyMayHaveCountedUnseen() {
		emnify.stubFor(post(AUTHENTICATE).inScenario("logins")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withStatus(401))
			.willSetStateTo("failing"));
		emnify.stubFor(post(AUTHENTICATE).inScenario("logins")
			.whenScenarioStateIs("failing")
			.willReturn(aResponse().withStatus(500)));
		this.contextRunner
			.withPropertyValues("emnify.application-token=", "emnify.username=user@service.org",
					"emnify.password=my_password", "emnify.rejected-credentials-cooldown=0s")
			.run((context) -> {
				EmnifyTokenProvider provider = context.getBean(EmnifyTokenProvider.class);
				for (int i = 0; i < 2; i++) {
					provider.getToken().onErrorResume((ex) -> Mono.empty()).block();
				}
				assertThat(provider.status().failure().isRejected()).isFalse();
				assertThat(provider.status().failure().getRejectedLoginsInARow()).isEqualTo(2);
				Health health = context.getBean("emnifyHealthIndicator", ReactiveHealthIndicator.class)
					.health()
					.block();
				assertThat(health.getStatus()).isEqualTo(Status.DOWN);
				assertThat(health.getDetails()).containsEntry("status", 500).doesNotContainKey("noLoginBefore");
			});
		emnify.verify(2, anyRequestedFor(anyUrl()));
	}

	@Test
	void healthShowsTheFailureOfATokenProviderOfTheApplicationsOwnThatGivesNoEnd() {
		emnify.stubFor(post(AUTHENTICATE).willReturn(aResponse().withStatus(401)));
		this.contextRunner.run((context) -> {
			EmnifyTokenProvider provider = context.getBean(EmnifyTokenProvider.class);
			provider.getToken().onErrorResume((ex) -> Mono.empty()).block();
			EmnifyAuthenticationException failure = provider.status().failure();
			// As a provider of the application's own may report it: a failure, no end.
			EmnifyTokenProvider own = new EmnifyTokenProvider() {

				@Override
				public Mono<String> getToken() {
					return Mono.error(failure);
				}

				@Override
				public boolean invalidate(String token) {
					return false;
				}

				@Override
				public EmnifyTokenStatus status() {
					return new EmnifyTokenStatus(null, failure, null);
				}

			};
			Health health = new EmnifyHealthIndicator(own, null, Clock.systemUTC(), null).health().block();
			assertThat(health.getStatus()).isEqualTo(Status.DOWN);
			assertThat(health.getDetails()).containsEntry("error", failure.getMessage())
				.containsEntry("status", 401)
				.doesNotContainKey("noLoginBefore");
		});
	}

	@Test
	void healthIndicatorBacksOffWithoutBootHealth() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(ReactiveHealthIndicator.class))
			.run((context) -> assertThat(context).doesNotHaveBean("emnifyHealthIndicator"));
		this.contextRunner.withPropertyValues("management.health.emnify.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean("emnifyHealthIndicator"));
	}

}
