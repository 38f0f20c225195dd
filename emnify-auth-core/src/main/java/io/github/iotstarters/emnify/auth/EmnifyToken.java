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
