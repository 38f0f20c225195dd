package io.github.iotstarters.emnify.auth.test;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Locale;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Time-based one-time passwords as RFC 6238 defines them with HMAC-SHA1, the variant
 * authenticator apps and emnify use.
 */
final class Totp {

	static final long STEP_SECONDS = 30;

	static final int DIGITS = 6;

	private static final String BASE32_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

	private Totp() {
	}

	/**
	 * Number of the 30-second step that contains the given instant.
	 */
	static long step(Instant instant) {
		return Math.floorDiv(instant.getEpochSecond(), STEP_SECONDS);
	}

	/**
	 * Code of a step, zero-padded to the given number of digits.
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
	 * Six-digit code valid at the given instant.
	 */
	static String code(byte[] key, Instant instant) {
		return code(key, step(instant), DIGITS);
	}

	/**
	 * Decodes a base32 secret (RFC 4648) as authenticator apps show it: case-insensitive,
	 * spaces and padding ignored.
	 * @throws IllegalArgumentException if the secret holds other characters or is empty
	 */
	static byte[] decodeBase32(String secret) {
		String normalized = secret.replace(" ", "").replace("=", "").toUpperCase(Locale.ROOT);
		if (normalized.isEmpty()) {
			throw new IllegalArgumentException("TOTP secret must not be empty");
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
