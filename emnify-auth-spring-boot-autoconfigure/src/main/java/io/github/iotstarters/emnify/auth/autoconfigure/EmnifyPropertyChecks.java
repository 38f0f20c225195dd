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

package io.github.iotstarters.emnify.auth.autoconfigure;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.context.properties.source.MutuallyExclusiveConfigurationPropertiesException;
import org.springframework.util.StringUtils;

import io.github.iotstarters.emnify.auth.mfa.EmnifyMfaEmailSettings;
import io.github.iotstarters.emnify.auth.redis.RedisEmnifyTokenStore;

/**
 * The rules for the values of {@link EmnifyProperties}, each in one place: the bound
 * properties are checked with them, and {@link EmnifyPropertiesMapper} converts with
 * them. A value that is not secret is reported with Boot's
 * {@link InvalidConfigurationPropertyValueException}, whose failure report shows the
 * value as configured; one that is secret, or may hold a secret, with an
 * {@link InvalidEmnifyPropertiesException}, whose report never shows it. Blank values
 * count as unset, so {@code ${EMNIFY_APPLICATION_TOKEN:}} works as expected.
 */
final class EmnifyPropertyChecks {

	private static final String BASE_URL = "emnify.base-url";

	private static final String BASE_URL_ACTION = "Set emnify.base-url to an absolute https URL such as "
			+ "https://cdn.emnify.net.";

	static final String ENCRYPTION_KEY_ACTION = "Set emnify.token-store.encryption-key to base64 of 32 random bytes, "
			+ "the same on every instance, for example the output of 'openssl rand -base64 32'.";

	private static final Duration LONGEST_DURATION = Duration.ofDays(365);

