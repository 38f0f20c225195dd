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

import java.net.URI;
import java.net.http.HttpClient.Redirect;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.function.Supplier;
import java.util.stream.Stream;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.apache.hc.client5.http.impl.DefaultRedirectStrategy;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.autoconfigure.service.HttpServiceClientPropertiesAutoConfiguration;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.boot.restclient.autoconfigure.service.HttpServiceClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.service.ReactiveHttpServiceClientAutoConfiguration;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.registry.HttpServiceGroup.ClientType;
import org.springframework.web.service.registry.ImportHttpServices;
import reactor.core.publisher.Mono;

import io.github.iotstarters.emnify.auth.EmnifyAuthenticationException;
import io.github.iotstarters.emnify.auth.test.JwtCodec;
import io.github.iotstarters.emnify.auth.testsupport.LoopbackWireMock;
import io.github.iotstarters.emnify.auth.web.EmnifyWorkspaces;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * No credential leaves for another host, whatever HTTP client library Boot builds the
 * clients on: emnify's redirects are handed to the caller as they came, never followed
 * with the token, the login body or the user's token on a workspace switch.
 */
class EmnifyRedirectTests {

	private static final JwtCodec JWTS = new JwtCodec();

	private static final String AUTHENTICATE = "/api/v1/authenticate";

	private static final String FOUND = "/api/v1/sim/found";

	private static final String TEMPORARY = "/api/v1/sim/temporary";

	private static final String SWITCH = "/api/v1/authenticate/workspace";

	@RegisterExtension
	static WireMockExtension emnify = LoopbackWireMock.extension();

	@RegisterExtension
	static WireMockExtension elsewhere = LoopbackWireMock.extension();

	private final String token = JWTS.token(Instant.now(), Duration.ofMinutes(240));

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(BootHttpClients.autoConfigurations(HttpServiceClientPropertiesAutoConfiguration.class,
				ReactiveHttpServiceClientAutoConfiguration.class, HttpServiceClientAutoConfiguration.class))
		.withPropertyValues("emnify.base-url=" + emnify.baseUrl(), "emnify.retry.max-retries=0");

