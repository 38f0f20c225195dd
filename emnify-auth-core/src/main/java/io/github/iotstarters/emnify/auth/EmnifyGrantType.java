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

/**
 * Ways of obtaining an auth token from emnify's {@code /api/v1/authenticate} endpoint.
 */
public enum EmnifyGrantType {

	/**
	 * Login with an application token; emnify answers with an auth token only.
	 */
	APPLICATION_TOKEN("application_token", "application token login"),

	/**
	 * Login with username and SHA-1 hashed password; emnify answers with an auth token
	 * and a single-use refresh token.
	 */
	PASSWORD("password", "user login"),

	/**
	 * Renewal of an auth token with a refresh token obtained from a user login.
	 */
	REFRESH_TOKEN("refresh_token", "token refresh"),

	/**
	 * Second step of a user login on an account with multi-factor authentication: the MFA
	 * token from the first step and a TOTP code.
	 */
	MFA("mfa", "MFA login"),

	/**
	 * Switch of a user's auth token to another workspace.
	 */
	WORKSPACE("workspace", "workspace switch");

	private final String value;

	private final String description;

	EmnifyGrantType(String value, String description) {
		this.value = value;
		this.description = description;
	}

	/**
	 * Return the grant type as a lower-case identifier, as used in logs and metric tags.
	 * @return the identifier, for example {@code application_token}
	 */
	public String value() {
		return this.value;
	}

	/**
	 * Return a short human-readable description of the grant.
	 * @return the description, for example {@code user login}
	 */
	public String description() {
		return this.description;
	}

}
