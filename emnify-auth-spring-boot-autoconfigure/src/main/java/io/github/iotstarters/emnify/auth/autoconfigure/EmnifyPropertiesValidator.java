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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import org.jspecify.annotations.Nullable;
import org.springframework.util.ClassUtils;
import org.springframework.util.StringUtils;
import org.springframework.util.unit.DataSize;

import io.github.iotstarters.emnify.auth.EmnifyCredentials;
import io.github.iotstarters.emnify.auth.mfa.EmnifyMfaCodeSource;
import io.github.iotstarters.emnify.auth.mfa.EmnifyMfaEmailSettings;
import io.github.iotstarters.emnify.auth.redis.RedisEmnifyTokenStore;

/**
 * Turns {@link EmnifyProperties} into what the client needs, failing with an
 * {@link InvalidEmnifyPropertiesException} that says which properties to set. Blank
 * values count as unset, so {@code ${EMNIFY_APPLICATION_TOKEN:}} works as expected; a
 * credential or secret that still holds an unresolved placeholder is refused.
 */
final class EmnifyPropertiesValidator {

	private static final String CREDENTIALS_ACTION = "Set either emnify.application-token (recommended by emnify "
			+ "for integrations), or emnify.username together with emnify.password or emnify.password-sha1.";

	private static final String JAKARTA_MAIL = "jakarta.mail.Session";

	private static final String ANGUS_IMAP = "org.eclipse.angus.mail.imap.IMAPStore";

	private static final Duration LONGEST_DURATION = Duration.ofDays(365);

