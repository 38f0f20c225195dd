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

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/**
 * JWTs shaped like emnify's (HS384 header, esc.* claims); the signature is random bytes,
 * since clients must never verify it.
 */
public final class TestJwts {

	private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

	private TestJwts() {
	}

	public static String issuedAt(Instant issuedAt, Duration lifetime) {
		return jwt("{\"aud\":\"/api\",\"esc.app\":42,\"esc.org\":7,\"esc.orgName\":\"Test Org\","
				+ "\"iss\":\"https://cdn.emnify.net/api/v1/authenticate\",\"iat\":" + issuedAt.getEpochSecond()
				+ ",\"exp\":" + issuedAt.plus(lifetime).getEpochSecond() + ",\"jti\":\"" + UUID.randomUUID() + "\"}");
	}

	public static String expiringAt(Instant expiresAt) {
		return jwt("{\"exp\":" + expiresAt.getEpochSecond() + ",\"jti\":\"" + UUID.randomUUID() + "\"}");
	}

	public static String jwt(String payloadJson) {
		return encode("{\"alg\":\"HS384\"}") + "." + encode(payloadJson) + "." + encode(UUID.randomUUID().toString());
	}

	private static String encode(String json) {
		return ENCODER.encodeToString(json.getBytes(StandardCharsets.UTF_8));
	}

}
