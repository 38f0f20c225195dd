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

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.core.codec.DecodingException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;
import org.springframework.mock.http.client.MockClientHttpRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClientRequestException;

import io.github.iotstarters.emnify.auth.AuthenticationClient.Answer;
import io.github.iotstarters.emnify.auth.AuthenticationClient.MfaChallenge;
import io.github.iotstarters.emnify.auth.AuthenticationClient.Tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * How an answer of the authenticate endpoints, or the lack of one, is read: into tokens,
 * an MFA challenge, or a failure of a kind ({@link AuthenticationAnswers}), as tables.
 */
class AuthenticationAnswersTests {

	private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");

	private static final URI AUTHENTICATE = URI.create("https://cdn.emnify.net/api/v1/authenticate");

	private final AuthenticationAnswers answers = new AuthenticationAnswers(Duration.ofSeconds(10),
			new HoldBackPolicy(Duration.ofMinutes(5), Duration.ofSeconds(10), Duration.ofMinutes(5)),
			Clock.fixed(NOW, ZoneOffset.UTC), null, EmnifyFailureAdvice.DEFAULT);

	@ParameterizedTest(name = "{0} answered {1} {2} (MFA expected: {3}): {4}")
	@CsvSource(delimiter = '|', nullValues = "-", textBlock = """
			PASSWORD          | 200 | {"auth_token":"a","refresh_token":"r"} | true  | TOKENS a r
			APPLICATION_TOKEN | 201 | {"auth_token":"a"}                      | false | TOKENS a null
			PASSWORD          | 200 | {"mfa_token":"m"}                       | true  | MFA_CHALLENGE m
			PASSWORD          | 200 | {"auth_token":"a","mfa_token":"m"}      | true  | TOKENS a null
			MFA               | 200 | {"mfa_token":"m"}                       | false | NO_AUTH_TOKEN
			APPLICATION_TOKEN | 200 | -                                       | false | NO_AUTH_TOKEN
			APPLICATION_TOKEN | 200 | {"auth_token":" "}                      | false | NO_AUTH_TOKEN
			APPLICATION_TOKEN | 200 | {"auth_token":7}                        | false | NO_AUTH_TOKEN
			APPLICATION_TOKEN | 200 | not json                                | false | NO_AUTH_TOKEN
			PASSWORD          | 302 | -                                       | true  | REDIRECTED
			PASSWORD          | 307 | {"auth_token":"a"}                      | true  | REDIRECTED
			PASSWORD          | 408 | -                                       | true  | UNAVAILABLE
			PASSWORD          | 425 | -                                       | true  | UNAVAILABLE
			PASSWORD          | 429 | {"error_token":"TooManyRequests"}       | true  | UNAVAILABLE
			MFA               | 500 | -                                       | false | UNAVAILABLE
			REFRESH_TOKEN     | 502 | -                                       | false | UNAVAILABLE
			WORKSPACE         | 503 | -                                       | false | UNAVAILABLE
			PASSWORD          | 401 | {"error_token":"TooManyRequests"}       | true  | USER_LOCKED
			MFA               | 401 | {"error_code":1105}                     | false | USER_LOCKED
			REFRESH_TOKEN     | 401 | {"error_code":1105,"error_token":"x"}   | false | USER_LOCKED
			PASSWORD          | 401 | -                                       | true  | REJECTED
			PASSWORD          | 401 | {"error_code":1104}                     | true  | REJECTED
			PASSWORD          | 403 | {"error_token":"TooManyRequests"}       | true  | REJECTED
			MFA               | 400 | -                                       | false | REJECTED
			APPLICATION_TOKEN | 422 | -                                       | false | REJECTED
			PASSWORD          | 404 | -                                       | true  | UNEXPECTED_STATUS
			PASSWORD          | 418 | -                                       | true  | UNEXPECTED_STATUS
			""")
	void anAnswerIsReadIntoTokensAnMfaChallengeOrAFailureOfAKind(EmnifyGrantType grantType, int status,
			@Nullable String body, boolean mfaExpected, String expected) {
		ClientResponse response = ClientResponse.create(HttpStatusCode.valueOf(status))
			.request(new MockClientHttpRequest(HttpMethod.POST, AUTHENTICATE))
			.build();
		byte[] bytes = (body != null) ? body.getBytes(StandardCharsets.UTF_8) : new byte[0];

		EmnifyAuthenticationException failure = catchThrowableOfType(EmnifyAuthenticationException.class, () -> {
			Answer answer = this.answers.interpret(grantType, response, bytes, mfaExpected);
			String read = (answer instanceof Tokens tokens)
					? "TOKENS " + tokens.authToken() + " " + tokens.refreshToken()
					: ((answer instanceof MfaChallenge challenge) ? "MFA_CHALLENGE " + challenge.mfaToken()
							: answer.toString());
			assertThat(read).isEqualTo(expected);
		});

		if (failure != null) {
			assertThat(failure.getKind()).hasToString(expected);
			assertThat(failure.getGrantType()).isEqualTo(grantType);
			assertThat(failure.getStatusCode()).isEqualTo(HttpStatusCode.valueOf(status));
			// A rejection waits for the cooldown; what emnify could not serve may be
			// retried.
			assertThat(failure.isRejected())
				.isEqualTo(status != 200 && status < 500 && status != 408 && status != 425 && status != 429);
			assertThat(failure.isLock()).isEqualTo(failure.getKind() == EmnifyFailureKind.USER_LOCKED);
		}
		else {
			assertThat(expected).matches("(TOKENS|MFA_CHALLENGE) .*");
		}
	}

