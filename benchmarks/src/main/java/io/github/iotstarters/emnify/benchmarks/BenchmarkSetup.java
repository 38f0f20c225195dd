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

package io.github.iotstarters.emnify.benchmarks;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.security.oauth2.client.AuthorizedClientServiceReactiveOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.InMemoryReactiveOAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientProviderBuilder;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.InMemoryReactiveClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.reactive.function.client.ServerOAuth2AuthorizedClientExchangeFilterFunction;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.web.reactive.function.client.WebClient;

import io.github.iotstarters.emnify.auth.EmnifyTokenProvider;
import io.github.iotstarters.emnify.auth.test.EmnifySimulator;
import io.github.iotstarters.emnify.auth.testsupport.LocalRedisCluster;
import io.github.iotstarters.emnify.auth.testsupport.LocalRedisServer;

/**
 * What every benchmark is set up with, the same way: where results go, the application
 * context with the starter, and the clients emnifyWebClient is compared with, each on the
 * same loopback server.
 */
final class BenchmarkSetup {

	private static final String FLEET_KEY = Base64.getEncoder()
		.encodeToString("fleet-benchmark-key-32-bytes-ok!".getBytes(StandardCharsets.US_ASCII));

	private BenchmarkSetup() {
	}

	/**
	 * Where results go: {@code target} of this module, seen from Maven's working
	 * directory, in which exec:java runs: the project root or this module.
	 * @return the output directory, relative to the working directory
	 */
	static Path outputDirectory() {
		return Files.isDirectory(Path.of("benchmarks")) ? Path.of("benchmarks", "target") : Path.of("target");
	}

	/**
	 * The application context every benchmark takes its clients from: the starter and
	 * Actuator auto-configured, emnify at the loopback server.
	 * @param server the loopback server that the emnify base URL points at
	 * @return the started context, for the caller to close
	 */
	static ConfigurableApplicationContext applicationContext(LoopbackServer server) {
		return new SpringApplicationBuilder(BenchmarkApplication.class).web(WebApplicationType.NONE)
			.properties("emnify.base-url=" + server.baseUrl(), "emnify.application-token=benchmark",
					"logging.level.root=WARN", "spring.main.banner-mode=off",
					// Pacing on, with limits far above what a benchmark sends: what
					// pacing costs a request, not how long emnify's limits hold it.
					"emnify.rate-limit.classes.lists.rate=1000000000",
					"emnify.rate-limit.classes.lists.burst=1000000000", "emnify.rate-limit.per-ip.limit=2000000000",
					"emnify.rate-limit.per-ip.window=1s", "emnify.rate-limit.per-ip.burst=1000000000")
			.run();
	}

	/**
	 * An instance of a fleet against the simulator: the starter logged in as the given
	 * user, with the given properties on top (a token store, rate limits).
	 * @param simulator the simulator the emnify base URL points at
	 * @param user the user to log in as
	 * @param password the user's password
	 * @param properties the row's properties
	 * @return the started context, for the caller to close
	 */
	static ConfigurableApplicationContext fleetInstance(EmnifySimulator simulator, String user, String password,
			List<String> properties) {
		List<String> all = new ArrayList<>(List.of("emnify.base-url=" + simulator.baseUrl(), "emnify.username=" + user,
				"emnify.password=" + password, "emnify.token-store.encryption-key=" + FLEET_KEY,
				"logging.level.root=WARN", "spring.main.banner-mode=off"));
		all.addAll(properties);
		return new SpringApplicationBuilder(BenchmarkApplication.class).web(WebApplicationType.NONE)
			.properties(all.toArray(String[]::new))
			.run();
	}

	/**
	 * The properties of a fleet sharing its session through a standalone Redis server.
	 * @param redis the server
	 * @return the properties
	 */
	static List<String> redisStore(LocalRedisServer redis) {
		return List.of("emnify.token-store.type=redis", "spring.data.redis.host=127.0.0.1",
				"spring.data.redis.port=" + redis.port());
	}

