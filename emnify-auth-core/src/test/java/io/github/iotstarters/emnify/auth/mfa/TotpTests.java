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

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * {@link Totp} against the SHA-1 test vectors of RFC 6238, appendix B.
 */
class TotpTests {

	// The RFC's SHA-1 key, and its base32 form as an authenticator app would show it.
	private static final byte[] RFC_KEY = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

	private static final String RFC_SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

	@ParameterizedTest
	@CsvSource({ "59, 94287082, 287082", "1111111109, 07081804, 081804", "1111111111, 14050471, 050471",
			"1234567890, 89005924, 005924", "2000000000, 69279037, 279037" })
	void codesMatchRfc6238TestVectors(long epochSecond, String eightDigits, String sixDigits) {
		long step = Totp.step(Instant.ofEpochSecond(epochSecond));
		assertThat(Totp.code(RFC_KEY, step, 8)).isEqualTo(eightDigits);
		assertThat(Totp.code(RFC_KEY, step, Totp.DIGITS)).isEqualTo(sixDigits);
	}

	@Test
	void stepsAreThirtySecondsLong() {
		assertThat(Totp.step(Instant.ofEpochSecond(29))).isZero();
		assertThat(Totp.step(Instant.ofEpochSecond(30))).isOne();
	}

	@Test
	void base32SecretDecodesToTheRfcKey() {
		assertThat(Totp.decodeBase32(RFC_SECRET)).isEqualTo(RFC_KEY);
	}

	@Test
	void base32DecodingIgnoresCaseSpacesAndPadding() {
		assertThat(Totp.decodeBase32("jbsw y3dp ehpk 3pxp")).isEqualTo(Totp.decodeBase32("JBSWY3DPEHPK3PXP"));
		assertThat(Totp.decodeBase32("MZXW6YTBOJRGC6TROV4A====")).isEqualTo("foobarbazqux".getBytes());
	}

	@Test
	void base32DecodingRejectsOtherCharacters() {
		assertThatIllegalArgumentException().isThrownBy(() -> Totp.decodeBase32("not-base32!"));
		assertThatIllegalArgumentException().isThrownBy(() -> Totp.decodeBase32("  "));
	}

	@Test
	void secretsShorterThan80BitsAreRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> Totp.decodeBase32("A"))
			.withMessageContaining("at least 16 base32 characters");
		assertThatIllegalArgumentException().isThrownBy(() -> Totp.decodeBase32("JBSWY3DPEHPK3PX"));
	}

}
