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
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.util.Assert;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import io.github.iotstarters.emnify.auth.EmnifyFailureAdvice;
import io.github.iotstarters.emnify.auth.EmnifyFailureKind;
import io.github.iotstarters.emnify.auth.EmnifyGrantType;
import io.github.iotstarters.emnify.auth.EmnifySession;
import io.github.iotstarters.emnify.auth.EmnifyToken;
import io.github.iotstarters.emnify.auth.EmnifyTokenStore.RecordedFailure;

/**
 * The Redis store's wire records: tokens and failures as JSON, encrypted with AES-GCM
 * under the key they are stored under. The field names are the wire format every instance
 * of the fleet reads, whatever its version: {@code value}, {@code renewBeforeExpiry},
 * {@code staleBeforeExpiry}, {@code replacedRejectedBeforeExpiry} for tokens;
 * {@code message}, {@code kind}, {@code grantType}, {@code rejected}, {@code status},
 * {@code errorToken}, {@code emnifyMessage}, {@code rejectedLoginsInARow},
 * {@code settings} for failures.
 */
final class RedisCodec {

	// Under the store's name, which applications configure.
	private static final Log logger = LogFactory.getLog(RedisEmnifyTokenStore.class);

	private final TokenCipher cipher;

	private final Clock clock;

	private final EmnifyFailureAdvice advice;

	private final AtomicBoolean undecryptableReported = new AtomicBoolean();

	RedisCodec(byte[] encryptionKey, Clock clock, EmnifyFailureAdvice advice) {
		this.cipher = new TokenCipher(encryptionKey);
		this.clock = clock;
		this.advice = advice;
	}

	/**
	 * Encrypt a value for the key it is stored under.
	 * @param key the Redis key
	 * @param json the value
	 * @return the encrypted value
	 */
	String encrypt(String key, String json) {
		return this.cipher.encrypt(key, json);
	}

	/**
	 * Return a token as the session's auth token, or a refresh token the same way, from
	 * an answer of {@code READ} or {@code TAKE}, its expiry being the entry's remaining
	 * life on Redis' clock.
	 * @param key the Redis key it was read from
	 * @param stored the answer, {@code "<pttl>:<value>"}
	 * @return the session, or {@code null} once it has no life left or cannot be read
	 */
	@Nullable EmnifySession session(String key, String stored) {
		Timed timed = readTimed(key, stored);
		if (timed == null || !timed.json().path("value").isString()) {
			return null;
		}
		JsonNode json = timed.json();
		Instant expiresAt = this.clock.instant().plusMillis(timed.remainingMillis());
		EmnifyToken token = new EmnifyToken(json.path("value").asString(), expiresAt,
				expiresAt.minusMillis(json.path("renewBeforeExpiry").asLong()),
				expiresAt.minusMillis(json.path("staleBeforeExpiry").asLong()));
		JsonNode replaced = json.path("replacedRejectedBeforeExpiry");
		return new EmnifySession(token, null, replaced.isNumber() ? expiresAt.minusMillis(replaced.asLong()) : null);
	}

	/**
	 * Return an answer of {@code READ} or {@code TAKE}, {@code "<pttl>:<value>"}, as the
	 * value decrypted, with its remaining life on Redis' clock.
	 * @param key the Redis key it was read from
	 * @param stored the answer
	 * @return the value, or {@code null} once it has no life left or cannot be read
	 */
	@Nullable Timed readTimed(String key, String stored) {
		int separator = stored.indexOf(':');
		long remaining = Long.parseLong(stored.substring(0, separator));
		JsonNode json = (remaining > 0) ? read(key, stored.substring(separator + 1)) : null;
		return (json != null) ? new Timed(json, remaining) : null;
	}

