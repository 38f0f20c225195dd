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
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Stream;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import io.github.iotstarters.emnify.auth.mfa.EmnifyMfaCodeSource;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * The kind of each failure that reaches a caller of the default token provider: what went
 * wrong, whatever words the message uses.
 */
class FailureKindsTests extends EmnifyWireMockTests {

	private static final String SWITCH = AUTHENTICATE + "/workspace";

	private static final String LOCK = "{\"error_code\":1105,\"error_token\":\"TooManyRequests\"}";

	static Stream<Arguments> failures() {
		return Stream.of(arguments("401 to an application token", login(status(401)), EmnifyFailureKind.REJECTED),
				arguments("400 to a password", userLogin(status(400)), EmnifyFailureKind.REJECTED),
				arguments("403 to a password", userLogin(status(403)), EmnifyFailureKind.REJECTED),
				arguments("422 to a password", userLogin(status(422)), EmnifyFailureKind.REJECTED),
				arguments("401 to an MFA code", code(status(401)), EmnifyFailureKind.REJECTED),
				arguments("403 to a workspace switch", workspaceSwitch(status(403)), EmnifyFailureKind.REJECTED),
				arguments("404 to an application token", login(status(404)), EmnifyFailureKind.UNEXPECTED_STATUS),
				arguments("409 to a workspace switch", workspaceSwitch(status(409)),
						EmnifyFailureKind.UNEXPECTED_STATUS),
				arguments("302", login(status(302).withHeader("Location", "https://elsewhere.example/")),
						EmnifyFailureKind.REDIRECTED),
				arguments("lock at the password step", userLogin(lock()), EmnifyFailureKind.USER_LOCKED),
				arguments("lock at the MFA step", code(lock()), EmnifyFailureKind.USER_LOCKED),
				arguments("lock at a refresh", scenario(FailureKindsTests::lockedAtRefresh),
						EmnifyFailureKind.USER_LOCKED),
				arguments("200 without auth_token", login(okJson("{}")), EmnifyFailureKind.NO_AUTH_TOKEN),
				arguments("503", login(status(503)), EmnifyFailureKind.UNAVAILABLE),
				arguments("500", login(status(500)), EmnifyFailureKind.UNAVAILABLE),
				arguments("429", login(status(429)), EmnifyFailureKind.UNAVAILABLE),
				arguments("408", login(status(408)), EmnifyFailureKind.UNAVAILABLE),
				arguments("no answer in time", scenario(FailureKindsTests::timedOut), EmnifyFailureKind.TIMED_OUT),
				arguments("nothing listens", scenario(FailureKindsTests::unreachable), EmnifyFailureKind.UNREACHABLE),
				arguments("an answer too large to read", login(okJson("\"" + "x".repeat(300_000) + "\"")),
						EmnifyFailureKind.UNREADABLE_ANSWER),
				arguments("MFA demanded without a code source", demanded(null, false), EmnifyFailureKind.MFA_REQUIRED),
				arguments("MFA demanded of a trusted device", demanded(null, true),
						EmnifyFailureKind.DEVICE_NOT_TRUSTED),
				arguments("no code in time", demanded(Mono::never, false), EmnifyFailureKind.MFA_CODE_LATE),
				arguments("the code source failed",
						demanded(() -> Mono.error(new IllegalStateException("vault sealed")), false),
						EmnifyFailureKind.MFA_CODE_SOURCE_FAILED),
				arguments("no code supplied", demanded(Mono::empty, false), EmnifyFailureKind.MFA_CODE_SOURCE_FAILED),
				arguments("a blank code supplied", demanded(() -> Mono.just(" "), false),
						EmnifyFailureKind.MFA_CODE_SOURCE_FAILED),
				arguments("the second rejected login in a row", scenario(FailureKindsTests::secondRejection),
						EmnifyFailureKind.LOGINS_STOPPED),
				arguments("a store that never answers", scenario(FailureKindsTests::renewalTimedOut),
						EmnifyFailureKind.RENEWAL_TIMED_OUT),
				arguments("a store that fails",
						withStore(new StoreAnswering(Mono.error(new IllegalStateException("disk full")))),
						EmnifyFailureKind.TOKEN_STORE_FAILED));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("failures")
	void eachFailureHasItsKind(String failure, Function<FailureKindsTests, EmnifyAuthenticationException> scenario,
			EmnifyFailureKind kind) {
		assertThat(scenario.apply(this).getKind()).isEqualTo(kind);
	}

	private static Function<FailureKindsTests, EmnifyAuthenticationException> scenario(
			Function<FailureKindsTests, EmnifyAuthenticationException> scenario) {
		return scenario;
	}

	private static Function<FailureKindsTests, EmnifyAuthenticationException> login(ResponseDefinitionBuilder answer) {
		return (test) -> {
			answerLogins(answer);
			return failure(test.applicationTokenProvider().build());
		};
	}

	private static Function<FailureKindsTests, EmnifyAuthenticationException> userLogin(
			ResponseDefinitionBuilder answer) {
		return (test) -> {
			answerLogins(answer);
			return failure(test.userProvider().build());
		};
	}

	private static Function<FailureKindsTests, EmnifyAuthenticationException> code(ResponseDefinitionBuilder answer) {
		return (test) -> {
			answerLogins(okJson("{\"mfa_token\":\"mfa-1\"}"));
			emnify.stubFor(post(AUTHENTICATE).withRequestBody(matchingJsonPath("$.code")).willReturn(answer));
			return failure(test.userProvider().mfaCodeSource(() -> Mono.just("123456")).build());
		};
	}

	private static Function<FailureKindsTests, EmnifyAuthenticationException> workspaceSwitch(
			ResponseDefinitionBuilder answer) {
		return (test) -> {
			answerLogins(okJson(auth(JWTS.token(NOW, Duration.ofMinutes(240)), "refresh-1")));
			emnify.stubFor(post(SWITCH).willReturn(answer));
			return failure(test.userProvider().buildUserSession().tokenProvider(42));
		};
	}

	// MFA demanded of a login with the given code source, or none, as a trusted device
	// or not.
	private static Function<FailureKindsTests, EmnifyAuthenticationException> demanded(
			@Nullable EmnifyMfaCodeSource codeSource, boolean trustedDevice) {
		return (test) -> {
			answerLogins(okJson("{\"mfa_token\":\"mfa-1\"}"));
			EmnifyTokenProviderBuilder builder = test.userProvider().mfaCodeTimeout(Duration.ofMillis(200));
			if (codeSource != null) {
				builder.mfaCodeSource(codeSource);
			}
			if (trustedDevice) {
				builder.trustedDevice("device-secret", "billing");
			}
			return failure(builder.build());
		};
	}

	private static Function<FailureKindsTests, EmnifyAuthenticationException> withStore(EmnifyTokenStore store) {
		return (test) -> failure(test.applicationTokenProvider().tokenStore(store).build());
	}

	private static EmnifyAuthenticationException lockedAtRefresh(FailureKindsTests test) {
		answerLogins(okJson(auth(JWTS.token(NOW, Duration.ofMinutes(240)), "refresh-1")));
		answerRefresh("refresh-1", lock());
		EmnifyTokenProvider provider = test.userProvider().build();
		String token = provider.getToken().block(Duration.ofSeconds(10));
		provider.invalidate(token);
		return failure(provider);
	}

	private static EmnifyAuthenticationException timedOut(FailureKindsTests test) {
		answerLogins(okJson("{}").withFixedDelay(1000));
		return failure(test.applicationTokenProvider()
			.requestTimeout(Duration.ofMillis(200))
			.retryPolicy(RetryPolicy.builder().maxRetries(0).build())
			.build());
	}

	private static EmnifyAuthenticationException unreachable(FailureKindsTests test) {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0)) {
			closedPort = socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return failure(EmnifyTokenProvider
			.builder(WebClient.builder(), URI.create("http://127.0.0.1:" + closedPort),
					EmnifyCredentials.applicationToken("app-token"))
			.retryPolicy(RetryPolicy.builder().maxRetries(0).build())
			.build());
	}

