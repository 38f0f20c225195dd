package io.github.iotstarters.emnify.auth;

import java.time.Instant;

/**
 * A token issued by emnify with the instants that govern its use, computed once on
 * receipt. {@link #toString()} never shows the value.
 *
 * @param value the token as emnify issued it
 * @param expiresAt when the token expires, on the local clock
 * @param renewAt from when a renewal is started in the background
 * @param staleAt from when the token is no longer handed out
 */
record Token(String value, Instant expiresAt, Instant renewAt, Instant staleAt) {

	boolean isUsableAt(Instant now) {
		return now.isBefore(this.staleAt);
	}

	boolean needsRenewalAt(Instant now) {
		return !now.isBefore(this.renewAt);
	}

	@Override
	public String toString() {
		return "Token[expiresAt=" + this.expiresAt + ", value=******]";
	}

}
