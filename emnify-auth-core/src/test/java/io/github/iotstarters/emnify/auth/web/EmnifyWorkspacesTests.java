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

package io.github.iotstarters.emnify.auth.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpClient.Redirect;
import java.time.Duration;
import java.util.List;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.reactive.JdkClientHttpConnector;
import org.springframework.util.unit.DataSize;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientResponseException;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.HttpExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import io.github.iotstarters.emnify.auth.EmnifyAuthenticationException;
import io.github.iotstarters.emnify.auth.EmnifyAuthenticationListener;
import io.github.iotstarters.emnify.auth.EmnifyCredentials;
import io.github.iotstarters.emnify.auth.EmnifyFailureKind;
import io.github.iotstarters.emnify.auth.EmnifyGrantType;
import io.github.iotstarters.emnify.auth.EmnifyTokenProvider;
import io.github.iotstarters.emnify.auth.EmnifyWireMockTests;
import io.github.iotstarters.emnify.auth.testsupport.LoopbackWireMock;
import io.github.iotstarters.emnify.auth.web.EmnifyRateLimits.Limit;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class EmnifyWorkspacesTests extends EmnifyWireMockTests {

	private static final String SWITCH = "/api/v1/authenticate/workspace";

	private static final String SIMS = "/api/v1/sim";

	@RegisterExtension
	static WireMockExtension elsewhere = LoopbackWireMock.extension();

	private final String userToken = JWTS.token(NOW, Duration.ofMinutes(240));

	private final String renewedUserToken = JWTS.token(NOW, Duration.ofMinutes(240));

	private final String refreshToken = JWTS.token(NOW, Duration.ofMinutes(350));

	private final String workspace42 = JWTS.token(NOW, Duration.ofMinutes(240));

	private final String renewedWorkspace42 = JWTS.token(NOW, Duration.ofMinutes(240));

	private final String workspace43 = JWTS.token(NOW, Duration.ofMinutes(240));

	@Test
	void switchedTokenIsUsedOnApiCallsOfThatWorkspace() {
		answerLogins(okJson(auth(this.userToken, this.refreshToken)));
		answerSwitch(this.userToken, 42, okJson(auth(this.workspace42)));
		emnify.stubFor(get(SIMS).willReturn(okJson("[]")));
		EmnifyWorkspaces workspaces = EmnifyWorkspaces.of(userProvider().buildUserSession());
		WebClient workspace = workspaces.webClient(42);
		assertThat(workspaces.webClient(42)).isSameAs(workspace);
		workspace.get().uri(SIMS).retrieve().toBodilessEntity().block();
		emnify.verify(1,
				getRequestedFor(urlEqualTo(SIMS)).withHeader("Authorization", equalTo("Bearer " + this.workspace42)));
		emnify.verify(1, switches(42).withHeader("Authorization", equalTo("Bearer " + this.userToken)));
	}

	@Test
	void clientsOfHttpServiceInterfacesCarryTheWorkspacesTokenAndWithoutUsableProxiesOfEmnifyApiThrowSpringsExceptions() {
		answerLogins(okJson(auth(this.userToken, this.refreshToken)));
		answerSwitch(this.userToken, 42, okJson(auth(this.workspace42)));
		answerSwitch(this.userToken, 43, okJson(auth(this.workspace43)));
		emnify.stubFor(get(SIMS).willReturn(okJson("[{\"id\":7}]")));
		emnify.stubFor(get(SIMS + "/8").willReturn(aResponse().withStatus(404)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"error_code\":1201,\"error_token\":\"NotFound\",\"message\":\"Not found\"}")));
		EmnifyWorkspaces workspaces = EmnifyWorkspaces.of(userProvider().buildUserSession());
		Sims sims42 = workspaces.client(42, Sims.class);
		assertThat(workspaces.client(42, Sims.class)).isSameAs(sims42);
		assertThat(workspaces.client(43, Sims.class)).isNotSameAs(sims42);
		assertThat(sims42.list().block()).isEqualTo("[{\"id\":7}]");
		assertThat(workspaces.client(43, Sims.class).list().block()).isEqualTo("[{\"id\":7}]");
		assertThatExceptionOfType(WebClientResponseException.NotFound.class)
			.isThrownBy(() -> workspaces.client(42, Sims.class).get(8).block());
		emnify.verify(1,
				getRequestedFor(urlEqualTo(SIMS)).withHeader("Authorization", equalTo("Bearer " + this.workspace42)));
		emnify.verify(1,
				getRequestedFor(urlEqualTo(SIMS)).withHeader("Authorization", equalTo("Bearer " + this.workspace43)));
		emnify.verify(1, getRequestedFor(urlEqualTo(SIMS + "/8")).withHeader("Authorization",
				equalTo("Bearer " + this.workspace42)));
		emnify.verify(1, switches(42));
		emnify.verify(1, switches(43));
	}

	@Test
	void switchedTokenIsRenewedAtExpiryBySwitchingAgainWithAFreshUserToken() {
		answerLogins(okJson(auth(this.userToken, this.refreshToken)));
		answerRefresh(this.refreshToken, okJson(auth(this.renewedUserToken)));
		answerSwitch(this.userToken, 42, okJson(auth(this.workspace42)));
		answerSwitch(this.renewedUserToken, 42, okJson(auth(this.renewedWorkspace42)));
		EmnifyTokenProvider workspace = userProvider().buildUserSession().tokenProvider(42);
		assertThat(workspace.getToken().block()).isEqualTo(this.workspace42);
		this.clock.advance(Duration.ofMinutes(240));
		assertThat(workspace.getToken().block()).isEqualTo(this.renewedWorkspace42);
		emnify.verify(2, switches(42));
		emnify.verify(1, loginRequests());
		emnify.verify(1, refreshRequests());
	}

	@Test
	void twoWorkspacesUsedConcurrentlyShareOneUserLogin() {
		answerLogins(okJson(auth(this.userToken, this.refreshToken)).withFixedDelay(200));
		answerSwitch(this.userToken, 42, okJson(auth(this.workspace42)).withFixedDelay(100));
		answerSwitch(this.userToken, 43, okJson(auth(this.workspace43)).withFixedDelay(100));
		emnify.stubFor(get(SIMS).willReturn(okJson("[]")));
		EmnifyWorkspaces workspaces = EmnifyWorkspaces.of(userProvider().buildUserSession());
		List<String> tokens = Flux
			.merge(concurrently(250, () -> workspaces.tokenProvider(42).getToken()),
					concurrently(250, () -> workspaces.tokenProvider(43).getToken()))
			.collectList()
			.block(Duration.ofSeconds(30));
		assertThat(tokens).hasSize(500).containsOnly(this.workspace42, this.workspace43);
		assertThat(tokens).filteredOn(this.workspace42::equals).hasSize(250);
		emnify.verify(1, loginRequests());
		emnify.verify(1, switches(42));
		emnify.verify(1, switches(43));
	}

	@Test
	void aUserTokenThatEmnifyNoLongerAcceptsIsRenewedAndTheSwitchReplayed() {
		answerLogins(okJson(auth(this.userToken, this.refreshToken)));
		answerRefresh(this.refreshToken, okJson(auth(this.renewedUserToken)));
		answerSwitch(this.userToken, 42, aResponse().withStatus(401)
			.withBody("{\"error_code\":1102,\"error_token\":\"InvalidToken\",\"message\":\"Invalid token\"}"));
		answerSwitch(this.renewedUserToken, 42, okJson(auth(this.workspace42)));
		EmnifyWorkspaces workspaces = EmnifyWorkspaces.of(userProvider().buildUserSession());
		assertThat(workspaces.tokenProvider(42).getToken().block()).isEqualTo(this.workspace42);
		emnify.verify(2, switches(42));
		emnify.verify(1, refreshRequests());
	}

	@Test
	void theSwitchTimeoutBoundsTheSwitchAloneNotTheUserLoginBeforeIt() {
		answerLogins(okJson(auth(this.userToken, this.refreshToken)).withFixedDelay(300));
		answerSwitch(this.userToken, 42, okJson(auth(this.workspace42)).withFixedDelay(300));
		EmnifyWorkspaces workspaces = EmnifyWorkspaces
			.of(userProvider().requestTimeout(Duration.ofMillis(450)).buildUserSession());
		assertThat(workspaces.tokenProvider(42).getToken().block()).isEqualTo(this.workspace42);
		emnify.verify(1, loginRequests());
		emnify.verify(1, switches(42));
	}

	@Test
	void aForbiddenWorkspaceIsAClearRejection() {
		answerLogins(okJson(auth(this.userToken, this.refreshToken)));
		answerSwitch(this.userToken, 99, aResponse().withStatus(403)
			.withBody("{\"error_code\":1104,\"error_token\":\"Forbidden\",\"message\":\"Forbidden\"}"));
		EmnifyTokenProvider workspace = userProvider().buildUserSession().tokenProvider(99);
		EmnifyAuthenticationException failure = failure(workspace);
		assertThat(failure.getGrantType()).isEqualTo(EmnifyGrantType.WORKSPACE);
		assertThat(failure.isRejected()).isTrue();
		assertThat(failure.getKind()).isEqualTo(EmnifyFailureKind.REJECTED);
		assertThat(failure).hasMessageContaining("workspace switch, HTTP 403, Forbidden")
			.hasMessageContaining("Check the workspace id given to EmnifyUserSession.tokenProvider");
		assertThat(failure(workspace)).isSameAs(failure);
		emnify.verify(1, switches(99));
	}

	@Test
	void theUserSessionStaysUsableForTheHomeWorkspace() {
		answerLogins(okJson(auth(this.userToken, this.refreshToken)));
		answerSwitch(this.userToken, 42, okJson(auth(this.workspace42)));
		EmnifyWorkspaces workspaces = EmnifyWorkspaces.of(userProvider().buildUserSession());
		assertThat(Mono.zip(workspaces.userTokenProvider().getToken(), workspaces.tokenProvider(42).getToken())
			.block()
			.toList()).containsExactly(this.userToken, this.workspace42);
		emnify.verify(1, loginRequests());
	}

	@Test
	void outsideSpringBootNoClientFollowsARedirectEvenOnABuilderWhoseConnectorWould() {
		answerLogins(okJson(auth(this.userToken, this.refreshToken)));
		answerSwitch(this.userToken, 42, okJson(auth(this.workspace42)));
		answerSwitch(this.userToken, 43, aResponse().withStatus(307)
			.withHeader(HttpHeaders.LOCATION, elsewhere.baseUrl() + SWITCH + "?ticket=secret-query"));
		emnify.stubFor(get(SIMS)
			.willReturn(aResponse().withStatus(307).withHeader(HttpHeaders.LOCATION, elsewhere.baseUrl() + SIMS)));
		elsewhere.stubFor(any(anyUrl()).willReturn(okJson(auth(this.workspace43))));
		HttpClient followsRedirects = HttpClient.newBuilder().followRedirects(Redirect.ALWAYS).build();
		WebClient.Builder following = WebClient.builder().clientConnector(new JdkClientHttpConnector(followsRedirects));
		EmnifyWorkspaces workspaces = EmnifyWorkspaces.of(EmnifyTokenProvider
			.builder(following, URI.create(emnify.baseUrl()), EmnifyCredentials.user("user@service.org", "my_password"))
			.clock(this.clock)
			.buildUserSession());
		ResponseEntity<Void> redirect = workspaces.webClient(42)
			.get()
			.uri(SIMS)
			.exchangeToMono((response) -> response.toBodilessEntity())
			.block(Duration.ofSeconds(10));
		assertThat(redirect.getStatusCode().value()).isEqualTo(307);
		assertThat(redirect.getHeaders().getFirst(HttpHeaders.LOCATION)).isEqualTo(elsewhere.baseUrl() + SIMS);
		EmnifyAuthenticationException failure = failure(workspaces.tokenProvider(43));
		assertThat(failure.isRejected()).isTrue();
		assertThat(failure).hasMessageContaining("workspace switch, HTTP 307")
			.hasMessageContaining("redirect to " + URI.create(elsewhere.baseUrl()).getAuthority())
			.hasMessageNotContaining("secret-query");
		emnify.verify(1, switches(43));
		assertThat(elsewhere.getAllServeEvents()).isEmpty();
	}

	@Test
	void eachWorkspaceIsPacedOnTheBudgetOfItsOwnOrganisation() {
		String workspace42 = workspaceToken(42);
		String workspace43 = workspaceToken(43);
		answerLogins(okJson(auth(this.userToken, this.refreshToken)));
		answerSwitch(this.userToken, 42, okJson(auth(workspace42)));
		answerSwitch(this.userToken, 43, okJson(auth(workspace43)));
		emnify.stubFor(get(SIMS).willReturn(okJson("[]")));
		EmnifyRateLimits limits = EmnifyRateLimits.builder()
			.limit(new Limit("lists", List.of("GET " + SIMS), 1, 1))
			.maxWait(Duration.ofMillis(100))
			.build();
		try (Bucket4jRateLimitBuckets buckets = Bucket4jRateLimitBuckets.inMemory()) {
			EmnifyWorkspaces workspaces = EmnifyWorkspaces.of(userProvider().buildUserSession(),
					EmnifyAuthenticationListener.NONE, DataSize.ofKilobytes(1), limits, buckets);
			for (long workspace : List.of(42L, 43L)) {
				WebClient client = workspaces.webClient(workspace);
				assertThat(client.get().uri(SIMS).retrieve().toBodilessEntity().block()).as("workspace %d", workspace)
					.isNotNull();
				assertThatExceptionOfType(EmnifyRateLimitException.class).as("workspace %d spent its burst", workspace)
					.isThrownBy(() -> client.get().uri(SIMS).retrieve().toBodilessEntity().block());
			}
		}
		emnify.verify(1,
				getRequestedFor(urlEqualTo(SIMS)).withHeader("Authorization", equalTo("Bearer " + workspace42)));
		emnify.verify(1,
				getRequestedFor(urlEqualTo(SIMS)).withHeader("Authorization", equalTo("Bearer " + workspace43)));
	}

	@Test
	void applicationTokensCannotSwitchWorkspaces() {
		assertThatIllegalStateException().isThrownBy(() -> applicationTokenProvider().buildUserSession())
			.withMessageContaining("application token is scoped to one workspace");
	}

	private static void answerSwitch(String userToken, long workspaceId, ResponseDefinitionBuilder response) {
		emnify.stubFor(post(SWITCH).withHeader("Authorization", equalTo("Bearer " + userToken))
			.withRequestBody(equalToJson("{\"target_organisation\":{\"id\":" + workspaceId + "}}"))
			.willReturn(response));
	}

	// A workspace's token names its organisation, as emnify's do.
	private static String workspaceToken(long organisation) {
		return JWTS.sign("{\"esc.org\":" + organisation + ",\"exp\":" + NOW.plusSeconds(14400).getEpochSecond()
				+ ",\"iat\":" + NOW.getEpochSecond() + "}");
	}

	private static RequestPatternBuilder switches(long workspaceId) {
		return postRequestedFor(urlEqualTo(SWITCH))
			.withRequestBody(equalToJson("{\"target_organisation\":{\"id\":" + workspaceId + "}}"));
	}

	/**
	 * An HTTP service interface of the application's own.
	 */
	@HttpExchange(url = SIMS, accept = "application/json")
	interface Sims {

		@GetExchange
		Mono<String> list();

		@GetExchange("/{id}")
		Mono<String> get(@PathVariable long id);

	}

}