	/**
	 * Decrypt and parse a stored value. A value that does not decrypt counts as absent,
	 * so the next holder overwrites it; the first one is reported once.
	 * @param key the Redis key it was read from
	 * @param stored the encrypted value
	 * @return the value, or {@code null} when it cannot be read
	 */
	@Nullable JsonNode read(String key, String stored) {
		String plain = this.cipher.decrypt(key, stored);
		if (plain == null) {
			if (this.undecryptableReported.compareAndSet(false, true)) {
				logger.warn("A value in Redis under " + key + " cannot be decrypted with this instance's encryption "
						+ "key; it is treated as absent and replaced. "
						+ this.advice.advise(EmnifyFailureKind.TOKEN_STORE_KEY_MISMATCH, null, null));
			}
			return null;
		}
		try {
			return JsonMapper.shared().readTree(plain);
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	/**
	 * Return the arguments of {@code STORE} for a session: the owner of the lease, the
	 * auth token and its life, the refresh token (empty when none lives on) and its life.
	 * @param keys the session's keys
	 * @param owner the lease's owner
	 * @param session the session, with an auth token
	 * @return the arguments
	 */
	List<String> storeArguments(RedisKeys.Session keys, String owner, EmnifySession session) {
		EmnifyToken authToken = session.authToken();
		Assert.state(authToken != null, "A saved emnify session must hold an auth token");
		EmnifyToken refreshToken = session.refreshToken();
		Instant now = this.clock.instant();
		long authTtl = Math.max(1, Duration.between(now, authToken.expiresAt()).toMillis());
		long refreshTtl = (refreshToken != null) ? Duration.between(now, refreshToken.expiresAt()).toMillis() : 0;
		String refresh = (refreshToken != null && refreshTtl > 0)
				? encrypt(keys.refresh(), tokenJson(refreshToken, null)) : "";
		return List.of(owner, encrypt(keys.auth(), tokenJson(authToken, session.replacedRejectedTokenAt())),
				Long.toString(authTtl), refresh, Long.toString(Math.max(1, refreshTtl)));
	}

	/**
	 * Write a token: how long before expiry renewal, staleness and (for a token that
	 * replaced a rejected one) its replacement come; expiry itself is the entry's
	 * remaining life on Redis' clock.
	 * @param token the token
	 * @param replacedRejectedTokenAt when it replaced a token answered 401, if it did
	 * @return the JSON
	 */
	static String tokenJson(EmnifyToken token, @Nullable Instant replacedRejectedTokenAt) {
		ObjectNode json = JsonMapper.shared().createObjectNode();
		json.put("value", token.value());
		json.put("renewBeforeExpiry", Duration.between(token.renewAt(), token.expiresAt()).toMillis());
		json.put("staleBeforeExpiry", Duration.between(token.staleAt(), token.expiresAt()).toMillis());
		if (replacedRejectedTokenAt != null) {
			json.put("replacedRejectedBeforeExpiry",
					Duration.between(replacedRejectedTokenAt, token.expiresAt()).toMillis());
		}
		return JsonMapper.shared().writeValueAsString(json);
	}

	/**
	 * Write a failure, with the HMAC of the settings it was met with.
	 * @param failure the failure
	 * @param settings the settings' HMAC; empty for none
	 * @return the JSON
	 */
	static String failureJson(RecordedFailure failure, String settings) {
		ObjectNode json = JsonMapper.shared().createObjectNode();
		json.put("message", failure.message());
		json.put("kind", failure.kind().name());
		json.put("grantType", failure.grantType().name());
		json.put("rejected", failure.rejected());
		if (failure.status() != null) {
			json.put("status", failure.status());
		}
		json.put("errorToken", failure.errorToken());
		json.put("emnifyMessage", failure.emnifyMessage());
		json.put("rejectedLoginsInARow", failure.rejectedLoginsInARow());
		json.put("settings", settings);
		return JsonMapper.shared().writeValueAsString(json);
	}

	/**
	 * Read a failure.
	 * @param json the failure as written
	 * @return the failure, with nothing remaining of its hold-back
	 */
	static RecordedFailure failure(JsonNode json) {
		return new RecordedFailure(json.path("message").asString(), kind(json),
				EmnifyGrantType.valueOf(json.path("grantType").asString()),
				json.path("status").isInt() ? json.path("status").asInt() : null, text(json, "errorToken"),
				text(json, "emnifyMessage"), json.path("rejected").asBoolean(),
				Math.max(0, json.path("rejectedLoginsInARow").asInt()), Duration.ZERO);
	}

	/**
	 * Return a text field.
	 * @param json the record
	 * @param field the field's name
	 * @return its text, or {@code null} when it holds none
	 */
	static @Nullable String text(JsonNode json, String field) {
		return json.path(field).isString() ? json.path(field).asString() : null;
	}

	// The kind the instance that met the failure gave it. An instance of a version
	// without kinds wrote none, and one of a later version may write a kind this one
	// does not know: such a failure is told by whether emnify rejected it.
	private static EmnifyFailureKind kind(JsonNode json) {
		String kind = text(json, "kind");
		for (EmnifyFailureKind known : EmnifyFailureKind.values()) {
			if (known.name().equals(kind)) {
				return known;
			}
		}
		return json.path("rejected").asBoolean() ? EmnifyFailureKind.REJECTED : EmnifyFailureKind.UNAVAILABLE;
	}

	/**
	 * A stored value read back, with its remaining life in milliseconds.
	 *
	 * @param json the value
	 * @param remainingMillis its remaining life on Redis' clock
	 */
	record Timed(JsonNode json, long remainingMillis) {

	}

}
