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
import java.time.Duration;

import org.springframework.http.HttpHeaders;
import org.springframework.util.unit.DataSize;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.ExchangeFunction;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import io.github.iotstarters.emnify.auth.EmnifyAuthenticationListener;
import io.github.iotstarters.emnify.auth.EmnifyHttpClientBuilders;
import io.github.iotstarters.emnify.auth.EmnifyTokenProvider;

/**
 * {@link ExchangeFilterFunction} that adds {@code Authorization: Bearer <auth token>} to
 * requests for emnify, and replays a request once with a new token when emnify answers
 * 401.
 * <p>
 * Only requests whose scheme, host and port equal the base URL's are touched, so the
 * token never leaves for another host: it is written only onto an HTTP request for that
 * origin, even when a filter after this one sends the request elsewhere. Redirects are
 * the connector's business: the starter's clients are built on one that follows none;
 * give a {@link WebClient} of your own that carries this filter such a connector too
 * ({@link EmnifyHttpClientBuilders#connector()}).
 * <p>
 * A request that already carries an {@code Authorization} header is left as the caller
 * built it, and so are requests to the login endpoint {@code /api/v1/authenticate}
 * itself, which must carry no token: neither is paced nor sent again after a 429, since
 * the token, and so the organisation whose budget it spends, is the caller's. A 401 on
 * the replay goes back to the caller as it came; 403 is not an authentication problem and
 * always passes through.
 * <p>
 * A replay sends exactly the bytes that the first attempt sent, recorded as they were
 * written, with the headers that went with them; the caller's body is never subscribed to
 * again. A request whose body is larger than the replay's bound, or was not written
 * completely, is not replayed: its token is discarded all the same, and the caller gets
 * the 401. So does a request whose token the provider keeps after the 401.
 * <p>
 * A client that carries the filter should not log request details: see
 * {@link EmnifyHttpClientBuilders#hideRequestDetails}.
 */
public final class EmnifyAuthenticationFilter implements ExchangeFilterFunction {

	private final ReplayPolicy policy;

	private final Pacer pacer;

	/**
	 * Create a filter for the emnify API at the given base URL.
	 * @param tokenProvider the source of auth tokens
	 * @param baseUrl emnify's base URL, such as {@code https://cdn.emnify.net}
	 */
	public EmnifyAuthenticationFilter(EmnifyTokenProvider tokenProvider, URI baseUrl) {
		this(tokenProvider, baseUrl, EmnifyAuthenticationListener.NONE);
	}

	/**
	 * Create a filter for the emnify API at the given base URL that reports replays, and
	 * replays requests with a body of up to 1 MB.
	 * @param tokenProvider the source of auth tokens
	 * @param baseUrl emnify's base URL, such as {@code https://cdn.emnify.net}
	 * @param listener told of each replay after a 401
	 */
	public EmnifyAuthenticationFilter(EmnifyTokenProvider tokenProvider, URI baseUrl,
			EmnifyAuthenticationListener listener) {
		this(tokenProvider, baseUrl, listener, ReplayPolicy.DEFAULT_MAX_BODY_SIZE);
	}

	/**
	 * Create a filter for the emnify API at the given base URL that reports replays, and
	 * replays requests with a body of up to the given size. It keeps to
	 * {@link EmnifyRateLimits#emnify() emnify's rate limits} on buckets that every filter
	 * and interceptor of this JVM created without buckets of their own shares.
	 * @param tokenProvider the source of auth tokens
	 * @param baseUrl emnify's base URL, such as {@code https://cdn.emnify.net}
	 * @param listener told of each replay after a 401
	 * @param replayMaxBodySize largest request body that is recorded, as it is written,
	 * to be replayed after a 401; zero replays only requests without a body
	 */
	public EmnifyAuthenticationFilter(EmnifyTokenProvider tokenProvider, URI baseUrl,
			EmnifyAuthenticationListener listener, DataSize replayMaxBodySize) {
		this(tokenProvider, baseUrl, listener, replayMaxBodySize, EmnifyRateLimits.emnify(),
				Bucket4jRateLimitBuckets.inThisJvm());
	}

	/**
	 * Create a filter for the emnify API at the given base URL that keeps to the given
	 * rate limits on the given buckets, reports replays, 429s and waits for permits, and
	 * replays and re-sends requests with a body of up to the given size.
	 * @param tokenProvider the source of auth tokens
	 * @param baseUrl emnify's base URL, such as {@code https://cdn.emnify.net}
	 * @param listener told of each replay after a 401, each 429 and each wait for a
	 * permit
	 * @param replayMaxBodySize largest request body that is recorded, as it is written,
	 * to be sent again after a 401 or a 429; zero sends again only requests without a
	 * body
	 * @param rateLimits the rate limits to keep to, {@link EmnifyRateLimits#none()} for
	 * none
	 * @param buckets where the buckets of the limits live, shared by every client that
	 * should count against one budget
	 */
	public EmnifyAuthenticationFilter(EmnifyTokenProvider tokenProvider, URI baseUrl,
			EmnifyAuthenticationListener listener, DataSize replayMaxBodySize, EmnifyRateLimits rateLimits,
			EmnifyRateLimitBuckets buckets) {
		this.policy = new ReplayPolicy(tokenProvider, baseUrl, listener, replayMaxBodySize);
		this.pacer = new Pacer(baseUrl, rateLimits, buckets, listener);
	}

