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

package io.github.iotstarters.emnify.auth.redis;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.iotstarters.emnify.auth.EmnifyFailureKind;
import io.github.iotstarters.emnify.auth.EmnifyGrantType;
import io.github.iotstarters.emnify.auth.EmnifySession;
import io.github.iotstarters.emnify.auth.EmnifyToken;
import io.github.iotstarters.emnify.auth.EmnifyTokenStore;
import io.github.iotstarters.emnify.auth.EmnifyTokenStore.Lease;
import io.github.iotstarters.emnify.auth.EmnifyTokenStore.RecordedFailure;
import io.github.iotstarters.emnify.auth.EmnifyTokenStoreUnavailableException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The passive contract of {@link RedisEmnifyTokenStore}: load, take the refresh token,
 * lease and save under the lease, and the ledger of failures, between two instances that
 * share one Redis.
 */
class RedisPassiveStoreTests {

	private static final String KEY = "http://127.0.0.1:8089/0123abcd";

	private static final byte[] ENCRYPTION_KEY = new byte[RedisEmnifyTokenStore.KEY_BYTES];

	@RegisterExtension
	static LocalRedis redis = new LocalRedis();

	private final RedisEmnifyTokenStore first = store();

	private final RedisEmnifyTokenStore second = store();

	@AfterEach
	void close() {
		this.first.close();
		this.second.close();
	}

	@Test
	void aSessionSavedUnderTheLeaseIsLoadedByAnotherInstanceWhichTakesTheRefreshTokenOnce() {
		assertThat(this.second.load(KEY).block()).isNull();
		Lease lease = this.first.lease(KEY).block();
		assertThat(this.first.save(KEY, lease, session("first")).block()).isTrue();
		EmnifySession loaded = this.second.load(KEY).block();
		assertThat(loaded.authToken().value()).isEqualTo("first-auth");
		assertThat(loaded.refreshToken()).isNull();
		assertThat(this.second.takeRefreshToken(KEY).block().value()).isEqualTo("first-refresh");
		assertThat(this.first.takeRefreshToken(KEY).block()).isNull();
		assertThat(this.first.load(KEY).block().authToken().value()).isEqualTo("first-auth");
	}

	@Test
	void aLeaseHeldByAnotherInstanceIsNotGivenUntilReleased() {
		Lease held = this.first.lease(KEY).block();
		assertThat(this.second.lease(KEY).block()).isNull();
		assertThat(held.extend().block()).isTrue();
		assertThat(this.second.describeLease(KEY))
			.isEqualTo("the lease emnify:auth:{http://127.0.0.1:8089/*}:lease on Redis; a lease whose holder died "
					+ "expires within RedisEmnifyTokenStore.Builder.leaseTime")
			.doesNotContain(leaseKey());
		held.release().block();
		assertThat(this.second.lease(KEY).block()).isNotNull();
	}

	@Test
	void aHolderThatLostItsLeaseSavesNothingAndCannotExtendIt() {
		Lease lost = this.first.lease(KEY).block();
		// The lease is lost, as to a failover or a pause longer than the lease.
		redis.cli("DEL", leaseKey());
		Lease successor = this.second.lease(KEY).block();
		assertThat(this.second.save(KEY, successor, session("successor")).block()).isTrue();
		assertThat(this.first.save(KEY, lost, session("lost")).block()).isFalse();
		assertThat(lost.extend().block()).isFalse();
		lost.release().block();
		assertThat(this.first.load(KEY).block().authToken().value()).isEqualTo("successor-auth");
		assertThat(successor.extend().block()).isTrue();
	}

	// On Redis' clock: an instance that reads the failure later holds back until the same
	// instant. Its count applies to the settings it was met with only.
	@Test
	void aFailureHeldBackIsReadByEveryInstanceWithWhatIsLeftOfItAndCountedForItsSettingsOnly() {
		RecordedFailure failure = new RecordedFailure("emnify rejected the authentication request",
				EmnifyFailureKind.REJECTED, EmnifyGrantType.PASSWORD, 401, "Unauthorized", "wrong", true, 1,
				Duration.ZERO);
		this.first.holdBack(KEY, "settings-a", failure, Duration.ofSeconds(30)).block();
		RecordedFailure read = this.second.heldBack(KEY, "settings-a").block();
		assertThat(read.withRemaining(Duration.ZERO)).isEqualTo(failure);
		assertThat(read.remaining()).isBetween(Duration.ofSeconds(25), Duration.ofSeconds(30));
		assertThat(this.second.heldBack(KEY, "settings-b").block().rejectedLoginsInARow()).isZero();
		assertThat(redis.cli("--raw", "GET", storedKey("failure"))).doesNotContain("settings-a")
			.doesNotContain("wrong");
	}

	// A day-long record of the run, per settings, that a saved session ends.
	@Test
	void theLastRejectionIsKeptForItsSettingsUntilASessionIsSaved() {
		RecordedFailure failure = new RecordedFailure("emnify rejected the MFA code", EmnifyFailureKind.REJECTED,
				EmnifyGrantType.MFA, 401, null, null, true, 2, Duration.ZERO);
		this.first.recordRejection(KEY, "settings-a", failure, Duration.ofDays(1)).block();
		assertThat(this.second.lastRejection(KEY, "settings-a").block()).isEqualTo(failure);
		assertThat(this.second.lastRejection(KEY, "settings-b").block()).isNull();
		assertThat(Long.parseLong(redis.cli("--raw", "PTTL", storedKey("rejections")).strip()))
			.isGreaterThan(Duration.ofHours(23).toMillis());
		Lease lease = this.second.lease(KEY).block();
		this.second.save(KEY, lease, session("after")).block();
		assertThat(this.first.lastRejection(KEY, "settings-a").block()).isNull();
	}

	@Test
	void onlyALeaseOfTheStoreItselfSavesToIt() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.first.save(KEY, EmnifyTokenStore.Lease.unshared(), session("foreign")))
			.withMessageContaining("emnify token store");
	}

	@Test
	void aStoreThatCannotReachRedisFailsToLoadAndSaysSoInItsStatus() {
		redis.stop();
		assertThatExceptionOfType(EmnifyTokenStoreUnavailableException.class)
			.isThrownBy(() -> this.first.load(KEY).block())
			.withMessageStartingWith("The emnify token store cannot reach Redis");
		assertThat(this.first.status().shared()).isFalse();
		assertThat(this.first.status().error()).isNotNull();
	}

	private static String storedKey(String suffix) {
		return redis.cli("--raw", "KEYS", "*" + suffix).strip();
	}

	private static String leaseKey() {
		return redis.cli("--raw", "KEYS", "*lease").strip();
	}

	private static EmnifySession session(String name) {
		Instant now = Instant.now();
		return new EmnifySession(
				new EmnifyToken(name + "-auth", now.plus(Duration.ofHours(1)), now.plus(Duration.ofMinutes(55)),
						now.plus(Duration.ofMinutes(59))),
				new EmnifyToken(name + "-refresh", now.plus(Duration.ofHours(2)), now.plus(Duration.ofHours(2)),
						now.plus(Duration.ofHours(2))));
	}

	private static RedisEmnifyTokenStore store() {
		return RedisEmnifyTokenStore.builder(redis.connectionFactory(), ENCRYPTION_KEY)
			.commandTimeout(Duration.ofMillis(200))
			.build();
	}

}
