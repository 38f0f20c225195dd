/*
 * Copyright 2026 the original author or authors.
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
import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.util.unit.DataSize;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

import io.github.iotstarters.emnify.auth.EmnifyAuthenticationListener;
import io.github.iotstarters.emnify.auth.EmnifyTokenProvider;

/**
 * The two clients the starter paces, the reactive filter and the blocking interceptor,
 * behind one call, so that a test runs the same requests through both.
 */
enum PacedClients {

	/**
	 * A {@link WebClient} with {@link EmnifyAuthenticationFilter}.
	 */
	FILTER {

		@Override
		Sender sender(EmnifyTokenProvider tokens, String baseUrl, EmnifyAuthenticationListener listener,
				DataSize replayBound, EmnifyRateLimits limits, EmnifyRateLimitBuckets buckets) {
			WebClient client = WebClient.builder()
				.baseUrl(baseUrl)
				.filter(new EmnifyAuthenticationFilter(tokens, URI.create(baseUrl), listener, replayBound, limits,
						buckets))
				.build();
			return (method, path, body) -> {
				WebClient.RequestBodySpec spec = client.method(method).uri(path);
				WebClient.RequestHeadersSpec<?> request = (body != null)
						? spec.contentType(MediaType.APPLICATION_JSON).bodyValue(body) : spec;
				return request.exchangeToMono((response) -> response.toEntity(String.class))
					.block(Duration.ofSeconds(30));
			};
		}

	},

	/**
	 * A {@link RestClient} on the JDK's HTTP client with
	 * {@link EmnifyAuthenticationInterceptor}.
	 */
	INTERCEPTOR {

		@Override
		Sender sender(EmnifyTokenProvider tokens, String baseUrl, EmnifyAuthenticationListener listener,
				DataSize replayBound, EmnifyRateLimits limits, EmnifyRateLimitBuckets buckets) {
			RestClient client = RestClient.builder()
				.requestFactory(new JdkClientHttpRequestFactory())
				.baseUrl(baseUrl)
				.requestInterceptor(new EmnifyAuthenticationInterceptor(tokens, URI.create(baseUrl), listener,
						replayBound, limits, buckets))
				.build();
			return (method, path, body) -> {
				RestClient.RequestBodySpec spec = client.method(method).uri(path);
				RestClient.RequestHeadersSpec<?> request = (body != null)
						? spec.contentType(MediaType.APPLICATION_JSON).body(body) : spec;
				return request.retrieve().onStatus((status) -> true, (ignored, response) -> {
				}).toEntity(String.class);
			};
		}

	};

	abstract Sender sender(EmnifyTokenProvider tokens, String baseUrl, EmnifyAuthenticationListener listener,
			DataSize replayBound, EmnifyRateLimits limits, EmnifyRateLimitBuckets buckets);

	/**
	 * Sends one request and returns what the caller got, whatever its status.
	 */
	@FunctionalInterface
	interface Sender {

		@Nullable ResponseEntity<String> send(HttpMethod method, String path, @Nullable String body);

	}

}
