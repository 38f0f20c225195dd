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

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.iotstarters.emnify.auth.EmnifySession;
import io.github.iotstarters.emnify.auth.EmnifyToken;
import io.github.iotstarters.emnify.auth.EmnifyTokenStore.Lease;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A save that Redis answers later than one command timeout, while Redis is up: the tokens
 * a login just obtained must still reach the fleet, and the store must not begin an
 * outage. Redis is made slow with {@code CLIENT PAUSE}, after {@code SCRIPT FLUSH}, as
 * after a restart or failover: the store's script is sent as EVALSHA, answered NOSCRIPT,
 * and sent again as EVAL.
 */
class RedisSlowSaveTests {

	private static final String KEY = "http://127.0.0.1:8089/0123abcd";

	private static final byte[] ENCRYPTION_KEY = new byte[RedisEmnifyTokenStore.KEY_BYTES];

	private static final Duration COMMAND_TIMEOUT = Duration.ofMillis(200);

	@RegisterExtension
	static LocalRedis redis = new LocalRedis();

	@Test
	void aSaveThatRedisAnswersAfterOneCommandTimeoutStillSharesTheSession() {
		RedisEmnifyTokenStore holder = store();
		RedisEmnifyTokenStore other = store();
		Lease lease = holder.lease(KEY).block();
		// Warm, so that only Redis is slow below.
		assertThat(holder.save(KEY, lease, session("earlier")).block()).isTrue();
		assertThat(other.load(KEY).block().authToken().value()).isEqualTo("earlier");
		redis.cli("SCRIPT", "FLUSH");
		// Busy, not down: longer than one command timeout, shorter than the three a look
		// is given.
		redis.cli("CLIENT", "PAUSE", "300", "ALL");
		Boolean saved = holder.save(KEY, lease, session("holder")).block(Duration.ofSeconds(5));
		lease.release().block(Duration.ofSeconds(5));
		EmnifySession found = other.load(KEY).block(Duration.ofSeconds(5));
		assertThat(found).as("the session another instance finds after the save answered %s", saved).isNotNull();
		assertThat(found.authToken().value()).isEqualTo("holder");
		assertThat(saved).isTrue();
		assertThat(holder.status().shared()).as("holder's store status " + holder.status()).isTrue();
		holder.close();
		other.close();
	}

	private static EmnifySession session(String name) {
		Instant now = Clock.systemUTC().instant();
		EmnifyToken auth = new EmnifyToken(name, now.plus(Duration.ofHours(1)), now.plus(Duration.ofMinutes(55)),
				now.plus(Duration.ofMinutes(59)));
		EmnifyToken refresh = new EmnifyToken(name + "-refresh", now.plus(Duration.ofHours(2)),
				now.plus(Duration.ofHours(2)), now.plus(Duration.ofHours(2)));
		return new EmnifySession(auth, refresh);
	}

	private static RedisEmnifyTokenStore store() {
		return RedisEmnifyTokenStore.builder(redis.connectionFactory(), ENCRYPTION_KEY)
			.commandTimeout(COMMAND_TIMEOUT)
			.retryInterval(Duration.ofSeconds(5))
			.build();
	}

}