	@ParameterizedTest(name = "{0}: {1}")
	@CsvSource(delimiter = '|', nullValues = "-", textBlock = """
			429 | 7                             | PT7S
			503 | 600                           | PT5M
			401 | 60                            | PT1M
			503 | Fri, 27 Nov 2026 12:01:00 GMT | PT1M
			503 | Fri, 27 Nov 2026 11:59:00 GMT | PT0S
			503 | soon                          | -
			503 | -                             | -
			""")
	void aRetryAfterIsReadAsAPauseOfAtMostTheLongestPause(int status, @Nullable String retryAfter,
			@Nullable Duration expected) {
		ClientResponse.Builder response = ClientResponse.create(HttpStatusCode.valueOf(status))
			.request(new MockClientHttpRequest(HttpMethod.POST, AUTHENTICATE));
		if (retryAfter != null) {
			response.header(HttpHeaders.RETRY_AFTER, retryAfter);
		}

		EmnifyAuthenticationException failure = catchThrowableOfType(EmnifyAuthenticationException.class,
				() -> this.answers.interpret(EmnifyGrantType.PASSWORD, response.build(), new byte[0], true));

		assertThat(failure.getRetryAfter()).isEqualTo(expected);
	}

	@ParameterizedTest(name = "Location {0}")
	@CsvSource(delimiter = '|', nullValues = "-", textBlock = """
			https://elsewhere.example:8443/login?password=secret | elsewhere.example:8443
			http://elsewhere.example/                            | elsewhere.example
			/api/v2/authenticate?code=123456                     | cdn.emnify.net
			mailto:someone                                       | an unreadable Location
			-                                                    | nowhere (no Location header)
			""")
	void aRedirectNamesItsHostAndPortOnly(@Nullable String location, String target) {
		ClientResponse.Builder response = ClientResponse.create(HttpStatusCode.valueOf(302))
			.request(new MockClientHttpRequest(HttpMethod.POST, AUTHENTICATE));
		if (location != null) {
			response.header(HttpHeaders.LOCATION, location);
		}

		EmnifyAuthenticationException failure = catchThrowableOfType(EmnifyAuthenticationException.class,
				() -> this.answers.interpret(EmnifyGrantType.PASSWORD, response.build(), new byte[0], true));

		assertThat(failure.getMessage()).contains("with a redirect to " + target + ", which was not followed")
			.doesNotContain("secret")
			.doesNotContain("123456");
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("noAnswers")
	void aRequestWithoutAnAnswerIsUnansweredUnlessItNeverLeft(String row, Throwable ex, EmnifyFailureKind kind,
			boolean unanswered) {
		EmnifyAuthenticationException failure = this.answers.unreachable(EmnifyGrantType.MFA, ex);

		assertThat(failure.getKind()).isEqualTo(kind);
		assertThat(failure.isUnanswered()).isEqualTo(unanswered);
		assertThat(failure.isRejected()).isFalse();
		assertThat(failure.getStatusCode()).isNull();
		assertThat(failure).hasCause(ex);
	}

	static Stream<Arguments> noAnswers() {
		return Stream.of(arguments("timeout", new TimeoutException(), EmnifyFailureKind.TIMED_OUT, true),
				arguments("connection refused", requestFailure(new ConnectException("refused")),
						EmnifyFailureKind.UNREACHABLE, false),
				arguments("connection reset", requestFailure(new IOException("reset")), EmnifyFailureKind.UNREACHABLE,
						true),
				arguments("unreadable answer", new DecodingException("bad"), EmnifyFailureKind.UNREADABLE_ANSWER,
						true));
	}

	private static WebClientRequestException requestFailure(Throwable cause) {
		return new WebClientRequestException(cause, HttpMethod.POST, AUTHENTICATE, new HttpHeaders());
	}

}
