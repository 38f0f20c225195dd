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

package io.github.iotstarters.emnify.auth.test;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Signs and verifies HS384 JSON Web Tokens with a random key that lives as long as the
 * simulator, so tokens of one simulator never pass as tokens of another.
 */
final class JwtCodec {

	private static final String ALGORITHM = "HmacSHA384";

	private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

	private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

	private final JsonMapper jsonMapper;

	private final SecretKeySpec key;

	private final String encodedHeader;

	JwtCodec(JsonMapper jsonMapper) {
		this.jsonMapper = jsonMapper;
		byte[] keyBytes = new byte[48];
		new SecureRandom().nextBytes(keyBytes);
		this.key = new SecretKeySpec(keyBytes, ALGORITHM);
		ObjectNode header = jsonMapper.createObjectNode().put("alg", "HS384");
		this.encodedHeader = encode(jsonMapper.writeValueAsBytes(header));
	}

	String sign(ObjectNode claims) {
		String signingInput = this.encodedHeader + "." + encode(this.jsonMapper.writeValueAsBytes(claims));
		return signingInput + "." + encode(mac(signingInput));
	}

	/**
	 * Claims of a token this codec signed, or {@code null} when the token is malformed or
	 * its signature does not match. Expiry is the caller's business.
	 * @param token the compact JWT a client sent
	 * @return the claims, or {@code null} if the token is not one this codec signed
	 */
	@Nullable ObjectNode verify(String token) {
		String[] segments = token.split("\\.", -1);
		if (segments.length != 3) {
			return null;
		}
		try {
			byte[] signature = DECODER.decode(segments[2]);
			if (!MessageDigest.isEqual(signature, mac(segments[0] + "." + segments[1]))) {
				return null;
			}
			JsonNode claims = this.jsonMapper.readTree(DECODER.decode(segments[1]));
			return (claims instanceof ObjectNode object) ? object : null;
		}
		catch (IllegalArgumentException | JacksonException ex) {
			return null;
		}
	}

	static boolean hasThreeSegments(String token) {
		return token.split("\\.", -1).length == 3;
	}

	private byte[] mac(String signingInput) {
		try {
			Mac mac = Mac.getInstance(ALGORITHM);
			mac.init(this.key);
			return mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ALGORITHM + " is not available", ex);
		}
	}

	private static String encode(byte[] bytes) {
		return ENCODER.encodeToString(bytes);
	}

}
