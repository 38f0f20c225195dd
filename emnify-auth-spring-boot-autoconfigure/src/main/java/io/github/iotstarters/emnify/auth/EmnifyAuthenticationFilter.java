package io.github.iotstarters.emnify.auth;

import java.net.URI;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.codec.ClientCodecConfigurer;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.ExchangeFunction;
import org.springframework.web.reactive.function.client.WebClient;

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
 * ({@code HttpClientSettings.withRedirects(HttpRedirects.DONT_FOLLOW)}).
 * <p>
 * A request that already carries an {@code Authorization} header is left as the caller
 * built it, and so are requests to the login endpoint {@code /api/v1/authenticate}
 * itself, which must carry no token. A 401 on the replay goes back to the caller as it
 * came; 403 is not an authentication problem and always passes through.
 * <p>
 * A client that carries the filter should not log request details: see
 * {@link #hideRequestDetails}.
 */
public final class EmnifyAuthenticationFilter implements ExchangeFilterFunction {

	private static final Log logger = LogFactory.getLog(EmnifyAuthenticationFilter.class);

	private final EmnifyTokenProvider tokenProvider;

	private final EmnifyAuthenticationListener listener;

	private final EmnifyOrigin origin;

	private final BearerHeader bearerHeader = new BearerHeader();

	/**
	 * Create a filter for the emnify API at the given base URL.
	 * @param tokenProvider the source of auth tokens
	 * @param baseUrl emnify's base URL, such as {@code https://cdn.emnify.net}
	 */
	public EmnifyAuthenticationFilter(EmnifyTokenProvider tokenProvider, URI baseUrl) {
		this(tokenProvider, baseUrl, EmnifyAuthenticationListener.NONE);
	}

	/**
	 * Create a filter for the emnify API at the given base URL that reports replays.
	 * @param tokenProvider the source of auth tokens
	 * @param baseUrl emnify's base URL, such as {@code https://cdn.emnify.net}
	 * @param listener told of each replay after a 401
	 */
	public EmnifyAuthenticationFilter(EmnifyTokenProvider tokenProvider, URI baseUrl,
			EmnifyAuthenticationListener listener) {
		this.tokenProvider = tokenProvider;
		this.listener = GuardedListener.of(listener);
		this.origin = new EmnifyOrigin(baseUrl);
	}

	/**
	 * Keep Spring's exchange logging from printing the request headers of a client that
	 * carries this filter, as it does at TRACE once request details are on
	 * ({@code spring.http.codecs.log-request-details}): they carry emnify's auth token.
	 * For {@link WebClient.Builder#codecs}; the starter applies it to every client it
	 * builds. It cannot reach a builder given an {@code exchangeFunction} of its own,
	 * whose codecs the builder then ignores, nor a custom codec registered with request
	 * details on, nor logging below Spring, such as Reactor Netty's wiretap.
	 * @param codecs the client's codecs
	 */
	public static void hideRequestDetails(ClientCodecConfigurer codecs) {
		codecs.defaultCodecs().enableLoggingRequestDetails(false);
	}

	@Override
	public Mono<ClientResponse> filter(ClientRequest request, ExchangeFunction next) {
		if (!this.origin.needsToken(request.url(), request.headers().containsHeader(HttpHeaders.AUTHORIZATION))) {
			return next.exchange(request);
		}
		// The token is read on each subscription, so that a resubscribing caller never
		// sends a token that went stale meanwhile; a cached one goes on the request at
		// once, without a Mono of its own.
		return Mono.defer(() -> {
			String cached = this.tokenProvider.getTokenIfAvailable();
			return (cached != null) ? exchange(request, next, cached)
					: this.tokenProvider.getToken().flatMap((token) -> exchange(request, next, token));
		});
	}

	private Mono<ClientResponse> exchange(ClientRequest request, ExchangeFunction next, String token) {
		return next.exchange(withToken(request, token))
			.flatMap((response) -> (response.statusCode().value() != HttpStatus.UNAUTHORIZED.value())
					? Mono.just(response) : replay(request, next, token, response));
	}

	private Mono<ClientResponse> replay(ClientRequest request, ExchangeFunction next, String rejectedToken,
			ClientResponse unauthorized) {
		return unauthorized.releaseBody().then(Mono.defer(() -> {
			logger.debug("emnify answered 401; replaying the request once with a new auth token");
			this.tokenProvider.invalidate(rejectedToken);
			return this.tokenProvider.getToken();
		})).flatMap((token) -> {
			this.listener.replayed();
			return next.exchange(withToken(request, token));
		});
	}

	private ClientRequest withToken(ClientRequest request, String token) {
		return new AuthorizedClientRequest(request, this.bearerHeader.valueFor(token), this.origin);
	}

}
