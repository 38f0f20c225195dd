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

import org.springframework.data.redis.core.script.RedisScript;

/**
 * The Lua scripts of the Redis token store, each one atomic on the server: what must not
 * interleave with another instance's commands is done in one script.
 */
final class RedisScripts {

	// A value with its remaining life on Redis' clock, as "<pttl>:<value>", so that
	// instances whose clocks disagree still agree on when a token expires.
	static final RedisScript<String> READ = RedisScript.of("""
			local value = redis.call('GET', KEYS[1])
			if not value then return false end
			return redis.call('PTTL', KEYS[1]) .. ':' .. value""", String.class);

	// As READ, and deletes the value: a refresh token is used once.
	static final RedisScript<String> TAKE = RedisScript.of("""
			local value = redis.call('GET', KEYS[1])
			if not value then return false end
			local ttl = redis.call('PTTL', KEYS[1])
			redis.call('DEL', KEYS[1])
			return ttl .. ':' .. value""", String.class);

	// Stores auth and refresh token together, and only while the lease KEYS[1] is still
	// ARGV[1]'s: a holder that lost its lease must not overwrite its successor's tokens.
	// Tokens end a run of rejected logins (KEYS[4]).
	static final RedisScript<Long> STORE = RedisScript.of("""
			if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
			redis.call('SET', KEYS[2], ARGV[2], 'PX', ARGV[3])
			if ARGV[4] ~= '' then redis.call('SET', KEYS[3], ARGV[4], 'PX', ARGV[5])
			else redis.call('DEL', KEYS[3]) end
			redis.call('DEL', KEYS[4])
			return 1""", Long.class);

	// Deletes KEYS[1] if it still holds ARGV[1]: releases a lease by its owner only, and
	// discards an auth token only if it is still the one that failed.
	static final RedisScript<Long> DELETE_IF_EQUAL = RedisScript.of(
			"if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end",
			Long.class);

	// Takes the lease KEYS[1] for owner ARGV[1] for ARGV[2] ms if nobody holds it. A held
	// lease without an expiry, or with a longer one than a holder sets, would outlive
	// every holder and block the fleet for good: it is given the lease time, after which
	// it expires as a dead holder's does, unless a live holder extends it. A lease taken
	// already by the same owner, whose answer was lost, counts as taken.
	static final RedisScript<Long> TAKE_LEASE = RedisScript.of("""
			if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return 1 end
			if redis.call('GET', KEYS[1]) == ARGV[1] then return 1 end
			local ttl = redis.call('PTTL', KEYS[1])
			if ttl == -1 or ttl > tonumber(ARGV[2]) then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
			return 0""", Long.class);

	static final RedisScript<Long> EXTEND_IF_EQUAL = RedisScript
		.of("if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) "
				+ "else return 0 end", Long.class);

	private RedisScripts() {
	}

}
