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

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

import io.github.iotstarters.emnify.auth.test.JwtCodec;

/**
 * One loopback HTTP server for every variant: emnify's authenticate endpoint, an OAuth2
 * client-credentials token endpoint for Spring Security, and a cheap API endpoint that
 * answers a GET, and a POST once it has read its body. Both token endpoints issue JWTs of
 * one length, so every variant sends as long a bearer header. Token lifetime and
 * token-endpoint delay can be changed between runs; token-endpoint calls are counted and
 * their arrival times kept.
 */
final class LoopbackServer implements AutoCloseable {

	final AtomicInteger emnifyLogins = new AtomicInteger();

	final AtomicInteger oauthTokens = new AtomicInteger();

	/**
	 * When each request to either token endpoint arrived, as {@link System#nanoTime()}.
	 */
	final List<Long> tokenRequests = new CopyOnWriteArrayList<>();

	final AtomicReference<Duration> tokenLifetime = new AtomicReference<>(Duration.ofHours(4));

	final AtomicReference<Duration> tokenDelay = new AtomicReference<>(Duration.ZERO);

	private final JwtCodec jwts = new JwtCodec();

	private final DisposableServer server;

	LoopbackServer() {
		this.server = HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.route((routes) -> routes.post("/api/v1/authenticate", (request, response) -> {
				this.emnifyLogins.incrementAndGet();
				this.tokenRequests.add(System.nanoTime());
				return response.header("Content-Type", "application/json")
					.sendString(delayed("{\"auth_token\":\"" + jwt() + "\"}"));
			}).post("/oauth/token", (request, response) -> {
				this.oauthTokens.incrementAndGet();
				this.tokenRequests.add(System.nanoTime());
				return response.header("Content-Type", "application/json")
					.sendString(delayed("{\"access_token\":\"" + jwt() + "\",\"token_type\":\"Bearer\","
							+ "\"expires_in\":" + this.tokenLifetime.get().toSeconds() + "}"));
			})
				.get(Load.PATH, (request, response) -> answer(request, response))
				// The body is read to its end before the answer, as a real server reads
				// it.
				.post(Load.PATH,
						(request, response) -> request.receive()
							.then()
							.then(Mono.defer(() -> Mono.from(answer(request, response))))))
			.bindNow();
	}

	/**
	 * The API endpoint's answer: {@code []} to a request with a bearer header, 401 to one
	 * without.
	 * @param request the request to the API endpoint
	 * @param response the response to write the answer to
	 * @return completes when the answer is sent
	 */
	private static Publisher<Void> answer(HttpServerRequest request, HttpServerResponse response) {
		return request.requestHeaders().contains("Authorization")
				? response.header("Content-Type", "application/json").sendString(Mono.just("[]"))
				: response.status(401).send();
	}

	String baseUrl() {
		return "http://127.0.0.1:" + this.server.port();
	}

	void reset() {
		this.emnifyLogins.set(0);
		this.oauthTokens.set(0);
		this.tokenRequests.clear();
	}

	private Mono<String> delayed(String body) {
		Duration delay = this.tokenDelay.get();
		return delay.isZero() ? Mono.just(body) : Mono.delay(delay).thenReturn(body);
	}

	private String jwt() {
		return this.jwts.token(Instant.now(), this.tokenLifetime.get());
	}

	@Override
	public void close() {
		this.server.disposeNow();
	}

}
