package io.github.iotstarters.emnify.auth;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * What an {@link EmnifyTokenStore} reports of itself.
 *
 * @param type the kind of store, such as {@code memory} or {@code redis}
 * @param shared whether the session is shared with other instances right now
 * @param unavailableSince when a shared store stopped answering, if it does not now
 * @param error why it stopped answering, if it does not now
 */
public record EmnifyTokenStoreStatus(String type, boolean shared, @Nullable Instant unavailableSince,
		@Nullable String error) {

}
