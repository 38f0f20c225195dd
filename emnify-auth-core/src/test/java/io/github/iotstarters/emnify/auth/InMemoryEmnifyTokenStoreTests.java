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

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;

class InMemoryEmnifyTokenStoreTests {

	private static final String KEY = "https://cdn.emnify.net/0123";

	private final InMemoryEmnifyTokenStore store = new InMemoryEmnifyTokenStore();

	@Test
	void anAcceptedSessionIsHandedOutWithoutRenewal() {
		Renewals renewals = new Renewals(true);
		EmnifySession first = this.store.obtain(KEY, renewals).block();
		EmnifySession second = this.store.obtain(KEY, renewals).block();
		assertThat(second).isSameAs(first);
		assertThat(renewals.refreshTokensSeen).containsExactly((String) null);
	}

	@Test
	void theRefreshTokenIsHandedToOneRenewalOnly() {
		Renewals renewals = new Renewals(false);
		this.store.obtain(KEY, renewals).block();
		this.store.obtain(KEY, renewals).block();
		renewals.failNext = true;
		assertThat(this.store.obtain(KEY, renewals).onErrorResume((ex) -> Mono.empty()).block()).isNull();
		this.store.obtain(KEY, renewals).block();
		// The third renewal failed after taking refresh-2: the fourth gets none.
		assertThat(renewals.refreshTokensSeen).containsExactly(null, "refresh-1", "refresh-2", null);
	}

	@Test
	void discardRemovesOnlyTheCurrentAuthTokenAndKeepsTheRefreshToken() {
		Renewals renewals = new Renewals(true);
		EmnifySession session = this.store.obtain(KEY, renewals).block();
		this.store.discard(KEY, "another-token").block();
		assertThat(this.store.obtain(KEY, renewals).block()).isSameAs(session);
		this.store.discard(KEY, session.authToken().value()).block();
		this.store.obtain(KEY, renewals).block();
		assertThat(renewals.refreshTokensSeen).containsExactly(null, "refresh-1");
		assertThat(this.store.status().type()).isEqualTo("memory");
		assertThat(this.store.status().shared()).isFalse();
	}

	@Test
	void aSavedSessionIsLoadedAndItsRefreshTokenTakenOnce() {
		assertThat(this.store.load(KEY).block()).isNull();
		EmnifyTokenStore.Lease lease = this.store.lease(KEY).block();
		EmnifySession session = new EmnifySession(token("auth-1"), token("refresh-1"));
		assertThat(this.store.save(KEY, lease, session).block()).isTrue();
		assertThat(this.store.load(KEY).block()).isSameAs(session);
		assertThat(this.store.takeRefreshToken(KEY).block().value()).isEqualTo("refresh-1");
		assertThat(this.store.takeRefreshToken(KEY).block()).isNull();
		// The auth token stays held without its refresh token.
		assertThat(this.store.load(KEY).block().authToken().value()).isEqualTo("auth-1");
		assertThat(this.store.load(KEY).block().refreshToken()).isNull();
	}

	@Test
	void theLeaseOfAStoreThatSharesNothingIsAlwaysHeld() {
		EmnifyTokenStore.Lease lease = this.store.lease(KEY).block();
		assertThat(this.store.lease(KEY).block()).isNotNull();
		assertThat(lease.extend().block()).isTrue();
		lease.release().block();
		assertThat(lease.extend().block()).isTrue();
		assertThat(lease.describe()).doesNotContain(KEY);
	}

	private static EmnifyToken token(String value) {
		Instant now = Instant.now();
		return new EmnifyToken(value, now.plus(Duration.ofHours(1)), now.plus(Duration.ofMinutes(55)),
				now.plus(Duration.ofMinutes(59)));
	}

	/**
	 * Issues auth-N and refresh-N, and records the refresh token each renewal got.
	 */
	static final class Renewals implements EmnifyTokenStore.Renewal {

		private final boolean acceptsHeld;

		private final List<@Nullable String> refreshTokensSeen = new ArrayList<>();

		private boolean failNext;

		Renewals(boolean acceptsHeld) {
			this.acceptsHeld = acceptsHeld;
		}

		@Override
		public boolean accepts(EmnifySession session) {
			return this.acceptsHeld;
		}

		@Override
		public Mono<EmnifySession> renew(@Nullable EmnifyToken refreshToken) {
			this.refreshTokensSeen.add((refreshToken != null) ? refreshToken.value() : null);
			if (this.failNext) {
				this.failNext = false;
				return Mono.error(new IllegalStateException("emnify unreachable"));
			}
			int n = this.refreshTokensSeen.size();
			return Mono.just(new EmnifySession(token("auth-" + n), token("refresh-" + n)));
		}

		@Override
		public Duration holdBack(EmnifyAuthenticationException failure) {
			return Duration.ZERO;
		}

	}

}
