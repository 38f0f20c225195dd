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

package io.github.iotstarters.emnify.auth;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.springframework.web.client.ApiVersionInserter;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

import io.github.iotstarters.emnify.auth.web.EmnifyWorkspaces;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The application's {@link WebClient.Builder}, with its filters, default headers and
 * cookies, as the token provider is given it: none of them sees or repeats a login, a
 * refresh, an MFA step or a workspace switch, while the API calls of the clients built
 * for the application keep them.
 */
class AuthenticateClientIsolationTests extends EmnifyWireMockTests {

	private static final String SWITCH = AUTHENTICATE + "/workspace";

	private static final String SIMS = "/api/v1/sim";

	private final String userToken = JWTS.token(NOW, Duration.ofMinutes(240));

	private final String refreshed = JWTS.token(NOW, Duration.ofMinutes(240));

	private final String workspaceToken = JWTS.token(NOW, Duration.ofMinutes(240));

	private final String refreshToken = JWTS.token(NOW, Duration.ofMinutes(350));

	// Every request the application's filters saw, as method and path.
	private final List<String> seen = new CopyOnWriteArrayList<>();

	// The application's builder, as Boot hands it out with what its customizers added.
	private final WebClient.Builder application = WebClient.builder()
		.filter(recording())
		.defaultHeader("X-Application", "own")
		.defaultCookie("application", "own")
		.apiVersionInserter(ApiVersionInserter.useHeader("X-Api-Version"))
		.defaultApiVersion("9");

	@Test
	void noFilterOfTheApplicationSeesALoginARefreshAnMfaStepOrAWorkspaceSwitch() {
		answerLoginsInTurn(okJson("{\"mfa_token\":\"mfa-1\"}"));
		emnify.stubFor(post(AUTHENTICATE).withRequestBody(matchingJsonPath("$.mfa_token"))
			.willReturn(okJson(auth(this.userToken, this.refreshToken))));
		answerRefresh(this.refreshToken, okJson(auth(this.refreshed)));
		emnify.stubFor(post(SWITCH).willReturn(okJson(auth(this.workspaceToken))));
		emnify.stubFor(get(SIMS).willReturn(okJson("[]")));
		EmnifyUserSession session = user().buildUserSession();
		EmnifyTokenProvider provider = session.userTokenProvider();

		assertThat(provider.getToken().block(Duration.ofSeconds(10))).isEqualTo(this.userToken);
		this.clock.advance(Duration.ofMinutes(240));
		assertThat(provider.getToken().block(Duration.ofSeconds(10))).isEqualTo(this.refreshed);
		EmnifyWorkspaces.of(session).webClient(42).get().uri(SIMS).retrieve().toBodilessEntity().block();

		emnify.verify(3, postRequestedFor(urlEqualTo(AUTHENTICATE)));
		emnify.verify(3,
				postRequestedFor(urlEqualTo(AUTHENTICATE)).withoutHeader("X-Application")
					.withoutHeader("Cookie")
					.withoutHeader("X-Api-Version"));
		emnify.verify(1,
				postRequestedFor(urlEqualTo(SWITCH)).withHeader("Authorization", equalTo("Bearer " + this.refreshed))
					.withoutHeader("X-Application")
					.withoutHeader("Cookie")
					.withoutHeader("X-Api-Version"));
		assertThat(this.seen).containsExactly("GET " + SIMS);
		emnify.verify(1,
				getRequestedFor(urlEqualTo(SIMS)).withHeader("X-Application", equalTo("own"))
					.withHeader("X-Api-Version", equalTo("9"))
					.withHeader("Authorization", equalTo("Bearer " + this.workspaceToken)));
	}

	@Test
	void aRetryingFilterOfTheApplicationSendsNeitherAnMfaCodeNorARefreshTokenTwice() {
		answerLoginsInTurn(okJson("{\"mfa_token\":\"mfa-1\"}"), okJson("{\"mfa_token\":\"mfa-2\"}"),
				okJson("{\"mfa_token\":\"mfa-3\"}"));
		answerInTurn("codes", () -> post(AUTHENTICATE).withRequestBody(matchingJsonPath("$.mfa_token")),
				aResponse().withStatus(500), okJson(auth(this.userToken, this.refreshToken)),
				okJson(auth(this.refreshed)));
		answerRefresh(this.refreshToken, aResponse().withStatus(500));
		this.application.filter(retryingOnServerErrors());
		EmnifyTokenProvider provider = user().retryMaxDelay(Duration.ofSeconds(1)).build();

		assertThat(provider.getToken().map(Object.class::cast).onErrorResume(Mono::just).block(Duration.ofSeconds(10)))
			.isInstanceOf(EmnifyAuthenticationException.class);
		emnify.verify(1, postRequestedFor(urlEqualTo(AUTHENTICATE)).withRequestBody(matchingJsonPath("$.mfa_token")));
		this.clock.advance(Duration.ofSeconds(2));
		assertThat(provider.getToken().block(Duration.ofSeconds(10))).isEqualTo(this.userToken);
		this.clock.advance(Duration.ofMinutes(240));
		assertThat(provider.getToken().block(Duration.ofSeconds(10))).isEqualTo(this.refreshed);

		emnify.verify(1, refreshRequests());
		emnify.verify(3, postRequestedFor(urlEqualTo(AUTHENTICATE)).withRequestBody(matchingJsonPath("$.mfa_token")));
		assertThat(this.seen).isEmpty();
	}

	private EmnifyTokenProviderBuilder user() {
		return EmnifyTokenProvider
			.builder(this.application, URI.create(emnify.baseUrl()),
					EmnifyCredentials.user("user@service.org", "my_password"))
			.clock(this.clock)
			.retryPolicy(fastRetries(3))
			.mfaCodeSource(() -> Mono.just("123456"));
	}

	// Sends every request again, up to three times, while the answer is a server error,
	// as a resilience filter of an application's might.
	private ExchangeFilterFunction retryingOnServerErrors() {
		return (request, next) -> next.exchange(request)
			.flatMap((response) -> response.statusCode().is5xxServerError()
					? response.releaseBody().then(Mono.<ClientResponse>error(new IllegalStateException("5xx")))
					: Mono.just(response))
			.retry(3);
	}

	private ExchangeFilterFunction recording() {
		return (request, next) -> {
			this.seen.add(request.method() + " " + request.url().getPath());
			return next.exchange(request);
		};
	}

}
