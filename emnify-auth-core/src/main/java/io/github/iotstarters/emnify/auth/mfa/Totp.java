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

package io.github.iotstarters.emnify.auth.mfa;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Locale;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Time-based one-time passwords as RFC 6238 defines them with HMAC-SHA1, 30-second steps
 * and six digits: the variant that authenticator apps and emnify's MFA use.
 */
final class Totp {

	/**
	 * Length of one step in seconds.
	 */
	static final long STEP_SECONDS = 30;

	/**
	 * Number of digits of an emnify MFA code.
	 */
	static final int DIGITS = 6;

	// 80 bits: shorter keys are not what authenticator apps or emnify hand out.
	private static final int MIN_SECRET_LENGTH = 16;

	private static final String BASE32_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

	private Totp() {
	}

	/**
	 * Return the number of the 30-second step that contains the given instant.
	 * @param instant the instant
	 * @return the step number, counted from the epoch
	 */
	static long step(Instant instant) {
		return Math.floorDiv(instant.getEpochSecond(), STEP_SECONDS);
	}

	/**
	 * Return the code of a step, zero-padded to the given number of digits.
	 * @param key the shared secret
	 * @param step the step number
	 * @param digits the number of digits
	 * @return the code
	 */
	static String code(byte[] key, long step, int digits) {
		byte[] hash = hmacSha1(key, ByteBuffer.allocate(Long.BYTES).putLong(step).array());
		int offset = hash[hash.length - 1] & 0x0f;
		int binary = ((hash[offset] & 0x7f) << 24) | ((hash[offset + 1] & 0xff) << 16)
				| ((hash[offset + 2] & 0xff) << 8) | (hash[offset + 3] & 0xff);
		int modulus = (int) Math.pow(10, digits);
		return String.format(Locale.ROOT, "%0" + digits + "d", binary % modulus);
	}

	/**
	 * Decode a base32 secret (RFC 4648) as authenticator apps show it: case-insensitive,
	 * spaces and padding ignored.
	 * @param secret the secret in base32
	 * @return the key bytes
	 * @throws IllegalArgumentException if the secret holds other characters or is shorter
	 * than 16 characters
	 */
	static byte[] decodeBase32(String secret) {
		String normalized = secret.replace(" ", "").replace("=", "").toUpperCase(Locale.ROOT);
		if (normalized.length() < MIN_SECRET_LENGTH) {
			throw new IllegalArgumentException(
					"TOTP secret must have at least " + MIN_SECRET_LENGTH + " base32 characters (80 bits)");
		}
		ByteBuffer bytes = ByteBuffer.allocate(normalized.length() * 5 / 8);
		int buffer = 0;
		int bits = 0;
		for (char character : normalized.toCharArray()) {
			int value = BASE32_ALPHABET.indexOf(character);
			if (value < 0) {
				throw new IllegalArgumentException("TOTP secret is not base32");
			}
			buffer = (buffer << 5) | value;
			bits += 5;
			if (bits >= 8) {
				bytes.put((byte) (buffer >> (bits - 8)));
				bits -= 8;
			}
		}
		return bytes.array();
	}

	private static byte[] hmacSha1(byte[] key, byte[] message) {
		try {
			Mac mac = Mac.getInstance("HmacSHA1");
			mac.init(new SecretKeySpec(key, "HmacSHA1"));
			return mac.doFinal(message);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA1 is not available", ex);
		}
	}

}
