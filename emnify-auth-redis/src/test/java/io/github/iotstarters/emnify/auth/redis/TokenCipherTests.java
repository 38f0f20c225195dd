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

import java.util.Arrays;
import java.util.Base64;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TokenCipherTests {

	private final TokenCipher cipher = new TokenCipher(key((byte) 1));

	@Test
	void decryptsWhatItEncryptedUnderTheSameName() {
		String value = this.cipher.encrypt("emnify:auth:{x}:auth", "{\"value\":\"secret-token\"}");
		assertThat(value).doesNotContain("secret-token");
		assertThat(this.cipher.decrypt("emnify:auth:{x}:auth", value)).isEqualTo("{\"value\":\"secret-token\"}");
	}

	@Test
	void aValueMovedToAnotherNameDoesNotDecrypt() {
		String value = this.cipher.encrypt("emnify:auth:{x}:refresh", "token");
		assertThat(this.cipher.decrypt("emnify:auth:{x}:auth", value)).isNull();
	}

	@Test
	void anotherKeyCannotDecrypt() {
		String value = this.cipher.encrypt("name", "token");
		assertThat(new TokenCipher(key((byte) 2)).decrypt("name", value)).isNull();
	}

	@Test
	void anAlteredValueDoesNotDecrypt() {
		byte[] bytes = Base64.getDecoder().decode(this.cipher.encrypt("name", "token"));
		bytes[bytes.length - 1] ^= 1;
		assertThat(this.cipher.decrypt("name", Base64.getEncoder().encodeToString(bytes))).isNull();
		assertThat(this.cipher.decrypt("name", "not base64!")).isNull();
		assertThat(this.cipher.decrypt("name", Base64.getEncoder().encodeToString(new byte[12]))).isNull();
	}

	@Test
	void everyValueGetsAFreshNonce() {
		String first = this.cipher.encrypt("name", "token");
		String second = this.cipher.encrypt("name", "token");
		assertThat(first).isNotEqualTo(second);
		assertThat(Arrays.copyOf(Base64.getDecoder().decode(first), 12))
			.isNotEqualTo(Arrays.copyOf(Base64.getDecoder().decode(second), 12));
	}

	private static byte[] key(byte fill) {
		byte[] key = new byte[TokenCipher.KEY_BYTES];
		Arrays.fill(key, fill);
		return key;
	}

}
