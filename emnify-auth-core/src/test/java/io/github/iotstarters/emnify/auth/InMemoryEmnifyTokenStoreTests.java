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

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class InMemoryEmnifyTokenStoreTests {

	private static final String KEY = "https://cdn.emnify.net/0123";

	private final InMemoryEmnifyTokenStore store = new InMemoryEmnifyTokenStore();

	@Test
	void discardRemovesOnlyTheCurrentAuthTokenAndKeepsTheRefreshToken() {
		EmnifySession session = new EmnifySession(token("auth-1"), token("refresh-1"));
		this.store.save(KEY, this.store.lease(KEY).block(), session).block();
		this.store.discard(KEY, "another-token").block();
		assertThat(this.store.load(KEY).block()).isSameAs(session);
		this.store.discard(KEY, "auth-1").block();
		assertThat(this.store.load(KEY).block()).isNull();
		assertThat(this.store.takeRefreshToken(KEY).block().value()).isEqualTo("refresh-1");
		assertThat(this.store.status().type()).isEqualTo("memory");
		assertThat(this.store.status().shared()).isFalse();
	}

	@Test
	void aStoreThatSharesNothingKeepsNoLedger() {
		EmnifyTokenStore.RecordedFailure failure = new EmnifyTokenStore.RecordedFailure("emnify rejected",
				EmnifyFailureKind.REJECTED, EmnifyGrantType.PASSWORD, 401, null, null, true, 1, Duration.ZERO);
		this.store.holdBack(KEY, "digest", failure, Duration.ofMinutes(1)).block();
		this.store.recordRejection(KEY, "digest", failure, Duration.ofDays(1)).block();
		assertThat(this.store.heldBack(KEY, "digest").block()).isNull();
		assertThat(this.store.lastRejection(KEY, "digest").block()).isNull();
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
	}

	private static EmnifyToken token(String value) {
		Instant now = Instant.now();
		return new EmnifyToken(value, now.plus(Duration.ofHours(1)), now.plus(Duration.ofMinutes(55)),
				now.plus(Duration.ofMinutes(59)));
	}

}