	static Stream<HttpClient> clients() {
		return Stream.of(new Reactive("reactor"), new Reactive("jdk"), new Reactive("jetty"),
				new Reactive("httpcomponents"), new Imperative("httpcomponents"), new Imperative("jetty"),
				new Imperative("reactor"), new Imperative("jdk"), new Imperative("simple"),
				// The application's own builder, with a customizer that follows redirects
				// and so runs after Boot applied the settings.
				new Reactive("reactor",
						() -> ClientHttpConnectorBuilder.reactor()
							.withHttpClientCustomizer((client) -> client.followRedirect(true))),
				new Reactive("jdk",
						() -> ClientHttpConnectorBuilder.jdk()
							.withHttpClientCustomizer((builder) -> builder.followRedirects(Redirect.ALWAYS))),
				new Reactive("jetty",
						() -> ClientHttpConnectorBuilder.jetty()
							.withHttpClientCustomizer((client) -> client.setFollowRedirects(true))),
				new Reactive("httpcomponents",
						() -> ClientHttpConnectorBuilder.httpComponents()
							.withHttpClientCustomizer(
									(builder) -> builder.setRedirectStrategy(DefaultRedirectStrategy.INSTANCE))),
				new Imperative("httpcomponents",
						() -> ClientHttpRequestFactoryBuilder.httpComponents()
							.withHttpClientCustomizer(
									(builder) -> builder.setRedirectStrategy(DefaultRedirectStrategy.INSTANCE))
							.withDefaultRequestConfigCustomizer((config) -> config.setRedirectsEnabled(true))),
				new Imperative("jetty",
						() -> ClientHttpRequestFactoryBuilder.jetty()
							.withHttpClientCustomizer((client) -> client.setFollowRedirects(true))),
				new Imperative("reactor",
						() -> ClientHttpRequestFactoryBuilder.reactor()
							.withHttpClientCustomizer((client) -> client.followRedirect(true))),
				new Imperative("jdk", () -> ClientHttpRequestFactoryBuilder.jdk()
					.withHttpClientCustomizer((builder) -> builder.followRedirects(Redirect.ALWAYS))));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("clients")
	void redirectsAreHandedToTheCallerAndNoCredentialReachesAnotherHost(HttpClient client) {
		emnify.stubFor(post(AUTHENTICATE).withRequestBody(matchingJsonPath("$.application_token", equalTo("app-token")))
			.willReturn(okJson("{\"auth_token\":\"" + this.token + "\"}")));
		emnify.stubFor(post(AUTHENTICATE).withRequestBody(matchingJsonPath("$.application_token", equalTo("moved")))
			.willReturn(redirect(307, AUTHENTICATE + "?session=secret-query")));
		emnify.stubFor(get(FOUND).willReturn(redirect(302, FOUND)));
		emnify.stubFor(get(TEMPORARY).willReturn(redirect(307, TEMPORARY)));
		elsewhere.stubFor(any(anyUrl()).willReturn(okJson("{\"auth_token\":\"" + this.token + "\"}")));
		client.configure(this.contextRunner)
			.withUserConfiguration(client.services())
			.withPropertyValues("emnify.application-token=app-token")
			.run((context) -> {
				for (String path : new String[] { FOUND, TEMPORARY }) {
					assertRedirectAsItCame(client.get(context, path), path);
					assertRedirectAsItCame(client.getThroughServiceGroup(context, path), path);
				}
			});
		emnify.verify(2,
				getRequestedFor(urlEqualTo(FOUND)).withHeader("Authorization", equalTo("Bearer " + this.token)));
		emnify.verify(2,
				getRequestedFor(urlEqualTo(TEMPORARY)).withHeader("Authorization", equalTo("Bearer " + this.token)));
		client.configure(this.contextRunner)
			.withPropertyValues("emnify.application-token=moved")
			.run((context) -> assertThatExceptionOfType(EmnifyAuthenticationException.class)
				.isThrownBy(() -> client.get(context, FOUND))
				.satisfies((ex) -> assertThat(ex.isRejected()).isTrue())
				.withMessageContaining("emnify answered the authentication request with a redirect")
				.withMessageContaining("HTTP 307")
				.withMessageContaining(URI.create(elsewhere.baseUrl()).getAuthority())
				.withMessageContaining("not followed")
				.withMessageContaining("emnify.base-url")
				.withMessageNotContaining("secret-query"));
		emnify.verify(1, postRequestedFor(urlEqualTo(AUTHENTICATE))
			.withRequestBody(matchingJsonPath("$.application_token", equalTo("moved"))));
		assertThat(elsewhere.getAllServeEvents()).isEmpty();
		elsewhere.verify(0, anyRequestedFor(anyUrl()));
	}

	// The workspace clients and the user's login are reactive only: every connector,
	// with a password hash in the login body and the user's token on the switch.
	@ParameterizedTest(name = "{0}")
	@MethodSource("reactiveClients")
	void workspaceClientsAndUserLoginsHandRedirectsToTheCallerAndNoCredentialReachesAnotherHost(HttpClient client)
			throws NoSuchAlgorithmException {
		String workspaceToken = JWTS.token(Instant.now(), Duration.ofMinutes(240));
		emnify.stubFor(post(AUTHENTICATE).withRequestBody(matchingJsonPath("$.username", equalTo("user@service.org")))
			.willReturn(okJson("{\"auth_token\":\"" + this.token + "\",\"refresh_token\":\"refresh-1\"}")));
		emnify.stubFor(post(AUTHENTICATE).withRequestBody(matchingJsonPath("$.username", equalTo("moved@service.org")))
			.willReturn(redirect(307, AUTHENTICATE)));
		emnify.stubFor(post(SWITCH).withRequestBody(matchingJsonPath("$.target_organisation.id", equalTo("42")))
			.willReturn(okJson("{\"auth_token\":\"" + workspaceToken + "\"}")));
		emnify.stubFor(post(SWITCH).withRequestBody(matchingJsonPath("$.target_organisation.id", equalTo("43")))
			.willReturn(redirect(307, SWITCH + "?ticket=secret-query")));
		emnify.stubFor(get(FOUND).willReturn(redirect(302, FOUND)));
		emnify.stubFor(get(TEMPORARY).willReturn(redirect(307, TEMPORARY)));
		elsewhere.stubFor(any(anyUrl()).willReturn(okJson("{\"auth_token\":\"" + this.token + "\"}")));
		client.configure(this.contextRunner)
			.withPropertyValues("emnify.username=user@service.org", "emnify.password=my_password")
			.run((context) -> {
				EmnifyWorkspaces workspaces = context.getBean(EmnifyWorkspaces.class);
				for (String path : new String[] { FOUND, TEMPORARY }) {
					assertRedirectAsItCame(workspaces.webClient(42)
						.get()
						.uri(path)
						.exchangeToMono((response) -> response.toBodilessEntity())
						.block(Duration.ofSeconds(30)), path);
				}
				assertThatExceptionOfType(EmnifyAuthenticationException.class)
					.isThrownBy(() -> workspaces.tokenProvider(43).getToken().block(Duration.ofSeconds(30)))
					.withMessageContaining("workspace switch, HTTP 307")
					.withMessageContaining("redirect to " + URI.create(elsewhere.baseUrl()).getAuthority())
					.withMessageNotContaining("secret-query");
			});
		emnify.verify(1,
				getRequestedFor(urlEqualTo(FOUND)).withHeader("Authorization", equalTo("Bearer " + workspaceToken)));
		emnify.verify(1, getRequestedFor(urlEqualTo(TEMPORARY)).withHeader("Authorization",
				equalTo("Bearer " + workspaceToken)));
		emnify.verify(1,
				postRequestedFor(urlEqualTo(SWITCH)).withHeader("Authorization", equalTo("Bearer " + this.token))
					.withRequestBody(matchingJsonPath("$.target_organisation.id", equalTo("43"))));
		client.configure(this.contextRunner)
			.withPropertyValues("emnify.username=moved@service.org", "emnify.password=my_password")
			.run((context) -> assertThatExceptionOfType(EmnifyAuthenticationException.class)
				.isThrownBy(() -> client.get(context, FOUND))
				.withMessageContaining("emnify answered the authentication request with a redirect")
				.withMessageContaining(URI.create(elsewhere.baseUrl()).getAuthority()));
		emnify.verify(1,
				postRequestedFor(urlEqualTo(AUTHENTICATE))
					.withRequestBody(matchingJsonPath("$.username", equalTo("moved@service.org")))
					.withRequestBody(matchingJsonPath("$.password", equalTo(sha1Hex("my_password")))));
		assertThat(elsewhere.getAllServeEvents()).isEmpty();
	}

	static Stream<HttpClient> reactiveClients() {
		return clients().filter(Reactive.class::isInstance);
	}

	private static String sha1Hex(String password) throws NoSuchAlgorithmException {
		return HexFormat.of()
			.formatHex(MessageDigest.getInstance("SHA-1").digest(password.getBytes(StandardCharsets.UTF_8)));
	}

	private static ResponseDefinitionBuilder redirect(int status, String path) {
		return aResponse().withStatus(status).withHeader(HttpHeaders.LOCATION, elsewhere.baseUrl() + path);
	}

	private static void assertRedirectAsItCame(ResponseEntity<?> response, String path) {
		assertThat(response.getStatusCode().value()).isEqualTo(path.equals(FOUND) ? 302 : 307);
		assertThat(response.getHeaders().getFirst(HttpHeaders.LOCATION)).isEqualTo(elsewhere.baseUrl() + path);
	}

	/**
	 * The HTTP client library under test, and the emnify clients built on it.
	 */
	interface HttpClient {

		ApplicationContextRunner configure(ApplicationContextRunner contextRunner);

		Class<?> services();

		ResponseEntity<?> get(ApplicationContext context, String path);

		ResponseEntity<?> getThroughServiceGroup(ApplicationContext context, String path);

	}

	record Reactive(String connector,
			@Nullable Supplier<ClientHttpConnectorBuilder<?>> applicationBuilder) implements HttpClient {

		Reactive(String connector) {
			this(connector, null);
		}

		@Override
		public ApplicationContextRunner configure(ApplicationContextRunner contextRunner) {
			Supplier<ClientHttpConnectorBuilder<?>> builder = this.applicationBuilder;
			return (builder != null) ? contextRunner.withBean(ClientHttpConnectorBuilder.class, builder::get)
					: contextRunner.withPropertyValues("spring.http.clients.reactive.connector=" + this.connector);
		}

		@Override
		public Class<?> services() {
			return ReactiveServices.class;
		}

		@Override
		public ResponseEntity<?> get(ApplicationContext context, String path) {
			return context.getBean("emnifyWebClient", WebClient.class)
				.get()
				.uri(path)
				.exchangeToMono((response) -> response.toBodilessEntity())
				.block(Duration.ofSeconds(30));
		}

		@Override
		public ResponseEntity<?> getThroughServiceGroup(ApplicationContext context, String path) {
			ReactiveSims sims = context.getBean(ReactiveSims.class);
			return (path.equals(FOUND) ? sims.found() : sims.temporary()).block(Duration.ofSeconds(30));
		}

		@Override
		public String toString() {
			return "WebClient on " + this.connector
					+ ((this.applicationBuilder != null) ? ", the application's builder following redirects" : "");
		}

	}

	record Imperative(String factory,
			@Nullable Supplier<ClientHttpRequestFactoryBuilder<?>> applicationBuilder) implements HttpClient {

		Imperative(String factory) {
			this(factory, null);
		}

		@Override
		public ApplicationContextRunner configure(ApplicationContextRunner contextRunner) {
			Supplier<ClientHttpRequestFactoryBuilder<?>> builder = this.applicationBuilder;
			return (builder != null) ? contextRunner.withBean(ClientHttpRequestFactoryBuilder.class, builder::get)
					: contextRunner.withPropertyValues("spring.http.clients.imperative.factory=" + this.factory);
		}

		@Override
		public Class<?> services() {
			return BlockingServices.class;
		}

		@Override
		public ResponseEntity<?> get(ApplicationContext context, String path) {
			return context.getBean("emnifyRestClient", RestClient.class).get().uri(path).retrieve().toBodilessEntity();
		}

		@Override
		public ResponseEntity<?> getThroughServiceGroup(ApplicationContext context, String path) {
			Sims sims = context.getBean(Sims.class);
			return path.equals(FOUND) ? sims.found() : sims.temporary();
		}

		@Override
		public String toString() {
			return "RestClient on " + this.factory
					+ ((this.applicationBuilder != null) ? ", the application's builder following redirects" : "");
		}

	}

	interface Sims {

		@GetExchange(FOUND)
		ResponseEntity<Void> found();

		@GetExchange(TEMPORARY)
		ResponseEntity<Void> temporary();

	}

	interface ReactiveSims {

		@GetExchange(FOUND)
		Mono<ResponseEntity<Void>> found();

		@GetExchange(TEMPORARY)
		Mono<ResponseEntity<Void>> temporary();

	}

	@Configuration(proxyBeanMethods = false)
	@ImportHttpServices(group = "emnify", types = Sims.class, clientType = ClientType.REST_CLIENT)
	static class BlockingServices {

	}

	@Configuration(proxyBeanMethods = false)
	@ImportHttpServices(group = "emnify", types = ReactiveSims.class, clientType = ClientType.WEB_CLIENT)
	static class ReactiveServices {

	}

}
