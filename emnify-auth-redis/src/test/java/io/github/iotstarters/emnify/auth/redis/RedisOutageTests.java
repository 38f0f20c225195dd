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

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Mono;

import io.github.iotstarters.emnify.auth.EmnifySession;
import io.github.iotstarters.emnify.auth.redis.RedisEmnifyTokenStoreTests.Renewals;

import static org.assertj.core.api.Assertions.assertThat;
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
		assertThat(store.obtain(KEY, new Renewals("alone", Duration.ZERO))
			.block(Duration.ofSeconds(30))
			.authToken()
			.value()).isEqualTo("alone-1");
		assertThat(store.status().shared()).isFalse();
		// Real time, as the probes' interval runs on it: they time out after 200 ms, four
		// retry intervals.
		Thread.sleep(500);
		redis.restart();
		await().atMost(Duration.ofSeconds(20)).until(() -> store.status().shared());
		store.close();
	}

	@Test
	void aRenewalWhoseLeaseExtensionsOutlastTheirPeriodWhileRedisIsDownStillHandsOutItsTokens() {
		// Extended every 100 ms, by commands that time out after 200 ms.
		RedisEmnifyTokenStore store = RedisEmnifyTokenStore.builder(redis.connectionFactory(), ENCRYPTION_KEY)
			.clock(Clock.systemUTC())
			.leaseTime(Duration.ofMillis(300))
			.commandTimeout(Duration.ofMillis(200))
			.build();
		Mono<EmnifySession> holding = store.obtain(KEY, new Renewals("slow", Duration.ofSeconds(1))).cache();
		holding.subscribe((session) -> {
		}, (ex) -> {
		});
		await().atMost(Duration.ofSeconds(5)).until(() -> redis.cli("KEYS", "*lease").contains("lease"));
		redis.stop();
		// A bound on the wait, not a measure: on a busy machine every command that meets
		// the
		// stopped server first waits out its timeout.
		assertThat(holding.block(Duration.ofSeconds(30)).authToken().value()).isEqualTo("slow-1");
		store.close();
	}

}
