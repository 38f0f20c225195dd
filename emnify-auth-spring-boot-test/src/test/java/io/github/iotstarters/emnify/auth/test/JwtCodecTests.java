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
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static io.github.iotstarters.emnify.auth.test.SimulatorHttp.claims;
import static io.github.iotstarters.emnify.auth.test.SimulatorHttp.header;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link JwtCodec}'s tokens for tests that stub emnify themselves.
 */
class JwtCodecTests {

	private static final Instant NOW = Instant.parse("2030-01-01T00:00:00.750Z");

	private final JwtCodec codec = new JwtCodec();

	@Test
	void aTokenCarriesTheClaimsOfEverySimulatorToken() {
		String token = this.codec.token(NOW, Duration.ofMinutes(240));
		JsonNode claims = claims(token);
		assertThat(header(token).toString()).isEqualTo("{\"alg\":\"HS512\",\"typ\":\"JWT\"}");
		assertThat(claims.path("aud").stringValue()).isEqualTo("/api/v1/authentication");
		assertThat(claims.path("iss").stringValue()).isEqualTo("esa-api");
		assertThat(claims.path("iat").asLong()).isEqualTo(NOW.getEpochSecond());
		assertThat(claims.path("exp").asLong()).isEqualTo(NOW.getEpochSecond() + 240 * 60);
		assertThat(claims.path("jti").stringValue()).isNotBlank();
		assertThat(this.codec.verify(token)).isEqualTo(claims);
	}

	@Test
	void theSignatureIsAnHs512Mac() {
		String token = this.codec.token(NOW, Duration.ofMinutes(240));

		assertThat(Base64.getUrlDecoder().decode(token.split("\\.")[2])).hasSize(64);
	}

	@Test
	void noTwoTokensAreEqual() {
		assertThat(this.codec.token(NOW, Duration.ofMinutes(240)))
			.isNotEqualTo(this.codec.token(NOW, Duration.ofMinutes(240)));
		assertThat(this.codec.tokenExpiringAt(NOW)).isNotEqualTo(this.codec.tokenExpiringAt(NOW));
	}

	@Test
	void aTokenMayExpireBeforeItIsIssued() {
		JsonNode claims = claims(this.codec.token(NOW, Duration.ofMinutes(-10)));
		assertThat(claims.path("exp").asLong()).isEqualTo(NOW.getEpochSecond() - 600);
	}

	@Test
	void aTokenExpiringAtAnInstantNamesOnlyItsExpiryAndId() {
		JsonNode claims = claims(this.codec.tokenExpiringAt(NOW.plus(Duration.ofMinutes(90))));
		assertThat(claims.propertyNames()).containsExactly("exp", "jti");
		assertThat(claims.path("exp").asLong()).isEqualTo(NOW.plus(Duration.ofMinutes(90)).getEpochSecond());
	}

	@Test
	void aPayloadIsSignedAsWritten() {
		String token = this.codec.sign("[1,2]");
		String payload = new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
		assertThat(payload).isEqualTo("[1,2]");
		assertThat(JwtCodec.hasThreeSegments(token)).isTrue();
	}

	@Test
	void onlyTheCodecThatSignedATokenVerifiesIt() {
		String token = this.codec.token(NOW, Duration.ofMinutes(240));
		assertThat(new JwtCodec().verify(token)).isNull();
	}

}
