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

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpRequest;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.http.client.support.HttpRequestWrapper;
import org.springframework.util.unit.DataSize;
import reactor.core.Exceptions;
import reactor.core.publisher.Mono;

import io.github.iotstarters.emnify.auth.EmnifyAuthenticationListener;
import io.github.iotstarters.emnify.auth.EmnifyHttpClientBuilders;
import io.github.iotstarters.emnify.auth.EmnifyTokenProvider;
import io.github.iotstarters.emnify.auth.web.ResendPolicy.Decision;

/**
 * {@link ClientHttpRequestInterceptor} for blocking clients such as {@code RestClient}:
 * the same rules as {@link EmnifyAuthenticationFilter}, from the same token provider.
 * Requests to emnify (the base URL's scheme, host and port) get
 * {@code Authorization: Bearer <auth token>} unless they carry an {@code Authorization}
 * header already; a 401 from emnify discards the token if it is still current and replays
 * the request once with a new one, with the same body bytes; a second 401 and a 403 reach
 * the caller. A request whose body is larger than the replay's bound, or whose token the
 * provider keeps after the 401, is not replayed: the caller gets the 401.
 * <p>
 * The origin is checked on the request as it reaches this interceptor, which is as far as
 * an interceptor can see: one placed after it sees the token and could send the request
 * elsewhere, so register interceptors that change the URI before this one. Redirects are
 * the request factory's business: the starter's clients are built on one that follows
 * none; give a {@code RestClient} of your own that carries this interceptor such a
 * request factory too ({@link EmnifyHttpClientBuilders#requestFactory()}).
 * <p>
 * Waiting for a token blocks the calling thread, as a blocking client does anyway, for
 * the token provider's {@link EmnifyTokenProvider#getTokenTimeout()} at most; do not call
 * it from an event-loop thread.
 */
public final class EmnifyAuthenticationInterceptor implements ClientHttpRequestInterceptor {

	private static final Duration PROVIDER_MARGIN = Duration.ofSeconds(1);

	private final ReplayPolicy policy;

	private final Pacer pacer;

	/**
	 * Create an interceptor for the emnify API at the given base URL.
	 * @param tokenProvider the source of auth tokens
	 * @param baseUrl emnify's base URL, such as {@code https://cdn.emnify.net}
	 */
	public EmnifyAuthenticationInterceptor(EmnifyTokenProvider tokenProvider, URI baseUrl) {
		this(tokenProvider, baseUrl, EmnifyAuthenticationListener.NONE);
	}

	/**
	 * Create an interceptor for the emnify API at the given base URL that reports
	 * replays, and replays requests with a body of up to 1 MB.
	 * @param tokenProvider the source of auth tokens
	 * @param baseUrl emnify's base URL, such as {@code https://cdn.emnify.net}
	 * @param listener told of each replay after a 401
	 */
	public EmnifyAuthenticationInterceptor(EmnifyTokenProvider tokenProvider, URI baseUrl,
			EmnifyAuthenticationListener listener) {
		this(tokenProvider, baseUrl, listener, ReplayPolicy.DEFAULT_MAX_BODY_SIZE);
	}

	/**
	 * Create an interceptor for the emnify API at the given base URL that reports
	 * replays, and replays requests with a body of up to the given size.
	 * @param tokenProvider the source of auth tokens
	 * @param baseUrl emnify's base URL, such as {@code https://cdn.emnify.net}
	 * @param listener told of each replay after a 401
	 * @param replayMaxBodySize largest request body that is replayed after a 401; zero
	 * replays only requests without a body
	 */
	public EmnifyAuthenticationInterceptor(EmnifyTokenProvider tokenProvider, URI baseUrl,
			EmnifyAuthenticationListener listener, DataSize replayMaxBodySize) {
		this(tokenProvider, baseUrl, listener, replayMaxBodySize, EmnifyRateLimits.emnify(),
				Bucket4jRateLimitBuckets.inThisJvm());
	}

	/**
	 * Create an interceptor for the emnify API at the given base URL that keeps to the
	 * given rate limits on the given buckets, reports replays, 429s and waits for
	 * permits, and replays and re-sends requests with a body of up to the given size.
	 * Waiting for a permit sleeps the calling thread, for the limits' wait bound at most.
	 * @param tokenProvider the source of auth tokens
	 * @param baseUrl emnify's base URL, such as {@code https://cdn.emnify.net}
	 * @param listener told of each replay after a 401, each 429 and each wait for a
	 * permit
	 * @param replayMaxBodySize largest request body that is sent again after a 401 or a
	 * 429; zero sends again only requests without a body
	 * @param rateLimits the rate limits to keep to, {@link EmnifyRateLimits#none()} for
	 * none
	 * @param buckets where the buckets of the limits live, shared by every client that
	 * should count against one budget
	 */
	public EmnifyAuthenticationInterceptor(EmnifyTokenProvider tokenProvider, URI baseUrl,
			EmnifyAuthenticationListener listener, DataSize replayMaxBodySize, EmnifyRateLimits rateLimits,
			EmnifyRateLimitBuckets buckets) {
		this.policy = new ReplayPolicy(tokenProvider, baseUrl, listener, replayMaxBodySize);
		this.pacer = new Pacer(baseUrl, rateLimits, buckets, listener);
	}

