package io.github.iotstarters.emnify.auth;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * What an {@link EmnifyTokenProvider} holds right now, read without sending any
 * request: for health checks and metrics. {@link #toString()} never shows a token.
 *
 * @param expiresAt when the auth token held expires, or {@code null} when none is held
 * @param failure the failure that holds back new logins, or {@code null} when none does
 * @param failureUntil until when that failure holds back new logins, or {@code null}
 */
public record EmnifyTokenStatus(@Nullable Instant expiresAt, @Nullable EmnifyAuthenticationException failure,
		@Nullable Instant failureUntil) {

	/**
	 * Status of a provider that has not been used yet, or cannot tell.
	 */
	public static final EmnifyTokenStatus UNKNOWN = new EmnifyTokenStatus(null, null, null);

}