	@Override
	public Mono<ClientResponse> filter(ClientRequest request, ExchangeFunction next) {
		if (!this.policy.needsToken(request.url(), request.headers().containsHeader(HttpHeaders.AUTHORIZATION))) {
			return next.exchange(request);
		}
		// The token is read on each subscription, so that a resubscribing caller never
		// sends a token that went stale meanwhile; a cached one goes on the request at
		// once, without a Mono of its own.
		EmnifyTokenProvider tokenProvider = this.policy.tokenProvider();
		return Mono.defer(() -> {
			String cached = tokenProvider.getTokenIfAvailable();
			return (cached != null) ? exchange(request, next, cached)
					: tokenProvider.getToken().flatMap((token) -> exchange(request, next, token));
		});
	}

	private Mono<ClientResponse> exchange(ClientRequest request, ExchangeFunction next, String token) {
		RecordedBody body = new RecordedBody(this.policy.maxBodySize());
		return send(request, next, token, body, 0)
			.flatMap((response) -> ReplayPolicy.isUnauthorized(response.statusCode().value())
					? replay(request, next, token, response, body) : Mono.just(response));
	}

	// One send under emnify's rate limits: a permit first, and a 429 waited out and sent
	// again with the bytes recorded, as often as the limits allow.
	private Mono<ClientResponse> send(ClientRequest request, ExchangeFunction next, String token, RecordedBody body,
			int resends) {
		Mono<ClientResponse> sent = Mono.defer(() -> next.exchange(
				new AuthorizedClientRequest(request, this.policy.authorization(token), this.policy.origin(), body)));
		if (!this.pacer.paces(request.url())) {
			return sent;
		}
		// Permits free at once are taken on the subscriber's thread. One that comes later
		// comes on another thread (a Redis client's, or the buckets' timer): the request
		// leaves it before the application's filters after this one run.
		return Mono.defer(() -> {
			if (this.pacer.permitAtOnce(request.method(), request.url(), token)) {
				return sent;
			}
			Thread subscriber = Thread.currentThread();
			return this.pacer.permit(request.method(), request.url(), token)
				.then(Mono.defer(
						() -> (Thread.currentThread() == subscriber) ? sent : sent.subscribeOn(Schedulers.parallel())));
		})
			.flatMap((response) -> ResendPolicy.isTooManyRequests(response.statusCode().value())
					? tooManyRequests(request, next, token, body, resends, response) : Mono.just(response));
	}

	private Mono<ClientResponse> tooManyRequests(ClientRequest request, ExchangeFunction next, String token,
			RecordedBody body, int resends, ClientResponse response) {
		return this.pacer
			.answered(request.method(), request.url(), token, response.statusCode().value(), body.isReplayable(),
					resends, response.headers().asHttpHeaders().getFirst(HttpHeaders.RETRY_AFTER))
			.doOnCancel(() -> response.releaseBody().subscribe())
			.flatMap((decision) -> {
				if (!decision.resend()) {
					return Mono.just(response);
				}
				Duration pause = decision.pause();
				ClientRequest again = ClientRequest.from(request).body(body.replay()).build();
				return response.releaseBody()
					.then((pause != null) ? Mono.delay(pause).then() : Mono.empty())
					.then(send(again, next, token, body, resends + 1));
			});
	}

	private Mono<ClientResponse> replay(ClientRequest request, ExchangeFunction next, String rejectedToken,
			ClientResponse unauthorized, RecordedBody body) {
		if (!this.policy.mayReplay(rejectedToken, body.isReplayable())) {
			return Mono.just(unauthorized);
		}
		// The 401 is held until the new token is known: the caller gets it as it came if
		// the provider keeps the rejected token. A caller that goes away meanwhile would
		// leave its connection taken: the 401 is released then too.
		return this.policy.tokenProvider()
			.getToken()
			.doOnCancel(() -> unauthorized.releaseBody().subscribe())
			.onErrorResume((ex) -> unauthorized.releaseBody().then(Mono.error(ex)))
			.flatMap((token) -> {
				if (!this.policy.replays(rejectedToken, token)) {
					return Mono.just(unauthorized);
				}
				ClientRequest replay = ClientRequest.from(request).body(body.replay()).build();
				return unauthorized.releaseBody().then(send(replay, next, token, body, 0));
			});
	}

}
