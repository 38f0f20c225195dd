package io.github.iotstarters.emnify.auth;

import java.net.URI;
import java.util.Locale;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.ExchangeFunction;

/**
 * {@link ExchangeFilterFunction} that adds {@code Authorization: Bearer <auth token>} to
 * requests for emnify, and replays a request once with a new token when emnify answers
 * 401.
 * <p>
 * Only requests whose scheme, host and port equal the base URL's are touched, so the
 * token never leaves for another host; a request that already carries an
 * {@code Authorization} header is left as the caller built it, and so are requests to
 * the login endpoint {@code /api/v1/authenticate} itself, which must carry no token. A 401 on the replay goes back to the caller as it
 * came; 403 is not an authentication problem and always passes through.
 */
public final class EmnifyAuthenticationFilter implements ExchangeFilterFunction {

	private static final Log logger = LogFactory.getLog(EmnifyAuthenticationFilter.class);

	private final EmnifyTokenProvider tokenProvider;

	private final EmnifyAuthenticationListener listener;

	private final String scheme;

	private final String host;

	private final int port;

	private final String authenticatePath;

	/**
	 * Create a filter for the emnify API at the given base URL.
	 * @param tokenProvider the source of auth tokens
	 * @param baseUrl emnify's base URL, such as {@code https://cdn.emnify.net}
	 */
	public EmnifyAuthenticationFilter(EmnifyTokenProvider tokenProvider, URI baseUrl) {
		this(tokenProvider, baseUrl, new EmnifyAuthenticationListener() {
		});
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
		this.listener = listener;
		this.scheme = baseUrl.getScheme().toLowerCase(Locale.ROOT);
		this.host = baseUrl.getHost().toLowerCase(Locale.ROOT);
		this.port = effectivePort(baseUrl);
		String basePath = (baseUrl.getPath() != null) ? baseUrl.getPath().replaceAll("/+$", "") : "";
		this.authenticatePath = basePath + AuthenticationClient.AUTHENTICATE_PATH;
	}

	@Override
	public Mono<ClientResponse> filter(ClientRequest request, ExchangeFunction next) {
		if (!needsToken(request)) {
			return next.exchange(request);
		}
		return this.tokenProvider.getToken()
			.flatMap((token) -> next.exchange(withToken(request, token))
				.flatMap((response) -> (response.statusCode().value() != HttpStatus.UNAUTHORIZED.value())
						? Mono.just(response) : replay(request, next, token, response)));
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

	private boolean needsToken(ClientRequest request) {
		URI url = request.url();
		return this.scheme.equalsIgnoreCase(url.getScheme()) && this.host.equalsIgnoreCase(url.getHost())
				&& this.port == effectivePort(url) && !request.headers().containsHeader(HttpHeaders.AUTHORIZATION)
				&& !isAuthenticatePath(url.getPath());
	}

	private boolean isAuthenticatePath(@Nullable String path) {
		return path != null && (path.equals(this.authenticatePath) || path.equals(this.authenticatePath + "/"));
	}

	private static ClientRequest withToken(ClientRequest request, String token) {
		return ClientRequest.from(request).headers((headers) -> headers.setBearerAuth(token)).build();
	}

	private static int effectivePort(URI url) {
		if (url.getPort() != -1) {
			return url.getPort();
		}
		return "https".equalsIgnoreCase(url.getScheme()) ? 443 : ("http".equalsIgnoreCase(url.getScheme()) ? 80 : -1);
	}

}
