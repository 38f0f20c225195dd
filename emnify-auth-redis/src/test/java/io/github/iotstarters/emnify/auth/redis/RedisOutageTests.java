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

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Hooks;

import io.github.iotstarters.emnify.auth.EmnifySession;
import io.github.iotstarters.emnify.auth.EmnifyToken;
import io.github.iotstarters.emnify.auth.EmnifyTokenStore.Lease;
import io.github.iotstarters.emnify.auth.EmnifyTokenStoreUnavailableException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The Redis store while its Redis server is stopped and started again, with command
 * timeouts as long as the periods of its probes and lease extensions, or longer.
 */
class RedisOutageTests {

	private static final String KEY = "http://127.0.0.1:8089/0123abcd";

	private static final byte[] ENCRYPTION_KEY = new byte[RedisEmnifyTokenStore.KEY_BYTES];

	@RegisterExtension
	static LocalRedis redis = new LocalRedis();

	@Test
	void probesThatOutlastTheRetryIntervalStillFindRedisBack() throws InterruptedException {
		RedisEmnifyTokenStore store = RedisEmnifyTokenStore.builder(redis.connectionFactory(), ENCRYPTION_KEY)
			.commandTimeout(Duration.ofMillis(200))
			.retryInterval(Duration.ofMillis(50))
			.build();
		redis.stop();
		// Three commands that time out, then every look fails at once.
		assertThatExceptionOfType(EmnifyTokenStoreUnavailableException.class)
			.isThrownBy(() -> store.load(KEY).block(Duration.ofSeconds(30)))
			.satisfies((ex) -> assertThat(ex.getServer()).isEqualTo("Redis"))
			.satisfies((ex) -> assertThat(ex.getRetryInterval()).isEqualTo(Duration.ofMillis(50)));
		long start = System.nanoTime();
		assertThatExceptionOfType(EmnifyTokenStoreUnavailableException.class)
			.isThrownBy(() -> store.lease(KEY).block(Duration.ofSeconds(30)));
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(200));
		assertThat(store.status().shared()).isFalse();
		// Real time, as the probes' interval runs on it: they time out after 200 ms, four
		// retry intervals.
		Thread.sleep(500);
		redis.restart();
		await().atMost(Duration.ofSeconds(20)).until(() -> store.status().shared());
		store.close();
	}

	@Test
	void aLeaseWhoseExtensionsOutlastTheirPeriodWhileRedisIsDownEndsWithoutAnError() {
		// Extended every 100 ms, by commands that time out after 200 ms.
		RedisEmnifyTokenStore store = RedisEmnifyTokenStore.builder(redis.connectionFactory(), ENCRYPTION_KEY)
			.clock(Clock.systemUTC())
			.leaseTime(Duration.ofMillis(300))
			.commandTimeout(Duration.ofMillis(200))
			.build();
		List<Throwable> dropped = new CopyOnWriteArrayList<>();
		Hooks.onErrorDropped(dropped::add);
		try {
			Lease held = store.lease(KEY).block(Duration.ofSeconds(5));
			redis.stop();
			// Real time, as the extensions' interval runs on it: seven periods, in which
			// extensions time out after two.
			await().during(Duration.ofMillis(700)).atMost(Duration.ofSeconds(2)).until(dropped::isEmpty);
			// The holder's tokens stay with it: saving answers, and no error escapes. A
			// bound on the wait, not a measure: on a busy machine every command that
			// meets the stopped server first waits out its timeout.
			Instant now = Instant.now();
			EmnifyToken token = new EmnifyToken("slow", now.plus(Duration.ofHours(1)), now.plus(Duration.ofMinutes(55)),
					now.plus(Duration.ofMinutes(59)));
			assertThat(store.save(KEY, held, new EmnifySession(token, null)).block(Duration.ofSeconds(30))).isFalse();
			held.release().block(Duration.ofSeconds(30));
			assertThat(store.status().shared()).isFalse();
			assertThat(dropped).isEmpty();
		}
		finally {
			Hooks.resetOnErrorDropped();
			store.close();
		}
	}

}