	/**
	 * The properties of a fleet sharing its session through a Redis Cluster: the settings
	 * the reference guide gives.
	 * @param cluster the cluster
	 * @return the properties
	 */
	static List<String> redisClusterStore(LocalRedisCluster cluster) {
		return List.of("emnify.token-store.type=redis",
				"spring.data.redis.cluster.nodes=" + String.join(",", cluster.nodes()),
				"spring.data.redis.lettuce.cluster.refresh.adaptive=true",
				"spring.data.redis.lettuce.cluster.refresh.period=1s", "spring.data.redis.timeout=1s");
	}

	/**
	 * Log in with the context's token provider, once, and return the header that
	 * emnifyWebClient sends from then on, so that the baselines send the same one.
	 * @param context the context whose {@link EmnifyTokenProvider} logs in
	 * @return the {@code Authorization} header's value: {@code Bearer} and the token
	 */
	static String bearerHeader(ConfigurableApplicationContext context) {
		return "Bearer " + context.getBean(EmnifyTokenProvider.class).getToken().block();
	}

	/**
	 * The baseline: a client from Boot's builder that sends a fixed bearer header.
	 * @param bootBuilder the builder Boot auto-configures, cloned, not changed
	 * @param server the loopback server the client calls
	 * @param bearerHeader the {@code Authorization} header's value sent with every
	 * request
	 * @return a new baseline client
	 */
	static WebClient baseline(WebClient.Builder bootBuilder, LoopbackServer server, String bearerHeader) {
		return bootBuilder.clone()
			.baseUrl(server.baseUrl())
			.defaultHeader(HttpHeaders.AUTHORIZATION, bearerHeader)
			.build();
	}

	/**
	 * The reference: {@code WebClient.create()}'s builder, without Boot's codecs,
	 * connector and observation, sending a fixed bearer header.
	 * @param server the loopback server the client calls
	 * @param bearerHeader the {@code Authorization} header's value sent with every
	 * request
	 * @return a new reference client
	 */
	static WebClient plainWebClient(LoopbackServer server, String bearerHeader) {
		return WebClient.builder()
			.baseUrl(server.baseUrl())
			.defaultHeader(HttpHeaders.AUTHORIZATION, bearerHeader)
			.build();
	}

	/**
	 * Spring Security's OAuth2 client filter with the client-credentials grant against
	 * the loopback token endpoint, on Boot's builder.
	 * @param bootBuilder the builder Boot auto-configures, cloned, not changed
	 * @param server the loopback server whose token endpoint the filter calls and whose
	 * API endpoint the client calls
	 * @param clockSkew how long before expiry the filter renews, inline, on a request
	 * @return a new client with the filter
	 */
	static WebClient springSecurity(WebClient.Builder bootBuilder, LoopbackServer server, Duration clockSkew) {
		ClientRegistration registration = ClientRegistration.withRegistrationId("benchmark")
			.clientId("benchmark")
			.clientSecret("secret")
			.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
			.tokenUri(server.baseUrl() + "/oauth/token")
			.build();
		InMemoryReactiveClientRegistrationRepository registrations = new InMemoryReactiveClientRegistrationRepository(
				registration);
		AuthorizedClientServiceReactiveOAuth2AuthorizedClientManager manager = new AuthorizedClientServiceReactiveOAuth2AuthorizedClientManager(
				registrations, new InMemoryReactiveOAuth2AuthorizedClientService(registrations));
		manager.setAuthorizedClientProvider(ReactiveOAuth2AuthorizedClientProviderBuilder.builder()
			.clientCredentials((builder) -> builder.clockSkew(clockSkew))
			.build());
		ServerOAuth2AuthorizedClientExchangeFilterFunction filter = new ServerOAuth2AuthorizedClientExchangeFilterFunction(
				manager);
		filter.setDefaultClientRegistrationId("benchmark");
		return bootBuilder.clone().baseUrl(server.baseUrl()).filter(filter).build();
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class BenchmarkApplication {

	}

}
