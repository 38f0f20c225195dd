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
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The simulator's {@link Totp} against the test vectors of RFC 6238 and RFC 4648.
 */
class TotpTests {

	/**
	 * RFC 6238, appendix B, the SHA1 rows: time in seconds, T in hex, TOTP of eight
	 * digits. An emnify code has six, the same truncated value modulo 10^6.
	 * @param seconds the time, seconds since the epoch
	 * @param stepHex the step T, as the RFC prints it
	 * @param eightDigits the TOTP the RFC gives
	 */
	@ParameterizedTest
	@CsvSource({ "59, 0000000000000001, 94287082", "1111111109, 00000000023523EC, 07081804",
			"1111111111, 00000000023523ED, 14050471", "1234567890, 000000000273EF07, 89005924",
			"2000000000, 0000000003F940AA, 69279037", "20000000000, 0000000027BC86AA, 65353130" })
	void rfc6238Sha1TestVectors(long seconds, String stepHex, String eightDigits) {
		long step = Totp.step(Instant.ofEpochSecond(seconds));
		assertThat(step).isEqualTo(Long.parseLong(stepHex, 16));
		assertThat(Totp.code(Fixtures.MFA_KEY, step, 8)).isEqualTo(eightDigits);
		assertThat(Totp.code(Fixtures.MFA_KEY, step, Totp.DIGITS)).isEqualTo(eightDigits.substring(2));
	}

	@Test
	void aStepLastsThirtySeconds() {
		assertThat(Totp.step(Instant.ofEpochSecond(29))).isZero();
		assertThat(Totp.step(Instant.ofEpochSecond(30))).isOne();
		assertThat(Totp.step(Instant.ofEpochSecond(59, 999_999_999))).isOne();
	}

	/**
	 * RFC 4648, section 10, the BASE32 rows.
	 * @param encoded the base32 text
	 * @param decoded the ASCII it decodes to
	 */
	@ParameterizedTest
	@CsvSource({ "'', ''", "MY======, f", "MZXQ====, fo", "MZXW6===, foo", "MZXW6YQ=, foob", "MZXW6YTB, fooba",
			"MZXW6YTBOI======, foobar" })
	void rfc4648Base32TestVectors(String encoded, String decoded) {
		assertThat(Totp.decodeBase32(encoded)).isEqualTo(decoded.getBytes(StandardCharsets.US_ASCII));
	}

	@ParameterizedTest
	@CsvSource({ "'', ''", "MY, f", "MZXQ, fo", "MZXW6, foo", "MZXW6YQ, foob", "MZXW6YTB, fooba",
			"MZXW6YTBOI, foobar" })
	void encodesRfc4648Base32TestVectorsWithoutPadding(String encoded, String decoded) {
		assertThat(Totp.encodeBase32(decoded.getBytes(StandardCharsets.US_ASCII))).isEqualTo(encoded);
	}

	@Test
	void base32OfTheRfc6238KeyDecodesToIt() {
		assertThat(Totp.decodeBase32(Fixtures.MFA_SECRET)).isEqualTo(Fixtures.MFA_KEY);
	}

	@Test
	void base32IsReadAsAuthenticatorAppsShowIt() {
		assertThat(Totp.decodeBase32("mzxw 6ytb oi")).isEqualTo(Totp.decodeBase32("MZXW6YTBOI======"));
	}

	@Test
	void charactersOutsideTheBase32AlphabetAreRejected() {
		for (String secret : new String[] { "MZXW6YT0", "MZXW6YT1", "MZXW6YT8", "MZXW-6YTB", "MZXW6YTB!" }) {
			assertThatIllegalArgumentException().as(secret)
				.isThrownBy(() -> Totp.decodeBase32(secret))
				.withMessageContaining("not base32");
		}
	}

}
