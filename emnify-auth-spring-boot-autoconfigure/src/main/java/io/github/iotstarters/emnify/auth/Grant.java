package io.github.iotstarters.emnify.auth;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import io.github.iotstarters.emnify.auth.AuthenticationClient.Tokens;

/**
 * How a {@link DefaultEmnifyTokenProvider} obtains new tokens: by logging in, or by
 * switching a user's token to a workspace.
 */
interface Grant {

	/**
	 * Obtain new tokens.
	 * @param refreshToken an unused, unexpired refresh token of the session, already
	 * discarded from it because it is single-use; {@code null} when none is held
	 * @return the tokens, or an {@link EmnifyAuthenticationException}
	 */
	Mono<Tokens> obtain(@Nullable String refreshToken);

}
