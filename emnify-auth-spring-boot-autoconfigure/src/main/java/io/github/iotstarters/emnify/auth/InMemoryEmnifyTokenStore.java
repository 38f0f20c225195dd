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
	public Mono<EmnifySession> obtain(String sessionKey, Renewal renewal) {
		return Mono.defer(() -> {
			EmnifySession held = this.sessions.get(sessionKey);
			if (held != null && held.authToken() != null && renewal.accepts(held)) {
				return Mono.just(held);
			}
			// Single use: out of the store the moment it is handed over, whatever the outcome.
			AtomicReference<@Nullable EmnifyToken> refreshToken = new AtomicReference<>();
			this.sessions.computeIfPresent(sessionKey, (key, session) -> {
				refreshToken.set(session.refreshToken());
				return session.withoutRefreshToken();
			});
			return renewal.renew(refreshToken.get())
				.doOnNext((session) -> this.sessions.put(sessionKey, session));
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
