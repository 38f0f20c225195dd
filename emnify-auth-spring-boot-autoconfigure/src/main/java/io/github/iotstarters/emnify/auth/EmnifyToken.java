package io.github.iotstarters.emnify.auth;

import java.time.Instant;

import org.springframework.util.Assert;

/**
 * A token issued by emnify with the instants that govern its use, computed once on
 * receipt. {@link #toString()} never shows the value.
 *
 * @param value the token as emnify issued it
 * @param expiresAt when the token expires
 * @param renewAt from when a renewal is started in the background
 * @param staleAt from when the token is no longer handed out
 */
public record EmnifyToken(String value, Instant expiresAt, Instant renewAt, Instant staleAt) {

	public EmnifyToken {
		Assert.hasText(value, "emnify token value must not be empty");
		Assert.notNull(expiresAt, "emnify token expiry must not be null");
		Assert.notNull(renewAt, "emnify token renewal instant must not be null");
		Assert.notNull(staleAt, "emnify token staleness instant must not be null");
	}

	/**
	 * Return whether the token may still be handed out.
	 * @param now the current instant
	 * @return whether {@code now} is before {@link #staleAt()}
	 */
	public boolean isUsableAt(Instant now) {
		return now.isBefore(this.staleAt);
	}

	/**
	 * Return whether a renewal is due.
	 * @param now the current instant
	 * @return whether {@code now} is at or after {@link #renewAt()}
	 */
	public boolean needsRenewalAt(Instant now) {
		return !now.isBefore(this.renewAt);
	}

	@Override
	public String toString() {
		return "EmnifyToken[expiresAt=" + this.expiresAt + ", value=******]";
	}

}