	private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{[^}]*}");

	// What an environment variable or property is named, so that showing it shows no
	// part of a secret that happens to contain "${".
	private static final Pattern PLACEHOLDER_NAME = Pattern.compile("[A-Za-z0-9_.\\-\\[\\]]{1,100}");

	private static final Pattern IPV4_LOOPBACK = Pattern.compile("127(\\.\\d{1,3}){3}");

	private EmnifyPropertyChecks() {
	}

	/**
	 * Parse {@code emnify.base-url}: an absolute https URL, or http for a loopback host,
	 * without user information, query or fragment.
	 * @param baseUrl the value, as bound
	 * @return the URL
	 */
	static URI baseUrl(String baseUrl) {
		URI url;
		try {
			url = new URI(baseUrl.trim());
		}
		catch (URISyntaxException ex) {
			throw invalidBaseUrl(BASE_URL + " is not a valid URL: " + ex.getReason() + ".", BASE_URL_ACTION);
		}
		if (url.getRawUserInfo() != null) {
			throw withoutValue(
					BASE_URL + " contains user information (not shown), which would be sent to the host with every "
							+ "request.",
					BASE_URL_ACTION + " Configure credentials with the emnify.* properties.");
		}
		if (url.getRawQuery() != null || url.getRawFragment() != null) {
			throw withoutValue(BASE_URL + " must not have a query or fragment (not shown).", BASE_URL_ACTION);
		}
		String scheme = (url.getScheme() != null) ? url.getScheme().toLowerCase(Locale.ROOT) : "";
		if (!(scheme.equals("https") || scheme.equals("http")) || url.getHost() == null) {
			throw invalidBaseUrl(BASE_URL + " is not an absolute http(s) URL with a host.", BASE_URL_ACTION);
		}
		if (scheme.equals("http") && !isLoopback(url.getHost())) {
			throw invalidBaseUrl(
					BASE_URL + " uses http for the remote host " + url.getHost()
							+ ", which would send credentials and tokens unencrypted.",
					"Use https (emnify's API is https://cdn.emnify.net); plain http is allowed only for loopback "
							+ "hosts (localhost, 127.0.0.0/8, ::1) such as a simulator.");
		}
		return url;
	}

	// Never Boot's report, which shows the value from every property source that sets it:
	// another source's base URL may hold a password after an '@' or a key in a query
	// even when this one does not.
	private static RuntimeException invalidBaseUrl(String description, String action) {
		return withoutValue(description + " (The value is not shown: it may hold a password or a key.)", action);
	}

	/**
	 * Return whether a host is a loopback host: {@code localhost}, 127.0.0.0/8, or the
	 * IPv6 loopback address in brackets. The name is never resolved.
	 * @param host the host
	 * @return whether it is a loopback host
	 */
	static boolean isLoopback(String host) {
		String name = host.toLowerCase(Locale.ROOT);
		if (name.equals("localhost") || IPV4_LOOPBACK.matcher(name).matches()) {
			return true;
		}
		if (name.startsWith("[") && name.endsWith("]")) {
			try {
				// An IPv6 literal: parsed, never resolved.
				return InetAddress.getByName(name.substring(1, name.length() - 1)).isLoopbackAddress();
			}
			catch (UnknownHostException ex) {
				return false;
			}
		}
		return false;
	}

	/**
	 * Normalize {@code emnify.mfa.email.protocol}.
	 * @param protocol the value, as bound
	 * @return the protocol in lower case
	 */
	static String protocol(String protocol) {
		return protocol.trim().toLowerCase(Locale.ROOT);
	}

	/**
	 * Compile {@code emnify.mfa.email.code-pattern}: a regular expression whose first
	 * group is the code and cannot match the empty string.
	 * @param codePattern the value, as bound
	 * @return the pattern
	 */
	static Pattern codePattern(String codePattern) {
		String property = "emnify.mfa.email.code-pattern";
		String action = "Set emnify.mfa.email.code-pattern to a regular expression whose first group is the code, "
				+ "such as code: (\\d{6}), or remove it to find a standalone run of six digits.";
		Pattern pattern;
		try {
			pattern = Pattern.compile(codePattern);
		}
		catch (PatternSyntaxException ex) {
			throw invalid(property, codePattern, property + " is not a valid regular expression: " + ex.getDescription()
					+ " at index " + ex.getIndex() + ".", action);
		}
		if (pattern.matcher("").groupCount() < 1) {
			throw invalid(property, codePattern, property + " " + codePattern + " has no group to take the code from.",
					action);
		}
		if (EmnifyMfaEmailSettings.matchesEmptyCode(pattern)) {
			throw invalid(property, codePattern, property + " " + codePattern + " has a first group that matches the "
					+ "empty string, so it finds an empty code in a mail without one.", action);
		}
		return pattern;
	}

	/**
	 * Decode {@code emnify.token-store.encryption-key}: base64 of a 256-bit AES key.
	 * @param encryptionKey the value, as bound
	 * @return the key
	 */
	static byte[] encryptionKey(String encryptionKey) {
		byte[] key;
		try {
			key = Base64.getDecoder().decode(encryptionKey.trim());
		}
		catch (IllegalArgumentException ex) {
			throw withoutValue("emnify.token-store.encryption-key is not base64 (its value is not shown).",
					ENCRYPTION_KEY_ACTION);
		}
		if (key.length != RedisEmnifyTokenStore.KEY_BYTES) {
			throw withoutValue("emnify.token-store.encryption-key must be a 256-bit AES key (32 bytes) but has "
					+ key.length + " bytes.", ENCRYPTION_KEY_ACTION);
		}
		return key;
	}

	static void positive(String property, Duration value) {
		if (value.isNegative() || value.isZero()) {
			throw invalid(property, value, property + " must be positive but is " + value + ".",
					"Set " + property + " to a positive duration such as 10s.");
		}
		notTooLong(property, value);
	}

	static void notNegative(String property, Duration value) {
		if (value.isNegative()) {
			throw invalid(property, value, property + " must not be negative but is " + value + ".",
					"Set " + property + " to zero or a positive duration.");
		}
		notTooLong(property, value);
	}

	// The bound keeps every sum and product of the durations, and the timers that wait
	// for them, far from overflowing; no emnify setting means anything near it.
	static void notTooLong(String property, Duration value) {
		if (value.compareTo(LONGEST_DURATION) > 0) {
			throw invalid(property, value,
					property + " is " + value + ", longer than the " + LONGEST_DURATION.toDays()
							+ " days the emnify starter accepts for a duration.",
					"Set " + property + " to at most " + LONGEST_DURATION.toDays() + "d.");
		}
	}

	/**
	 * Refuse two properties that are set together but exclude each other, naming both.
	 * @param property one property
	 * @param value its value
	 * @param otherProperty the other property
	 * @param otherValue its value
	 */
	static void exclusive(String property, @Nullable String value, String otherProperty, @Nullable String otherValue) {
		if (StringUtils.hasText(value) && StringUtils.hasText(otherValue)) {
			throw new MutuallyExclusiveConfigurationPropertiesException(List.of(property, otherProperty),
					List.of(property, otherProperty));
		}
	}

	/**
	 * Refuse a value that still holds a placeholder: it would be used as it is.
	 * @param property the property
	 * @param value its value, as bound
	 */
	static void noPlaceholder(String property, @Nullable String value) {
		String placeholder = placeholder(value);
		if (placeholder == null) {
			return;
		}
		String variable = placeholder.substring(2, placeholder.length() - 1);
		// Named only when it is the whole value: one inside other text may be a fragment
		// of a secret that a resolved variable held.
		boolean named = placeholder.equals(value) && PLACEHOLDER_NAME.matcher(variable).matches();
		throw withoutValue(
				property + " holds " + (named ? placeholder : "a placeholder (not shown)")
						+ ", which was never resolved" + (named ? ": " + variable + " is not set." : "."),
				"Set " + (named ? variable : "what the placeholder names")
						+ " in the environment or as a property, or write it with an empty default ("
						+ (named ? "${" + variable + ":}" : "${NAME:}") + ") so that an unset variable leaves "
						+ property + " unset and the start names what is missing. Nothing was sent to emnify.");
	}

	/**
	 * Return the first placeholder, {@code ${...}}, in a setting's value.
	 * @param value the value, as bound
	 * @return the placeholder, or {@code null} when the value holds none
	 */
	static @Nullable String placeholder(@Nullable String value) {
		if (value == null) {
			return null;
		}
		Matcher matcher = PLACEHOLDER.matcher(value);
		return matcher.find() ? matcher.group() : null;
	}

	/**
	 * Report a value that is not secret, with Boot's exception, whose report shows it.
	 * @param property the property
	 * @param value its value
	 * @param description what is wrong, naming the property
	 * @param action what to set
	 * @return the exception
	 */
	static InvalidConfigurationPropertyValueException invalid(String property, @Nullable Object value,
			String description, String action) {
		return new InvalidConfigurationPropertyValueException(property, value, description + " " + action);
	}

	/**
	 * Report what is wrong without showing a value, for a secret or a value that may hold
	 * one, or for what is missing.
	 * @param description what is wrong, naming the property
	 * @param action what to set
	 * @return the exception
	 */
	static InvalidEmnifyPropertiesException withoutValue(String description, String action) {
		return new InvalidEmnifyPropertiesException(description, action);
	}

}
