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

import org.jspecify.annotations.Nullable;

/**
 * What the default token provider holds besides its store, swapped as a whole: the auth
 * token it hands out without asking the store, and what holds back its logins. Tokens are
 * never shown by {@link #toString()}.
 *
 * @param authToken the auth token, if one is held
 * @param replacedRejectedTokenAt when the auth token was obtained to replace one emnify
 * answered 401 to, if it was
 * @param replacingRejected whether the auth token was discarded after a 401, so that the
 * next one replaces it
 * @param heldBack the failure that holds back new logins, if any
 */
record ProviderState(@Nullable EmnifyToken authToken, @Nullable Instant replacedRejectedTokenAt,
		boolean replacingRejected, @Nullable HeldBack heldBack) {

	static final ProviderState EMPTY = new ProviderState(null, null, false, null);

	boolean isCurrent(String token) {
		return this.authToken != null && this.authToken.value().equals(token);
	}

	ProviderState withoutAuthToken() {
		return new ProviderState(null, null, true, this.heldBack);
	}

	ProviderState renewed(EmnifyToken authToken, @Nullable Instant replacedRejectedTokenAt) {
		return new ProviderState(authToken, replacedRejectedTokenAt, false, null);
	}

	ProviderState withHeldBack(HeldBack heldBack) {
		return new ProviderState(this.authToken, this.replacedRejectedTokenAt, this.replacingRejected, heldBack);
	}

	/**
	 * A failure remembered so that no login is sent before a given instant.
	 *
	 * @param failure the failure every caller gets meanwhile
	 * @param until when logins may be sent again, or {@code null} for not before the
	 * application restarts
	 */
	record HeldBack(EmnifyAuthenticationException failure, @Nullable Instant until) {

	}

}
