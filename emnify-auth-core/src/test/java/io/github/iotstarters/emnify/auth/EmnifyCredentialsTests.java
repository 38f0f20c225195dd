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

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class EmnifyCredentialsTests {

	@Test
	void settingsHashChangesWithTheSecretAndTheFurtherSettingsAndShowsNeither() {
		String hash = EmnifyCredentials.user("ops@example.org", "my_password").settingsHash("totp");
		assertThat(hash).hasSize(64)
			.isEqualTo(EmnifyCredentials.user("ops@example.org", "my_password").settingsHash("totp"))
			.isNotEqualTo(EmnifyCredentials.user("ops@example.org", "other_password").settingsHash("totp"))
			.isNotEqualTo(EmnifyCredentials.user("ops@example.org", "my_password").settingsHash("email"))
			.doesNotContain("5eb942810a75ebc850972a89285d570d484c89c4");
	}

	@Test
	void passwordIsSentAsLowerCaseSha1HexOfItsUtf8Bytes() {
		// Reference values from: echo -n 'my_password' | openssl sha1
		assertThat(EmnifyCredentials.user("user@service.org", "my_password").loginBody())
			.isEqualTo(Map.of("username", "user@service.org", "password", "5eb942810a75ebc850972a89285d570d484c89c4"));
		assertThat(EmnifyCredentials.user("u", "pässwörd").loginBody()).containsEntry("password",
				"f517ddf1d32a112ff1ad55c66d1b12cb38e7e8f7");
	}

	@Test
	void preHashedPasswordIsSentLowerCase() {
		assertThat(EmnifyCredentials.userWithPasswordSha1("u", "5EB942810A75EBC850972A89285D570D484C89C4").loginBody())
			.containsEntry("password", "5eb942810a75ebc850972a89285d570d484c89c4");
	}

	@Test
	void malformedHashIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> EmnifyCredentials.userWithPasswordSha1("u", "abc"))
			.withMessageContaining("40 hexadecimal digits");
		assertThat(EmnifyCredentials.isSha1Hex("5eb942810a75ebc850972a89285d570d484c89cz")).isFalse();
	}

	@Test
	void applicationTokenLoginBody() {
		EmnifyCredentials credentials = EmnifyCredentials.applicationToken("app-token-value");
		assertThat(credentials.grantType()).isEqualTo(EmnifyGrantType.APPLICATION_TOKEN);
		assertThat(credentials.loginBody()).isEqualTo(Map.of("application_token", "app-token-value"));
	}

	@Test
	void toStringShowsNoSecret() {
		assertThat(EmnifyCredentials.applicationToken("app-token-value"))
			.hasToString("EmnifyCredentials[application token, secret=******]");
		assertThat(EmnifyCredentials.user("user@service.org", "my_password").toString()).contains("user@service.org")
			.doesNotContain("my_password")
			.doesNotContain("5eb942810a75ebc850972a89285d570d484c89c4");
	}

}
