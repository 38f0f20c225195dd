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

import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.OptionalLong;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.jspecify.annotations.Nullable;

/**
 * The simulator's own TOTP (RFC 6238 over the HOTP of RFC 4226): HMAC-SHA1 of the number
 * of 30-second steps since the epoch, dynamically truncated to a number of decimal
 * digits. Written apart from the starter's, so that the simulator checks the starter's
 * codes instead of repeating its arithmetic.
 */
final class Totp {

	/**
	 * Digits of an emnify MFA code.
	 */
	static final int DIGITS = 6;

	/**
	 * The time step X of RFC 6238, in seconds, counted from T0 = 0, the epoch.
	 */
	private static final long STEP_SECONDS = 30;

	/**
	 * Base32 alphabet of RFC 4648, section 6: the index of a character is its value.
	 */
	private static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

	private Totp() {
	}

	/**
	 * Returns T of RFC 6238: the number of whole steps from the epoch to the instant.
	 * @param instant the instant
	 * @return the step that contains the instant
	 */
	static long step(Instant instant) {
		return Math.floorDiv(instant.getEpochSecond(), STEP_SECONDS);
	}

	/**
	 * Returns the code of a step: HOTP of RFC 4226 with the step as its counter.
	 * @param key the shared secret, the HMAC key
	 * @param step the step, the counter
	 * @param digits how many decimal digits the code has, from 1 to 9; leading zeros are
	 * kept
	 * @return the code
	 */
	static String code(byte[] key, long step, int digits) {
		int modulus = 1;
		for (int i = 0; i < digits; i++) {
			modulus *= 10;
		}
		String value = Integer.toString(truncate(hmacSha1(key, counter(step))) % modulus);
		return "0".repeat(digits - value.length()) + value;
	}

	/**
	 * Step of the code, accepting the previous and the next step to allow for clock
	 * drift.
	 * @param key the TOTP key that generates the expected codes, if any
	 * @param code the code the client sent
	 * @param now the current instant, which gives the current step
	 * @return the step whose code matches, or empty if none does or there is no key
	 */
	static OptionalLong matchingStep(byte @Nullable [] key, String code, Instant now) {
		if (key != null) {
			long current = Totp.step(now);
			for (long step = current - 1; step <= current + 1; step++) {
				if (Totp.code(key, step, Totp.DIGITS).equals(code)) {
					return OptionalLong.of(step);
				}
			}
		}
		return OptionalLong.empty();
	}

	/**
	 * Decodes a base32 secret (RFC 4648, section 6), in either case, with or without
	 * padding and spaces, as authenticator apps show secrets. Bits that do not fill a
	 * last byte are dropped.
	 * @param secret the secret in base32
	 * @return the key bytes
	 * @throws IllegalArgumentException if the secret holds a character outside the
	 * alphabet
	 */
	static byte[] decodeBase32(String secret) {
		byte[] key = new byte[secret.length() * 5 / 8];
		int length = 0;
		// Bits shifted past the top are written out already and never read again.
		int bits = 0;
		int bitCount = 0;
		for (char character : secret.toUpperCase(Locale.ROOT).toCharArray()) {
			if (character == ' ' || character == '=') {
				continue;
			}
			int value = BASE32.indexOf(character);
			if (value < 0) {
				throw new IllegalArgumentException("TOTP secret is not base32: letters A-Z and digits 2-7 only");
			}
			bits = (bits << 5) | value;
			bitCount += 5;
			if (bitCount >= Byte.SIZE) {
				bitCount -= Byte.SIZE;
				key[length++] = (byte) (bits >>> bitCount);
			}
		}
		return Arrays.copyOf(key, length);
	}

	/**
	 * Encodes a key in base32 (RFC 4648, section 6) without padding, as emnify shows the
	 * secret of a new MFA key.
	 * @param key the key bytes
	 * @return the secret in upper-case base32
	 */
	static String encodeBase32(byte[] key) {
		StringBuilder secret = new StringBuilder((key.length * 8 + 4) / 5);
		int bits = 0;
		int bitCount = 0;
		for (byte value : key) {
			bits = (bits << Byte.SIZE) | (value & 0xff);
			bitCount += Byte.SIZE;
			while (bitCount >= 5) {
				bitCount -= 5;
				secret.append(BASE32.charAt((bits >>> bitCount) & 0x1f));
			}
		}
		if (bitCount > 0) {
			secret.append(BASE32.charAt((bits << (5 - bitCount)) & 0x1f));
		}
		return secret.toString();
	}

	/**
	 * Returns the counter as the eight bytes, big-endian, that RFC 4226 has the HMAC
	 * read.
	 * @param step the step, the counter
	 * @return the message for the HMAC
	 */
	private static byte[] counter(long step) {
		byte[] counter = new byte[Long.BYTES];
		for (int i = counter.length - 1, shift = 0; i >= 0; i--, shift += Byte.SIZE) {
			counter[i] = (byte) (step >>> shift);
		}
		return counter;
	}

	/**
	 * Dynamic truncation (RFC 4226, section 5.3): the low four bits of the last byte
	 * point at four bytes, read big-endian without their top bit.
	 * @param hmac the HMAC-SHA1 of the counter
	 * @return a number from 0 to 2^31 - 1
	 */
	private static int truncate(byte[] hmac) {
		int offset = hmac[hmac.length - 1] & 0xf;
		int truncated = 0;
		for (int i = offset; i < offset + 4; i++) {
			truncated = (truncated << Byte.SIZE) | (hmac[i] & 0xff);
		}
		return truncated & Integer.MAX_VALUE;
	}

	private static byte[] hmacSha1(byte[] key, byte[] counter) {
		String algorithm = "HmacSHA1";
		try {
			Mac mac = Mac.getInstance(algorithm);
			mac.init(new SecretKeySpec(key, algorithm));
			return mac.doFinal(counter);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Every Java platform has " + algorithm, ex);
		}
	}

}
