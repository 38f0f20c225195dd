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

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.github.iotstarters.emnify.auth.test.JwtCodec;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The organisation an auth token is for, as a table of claims: a number or a string of
 * digits counts, anything else, and a token that is no JWT, says nothing.
 */
class EmnifyTokenClaimsTests {

	private static final JwtCodec JWTS = new JwtCodec();

	@ParameterizedTest(name = "{0} -> {1}")
	@CsvSource(delimiter = '|', nullValues = "none",
			value = { "{\"esc.org\":123,\"exp\":1} | 123", "{\"esc.org\":\"456\"} | 456", "{\"esc.org\":0} | 0",
					"{\"esc.org\":9223372036854775807} | 9223372036854775807",
					"{\"esc.org\":9223372036854775808} | none", "{\"esc.org\":1.5} | none",
					"{\"esc.org\":\"12a\"} | none", "{\"esc.org\":\"\"} | none", "{\"esc.org\":null} | none",
					"{\"esc.org\":{\"id\":1}} | none", "{\"esc.orgName\":\"acme\"} | none", "{} | none",
					"[1,2] | none" })
	void theOrganisationIsTheEscOrgClaim(String payload, @Nullable Long organisation) {
		assertThat(EmnifyTokenClaims.organisationId(JWTS.sign(payload))).isEqualTo(organisation);
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', value = { "opaque-token", "a.b", "a.b.c.d", "x.%%%.y", "x.bm90IGpzb24.y" })
	void aTokenThatIsNoJwtSaysNothing(String token) {
		assertThat(EmnifyTokenClaims.organisationId(token)).isNull();
		assertThat(EmnifyTokenClaims.organisationId("x." + encode("{\"esc.org\":7}") + ".y")).isEqualTo(7L);
	}

	private static String encode(String payload) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes(StandardCharsets.UTF_8));
	}

}
