package io.github.iotstarters.emnify.auth;

import org.jspecify.annotations.Nullable;

/**
 * The tokens of one emnify session as an {@link EmnifyTokenStore} holds them.
 * {@link #toString()} never shows a token.
 *
 * @param authToken the auth token, or {@code null} once it was discarded after emnify
 * no longer accepted it
 * @param refreshToken the unused single-use refresh token, if emnify issued one
 */
public record EmnifySession(@Nullable EmnifyToken authToken, @Nullable EmnifyToken refreshToken) {

	/**
	 * Return whether the given value is this session's auth token.
	 * @param token a token value
	 * @return whether it is the auth token held
	 */
	public boolean isCurrent(String token) {
		return this.authToken != null && this.authToken.value().equals(token);
	}

	/**
	 * Return this session without its auth token, keeping the refresh token.
	 * @return the session without auth token
	 */
	public EmnifySession withoutAuthToken() {
		return new EmnifySession(null, this.refreshToken);
	}

	/**
	 * Return this session without its refresh token, as after the token was used.
	 * @return the session without refresh token
	 */
	public EmnifySession withoutRefreshToken() {
		return new EmnifySession(this.authToken, null);
	}

}
