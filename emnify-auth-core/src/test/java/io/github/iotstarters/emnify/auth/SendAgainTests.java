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

import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Which failed step is sent again at once ({@link SendAgainRule#maySendAgain}), counted
 * where emnify receives it: single-use steps (an MFA code, a refresh token) only when
 * emnify provably did not serve them, a password step unless emnify may have checked it,
 * an application token login always.
 */
class SendAgainTests extends EmnifyWireMockTests {

	// Long enough that on a busy machine only the answers delayed on purpose outlast it.
	private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(1);

	private static final int LATE = 2_500;

	// Two retries: a step that is sent again is sent three times in all.
	private static final int SENDS_WITH_RETRIES = 3;

	private final String tokenA = JWTS.token(NOW, Duration.ofMinutes(240));

	private final String tokenB = JWTS.token(NOW, Duration.ofMinutes(240));

	private final String refreshToken = JWTS.token(NOW, Duration.ofMinutes(350));

	enum Step {

		APPLICATION_TOKEN, PASSWORD, MFA, REFRESH_TOKEN

	}

	enum Answer {

		SERVICE_UNAVAILABLE(() -> aResponse().withStatus(503)),

		TOO_MANY_REQUESTS(() -> aResponse().withStatus(429)),

		SERVER_ERROR(() -> aResponse().withStatus(500)),

		BAD_GATEWAY(() -> aResponse().withStatus(502)),

		REQUEST_TIMEOUT_STATUS(() -> aResponse().withStatus(408)),

		OK_WITHOUT_AUTH_TOKEN(() -> okJson("{}")),

		LATER_THAN_THE_REQUEST_TIMEOUT(
				() -> okJson(auth(JWTS.token(NOW, Duration.ofMinutes(240)))).withFixedDelay(LATE)),

		CONNECTION_RESET(() -> aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));

		private final Supplier<ResponseDefinitionBuilder> response;

		Answer(Supplier<ResponseDefinitionBuilder> response) {
			this.response = response;
		}

	}

	// The first exchange of a JVM loads and starts the HTTP client's machinery, which on
	// a
	// busy machine can outlast the request timeout before anything is sent.
	@BeforeAll
	static void warmUp() {
		WebClient.create(emnify.baseUrl())
			.get()
			.uri("/warm-up")
			.exchangeToMono(ClientResponse::releaseBody)
			.block(Duration.ofSeconds(30));
	}

	@ParameterizedTest(name = "{0} answered {1}: sent {2} time(s)")
	@MethodSource("decisions")
	void aFailedStepIsSentAgainOnlyWhereThatCannotHarmTheUser(Step step, Answer answer, int sends) {
		EmnifyTokenProviderBuilder builder = ((step == Step.APPLICATION_TOKEN) ? applicationTokenProvider()
				: userProvider())
			.retryPolicy(fastRetries(SENDS_WITH_RETRIES - 1))
			.requestTimeout(REQUEST_TIMEOUT);
		RequestPatternBuilder sent = switch (step) {
			case APPLICATION_TOKEN, PASSWORD -> {
				answerLogins(answer.response.get());
				yield loginRequests();
			}
			case MFA -> {
				answerLogins(okJson("{\"mfa_token\":\"mfa-1\"}"));
				emnify.stubFor(post(AUTHENTICATE).withRequestBody(matchingJsonPath("$.mfa_token"))
					.willReturn(answer.response.get()));
				builder.mfaCodeSource(() -> Mono.just("123456"));
				yield authenticateRequests().withRequestBody(matchingJsonPath("$.mfa_token"));
			}
			case REFRESH_TOKEN -> {
				answerLoginsInTurn(okJson(auth(this.tokenA, this.refreshToken)), okJson(auth(this.tokenB)));
				answerRefresh(this.refreshToken, answer.response.get());
				yield refreshRequests();
			}
		};
		EmnifyTokenProvider provider = builder.build();
		if (step == Step.REFRESH_TOKEN) {
			assertThat(provider.getToken().block(Duration.ofSeconds(10))).isEqualTo(this.tokenA);
			this.clock.advance(Duration.ofMinutes(240));
		}

		Object outcome = provider.getToken()
			.map(Object.class::cast)
			.onErrorResume(Mono::just)
			.block(Duration.ofSeconds(30));

		emnify.verify(sends, sent);
		if (step == Step.REFRESH_TOKEN && sends == 1) {
			// The refresh token may be used up: a login follows in the same renewal.
			assertThat(outcome).isEqualTo(this.tokenB);
			emnify.verify(2, loginRequests());
		}
		else if (step == Step.REFRESH_TOKEN) {
			// emnify did not serve it: the renewal fails, and the next one logs in.
			assertThat(outcome).isInstanceOf(EmnifyAuthenticationException.class);
			emnify.verify(1, loginRequests());
		}
		else if (answer != Answer.LATER_THAN_THE_REQUEST_TIMEOUT || step != Step.APPLICATION_TOKEN) {
			assertThat(outcome).isInstanceOf(EmnifyAuthenticationException.class);
		}
	}

	static Stream<Arguments> decisions() {
		int again = SENDS_WITH_RETRIES;
		return Stream.of(
				// step, answer: APPLICATION_TOKEN, PASSWORD, MFA, REFRESH_TOKEN
				row(Answer.SERVICE_UNAVAILABLE, again, again, again, again),
				row(Answer.TOO_MANY_REQUESTS, again, again, again, again), row(Answer.SERVER_ERROR, again, 1, 1, 1),
				row(Answer.BAD_GATEWAY, again, 1, 1, 1), row(Answer.REQUEST_TIMEOUT_STATUS, again, again, 1, 1),
				row(Answer.OK_WITHOUT_AUTH_TOKEN, again, again, 1, 1),
				row(Answer.LATER_THAN_THE_REQUEST_TIMEOUT, again, 1, 1, 1),
				row(Answer.CONNECTION_RESET, again, 1, 1, 1))
			.flatMap((rows) -> rows);
	}

	private static Stream<Arguments> row(Answer answer, int applicationToken, int password, int mfa, int refresh) {
		return Stream.of(arguments(Step.APPLICATION_TOKEN, answer, applicationToken),
				arguments(Step.PASSWORD, answer, password), arguments(Step.MFA, answer, mfa),
				arguments(Step.REFRESH_TOKEN, answer, refresh));
	}

	@Test
	void aRefreshAnsweredAfterTheRequestTimeoutIsPresentedOnceAndEveryCallerIsServedByTheLoginThatFollows() {
		answerLoginsInTurn(okJson(auth(this.tokenA, this.refreshToken)), okJson(auth(this.tokenB)));
		answerRefresh(this.refreshToken, okJson(auth(JWTS.token(NOW, Duration.ofMinutes(240)))).withFixedDelay(LATE));
		EmnifyTokenProvider provider = userProvider().requestTimeout(REQUEST_TIMEOUT).build();
		assertThat(provider.getToken().block(Duration.ofSeconds(10))).isEqualTo(this.tokenA);
		this.clock.advance(Duration.ofMinutes(240));

		List<String> tokens = concurrently(200, provider::getToken).collectList().block(Duration.ofSeconds(30));

		assertThat(tokens).hasSize(200).containsOnly(this.tokenB);
		emnify.verify(1, refreshRequests());
		emnify.verify(2, loginRequests());
	}

}
