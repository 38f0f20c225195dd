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

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * {@link EmnifyTokenStore} in this application's memory: every instance keeps its own
 * session. The default.
 */
public final class InMemoryEmnifyTokenStore implements EmnifyTokenStore {

	private final Map<String, EmnifySession> sessions = new ConcurrentHashMap<>();

	@Override
	public Mono<EmnifySession> load(String sessionKey) {
		// A session whose auth token was discarded keeps only its refresh token.
		return Mono.fromSupplier(() -> this.sessions.get(sessionKey)).filter((held) -> held.authToken() != null);
	}

	@Override
	public Mono<EmnifyToken> takeRefreshToken(String sessionKey) {
		return Mono.fromSupplier(() -> {
			// Single use: out of the store the moment it is handed over, whatever the
			// outcome.
			AtomicReference<@Nullable EmnifyToken> refreshToken = new AtomicReference<>();
			this.sessions.computeIfPresent(sessionKey, (key, session) -> {
				refreshToken.set(session.refreshToken());
				return session.withoutRefreshToken();
			});
			return refreshToken.get();
		});
	}

	// The lease is this instance's own: nobody else can have taken it.
	@Override
	public Mono<Boolean> save(String sessionKey, Lease lease, EmnifySession session) {
		return Mono.fromSupplier(() -> {
			this.sessions.put(sessionKey, session);
			return true;
		});
	}

	@Override
	public EmnifyTokenStoreStatus status() {
		return new EmnifyTokenStoreStatus("memory", false, null, null);
	}

	@Override
	public Mono<Void> discard(String sessionKey, String authToken) {
		return Mono.fromRunnable(() -> this.sessions.computeIfPresent(sessionKey,
				(key, session) -> session.isCurrent(authToken) ? session.withoutAuthToken() : session));
	}

}
