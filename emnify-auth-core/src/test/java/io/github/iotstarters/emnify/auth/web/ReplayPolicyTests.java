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
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.util.unit.DataSize;
import reactor.core.publisher.Mono;

import io.github.iotstarters.emnify.auth.EmnifyAuthenticationListener;
import io.github.iotstarters.emnify.auth.EmnifyTokenProvider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The decisions of the one 401 rule, as a table: which requests get the token, which
 * answers count as a rejection of the token, and after a 401 whether the token is
 * discarded, a new one is asked for, and the request replayed.
 */
class ReplayPolicyTests {

	private static final URI BASE_URL = URI.create("https://cdn.emnify.net");

	private final RecordingProvider provider = new RecordingProvider();

	private final List<String> replays = new ArrayList<>();

	private final ReplayPolicy policy = new ReplayPolicy(this.provider, BASE_URL, new EmnifyAuthenticationListener() {

		@Override
		public void replayed() {
			ReplayPolicyTests.this.replays.add("replayed");
		}

	}, DataSize.ofBytes(10));

	@ParameterizedTest(name = "{0} (Authorization set: {1}) -> token: {2}")
	@CsvSource({ "https://cdn.emnify.net/api/v1/endpoint, false, true",
			"https://CDN.emnify.net:443/api/v1/endpoint, false, true",
			"https://cdn.emnify.net/api/v1/endpoint, true, false",
			"https://cdn.emnify.net/api/v1/authenticate, false, false",
			"https://cdn.emnify.net/api/v1/authenticate/, false, false",
			"http://cdn.emnify.net/api/v1/endpoint, false, false",
			"https://cdn.emnify.net:8443/api/v1/endpoint, false, false",
			"https://cdn.emnify.net.attacker.example/api/v1/endpoint, false, false",
			"https://attacker.example/api/v1/endpoint, false, false" })
	void onlyRequestsForEmnifysOriginWithoutAuthorizationGetTheToken(URI url, boolean hasAuthorization,
			boolean needsToken) {
		assertThat(this.policy.needsToken(url, hasAuthorization)).isEqualTo(needsToken);
	}

	@ParameterizedTest(name = "{0} -> rejects the token: {1}")
	@CsvSource({ "401, true", "403, false", "200, false", "400, false", "407, false", "500, false", "503, false" })
	void onlyA401RejectsTheToken(int status, boolean unauthorized) {
		assertThat(ReplayPolicy.isUnauthorized(status)).isEqualTo(unauthorized);
	}

	static Stream<Arguments> afterA401() {
		return Stream.of(
				// body recorded, provider's token after the 401 -> asks for a token,
				// replays
				Arguments.of(true, "new-token", true, true), Arguments.of(true, "rejected-token", true, false),
				Arguments.of(false, "new-token", false, false), Arguments.of(false, "rejected-token", false, false));
	}

	@ParameterizedTest(name = "body recorded: {0}, token after the 401: {1} -> asks: {2}, replays: {3}")
	@MethodSource
	void afterA401(boolean bodyRecorded, String tokenAfter, boolean asksForAToken, boolean replays) {
		boolean asked = this.policy.mayReplay("rejected-token", bodyRecorded);
		assertThat(this.provider.invalidated).as("the rejected token is discarded in every case")
			.containsExactly("rejected-token");
		assertThat(asked).isEqualTo(asksForAToken);
		if (asked) {
			assertThat(this.policy.replays("rejected-token", tokenAfter)).isEqualTo(replays);
		}
		assertThat(this.replays).hasSize(replays ? 1 : 0);
	}

	@Test
	void theBoundOfTheRecordedBodyIsTheOneGiven() {
		assertThat(this.policy.maxBodySize()).isEqualTo(10);
		assertThat(new ReplayPolicy(this.provider, BASE_URL, EmnifyAuthenticationListener.NONE,
				ReplayPolicy.DEFAULT_MAX_BODY_SIZE)
			.maxBodySize()).isEqualTo(1024 * 1024);
	}

	@Test
	void aNegativeBoundIsRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new ReplayPolicy(this.provider, BASE_URL, EmnifyAuthenticationListener.NONE,
					DataSize.ofBytes(-1)))
			.withMessageContaining("emnify replay max body size");
	}

	@Test
	void aListenerThatThrowsDoesNotStopTheReplay() {
		ReplayPolicy throwing = new ReplayPolicy(this.provider, BASE_URL, new EmnifyAuthenticationListener() {

			@Override
			public void replayed() {
				throw new IllegalStateException("listener bug");
			}

		}, DataSize.ofBytes(10));
		assertThat(throwing.replays("rejected-token", "new-token")).isTrue();
	}

	@Test
	void theHeaderIsTheBearerOfTheToken() {
		assertThat(this.policy.authorization("a.b.c")).isEqualTo("Bearer a.b.c");
		assertThat(this.policy.authorization("d.e.f")).isEqualTo("Bearer d.e.f");
	}

	private static final class RecordingProvider implements EmnifyTokenProvider {

		final List<String> invalidated = new ArrayList<>();

		@Override
		public Mono<String> getToken() {
			return Mono.just("new-token");
		}

		@Override
		public boolean invalidate(String token) {
			this.invalidated.add(token);
			return true;
		}

	}

}
