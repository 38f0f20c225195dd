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
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What an auth token emnify issued says about itself, read from its JWT claims without
 * verifying the signature (the key is emnify's): enough to time a renewal and to know
 * whose rate limits a request counts against, never to trust the token. A token that is
 * no JWT, or whose claims cannot be read, says nothing.
 */
public final class EmnifyTokenClaims {

	private EmnifyTokenClaims() {
	}

	/**
	 * Return the organisation an auth token is for: its {@code esc.org} claim, a number
	 * or a string of digits. emnify counts its rate limits per organisation.
	 * @param token the auth token
	 * @return the organisation id, or {@code null} when the token does not say
	 */
	public static @Nullable Long organisationId(String token) {
		JsonNode claims = of(token);
		JsonNode organisation = (claims != null) ? claims.path("esc.org") : null;
		if (organisation == null) {
			return null;
		}
		if (organisation.isIntegralNumber() && organisation.canConvertToLong()) {
			return organisation.asLong();
		}
		if (organisation.isString() && organisation.stringValue().matches("[0-9]{1,18}")) {
			return Long.parseLong(organisation.stringValue());
		}
		return null;
	}

	/**
	 * Read a token's claims.
	 * @param token the token
	 * @return the claims as a JSON object, or {@code null} when the token is no JWT or
	 * its payload no JSON object
	 */
	static @Nullable JsonNode of(String token) {
		String[] parts = token.split("\\.", -1);
		if (parts.length != 3) {
			return null;
		}
		try {
			byte[] payload = Base64.getUrlDecoder().decode(parts[1]);
			JsonNode claims = JsonMapper.shared().readTree(new String(payload, StandardCharsets.UTF_8));
			return claims.isObject() ? claims : null;
		}
		catch (IllegalArgumentException | JacksonException ex) {
			return null;
		}
	}

}