	@Override
	public ClientHttpResponse intercept(HttpRequest request, byte[] body, ClientHttpRequestExecution execution)
			throws IOException {
		if (!this.policy.needsToken(request.getURI(), request.getHeaders().containsHeader(HttpHeaders.AUTHORIZATION))) {
			return execution.execute(request, body);
		}
		String token = token();
		boolean bodyRecorded = body.length <= this.policy.maxBodySize();
		ClientHttpResponse response = send(request, body, execution, token, bodyRecorded);
		if (!isUnauthorized(response) || !this.policy.mayReplay(token, bodyRecorded)) {
			return response;
		}
		String renewed;
		try {
			renewed = token();
		}
		catch (RuntimeException ex) {
			response.close();
			throw ex;
		}
		if (!this.policy.replays(token, renewed)) {
			return response;
		}
		response.close();
		return send(request, body, execution, renewed, bodyRecorded);
	}

	// One send under emnify's rate limits: a permit first, on this thread (block() fails
	// on an event-loop thread, loudly), and a 429 waited out and sent again with the same
	// bytes, as often as the limits allow.
	private ClientHttpResponse send(HttpRequest request, byte[] body, ClientHttpRequestExecution execution,
			String token, boolean bodyRecorded) throws IOException {
		if (!this.pacer.paces(request.getURI())) {
			return execution.execute(withToken(request, token), body);
		}
		for (int resends = 0;; resends++) {
			permit(request, token);
			ClientHttpResponse response = execution.execute(withToken(request, token), body);
			int status = statusOf(response);
			if (!ResendPolicy.isTooManyRequests(status)) {
				return response;
			}
			Decision decision = answered(request, token, response, status, bodyRecorded, resends);
			if (decision == null || !decision.resend() || !pause(decision.pause())) {
				return response;
			}
			response.close();
		}
	}

	// An interrupt while the thread waits for a permit reaches the caller as the I/O
	// failure its client knows (block() would throw a Reactor internal); block() has
	// given the permit back and kept the thread's interrupt.
	private void permit(HttpRequest request, String token) throws InterruptedIOException {
		if (this.pacer.permitAtOnce(request.getMethod(), request.getURI(), token)) {
			return;
		}
		try {
			this.pacer.permit(request.getMethod(), request.getURI(), token).block();
		}
		catch (RuntimeException ex) {
			Throwable cause = Exceptions.unwrap(ex);
			if (!(cause instanceof InterruptedException)) {
				throw ex;
			}
			InterruptedIOException interrupted = new InterruptedIOException(
					"Interrupted while waiting for a permit of emnify's rate limits for " + request.getMethod() + " "
							+ request.getURI().getRawPath() + "; the request was not sent.");
			interrupted.initCause(cause);
			throw interrupted;
		}
	}

	// Null when the thread was interrupted while the bucket drained (shared buckets are
	// a round trip to Redis): the caller gets the 429 then, as after an interrupted
	// pause, and closes it; on any other failure the 429 is closed here.
	private @Nullable Decision answered(HttpRequest request, String token, ClientHttpResponse response, int status,
			boolean bodyRecorded, int resends) {
		try {
			return this.pacer
				.answered(request.getMethod(), request.getURI(), token, status, bodyRecorded, resends,
						response.getHeaders().getFirst(HttpHeaders.RETRY_AFTER))
				.block();
		}
		catch (RuntimeException ex) {
			if (Exceptions.unwrap(ex) instanceof InterruptedException) {
				Thread.currentThread().interrupt();
				return null;
			}
			response.close();
			throw ex;
		}
	}

	private static int statusOf(ClientHttpResponse response) throws IOException {
		try {
			return response.getStatusCode().value();
		}
		catch (IOException ex) {
			response.close();
			throw ex;
		}
	}

	// False when the thread was interrupted: the caller gets the 429 then.
	private static boolean pause(@Nullable Duration pause) {
		if (pause == null) {
			return true;
		}
		try {
			Thread.sleep(pause.toMillis(), pause.toNanosPart() % 1_000_000);
			return true;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	private static boolean isUnauthorized(ClientHttpResponse response) throws IOException {
		return ReplayPolicy.isUnauthorized(statusOf(response));
	}

	private String token() {
		EmnifyTokenProvider tokenProvider = this.policy.tokenProvider();
		String cached = tokenProvider.getTokenIfAvailable();
		if (cached != null) {
			return cached;
		}
		// A second more than the provider's own bound, so that its error, which says what
		// went wrong, comes first; this one is for providers that keep no bound.
		Duration timeout = tokenProvider.getTokenTimeout().plus(PROVIDER_MARGIN);
		String token = tokenProvider.getToken()
			.timeout(timeout,
					Mono.error(() -> new IllegalStateException("The emnify token provider "
							+ tokenProvider.getClass().getName() + " gave no auth token within " + timeout
							+ " (its getTokenTimeout() and a second); the request to emnify was not sent.")))
			.block();
		if (token == null) {
			throw new IllegalStateException("emnify token provider completed without a token");
		}
		return token;
	}

	private HttpRequest withToken(HttpRequest request, String token) {
		// The request's own headers are read-only once it executes.
		HttpHeaders headers = HttpHeaders.copyOf(request.getHeaders());
		headers.set(HttpHeaders.AUTHORIZATION, this.policy.authorization(token));
		return new HttpRequestWrapper(request) {

			@Override
			public HttpHeaders getHeaders() {
				return headers;
			}

		};
	}

}