	private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{[^}]*}");

	// What an environment variable or property is named, so that showing it shows no
	// part of a secret that happens to contain "${".
	private static final Pattern PLACEHOLDER_NAME = Pattern.compile("[A-Za-z0-9_.\\-\\[\\]]{1,100}");

	private static final Pattern IPV4_LOOPBACK = Pattern.compile("127(\\.\\d{1,3}){3}");

	private EmnifyPropertiesValidator() {
	}

	static URI baseUrl(EmnifyProperties properties) {
		URI url = parse(properties.getBaseUrl());
		String scheme = url.getScheme().toLowerCase(Locale.ROOT);
		if (scheme.equals("http") && !isLoopback(url.getHost())) {
			throw invalid(
					"emnify.base-url uses http for the remote host " + url.getHost()
							+ ", which would send credentials and tokens unencrypted.",
					"Use https (emnify's API is https://cdn.emnify.net); plain http is allowed only for "
							+ "loopback hosts (localhost, 127.0.0.0/8, ::1) such as a simulator.");
		}
		return url;
	}

	static EmnifyCredentials credentials(EmnifyProperties properties) {
		String applicationToken = blankToNull(properties.getApplicationToken());
		String username = blankToNull(properties.getUsername());
		String password = blankToNull(properties.getPassword());
		String passwordSha1 = blankToNull(properties.getPasswordSha1());
		boolean anyUserProperty = username != null || password != null || passwordSha1 != null;
		if (applicationToken != null && anyUserProperty) {
			throw invalid(
					"emnify credentials are ambiguous: emnify.application-token and user credentials "
							+ "(emnify.username, emnify.password or emnify.password-sha1) are both set.",
					CREDENTIALS_ACTION);
		}
		if (applicationToken != null) {
			userOnly(properties);
			return EmnifyCredentials.applicationToken(applicationToken);
		}
		if (!anyUserProperty) {
			throw invalid("No emnify credentials are configured.", CREDENTIALS_ACTION);
		}
		if (password != null && passwordSha1 != null) {
			throw invalid("emnify.password and emnify.password-sha1 are both set.",
					"Set only one of them: emnify.password, or its SHA-1 hash as emnify.password-sha1.");
		}
		if (username == null) {
			throw invalid("emnify user credentials are incomplete: emnify.username is not set.",
					"Set emnify.username to the emnify user's login, usually an email address.");
		}
		if (password != null) {
			return EmnifyCredentials.user(username, password);
		}
		if (passwordSha1 == null) {
			throw invalid("emnify user credentials are incomplete: emnify.username is set without a password.",
					"Set emnify.password, or its SHA-1 hash as emnify.password-sha1.");
		}
		if (!EmnifyCredentials.isSha1Hex(passwordSha1)) {
			throw invalid("emnify.password-sha1 is not a SHA-1 hash (its value is not shown).",
					"Set emnify.password-sha1 to exactly 40 hexadecimal digits, the SHA-1 of the UTF-8 password "
							+ "(echo -n 'password' | openssl sha1), or set emnify.password instead.");
		}
		return EmnifyCredentials.userWithPasswordSha1(username, passwordSha1);
	}

	// Spring leaves a placeholder whose variable is not set as it is: ${EMNIFY_PASSWORD}
	// would be sent as the credential (its SHA-1 for a password), a failed login that
	// counts towards emnify's lock. No setting that a login, a mailbox or the token store
	// reads as it is may hold one.
	static void noPlaceholders(EmnifyProperties properties) {
		EmnifyProperties.Mfa mfa = properties.getMfa();
		Map<String, @Nullable String> settings = new LinkedHashMap<>();
		settings.put("emnify.application-token", properties.getApplicationToken());
		settings.put("emnify.username", properties.getUsername());
		settings.put("emnify.password", properties.getPassword());
		settings.put("emnify.password-sha1", properties.getPasswordSha1());
		settings.put("emnify.mfa.totp-secret", mfa.getTotpSecret());
		settings.put("emnify.mfa.trusted-device.fingerprint", mfa.getTrustedDevice().getFingerprint());
		settings.put("emnify.mfa.email.host", mfa.getEmail().getHost());
		settings.put("emnify.mfa.email.username", mfa.getEmail().getUsername());
		settings.put("emnify.mfa.email.password", mfa.getEmail().getPassword());
		settings.put("emnify.token-store.encryption-key", properties.getTokenStore().getEncryptionKey());
		settings.forEach((property, value) -> {
			String placeholder = placeholder(value);
			if (placeholder != null) {
				String variable = placeholder.substring(2, placeholder.length() - 1);
				// Named only when it is the whole value: one inside other text may be a
				// fragment of a secret that a resolved variable held.
				boolean named = placeholder.equals(value) && PLACEHOLDER_NAME.matcher(variable).matches();
				throw invalid(
						property + " holds " + (named ? placeholder : "a placeholder (not shown)")
								+ ", which was never resolved" + (named ? ": " + variable + " is not set." : "."),
						"Set " + (named ? variable : "what the placeholder names")
								+ " in the environment or as a property, or write it with an empty default ("
								+ (named ? "${" + variable + ":}" : "${NAME:}") + ") so that an unset variable leaves "
								+ property + " unset and the start names what is missing. Nothing was sent to emnify.");
			}
		});
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

	private static void userOnly(EmnifyProperties properties) {
		if (properties.getWorkspaceId() != null) {
			throw invalid(
					"emnify.workspace-id is set with an application token, but application tokens are scoped "
							+ "to the one workspace they were created in.",
					"Remove emnify.workspace-id and use an application "
							+ "token created in the target workspace, or log in as a user (emnify.username and "
							+ "emnify.password) to switch workspaces.");
		}
		if (StringUtils.hasText(properties.getMfa().getTotpSecret())
				|| StringUtils.hasText(properties.getMfa().getTrustedDevice().getFingerprint())
				|| StringUtils.hasText(properties.getMfa().getEmail().getHost())) {
			throw invalid("emnify.mfa.* is set with an application token, but MFA applies to user logins only.",
					"Remove emnify.mfa.totp-secret, emnify.mfa.email.host and emnify.mfa.trusted-device.fingerprint, "
							+ "or log in as a user.");
		}
	}

	static @Nullable String totpSecret(EmnifyProperties properties) {
		String secret = blankToNull(properties.getMfa().getTotpSecret());
		if (secret != null && !isBase32(secret)) {
			throw invalid("emnify.mfa.totp-secret is not a base32 secret (its value is not shown).",
					"Set emnify.mfa.totp-secret to the secret shown when the user's MFA key was set up: letters A-Z "
							+ "and digits 2-7, as an authenticator app takes it.");
		}
		return secret;
	}

	/**
	 * Check the properties of the mailbox that MFA codes are read from, if
	 * {@code emnify.mfa.email.host} is set, and return its settings.
	 * @param properties the properties
	 * @param classLoader the class loader that Jakarta Mail must be visible to
	 * @return the mailbox settings, or {@code null} without a host
	 */
	static @Nullable EmnifyMfaEmailSettings email(EmnifyProperties properties, @Nullable ClassLoader classLoader) {
		EmnifyProperties.Email email = properties.getMfa().getEmail();
		String host = blankToNull(email.getHost());
		if (host == null) {
			return null;
		}
		if (StringUtils.hasText(properties.getMfa().getTotpSecret())) {
			throw invalid(
					"emnify.mfa.totp-secret and emnify.mfa.email.host are both set, but a login takes its MFA "
							+ "code from one source.",
					"Set emnify.mfa.totp-secret if the user has a TOTP key (emnify then asks for its codes), or "
							+ "emnify.mfa.email.host to read the codes emnify mails; remove the other.");
		}
		if (!ClassUtils.isPresent(JAKARTA_MAIL, classLoader) || !ClassUtils.isPresent(ANGUS_IMAP, classLoader)) {
			throw invalid(
					"emnify.mfa.email.host is set, but Jakarta Mail with its IMAP provider is not on the "
							+ "classpath to read the mailbox with.",
					"Add spring-boot-starter-mail to the application (it brings Jakarta Mail and Angus Mail), or remove "
							+ "emnify.mfa.email.host.");
		}
		String protocol = email.getProtocol().trim().toLowerCase(Locale.ROOT);
		if (!protocol.equals("imaps") && !protocol.equals("imap")) {
			throw invalid("emnify.mfa.email.protocol must be imaps or imap but is " + protocol + ".",
					"Set emnify.mfa.email.protocol to imaps (IMAP over TLS).");
		}
		if (protocol.equals("imap") && !isLoopback(host.contains(":") ? "[" + host + "]" : host)) {
			throw invalid(
					"emnify.mfa.email.protocol is imap for the remote host " + host
							+ ", which would send the mailbox password unencrypted.",
					"Use imaps (port 993); imap is allowed only for loopback hosts (localhost, 127.0.0.0/8, ::1) "
							+ "such as a test mail server.");
		}
		if (email.getPort() < 1 || email.getPort() > 65535) {
			throw invalid("emnify.mfa.email.port must be between 1 and 65535 but is " + email.getPort() + ".",
					"Set emnify.mfa.email.port to the IMAP server's port, usually 993 for imaps.");
		}
		String username = blankToNull(email.getUsername());
		String password = blankToNull(email.getPassword());
		if (username == null || password == null) {
			throw invalid(
					"emnify.mfa.email.host is set without emnify.mfa.email.username and "
							+ "emnify.mfa.email.password.",
					"Set the login of the mailbox as emnify.mfa.email.username " + "and emnify.mfa.email.password.");
		}
		if (!StringUtils.hasText(email.getFolder())) {
			throw invalid("emnify.mfa.email.folder is blank.",
					"Set emnify.mfa.email.folder, or remove it to use the default.");
		}
		positive("emnify.mfa.email.poll-interval", email.getPollInterval());
		return new EmnifyMfaEmailSettings(host, email.getPort(), protocol, username, password, email.getFolder(),
				sender(email.getSender()), codePattern(email.getCodePattern()), email.getPollInterval());
	}

	private static List<String> sender(List<String> sender) {
		String action = "Set emnify.mfa.email.sender to the addresses (no-reply@emnify.com) or domains (emnify.com, "
				+ "which matches its subdomains too) that emnify's MFA mails come from, comma-separated, or remove it "
				+ "to accept mails from emnify.com and its subdomains.";
		if (sender.isEmpty()) {
			throw invalid("emnify.mfa.email.sender is empty.", action);
		}
		for (String entry : sender) {
			if (!EmnifyMfaEmailSettings.isSender(entry)) {
				throw invalid("emnify.mfa.email.sender holds '" + entry + "', which is neither an address nor a "
						+ "domain: a mail counts only if its From address is one of the addresses, or in one of the "
						+ "domains, never if it merely contains the text.", action);
			}
		}
		return sender;
	}

	private static Pattern codePattern(String codePattern) {
		String action = "Set emnify.mfa.email.code-pattern to a regular expression whose first group is the code, "
				+ "such as code: (\\d{6}), or remove it to find a standalone run of six digits.";
		Pattern pattern;
		try {
			pattern = Pattern.compile(codePattern);
		}
		catch (PatternSyntaxException ex) {
			throw invalid("emnify.mfa.email.code-pattern is not a valid regular expression: " + ex.getDescription()
					+ " at index " + ex.getIndex() + ".", action);
		}
		if (pattern.matcher("").groupCount() < 1) {
			throw invalid("emnify.mfa.email.code-pattern " + codePattern + " has no group to take the code from.",
					action);
		}
		if (EmnifyMfaEmailSettings.matchesEmptyCode(pattern)) {
			throw invalid("emnify.mfa.email.code-pattern " + codePattern + " has a first group that matches the "
					+ "empty string, so it finds an empty code in a mail without one.", action);
		}
		return pattern;
	}

	private static boolean isBase32(String secret) {
		try {
			EmnifyMfaCodeSource.totp(secret);
			return true;
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	static @Nullable String fingerprint(EmnifyProperties properties) {
		String fingerprint = blankToNull(properties.getMfa().getTrustedDevice().getFingerprint());
		if (fingerprint != null && !StringUtils.hasText(properties.getMfa().getTrustedDevice().getName())) {
			throw invalid("emnify.mfa.trusted-device.name is blank.",
					"Set emnify.mfa.trusted-device.name to the name emnify should list the device under, or remove "
							+ "it to use the default.");
		}
		return fingerprint;
	}

	static void timing(EmnifyProperties properties) {
		EmnifyProperties.Token token = properties.getToken();
		positive("emnify.token.default-auth-token-lifetime", token.getDefaultAuthTokenLifetime());
		positive("emnify.token.default-refresh-token-lifetime", token.getDefaultRefreshTokenLifetime());
		positive("emnify.token.request-timeout", token.getRequestTimeout());
		notNegative("emnify.token.refresh-margin", token.getRefreshMargin());
		notNegative("emnify.token.expiry-margin", token.getExpiryMargin());
		notNegative("emnify.token.unauthorized-renewal-interval", token.getUnauthorizedRenewalInterval());
		notNegative("emnify.rejected-credentials-cooldown", properties.getRejectedCredentialsCooldown());
		positive("emnify.mfa.code-timeout", properties.getMfa().getCodeTimeout());
		if (token.getExpiryMargin().compareTo(token.getRefreshMargin()) > 0) {
			throw invalid(
					"emnify.token.expiry-margin (" + token.getExpiryMargin()
							+ ") is greater than emnify.token.refresh-margin (" + token.getRefreshMargin()
							+ "), so tokens would expire before a background renewal starts.",
					"Set emnify.token.refresh-margin to at least emnify.token.expiry-margin.");
		}
		EmnifyProperties.Retry retry = properties.getRetry();
		if (retry.getMaxRetries() < 0) {
			throw invalid("emnify.retry.max-retries is negative (" + retry.getMaxRetries() + ").",
					"Set emnify.retry.max-retries to 0 (no retries) or more.");
		}
		positive("emnify.retry.delay", retry.getDelay());
		notNegative("emnify.retry.jitter", retry.getJitter());
		// Written so that NaN fails as well.
		if (!(retry.getMultiplier() >= 1.0 && Double.isFinite(retry.getMultiplier()))) {
			throw invalid("emnify.retry.multiplier must be a finite number of at least 1 but is "
					+ retry.getMultiplier() + ".",
					"Set emnify.retry.multiplier to 1 (constant delay) or more, such as 2.");
		}
		notTooLong("emnify.retry.max-delay", retry.getMaxDelay());
		notTooLong("emnify.retry.max-pause", retry.getMaxPause());
		if (retry.getMaxDelay().compareTo(retry.getDelay()) < 0) {
			throw invalid("emnify.retry.max-delay (" + retry.getMaxDelay() + ") is less than emnify.retry.delay ("
					+ retry.getDelay() + ").", "Set emnify.retry.max-delay to at least emnify.retry.delay.");
		}
		if (retry.getMaxPause().compareTo(retry.getMaxDelay()) < 0) {
			throw invalid(
					"emnify.retry.max-pause (" + retry.getMaxPause() + ") is less than emnify.retry.max-delay ("
							+ retry.getMaxDelay() + "), the first pause it caps.",
					"Set emnify.retry.max-pause to at least emnify.retry.max-delay, such as 5m.");
		}
	}

	static DataSize replayMaxBodySize(EmnifyProperties properties) {
		DataSize maxBodySize = properties.getReplay().getMaxBodySize();
		if (maxBodySize.isNegative()) {
			throw invalid("emnify.replay.max-body-size must not be negative but is " + maxBodySize + ".",
					"Set emnify.replay.max-body-size to zero (only requests without a body are replayed after a "
							+ "401) or a positive size such as 1MB.");
		}
		return maxBodySize;
	}

	private static URI parse(String baseUrl) {
		String action = "Set emnify.base-url to an absolute https URL such as https://cdn.emnify.net.";
		URI url;
		try {
			url = new URI(baseUrl.trim());
		}
		catch (URISyntaxException ex) {
			throw invalid("emnify.base-url is not a valid URL: " + ex.getReason() + ".", action);
		}
		if (url.getRawUserInfo() != null) {
			throw invalid(
					"emnify.base-url contains user information (not shown), which would be sent to the "
							+ "host with every request.",
					action + " Configure credentials with the emnify.* properties.");
		}
		String scheme = (url.getScheme() != null) ? url.getScheme().toLowerCase(Locale.ROOT) : "";
		if (!(scheme.equals("https") || scheme.equals("http")) || url.getHost() == null) {
			throw invalid("emnify.base-url is not an absolute http(s) URL with a host.", action);
		}
		if (url.getRawQuery() != null || url.getRawFragment() != null) {
			throw invalid("emnify.base-url must not have a query or fragment.", action);
		}
		return url;
	}

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
	 * Check the Redis token store's properties and return its encryption key.
	 * @param properties the properties
	 * @return the encryption key
	 */
	static byte[] redisTokenStore(EmnifyProperties properties) {
		EmnifyProperties.TokenStore store = properties.getTokenStore();
		positive("emnify.token-store.lease-time", store.getLeaseTime());
		positive("emnify.token-store.timeout", store.getTimeout());
		positive("emnify.token-store.retry-interval", store.getRetryInterval());
		if (store.getLeaseTime().compareTo(store.getTimeout().multipliedBy(3)) < 0) {
			throw invalid(
					"emnify.token-store.lease-time (" + store.getLeaseTime() + ") is shorter than three times "
							+ "emnify.token-store.timeout (" + store.getTimeout() + "): a lease could expire while the "
							+ "command that extends it is still under way.",
					"Raise emnify.token-store.lease-time or lower emnify.token-store.timeout.");
		}
		String action = "Set emnify.token-store.encryption-key to base64 of 32 random bytes, the same on every "
				+ "instance, for example the output of 'openssl rand -base64 32'.";
		String encoded = blankToNull(store.getEncryptionKey());
		if (encoded == null) {
			throw invalid("emnify.token-store.type is redis but emnify.token-store.encryption-key is not set: "
					+ "emnify tokens are bearer credentials and are stored in Redis only encrypted.", action);
		}
		byte[] key;
		try {
			key = Base64.getDecoder().decode(encoded.trim());
		}
		catch (IllegalArgumentException ex) {
			throw invalid("emnify.token-store.encryption-key is not base64 (its value is not shown).", action);
		}
		if (key.length != RedisEmnifyTokenStore.KEY_BYTES) {
			throw invalid("emnify.token-store.encryption-key must be a 256-bit AES key (32 bytes) but has " + key.length
					+ " bytes.", action);
		}
		return key;
	}

	private static void positive(String property, Duration value) {
		if (value.isNegative() || value.isZero()) {
			throw invalid(property + " must be positive but is " + value + ".",
					"Set " + property + " to a positive duration such as 10s.");
		}
		notTooLong(property, value);
	}

	private static void notNegative(String property, Duration value) {
		if (value.isNegative()) {
			throw invalid(property + " must not be negative but is " + value + ".",
					"Set " + property + " to zero or a positive duration.");
		}
		notTooLong(property, value);
	}

	// The bound keeps every sum and product of the durations, and the timers that wait
	// for them, far from overflowing; no emnify setting means anything near it.
	private static void notTooLong(String property, Duration value) {
		if (value.compareTo(LONGEST_DURATION) > 0) {
			throw invalid(
					property + " is " + value + ", longer than the " + LONGEST_DURATION.toDays()
							+ " days the emnify starter accepts for a duration.",
					"Set " + property + " to at most " + LONGEST_DURATION.toDays() + "d.");
		}
	}

	private static @Nullable String blankToNull(@Nullable String value) {
		return StringUtils.hasText(value) ? value : null;
	}

	private static InvalidEmnifyPropertiesException invalid(String description, String action) {
		return new InvalidEmnifyPropertiesException(description, action);
	}

}
