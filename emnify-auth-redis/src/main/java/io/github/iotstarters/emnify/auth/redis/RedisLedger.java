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
import java.util.List;

import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

import io.github.iotstarters.emnify.auth.EmnifyTokenStore.RecordedFailure;

/**
 * The Redis store's ledger of failures: the one that holds every instance back, expiring
 * with its hold-back on Redis' clock so that every instance sends its next login at the
 * same instant, however late it read it; and the last rejection of the run, kept for the
 * settings it was met with, which a saved session deletes. Settings are kept only as an
 * HMAC under the encryption key. Writes that fail are dropped: the provider keeps its own
 * count.
 */
final class RedisLedger {

	private final RedisKeys keys;

	private final RedisCodec codec;

	private final RedisCommands commands;

	RedisLedger(RedisKeys keys, RedisCodec codec, RedisCommands commands) {
		this.keys = keys;
		this.codec = codec;
		this.commands = commands;
	}

	/**
	 * Read the failure that holds every instance back, counted for the given settings.
	 * @param session the session's keys
	 * @param settingsDigest the settings of the instance that asks
	 * @return the failure with its remaining hold-back; empty when none holds back
	 */
	Mono<RecordedFailure> heldBack(RedisKeys.Session session, String settingsDigest) {
		return this.commands.look(() -> {
			String key = session.failure();
			return this.commands.script(RedisScripts.READ, List.of(key), List.of()).mapNotNull((stored) -> {
				RedisCodec.Timed timed = this.codec.readTimed(key, stored);
				if (timed == null) {
					return null;
				}
				String settings = RedisCodec.text(timed.json(), "settings");
				RecordedFailure failure = RedisCodec.failure(timed.json())
					.withRemaining(Duration.ofMillis(timed.remainingMillis()));
				return (settings == null || settings.equals(this.keys.settings(settingsDigest))) ? failure
						: failure.uncounted();
			});
		});
	}

	/**
	 * Read the run's last rejection recorded for the given settings.
	 * @param session the session's keys
	 * @param settingsDigest the settings of the instance that asks
	 * @return the rejection; empty when none is recorded for them
	 */
	Mono<RecordedFailure> lastRejection(RedisKeys.Session session, String settingsDigest) {
		return this.commands.look(() -> {
			String key = session.rejections();
			String settings = this.keys.settings(settingsDigest);
			return this.commands.get(key).mapNotNull((stored) -> {
				JsonNode json = this.codec.read(key, stored);
				return (json != null && !settings.isEmpty() && settings.equals(RedisCodec.text(json, "settings")))
						? RedisCodec.failure(json) : null;
			});
		});
	}

	/**
	 * Record a failure under the given key for the given time.
	 * @param key the Redis key
	 * @param settingsDigest the settings the failure was met with
	 * @param failure the failure
	 * @param ttl how long to keep it
	 * @return completion, also when Redis did not answer
	 */
	Mono<Void> record(String key, String settingsDigest, RecordedFailure failure, Duration ttl) {
		String json = RedisCodec.failureJson(failure, this.keys.settings(settingsDigest));
		return this.commands.quietly(this.commands.set(key, this.codec.encrypt(key, json), ttl));
	}

}
