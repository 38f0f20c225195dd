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
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.github.tomakehurst.wiremock.client.ScenarioMappingBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.http.codec.autoconfigure.CodecsAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.WebClientCustomizer;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.util.unit.DataSize;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

import io.github.iotstarters.emnify.auth.EmnifyAuthenticationException;
import io.github.iotstarters.emnify.auth.EmnifyTokenProvider;
import io.github.iotstarters.emnify.auth.mfa.EmnifyMfaCodeSource;
import io.github.iotstarters.emnify.auth.test.AdjustableClock;
import io.github.iotstarters.emnify.auth.test.JwtCodec;
import io.github.iotstarters.emnify.auth.testsupport.LoopbackWireMock;
import io.github.iotstarters.emnify.auth.web.EmnifyAuthenticationFilter;
import io.github.iotstarters.emnify.auth.web.EmnifyWorkspaces;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class EmnifyAuthAutoConfigurationTests {

	private static final JwtCodec JWTS = new JwtCodec();

	private static final String AUTHENTICATE = "/api/v1/authenticate";

	private static final String ENDPOINTS = "/api/v1/endpoint";

	@RegisterExtension
	static WireMockExtension emnify = LoopbackWireMock.extension();

	private final String authToken = JWTS.token(Instant.now(), Duration.ofMinutes(240));

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(CodecsAutoConfiguration.class, WebClientAutoConfiguration.class,
				EmnifyWorkspacesAutoConfiguration.class, EmnifyAuthAutoConfiguration.class));

	private ApplicationContextRunner againstWireMock() {
		return this.contextRunner.withPropertyValues("emnify.base-url=" + emnify.baseUrl(),
				"emnify.application-token=app-token");
	}

	@Test
	void registersTokenProviderFilterAndWebClientUnderTheirNames() {
		againstWireMock().run((context) -> {
			assertThat(context).hasSingleBean(EmnifyTokenProvider.class);
			assertThat(context).hasBean("emnifyAuthenticationFilter");
			assertThat(context.getBean("emnifyAuthenticationFilter")).isInstanceOf(EmnifyAuthenticationFilter.class);
			assertThat(context).hasBean("emnifyWebClient");
			assertThat(context.getBean("emnifyWebClient")).isInstanceOf(WebClient.class);
		});
	}

	@Test
	void startsWithoutLoggingInEvenWhenEmnifyIsUnreachable() throws IOException {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0)) {
			closedPort = socket.getLocalPort();
		}
		this.contextRunner
			.withPropertyValues("emnify.base-url=http://127.0.0.1:" + closedPort, "emnify.application-token=app-token",
					"emnify.retry.max-retries=0")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				WebClient webClient = context.getBean("emnifyWebClient", WebClient.class);
				assertThat(webClient.get()
					.uri(ENDPOINTS)
					.retrieve()
					.toBodilessEntity()
					.map(Object.class::cast)
					.onErrorResume(Mono::just)
					.block()).isInstanceOf(EmnifyAuthenticationException.class);
			});
		againstWireMock().run((context) -> assertThat(context).hasNotFailed());
		emnify.verify(0, anyRequestedFor(anyUrl()));
	}

	@Test
	void emnifyWebClientIsBuiltFromBootsBuilderAndAuthenticatesAgainstTheBaseUrl() {
		emnify.stubFor(post(AUTHENTICATE).willReturn(okJson("{\"auth_token\":\"" + this.authToken + "\"}")));
		emnify.stubFor(get(ENDPOINTS).willReturn(okJson("[{\"id\":1,\"name\":\"sensor\"}]")));
		againstWireMock().withUserConfiguration(CustomizerConfiguration.class).run((context) -> {
			WebClient webClient = context.getBean("emnifyWebClient", WebClient.class);
			String body = webClient.get().uri(ENDPOINTS).retrieve().bodyToMono(String.class).block();
			assertThat(body).isEqualTo("[{\"id\":1,\"name\":\"sensor\"}]");
		});
		emnify.verify(1,
				getRequestedFor(urlEqualTo(ENDPOINTS)).withHeader("Authorization", equalTo("Bearer " + this.authToken))
					.withHeader("X-Customized", equalTo("by-boot-builder")));
		// The login goes through a client of its own, without the application's filters
		// and default headers.
		emnify.verify(1,
				postRequestedFor(urlEqualTo(AUTHENTICATE))
					.withRequestBody(equalToJson("{\"application_token\":\"app-token\"}"))
					.withHeader("X-Customized", absent())
					.withHeader("Authorization", absent()));
	}

	@Test
	void aFilterThatACustomizerAddsSeesTheApiCallsAndNeverALogin() {
		emnify.stubFor(post(AUTHENTICATE).willReturn(okJson("{\"auth_token\":\"" + this.authToken + "\"}")));
		emnify.stubFor(get(ENDPOINTS).willReturn(okJson("[]")));
		againstWireMock().withUserConfiguration(RecordingFilterConfiguration.class).run((context) -> {
			WebClient webClient = context.getBean("emnifyWebClient", WebClient.class);
			webClient.get().uri(ENDPOINTS).retrieve().toBodilessEntity().block();
			assertThat(context.getBean(RecordingFilterConfiguration.class).seen).containsExactly("GET " + ENDPOINTS);
		});
		emnify.verify(1, postRequestedFor(urlEqualTo(AUTHENTICATE)));
	}

	@Test
	void userCredentialsAreSentWithTheSha1OfThePassword() {
		emnify.stubFor(post(AUTHENTICATE).willReturn(okJson("{\"auth_token\":\"" + this.authToken + "\"}")));
		this.contextRunner
			.withPropertyValues("emnify.base-url=" + emnify.baseUrl(), "emnify.username=user@service.org",
					"emnify.password=my_password")
			.run((context) -> context.getBean(EmnifyTokenProvider.class).getToken().block());
		this.contextRunner
			.withPropertyValues("emnify.base-url=" + emnify.baseUrl(), "emnify.username=user@service.org",
					"emnify.password-sha1=5EB942810A75EBC850972A89285D570D484C89C4")
			.run((context) -> context.getBean(EmnifyTokenProvider.class).getToken().block());
		emnify.verify(2, postRequestedFor(urlEqualTo(AUTHENTICATE)).withRequestBody(equalToJson(
				"{\"username\":\"user@service.org\",\"password\":\"5eb942810a75ebc850972a89285d570d484c89c4\"}")));
	}

	@Test
	void retryPropertiesBoundTheRetries() {
		emnify.stubFor(post(AUTHENTICATE).willReturn(aResponse().withStatus(503)));
		againstWireMock()
			.withPropertyValues("emnify.retry.max-retries=1", "emnify.retry.delay=10ms", "emnify.retry.jitter=0ms")
			.run((context) -> assertThat(context.getBean(EmnifyTokenProvider.class)
				.getToken()
				.map(Object.class::cast)
				.onErrorResume(Mono::just)
				.block()).isInstanceOf(EmnifyAuthenticationException.class));
		emnify.verify(2, postRequestedFor(urlEqualTo(AUTHENTICATE)));
	}

	@Test
	void requestTimeoutPropertyBoundsEachCall() {
		emnify.stubFor(post(AUTHENTICATE)
			.willReturn(okJson("{\"auth_token\":\"" + this.authToken + "\"}").withFixedDelay(2000)));
		againstWireMock().withPropertyValues("emnify.retry.max-retries=0", "emnify.token.request-timeout=150ms")
			.run((context) -> assertThat(context.getBean(EmnifyTokenProvider.class)
				.getToken()
				.map(Object.class::cast)
				.onErrorResume(Mono::just)
				.block()).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.THROWABLE)
				.hasMessageStartingWith("emnify did not answer within PT0.15S"));
	}

	@Test
	void rejectedCredentialsCooldownPropertyIsHonoured() {
		emnify.stubFor(post(AUTHENTICATE).willReturn(aResponse().withStatus(401)));
		againstWireMock().run((context) -> {
			EmnifyTokenProvider provider = context.getBean(EmnifyTokenProvider.class);
			for (int i = 0; i < 3; i++) {
				provider.getToken().onErrorResume((ex) -> Mono.empty()).block();
			}
		});
		emnify.verify(1, postRequestedFor(urlEqualTo(AUTHENTICATE)));
		againstWireMock().withPropertyValues("emnify.rejected-credentials-cooldown=0s").run((context) -> {
			EmnifyTokenProvider provider = context.getBean(EmnifyTokenProvider.class);
			for (int i = 0; i < 3; i++) {
				provider.getToken().onErrorResume((ex) -> Mono.empty()).block();
			}
		});
		emnify.verify(4, postRequestedFor(urlEqualTo(AUTHENTICATE)));
	}

	// The token has no exp, so it lives for the default lifetime on the clock the
	// application names emnifyClock, which the test moves instead of waiting.
	@Test
	void defaultLifetimeAndMarginPropertiesGovernRenewalOnTheEmnifyClock() {
		emnify.stubFor(post(AUTHENTICATE).willReturn(okJson("{\"auth_token\":\"opaque\"}")));
		AdjustableClock clock = new AdjustableClock(Instant.now());
		againstWireMock()
			.withPropertyValues("emnify.token.default-auth-token-lifetime=10m", "emnify.token.refresh-margin=2m",
					"emnify.token.expiry-margin=1m")
			.withBean("emnifyClock", Clock.class, () -> clock)
			.run((context) -> {
				EmnifyTokenProvider provider = context.getBean(EmnifyTokenProvider.class);
				assertThat(provider.getToken().block()).isEqualTo("opaque");
				clock.advance(Duration.ofMinutes(7).plusSeconds(59));
				assertThat(provider.getToken().block()).isEqualTo("opaque");
				emnify.verify(1, postRequestedFor(urlEqualTo(AUTHENTICATE)));
				// Within the refresh margin: the token held is served, and renewed
				// behind.
				clock.advance(Duration.ofSeconds(2));
				assertThat(provider.getToken().block()).isEqualTo("opaque");
				await().untilAsserted(() -> emnify.verify(2, postRequestedFor(urlEqualTo(AUTHENTICATE))));
				// Within the expiry margin of the renewed token: callers wait for a new
				// one.
				clock.advance(Duration.ofMinutes(9));
				assertThat(provider.getToken().block()).isEqualTo("opaque");
				emnify.verify(3, postRequestedFor(urlEqualTo(AUTHENTICATE)));
			});
	}

	// An application's Clock for its own purposes is not emnify's: moving it a day on
	// leaves the token fresh.
	@Test
	void aClockBeanOfTheApplicationsUnderAnotherNameIsNotUsed() {
		emnify.stubFor(post(AUTHENTICATE).willReturn(okJson("{\"auth_token\":\"opaque\"}")));
		AdjustableClock clock = new AdjustableClock(Instant.now());
		againstWireMock().withBean("clock", Clock.class, () -> clock).run((context) -> {
			EmnifyTokenProvider provider = context.getBean(EmnifyTokenProvider.class);
			provider.getToken().block();
			clock.advance(Duration.ofDays(1));
			provider.getToken().block();
		});
		emnify.verify(1, postRequestedFor(urlEqualTo(AUTHENTICATE)));
	}

	@Test
	void userCredentialsAlsoGiveWorkspacesSharingTheTokenProvidersSession() {
		this.contextRunner
			.withPropertyValues("emnify.base-url=" + emnify.baseUrl(), "emnify.username=user@service.org",
					"emnify.password=my_password")
			.run((context) -> {
				EmnifyWorkspaces workspaces = context.getBean(EmnifyWorkspaces.class);
				assertThat(context.getBean(EmnifyTokenProvider.class)).isSameAs(workspaces.userTokenProvider());
			});
		againstWireMock().run((context) -> assertThat(context).doesNotHaveBean(EmnifyWorkspaces.class));
	}

	@Test
	void workspacesComeFirstWhateverOrderTheAutoConfigurationsAreListedIn() {
		new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(EmnifyAuthAutoConfiguration.class, EmnifyWorkspacesAutoConfiguration.class,
							WebClientAutoConfiguration.class, CodecsAutoConfiguration.class))
			.withPropertyValues("emnify.base-url=" + emnify.baseUrl(), "emnify.username=user@service.org",
					"emnify.password=my_password")
			.run((context) -> assertThat(context.getBean(EmnifyTokenProvider.class))
				.isSameAs(context.getBean(EmnifyWorkspaces.class).userTokenProvider()));
	}

	@Test
	void ownTokenProviderNextToUserPropertiesMakesNoSecondUserSession() {
		this.contextRunner
			.withPropertyValues("emnify.base-url=" + emnify.baseUrl(), "emnify.username=user@service.org",
					"emnify.password=my_password", "emnify.workspace-id=42")
			.withBean(EmnifyTokenProvider.class, FixedTokenProvider::new)
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(EmnifyWorkspaces.class));
		this.contextRunner.withPropertyValues("emnify.base-url=" + emnify.baseUrl(), "emnify.username=half-configured")
			.withBean(EmnifyTokenProvider.class, FixedTokenProvider::new)
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void workspaceIdMakesEmnifyWebClientWorkInThatWorkspace() {
		String workspaceToken = JWTS.token(Instant.now(), Duration.ofMinutes(240));
		emnify.stubFor(post(AUTHENTICATE).willReturn(okJson("{\"auth_token\":\"" + this.authToken + "\"}")));
		emnify
			.stubFor(post(AUTHENTICATE + "/workspace").withHeader("Authorization", equalTo("Bearer " + this.authToken))
				.withRequestBody(equalToJson("{\"target_organisation\":{\"id\":42}}"))
				.willReturn(okJson("{\"auth_token\":\"" + workspaceToken + "\"}")));
		emnify.stubFor(get(ENDPOINTS).willReturn(okJson("[]")));
		this.contextRunner
			.withPropertyValues("emnify.base-url=" + emnify.baseUrl(), "emnify.username=user@service.org",
					"emnify.password=my_password", "emnify.workspace-id=42")
			.run((context) -> context.getBean("emnifyWebClient", WebClient.class)
				.get()
				.uri(ENDPOINTS)
				.retrieve()
				.toBodilessEntity()
				.block());
		emnify.verify(1, getRequestedFor(urlEqualTo(ENDPOINTS)).withHeader("Authorization",
				equalTo("Bearer " + workspaceToken)));
	}

	@Test
	void replayMaxBodySizeBoundsTheReplaysOfEmnifyWebClientAndOfTheWorkspaceClients() {
		String workspaceToken = JWTS.token(Instant.now(), Duration.ofMinutes(240));
		// Each renewal gives a token of its own, with which a replay would go out.
		answerInTurn(AUTHENTICATE, this.authToken, JWTS.token(Instant.now(), Duration.ofMinutes(240)));
		answerInTurn(AUTHENTICATE + "/workspace", workspaceToken, JWTS.token(Instant.now(), Duration.ofMinutes(240)));
		emnify.stubFor(post(ENDPOINTS).willReturn(aResponse().withStatus(401)));
		againstWireMock().withPropertyValues("emnify.replay.max-body-size=4B")
			.run((context) -> assertThat(unauthorizedPost(context.getBean("emnifyWebClient", WebClient.class)))
				.isEqualTo(HttpStatus.UNAUTHORIZED));
		emnify.verify(1, postRequestedFor(urlEqualTo(ENDPOINTS)).withHeader("Authorization",
				equalTo("Bearer " + this.authToken)));
		this.contextRunner
			.withPropertyValues("emnify.base-url=" + emnify.baseUrl(), "emnify.username=user@service.org",
					"emnify.password=my_password", "emnify.replay.max-body-size=4B")
			.run((context) -> assertThat(unauthorizedPost(context.getBean(EmnifyWorkspaces.class).webClient(42)))
				.isEqualTo(HttpStatus.UNAUTHORIZED));
		emnify.verify(1, postRequestedFor(urlEqualTo(ENDPOINTS)).withHeader("Authorization",
				equalTo("Bearer " + workspaceToken)));
		emnify.verify(2, postRequestedFor(urlEqualTo(ENDPOINTS)));
	}

	private static void answerInTurn(String path, String... authTokens) {
		for (int i = 0; i < authTokens.length; i++) {
			ScenarioMappingBuilder answer = post(path).inScenario(path)
				.whenScenarioStateIs((i == 0) ? STARTED : "answer " + i)
				.willReturn(okJson("{\"auth_token\":\"" + authTokens[i] + "\"}"));
			if (i + 1 < authTokens.length) {
				answer.willSetStateTo("answer " + (i + 1));
			}
			emnify.stubFor(answer);
		}
	}

	private static HttpStatusCode unauthorizedPost(WebClient webClient) {
		return webClient.post()
			.uri(ENDPOINTS)
			.bodyValue("{\"name\":\"sensor-1\"}")
			.exchangeToMono((response) -> response.releaseBody().thenReturn(response.statusCode()))
			.block();
	}

	@Test
	void mfaPropertiesCompleteTheLoginAndRegisterTheTrustedDevice() {
		answerLoginsWithMfaDemand();
		this.contextRunner
			.withPropertyValues("emnify.base-url=" + emnify.baseUrl(), "emnify.username=user@service.org",
					"emnify.password=my_password", "emnify.mfa.totp-secret=JBSWY3DPEHPK3PXP",
					"emnify.mfa.trusted-device.fingerprint=device-secret", "emnify.mfa.trusted-device.name=billing")
			.run((context) -> assertThat(context.getBean(EmnifyTokenProvider.class).getToken().block())
				.isEqualTo(this.authToken));
		emnify.verify(1, postRequestedFor(urlEqualTo(AUTHENTICATE))
			.withRequestBody(matchingJsonPath("$.fingerprint", equalTo("device-secret"))));
		emnify.verify(1,
				postRequestedFor(urlEqualTo(AUTHENTICATE))
					.withRequestBody(matchingJsonPath("$.code", matching("[0-9]{6}")))
					.withRequestBody(matchingJsonPath("$.trusted_device.name", equalTo("billing"))));
	}

	@Test
	void mfaCodeSourceBeanIsUsedInsteadOfTheSecret() {
		answerLoginsWithMfaDemand();
		this.contextRunner
			.withPropertyValues("emnify.base-url=" + emnify.baseUrl(), "emnify.username=user@service.org",
					"emnify.password=my_password", "emnify.mfa.totp-secret=JBSWY3DPEHPK3PXP")
			.withBean(EmnifyMfaCodeSource.class, () -> () -> Mono.just("135790"))
			.run((context) -> context.getBean(EmnifyTokenProvider.class).getToken().block());
		emnify.verify(1, postRequestedFor(urlEqualTo(AUTHENTICATE))
			.withRequestBody(matchingJsonPath("$.code", equalTo("135790"))));
	}

	@Test
	void mfaCodeTimeoutBoundsTheWaitForACode() {
		answerLoginsWithMfaDemand();
		this.contextRunner
			.withPropertyValues("emnify.base-url=" + emnify.baseUrl(), "emnify.username=user@service.org",
					"emnify.password=my_password", "emnify.mfa.code-timeout=200ms")
			.withBean(EmnifyMfaCodeSource.class, () -> Mono::never)
			.run((context) -> assertThat(context.getBean(EmnifyTokenProvider.class)
				.getToken()
				.map(Object.class::cast)
				.onErrorResume(Mono::just)
				.block()).isInstanceOf(EmnifyAuthenticationException.class)
				.asString()
				.contains("supplied none within PT0.2S"));
		emnify.verify(0,
				postRequestedFor(urlEqualTo(AUTHENTICATE)).withRequestBody(matchingJsonPath("$.code", matching(".*"))));
	}

	@Test
	void bindsEveryProperty() {
		this.contextRunner
			.withPropertyValues("emnify.application-token=app-token", "emnify.token.refresh-margin=7m",
					"emnify.token.expiry-margin=2m", "emnify.token.default-auth-token-lifetime=3h",
					"emnify.token.default-refresh-token-lifetime=4h", "emnify.token.request-timeout=3s",
					"emnify.retry.max-retries=5", "emnify.retry.delay=1s", "emnify.retry.multiplier=3",
					"emnify.retry.max-delay=20s", "emnify.retry.jitter=50ms", "emnify.rejected-credentials-cooldown=6m",
					"emnify.replay.max-body-size=64KB")
			.run((context) -> {
				EmnifyProperties properties = context.getBean(EmnifyProperties.class);
				assertThat(properties.getBaseUrl()).isEqualTo("https://cdn.emnify.net");
				assertThat(properties.getToken().getRefreshMargin()).isEqualTo(Duration.ofMinutes(7));
				assertThat(properties.getToken().getExpiryMargin()).isEqualTo(Duration.ofMinutes(2));
				assertThat(properties.getToken().getDefaultAuthTokenLifetime()).isEqualTo(Duration.ofHours(3));
				assertThat(properties.getToken().getDefaultRefreshTokenLifetime()).isEqualTo(Duration.ofHours(4));
				assertThat(properties.getToken().getRequestTimeout()).isEqualTo(Duration.ofSeconds(3));
				assertThat(properties.getRetry().getMaxRetries()).isEqualTo(5);
				assertThat(properties.getRetry().getDelay()).isEqualTo(Duration.ofSeconds(1));
				assertThat(properties.getRetry().getMultiplier()).isEqualTo(3.0);
				assertThat(properties.getRetry().getMaxDelay()).isEqualTo(Duration.ofSeconds(20));
				assertThat(properties.getRetry().getJitter()).isEqualTo(Duration.ofMillis(50));
				assertThat(properties.getRejectedCredentialsCooldown()).isEqualTo(Duration.ofMinutes(6));
				assertThat(properties.getReplay().getMaxBodySize()).isEqualTo(DataSize.ofKilobytes(64));
			});
		this.contextRunner
			.withPropertyValues("emnify.username=u", "emnify.password=p", "emnify.workspace-id=42",
					"emnify.mfa.totp-secret=JBSWY3DPEHPK3PXP", "emnify.mfa.trusted-device.fingerprint=fp",
					"emnify.mfa.trusted-device.name=billing")
			.run((context) -> {
				EmnifyProperties properties = context.getBean(EmnifyProperties.class);
				assertThat(properties.getWorkspaceId()).isEqualTo(42L);
				assertThat(properties.getMfa().getTotpSecret()).isEqualTo("JBSWY3DPEHPK3PXP");
				assertThat(properties.getMfa().getTrustedDevice().getFingerprint()).isEqualTo("fp");
				assertThat(properties.getMfa().getTrustedDevice().getName()).isEqualTo("billing");
			});
	}

	@Test
	void propertiesToStringShowsNoSecret() {
		EmnifyProperties properties = new EmnifyProperties();
		properties.setUsername("user@service.org");
		properties.setPassword("my_password");
		properties.setPasswordSha1("5eb942810a75ebc850972a89285d570d484c89c4");
		properties.setApplicationToken("app-token");
		properties.getMfa().setTotpSecret("JBSWY3DPEHPK3PXP");
		properties.getMfa().getTrustedDevice().setFingerprint("device-secret");
		assertThat(properties.toString()).contains("user@service.org")
			.doesNotContain("my_password", "5eb942810a75ebc850972a89285d570d484c89c4", "app-token", "JBSWY3DPEHPK3PXP",
					"device-secret");
	}

	@Test
	void usersOwnBeansWin() {
		againstWireMock().withUserConfiguration(OwnBeansConfiguration.class).run((context) -> {
			assertThat(context.getBean("emnifyWebClient")).isSameAs(OwnBeansConfiguration.WEB_CLIENT);
			assertThat(context.getBean("emnifyAuthenticationFilter")).isSameAs(OwnBeansConfiguration.FILTER);
		});
	}

	@Test
	void filterForAnotherServiceUnderAnotherNameLeavesEmnifysFilterInPlace() {
		emnify.stubFor(post(AUTHENTICATE).willReturn(okJson("{\"auth_token\":\"" + this.authToken + "\"}")));
		emnify.stubFor(get(ENDPOINTS).willReturn(okJson("[]")));
		againstWireMock()
			.withBean("otherServiceFilter", EmnifyAuthenticationFilter.class,
					() -> new EmnifyAuthenticationFilter(new FixedTokenProvider(), URI.create("https://other.example")))
			.run((context) -> {
				assertThat(context).getBeans(EmnifyAuthenticationFilter.class)
					.containsOnlyKeys("otherServiceFilter", "emnifyAuthenticationFilter");
				context.getBean("emnifyWebClient", WebClient.class)
					.get()
					.uri(ENDPOINTS)
					.retrieve()
					.toBodilessEntity()
					.block();
			});
		emnify.verify(1, getRequestedFor(urlEqualTo(ENDPOINTS)).withHeader("Authorization",
				equalTo("Bearer " + this.authToken)));
	}

	@Test
	void worksWithoutBootsWebClientAutoConfiguration() {
		emnify.stubFor(post(AUTHENTICATE).willReturn(okJson("{\"auth_token\":\"" + this.authToken + "\"}")));
		emnify.stubFor(get(ENDPOINTS).willReturn(okJson("[]")));
		new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(EmnifyWorkspacesAutoConfiguration.class, EmnifyAuthAutoConfiguration.class))
			.withPropertyValues("emnify.base-url=" + emnify.baseUrl(), "emnify.application-token=app-token")
			.run((context) -> context.getBean("emnifyWebClient", WebClient.class)
				.get()
				.uri(ENDPOINTS)
				.retrieve()
				.toBodilessEntity()
				.block());
		emnify.verify(1, getRequestedFor(urlEqualTo(ENDPOINTS)).withHeader("Authorization",
				equalTo("Bearer " + this.authToken)));
	}

	@Test
	void aSingletonWebClientBuilderOfTheUsersIsLeftWithoutEmnifysFilter() {
		emnify.stubFor(post(AUTHENTICATE).willReturn(okJson("{\"auth_token\":\"" + this.authToken + "\"}")));
		emnify.stubFor(get(ENDPOINTS).willReturn(okJson("[]")));
		WebClient.Builder shared = WebClient.builder();
		againstWireMock().withBean(WebClient.Builder.class, () -> shared).run((context) -> {
			context.getBean("emnifyWebClient", WebClient.class)
				.get()
				.uri(ENDPOINTS)
				.retrieve()
				.toBodilessEntity()
				.block();
			shared.build().get().uri(emnify.baseUrl() + ENDPOINTS).retrieve().toBodilessEntity().block();
		});
		emnify.verify(1, getRequestedFor(urlEqualTo(ENDPOINTS)).withHeader("Authorization",
				equalTo("Bearer " + this.authToken)));
		emnify.verify(1, getRequestedFor(urlEqualTo(ENDPOINTS)).withoutHeader("Authorization"));
	}

	@Test
	void ownTokenProviderIsUsedByTheFilterAndNeedsNoCredentialProperties() {
		emnify.stubFor(get(ENDPOINTS).willReturn(okJson("[]")));
		this.contextRunner.withPropertyValues("emnify.base-url=" + emnify.baseUrl())
			.withBean(EmnifyTokenProvider.class, FixedTokenProvider::new)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				context.getBean("emnifyWebClient", WebClient.class)
					.get()
					.uri(ENDPOINTS)
					.retrieve()
					.toBodilessEntity()
					.block();
			});
		emnify.verify(1,
				getRequestedFor(urlEqualTo(ENDPOINTS)).withHeader("Authorization", equalTo("Bearer fixed-token")));
	}

	// Values are checked as soon as they are bound, even when the starter never uses
	// them: an application's own token provider needs no credentials, but a value that
	// is set must be one that works.
	@Test
	void ownTokenProviderNextToAnInvalidValueFailsTheStart() {
		this.contextRunner.withPropertyValues("emnify.token.request-timeout=0s")
			.withBean(EmnifyTokenProvider.class, FixedTokenProvider::new)
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.isInstanceOfSatisfying(InvalidConfigurationPropertyValueException.class,
						(ex) -> assertThat(ex.getName()).isEqualTo("emnify.token.request-timeout")));
	}

	@Test
	void backsOffWhenDisabled() {
		this.contextRunner.withPropertyValues("emnify.enabled=false").run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).doesNotHaveBean(EmnifyTokenProvider.class);
			assertThat(context).doesNotHaveBean("emnifyWebClient");
			assertThat(context).doesNotHaveBean("emnifyAuthenticationFilter");
		});
	}

	@Test
	void backsOffWithoutWebClientOnTheClassPath() {
		this.contextRunner.withPropertyValues("emnify.application-token=app-token")
			.withClassLoader(new FilteredClassLoader(WebClient.class))
			.run((context) -> assertThat(context).doesNotHaveBean(EmnifyTokenProvider.class));
	}

	private void answerLoginsWithMfaDemand() {
		emnify.stubFor(post(AUTHENTICATE).withRequestBody(matchingJsonPath("$.username"))
			.willReturn(okJson("{\"mfa_token\":\"mfa-1\"}")));
		emnify.stubFor(post(AUTHENTICATE).withRequestBody(matchingJsonPath("$.mfa_token"))
			.willReturn(okJson("{\"auth_token\":\"" + this.authToken + "\"}")));
	}

	@Configuration(proxyBeanMethods = false)
	static class CustomizerConfiguration {

		@Bean
		WebClientCustomizer customHeader() {
			return (builder) -> builder.defaultHeader("X-Customized", "by-boot-builder");
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class RecordingFilterConfiguration {

		final List<String> seen = new CopyOnWriteArrayList<>();

		@Bean
		WebClientCustomizer recordingFilter() {
			return (builder) -> builder.filter((request, next) -> {
				this.seen.add(request.method() + " " + request.url().getPath());
				return next.exchange(request);
			});
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OwnBeansConfiguration {

		static final WebClient WEB_CLIENT = WebClient.builder().build();

		static final ExchangeFilterFunction FILTER = (request, next) -> next.exchange(request);

		@Bean
		WebClient emnifyWebClient() {
			return WEB_CLIENT;
		}

		@Bean
		ExchangeFilterFunction emnifyAuthenticationFilter() {
			return FILTER;
		}

	}

	static class FixedTokenProvider implements EmnifyTokenProvider {

		@Override
		public Mono<String> getToken() {
			return Mono.just("fixed-token");
		}

		@Override
		public boolean invalidate(String token) {
			return false;
		}

	}

}
