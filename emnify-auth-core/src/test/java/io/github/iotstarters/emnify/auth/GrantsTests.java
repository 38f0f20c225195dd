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
import java.util.stream.Stream;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

import io.github.iotstarters.emnify.auth.AuthenticationClient.Tokens;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * The grants {@link Grants} builds, one per kind, counted where emnify receives them: a
 * user's refresh falls back to the login at once only when emnify rejected the refresh
 * token or may have used it up, never after emnify's lock or an answer that it could not
 * serve the refresh.
 */
class GrantsTests extends EmnifyWireMockTests {

	private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(1);

	private static final Duration CODE_TIMEOUT = Duration.ofSeconds(5);

	private static final String REFRESH_TOKEN = "refresh-token-1";

	private final String tokenA = JWTS.token(NOW, Duration.ofMinutes(240));

	private final String refreshB = JWTS.token(NOW, Duration.ofMinutes(350));

	@ParameterizedTest(name = "refresh answered {0}: {1} refresh(es), {2} login(s)")
	@MethodSource("refreshAnswers")
	void aRefreshFallsBackToTheLoginOnlyWhenEmnifyRejectedTheTokenOrMayHaveUsedItUp(String row,
			ResponseDefinitionBuilder answer, int refreshes, int logins, @Nullable EmnifyFailureKind failure) {
		answerRefresh(REFRESH_TOKEN, answer);
		answerLogins(okJson(auth(this.tokenA, this.refreshB)));
		Grant grant = grants().login(user(), null, null, CODE_TIMEOUT);

		EmnifyAuthenticationException ex = catchThrowableOfType(EmnifyAuthenticationException.class, () -> {
			Tokens tokens = grant.obtain(REFRESH_TOKEN, Mono.empty()).block(Duration.ofSeconds(30));
			assertThat(tokens).isNotNull();
			assertThat(tokens.authToken()).isEqualTo(this.tokenA);
			assertThat(tokens.grantType()).isEqualTo(EmnifyGrantType.PASSWORD);
		});

		assertThat((ex != null) ? ex.getKind() : null).isEqualTo(failure);
		emnify.verify(refreshes, refreshRequests());
		emnify.verify(logins, loginRequests());
	}

	static Stream<Arguments> refreshAnswers() {
		String lock = "{\"error_code\":1105,\"error_token\":\"TooManyRequests\"}";
		return Stream.of(arguments("401", aResponse().withStatus(401), 1, 1, null),
				arguments("400", aResponse().withStatus(400), 1, 1, null),
				arguments("200 without auth_token", okJson("{}"), 1, 1, null),
				arguments("500", aResponse().withStatus(500), 1, 1, null),
				arguments("no answer in time", okJson(auth("late")).withFixedDelay(2_500), 1, 1, null),
				arguments("a reset connection", aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER), 1, 1, null),
				arguments("emnify's lock", aResponse().withStatus(401).withBody(lock), 1, 0,
						EmnifyFailureKind.USER_LOCKED),
				arguments("503", aResponse().withStatus(503), 2, 0, EmnifyFailureKind.UNAVAILABLE),
				arguments("429", aResponse().withStatus(429), 2, 0, EmnifyFailureKind.UNAVAILABLE));
	}

	@Test
	void withoutARefreshTokenAUserLogsIn() {
		answerLogins(okJson(auth(this.tokenA, this.refreshB)));

		Tokens tokens = grants().login(user(), null, null, CODE_TIMEOUT)
			.obtain(null, Mono.empty())
			.block(Duration.ofSeconds(30));

		assertThat(tokens).isNotNull();
		assertThat(tokens.refreshToken()).isEqualTo(this.refreshB);
		emnify.verify(0, refreshRequests());
		emnify.verify(1, loginRequests());
	}

	@Test
	void anApplicationTokenLogsInWithTheTokenItself() {
		answerLogins(okJson(auth(this.tokenA)));
		Grant grant = grants().login(EmnifyCredentials.applicationToken("app-token"), null, null, CODE_TIMEOUT);

		Tokens tokens = grant.obtain(null, Mono.empty()).block(Duration.ofSeconds(30));

		assertThat(tokens).isNotNull();
		assertThat(tokens.grantType()).isEqualTo(EmnifyGrantType.APPLICATION_TOKEN);
		assertThat(grant.grantType()).isEqualTo(EmnifyGrantType.APPLICATION_TOKEN);
		emnify.verify(1, loginRequests().withRequestBody(equalToJson("{\"application_token\":\"app-token\"}")));
	}

	@Test
	void anApplicationTokenNeverPresentsNorKeepsARefreshToken() {
		answerLogins(okJson(auth(this.tokenA, "unasked-refresh")));
		Grant grant = grants().login(EmnifyCredentials.applicationToken("app-token"), null, null, CODE_TIMEOUT);

		Tokens tokens = grant.obtain("refresh-token-1", Mono.empty()).block(Duration.ofSeconds(30));

		assertThat(tokens.authToken()).isEqualTo(this.tokenA);
		assertThat(tokens.refreshToken()).isNull();
		emnify.verify(0, refreshRequests());
		emnify.verify(1, loginRequests().withRequestBody(equalToJson("{\"application_token\":\"app-token\"}")));
	}

	@Test
	void eachGrantIsBoundedByTheSendsItMayTake() {
		// One send: 1 s, a retry after up to the 10 s retry max delay, 1 s; a tenth more
		// and a second.
		Duration send = Duration.ofMillis(14_200);

		assertThat(grants().login(EmnifyCredentials.applicationToken("app-token"), null, null, CODE_TIMEOUT).timeout())
			.isEqualTo(send);
		// The refresh, the password step and the MFA step, and the wait for the code.
		assertThat(grants().login(user(), null, null, CODE_TIMEOUT).timeout())
			.isEqualTo(send.multipliedBy(3).plus(CODE_TIMEOUT));
	}

	private Grants grants() {
		return new Grants(WebClient.builder(), URI.create(emnify.baseUrl()), EmnifyHttpClientBuilders.connector(),
				REQUEST_TIMEOUT, fastRetries(1),
				new HoldBackPolicy(Duration.ofMinutes(5), Duration.ofSeconds(10), Duration.ofMinutes(5)), this.clock,
				EmnifyAuthenticationListener.NONE, EmnifyFailureAdvice.DEFAULT);
	}

	private static EmnifyCredentials user() {
		return EmnifyCredentials.user("user@service.org", "my_password");
	}

}
