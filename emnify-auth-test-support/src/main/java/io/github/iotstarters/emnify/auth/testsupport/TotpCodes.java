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

package io.github.iotstarters.emnify.auth.testsupport;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Locale;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * RFC 6238 codes (HMAC-SHA1, 30-second steps, six digits, as emnify's authenticator keys)
 * computed independently of the code under test, so that a test that expects a code
 * cannot agree with a wrong implementation by construction.
 */
public final class TotpCodes {

	private static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

	private TotpCodes() {
	}

	/**
	 * Return the number of the 30-second step that contains the given instant.
	 * @param instant the instant
	 * @return the step
	 */
	public static long step(Instant instant) {
		return Math.floorDiv(instant.getEpochSecond(), 30);
	}

	/**
	 * Return the six-digit code of a step.
	 * @param base32Secret the secret of the MFA key, in base32 (RFC 4648, padding and
	 * case ignored)
	 * @param step the step
	 * @return the code
	 */
	public static String code(String base32Secret, long step) {
		return code(decode(base32Secret), step, "HmacSHA1", 6);
	}

	/**
	 * Return the code of a step for a raw key, a MAC algorithm and a number of digits, as
	 * RFC 6238's reference vectors give them.
	 * @param key the key
	 * @param step the step
	 * @param algorithm the JCA name of the MAC
	 * @param digits the number of digits
	 * @return the code
	 */
	public static String code(byte[] key, long step, String algorithm, int digits) {
		try {
			Mac mac = Mac.getInstance(algorithm);
			mac.init(new SecretKeySpec(key, algorithm));
			byte[] hash = mac.doFinal(ByteBuffer.allocate(8).putLong(step).array());
			int offset = hash[hash.length - 1] & 0x0f;
			int binary = ByteBuffer.wrap(hash, offset, 4).getInt() & 0x7fffffff;
			return String.format(Locale.ROOT, "%0" + digits + "d", binary % (int) Math.pow(10, digits));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static byte[] decode(String base32) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		int buffer = 0;
		int bits = 0;
		for (char c : base32.toUpperCase(Locale.ROOT).replace("=", "").replace(" ", "").toCharArray()) {
			int value = BASE32.indexOf(c);
			if (value < 0) {
				throw new IllegalArgumentException("Not base32: " + c);
			}
			buffer = (buffer << 5) | value;
			bits += 5;
			if (bits >= 8) {
				bytes.write((buffer >> (bits - 8)) & 0xff);
				bits -= 8;
			}
		}
		return bytes.toByteArray();
	}

}
