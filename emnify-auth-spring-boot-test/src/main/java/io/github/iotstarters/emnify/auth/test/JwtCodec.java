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
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Signs and verifies HS512 JSON Web Tokens shaped like emnify's since 2024 (header
 * {@code {"alg":"HS512","typ":"JWT"}}, issuer {@code esa-api}), with a random key that
 * lives as long as the codec, so tokens of one simulator never pass as tokens of another.
 * Tests that stub emnify themselves use it for the tokens they answer: a client reads the
 * claims, never the signature.
 *
 * <pre class="code">
 * JwtCodec jwts = new JwtCodec();
 * String authToken = jwts.token(Instant.now(), Duration.ofMinutes(240));
 * </pre>
 */
public final class JwtCodec {

	private static final String ISSUER = "esa-api";

	private static final String AUDIENCE = "/api/v1/authentication";

	private static final String ALGORITHM = "HmacSHA512";

	// As long as the HMAC's output, as RFC 7518 asks of HS512 keys.
	private static final int KEY_BYTES = 64;

	private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

	private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

	private final JsonMapper jsonMapper;

	private final SecretKeySpec key;

	private final String encodedHeader;

	/**
	 * Creates a codec with a key of its own.
	 */
	public JwtCodec() {
		this(JsonMapper.builder().build());
	}

	JwtCodec(JsonMapper jsonMapper) {
		this.jsonMapper = jsonMapper;
		byte[] keyBytes = new byte[KEY_BYTES];
		new SecureRandom().nextBytes(keyBytes);
		this.key = new SecretKeySpec(keyBytes, ALGORITHM);
		ObjectNode header = jsonMapper.createObjectNode().put("alg", "HS512").put("typ", "JWT");
		this.encodedHeader = encode(jsonMapper.writeValueAsBytes(header));
	}

	/**
	 * Returns a token issued at the given instant with the claims every token of the
	 * simulator carries: {@code aud}, {@code iss}, {@code iat} and {@code exp} in whole
	 * seconds, and a random {@code jti}, so no two tokens are equal.
	 * @param issuedAt the time of issue, the {@code iat} claim
	 * @param lifetime how long the token is valid after issue; negative for a token that
	 * expires before it is issued
	 * @return the signed token
	 */
	public String token(Instant issuedAt, Duration lifetime) {
		return sign(claims(UUID.randomUUID().toString(), issuedAt, lifetime));
	}

	/**
	 * Returns a token that says when it expires but not when it was issued: its only
	 * claims are {@code exp}, in whole seconds, and a random {@code jti}.
	 * @param expiresAt the expiry, the {@code exp} claim
	 * @return the signed token
	 */
	public String tokenExpiringAt(Instant expiresAt) {
		return sign(this.jsonMapper.createObjectNode()
			.put("exp", expiresAt.getEpochSecond())
			.put("jti", UUID.randomUUID().toString()));
	}

	/**
	 * Returns a token with the given payload exactly as written, for claims no other
	 * method makes, such as an {@code exp} that is not a number or a payload that is not
	 * a JSON object.
	 * @param payload the payload, JSON text
	 * @return the signed token
	 */
	public String sign(String payload) {
		String signingInput = this.encodedHeader + "." + encode(payload.getBytes(StandardCharsets.UTF_8));
		return signingInput + "." + encode(mac(signingInput));
	}

	String sign(ObjectNode claims) {
		return sign(this.jsonMapper.writeValueAsString(claims));
	}

	/**
	 * Claims every token of the simulator carries, to which each kind of token adds its
	 * own. {@code iat} and {@code exp} are whole seconds, as in emnify's tokens.
	 * @param tokenId the token's id, the {@code jti} claim
	 * @param issuedAt the time of issue
	 * @param lifetime how long the token is valid after issue
	 * @return the claims, which the caller may add to
	 */
	ObjectNode claims(String tokenId, Instant issuedAt, Duration lifetime) {
		long iat = issuedAt.getEpochSecond();
		return this.jsonMapper.createObjectNode()
			.put("aud", AUDIENCE)
			.put("iss", ISSUER)
			.put("iat", iat)
			.put("exp", iat + lifetime.toSeconds())
			.put("jti", tokenId);
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
