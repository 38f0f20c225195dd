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

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The Redis keys of the sessions: the base URL stays readable, the identity is an HMAC
 * under the encryption key, so a key does not even confirm a guessed user name, and
 * instances with different keys keep apart. The braces keep a session's keys in one slot
 * of a Redis Cluster.
 */
final class RedisKeys {

	private final byte[] namespaceKey;

	private final String prefix;

	RedisKeys(byte[] namespaceKey, String prefix) {
		this.namespaceKey = namespaceKey;
		this.prefix = prefix;
	}

	/**
	 * Return the keys of one session.
	 * @param sessionKey the session's key, the base URL and a hash of the identity
	 * @return its keys
	 */
	Session session(String sessionKey) {
		int path = sessionKey.indexOf('/', sessionKey.indexOf("://") + 3);
		String origin = (path > 0) ? sessionKey.substring(0, path) : sessionKey;
		String base = this.prefix + "{" + origin + "/" + hmac(sessionKey) + "}:";
		return new Session(base + "auth", base + "refresh", base + "lease", base + "failure", base + "rejections",
				this.prefix + "{" + origin + "/*}:lease");
	}

	/**
	 * Return the key an instance's probe writes while Redis is out of reach.
	 * @param instanceId the instance's id
	 * @return the key
	 */
	String probe(String instanceId) {
		return this.prefix + "probe:" + instanceId;
	}

	/**
	 * Return how a settings digest is kept: a hash of secrets, so only as an HMAC under
	 * the encryption key.
	 * @param settingsDigest the digest; empty for none
	 * @return the HMAC; empty for none
	 */
	String settings(String settingsDigest) {
		return settingsDigest.isEmpty() ? "" : hmac("settings:" + settingsDigest);
	}

	private String hmac(String text) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(this.namespaceKey, "HmacSHA256"));
			return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is required by every Java platform", ex);
		}
	}

	/**
	 * The Redis keys of one session, and the lease's key as messages show it: a pattern
	 * for {@code SCAN}, without the identity's HMAC.
	 *
	 * @param auth the auth token's key
	 * @param refresh the refresh token's key
	 * @param lease the lease's key
	 * @param failure the key of the failure that holds every instance back
	 * @param rejections the key of the run's last rejection
	 * @param shownLease the lease's key as messages show it
	 */
	record Session(String auth, String refresh, String lease, String failure, String rejections, String shownLease) {

	}

}