	private static EmnifyAuthenticationException secondRejection(FailureKindsTests test) {
		answerLogins(status(401));
		EmnifyTokenProvider provider = test.userProvider().rejectedCredentialsCooldown(Duration.ZERO).build();
		assertThat(failure(provider).getKind()).isEqualTo(EmnifyFailureKind.REJECTED);
		return failure(provider);
	}

	private static EmnifyAuthenticationException renewalTimedOut(FailureKindsTests test) {
		EmnifyTokenProvider provider = test.applicationTokenProvider()
			.tokenStore(new StoreAnswering(Mono.never()))
			.build();
		AtomicReference<Throwable> failure = new AtomicReference<>();
		StepVerifier.withVirtualTime(provider::getToken)
			.thenAwait(provider.getTokenTimeout())
			.expectErrorSatisfies(failure::set)
			.verify(Duration.ofSeconds(10));
		return (EmnifyAuthenticationException) failure.get();
	}

	private static ResponseDefinitionBuilder status(int status) {
		return aResponse().withStatus(status);
	}

	private static ResponseDefinitionBuilder lock() {
		return status(401).withHeader("Content-Type", "application/json").withBody(LOCK);
	}

	/**
	 * A token store that answers every look at its session alike.
	 *
	 * @param answer its answer
	 */
	record StoreAnswering(Mono<EmnifySession> answer) implements EmnifyTokenStore {

		@Override
		public Mono<EmnifySession> load(String sessionKey) {
			return this.answer;
		}

		@Override
		public Mono<EmnifyToken> takeRefreshToken(String sessionKey) {
			return Mono.empty();
		}

		@Override
		public Mono<Boolean> save(String sessionKey, Lease lease, EmnifySession session) {
			return Mono.just(true);
		}

		@Override
		public Mono<Void> discard(String sessionKey, String authToken) {
			return Mono.empty();
		}

	}

}
