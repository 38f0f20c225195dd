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
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

import org.springframework.util.Assert;

/**
 * Credentials that log in to emnify: an application token, or a user's name and password.
 * The password is kept only as the SHA-1 hash that emnify expects, and
 * {@link #toString()} never shows a secret.
 */
public final class EmnifyCredentials {

	private static final Pattern SHA1_HEX = Pattern.compile("[0-9a-fA-F]{40}");

	private final EmnifyGrantType grantType;

	private final Map<String, String> loginBody;

	private final String description;

	private final String identity;

	private EmnifyCredentials(EmnifyGrantType grantType, Map<String, String> loginBody, String description,
			String identity) {
		this.grantType = grantType;
		this.loginBody = loginBody;
		this.description = description;
		this.identity = identity;
	}

	/**
	 * Create credentials for a login with an application token.
	 * @param applicationToken the application token created in the emnify portal
	 * @return the credentials
	 */
	public static EmnifyCredentials applicationToken(String applicationToken) {
		Assert.hasText(applicationToken, "emnify application token must not be empty");
		return new EmnifyCredentials(EmnifyGrantType.APPLICATION_TOKEN, Map.of("application_token", applicationToken),
				"application token", "application-token:" + applicationToken);
	}

	/**
	 * Create credentials for a user login with a clear-text password, which is hashed
	 * with SHA-1 right away; the clear text is not kept.
	 * @param username the user name, usually an email address
	 * @param password the clear-text password
	 * @return the credentials
	 */
	public static EmnifyCredentials user(String username, String password) {
		Assert.hasLength(password, "emnify password must not be empty");
		return userWithPasswordSha1(username, sha1Hex(password));
	}

	/**
	 * Create credentials for a user login with an already hashed password.
	 * @param username the user name, usually an email address
	 * @param passwordSha1 the SHA-1 of the UTF-8 encoded password as 40 hexadecimal
	 * digits
	 * @return the credentials
	 */
	public static EmnifyCredentials userWithPasswordSha1(String username, String passwordSha1) {
		Assert.hasText(username, "emnify username must not be empty");
		Assert.isTrue(isSha1Hex(passwordSha1), "emnify password SHA-1 must be exactly 40 hexadecimal digits");
		return new EmnifyCredentials(EmnifyGrantType.PASSWORD,
				Map.of("username", username, "password", passwordSha1.toLowerCase(Locale.ROOT)), "user " + username,
				"user:" + username.toLowerCase(Locale.ROOT));
	}

	/**
	 * Return whether the given text is a SHA-1 hash written as 40 hexadecimal digits.
	 * @param text the text to check
	 * @return whether the text can serve as a password hash
	 */
	public static boolean isSha1Hex(String text) {
		return SHA1_HEX.matcher(text).matches();
	}

	/**
	 * Return the grant type that these credentials log in with.
	 * @return the grant type
	 */
	public EmnifyGrantType grantType() {
		return this.grantType;
	}

	Map<String, String> loginBody() {
		return this.loginBody;
	}

	/**
	 * Return a hash that tells these credentials' identity (the user, or the application
	 * token) apart from others without revealing it; the password is no part of it.
	 * @return the SHA-256 of the identity, in hexadecimal
	 */
	String identityHash() {
		return hex("SHA-256", this.identity);
	}

	/**
	 * Return a hash of the identity, its secret and the given further settings, which
	 * changes whenever any of them does.
	 * @param settings what else a login depends on
	 * @return the SHA-256 of all of it, in hexadecimal
	 */
	String settingsHash(String settings) {
		return hex("SHA-256", this.identity + "\n" + new TreeMap<>(this.loginBody) + "\n" + settings);
	}

	static String sha1Hex(String password) {
		return hex("SHA-1", password);
	}

	private static String hex(String algorithm, String text) {
		try {
			MessageDigest digest = MessageDigest.getInstance(algorithm);
			return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(algorithm + " is required by every Java platform", ex);
		}
	}

	@Override
	public String toString() {
		return "EmnifyCredentials[" + this.description + ", secret=******]";
	}

}
