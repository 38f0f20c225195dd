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

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.context.properties.source.MutuallyExclusiveConfigurationPropertiesException;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.http.codec.autoconfigure.CodecsAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Properties that cannot work stop the start, each with the exception whose failure
 * report fits it: Boot's for a value that is not secret, which the report shows, and
 * {@link InvalidEmnifyPropertiesException} for a secret, a value that may hold one, and
 * what is missing. Every report names the property and shows no secret, also with the
 * condition evaluation report and the failure analysis logged at DEBUG.
 */
@ExtendWith(OutputCaptureExtension.class)
class InvalidEmnifyPropertiesFailureAnalyzerTests {

	private static final String SECRET_TOKEN = "app-token-secret-value";

	private static final String SECRET_PASSWORD = "secret-password-value";

	private static final String SECRET_SHA1 = "0123456789abcdef0123456789abcdef01234567";

	private static final String SECRET_TOTP = "JBSWY3DPEHPK3PXP";

	private static final String SECRET_FINGERPRINT = "fingerprint-secret";

	private static final String SECRET_MAILBOX_PASSWORD = "mailbox-secret-password";

	// Base64 of 28 bytes, one of the wrong lengths.
	private static final String SECRET_KEY = "c2VjcmV0LWtleS10aGF0LWlzLXRvby1zaG9ydA==";

	private static final String KEY = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";

	private static final String[] SECRETS = { SECRET_TOKEN, SECRET_PASSWORD, SECRET_SHA1, SECRET_TOTP,
			SECRET_FINGERPRINT, SECRET_MAILBOX_PASSWORD, SECRET_KEY, KEY };

	private static final String APP_TOKEN = "emnify.application-token=" + SECRET_TOKEN;

	private static final String USER = "emnify.username=user@service.org";

	private static final String PASSWORD = "emnify.password=" + SECRET_PASSWORD;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(CodecsAutoConfiguration.class, WebClientAutoConfiguration.class,
				EmnifyWorkspacesAutoConfiguration.class, EmnifyAuthAutoConfiguration.class));

	static Stream<Arguments> invalidProperties() {
		Class<?> boot = InvalidConfigurationPropertyValueException.class;
		Class<?> exclusive = MutuallyExclusiveConfigurationPropertiesException.class;
		Class<?> emnify = InvalidEmnifyPropertiesException.class;
		return Stream.of(
				// Credentials: what is missing is asked for only when the starter logs
				// in.
				refused(List.of(), emnify, "emnify.application-token", "No emnify credentials are configured.",
						"Set either emnify.application-token"),
				refused(List.of(USER), emnify, "emnify.username", "emnify.username is set without a password",
						"Set emnify.password, or its SHA-1 hash as emnify.password-sha1."),
				refused(List.of(PASSWORD), emnify, "emnify.username", "emnify.username is not set",
						"Set emnify.username"),
				refused(List.of("emnify.password-sha1=" + SECRET_SHA1), emnify, "emnify.username",
						"emnify.username is not set", "Set emnify.username"),
				refused(List.of(APP_TOKEN, USER, PASSWORD), exclusive, "emnify.application-token", "mutually exclusive",
						"emnify.username"),
				refused(List.of(APP_TOKEN, "emnify.password-sha1=" + SECRET_SHA1), exclusive, "emnify.password-sha1",
						"mutually exclusive", "emnify.application-token"),
				refused(List.of(USER, PASSWORD, "emnify.password-sha1=" + SECRET_SHA1), exclusive,
						"emnify.password-sha1", "mutually exclusive", "emnify.password"),
				refused(List.of(USER, "emnify.password-sha1=" + SECRET_PASSWORD), emnify, "emnify.password-sha1",
						"emnify.password-sha1 is not a SHA-1 hash", "exactly 40 hexadecimal digits"),
				// The base URL: shown unless it may hold a password or a key.
				refused(List.of(APP_TOKEN, "emnify.base-url=http://cdn.emnify.net"), emnify, "emnify.base-url",
						"emnify.base-url uses http for the remote host cdn.emnify.net", "Use https"),
				refused(List.of(APP_TOKEN, "emnify.base-url=http://10.0.0.1:8080"), emnify, "emnify.base-url",
						"emnify.base-url uses http for the remote host 10.0.0.1", "Use https"),
				refused(List.of(APP_TOKEN, "emnify.base-url=cdn.emnify.net"), emnify, "emnify.base-url",
						"emnify.base-url is not an absolute http(s) URL", "Set emnify.base-url"),
				refused(List.of(APP_TOKEN, "emnify.base-url=https://cdn emnify"), emnify, "emnify.base-url",
						"emnify.base-url is not a valid URL", "Set emnify.base-url"),
				refused(List.of(APP_TOKEN, "emnify.base-url=https://user:" + SECRET_PASSWORD + "@cdn.emnify.net"),
						emnify, "emnify.base-url", "emnify.base-url contains user information", "Set emnify.base-url"),
				refused(List.of(APP_TOKEN, "emnify.base-url=https://user:" + SECRET_PASSWORD + " @cdn.emnify.net"),
						emnify, "emnify.base-url", "emnify.base-url is not a valid URL", "The value is not shown"),
				refused(List.of(APP_TOKEN, "emnify.base-url=https:user:" + SECRET_PASSWORD + "@cdn.emnify.net"), emnify,
						"emnify.base-url", "emnify.base-url is not an absolute http(s) URL", "The value is not shown"),
				refused(List.of(APP_TOKEN, "emnify.base-url=https://cdn.emnify.net/?key=" + SECRET_PASSWORD), emnify,
						"emnify.base-url", "emnify.base-url must not have a query or fragment", "Set emnify.base-url"),
				refused(List.of(APP_TOKEN, "emnify.base-url=https://cdn.emnify.net/#" + SECRET_PASSWORD), emnify,
						"emnify.base-url", "emnify.base-url must not have a query or fragment", "Set emnify.base-url"),
				// Durations, numbers and sizes.
				refused(List.of(APP_TOKEN, "emnify.token.expiry-margin=10m"), boot, "emnify.token.expiry-margin",
						"emnify.token.expiry-margin (PT10M) is greater than emnify.token.refresh-margin (PT5M)",
						"Set emnify.token.refresh-margin"),
				refused(List.of(APP_TOKEN, "emnify.token.request-timeout=0s"), boot, "emnify.token.request-timeout",
						"emnify.token.request-timeout must be positive", "Set emnify.token.request-timeout"),
				refused(List.of(APP_TOKEN, "emnify.retry.max-retries=-1"), boot, "emnify.retry.max-retries",
						"emnify.retry.max-retries is negative", "Set emnify.retry.max-retries"),
				refused(List.of(APP_TOKEN, "emnify.retry.multiplier=0.5"), boot, "emnify.retry.multiplier",
						"emnify.retry.multiplier must be a finite number of at least 1 but is 0.5",
						"Set emnify.retry.multiplier"),
				refused(List.of(APP_TOKEN, "emnify.retry.multiplier=NaN"), boot, "emnify.retry.multiplier",
						"emnify.retry.multiplier must be a finite number of at least 1 but is NaN",
						"Set emnify.retry.multiplier"),
				refused(List.of(APP_TOKEN, "emnify.retry.multiplier=Infinity"), boot, "emnify.retry.multiplier",
						"emnify.retry.multiplier must be a finite number of at least 1 but is Infinity",
						"Set emnify.retry.multiplier"),
				refused(List.of(APP_TOKEN, "emnify.retry.multiplier=-Infinity"), boot, "emnify.retry.multiplier",
						"emnify.retry.multiplier must be a finite number of at least 1 but is -Infinity",
						"Set emnify.retry.multiplier"),
				refused(List.of(APP_TOKEN, "emnify.retry.jitter=-1s"), boot, "emnify.retry.jitter",
						"emnify.retry.jitter must not be negative", "Set emnify.retry.jitter"),
				refused(List.of(APP_TOKEN, "emnify.retry.max-pause=5s"), boot, "emnify.retry.max-pause",
						"emnify.retry.max-pause (PT5S) is less than emnify.retry.max-delay (PT10S)",
						"Set emnify.retry.max-pause"),
				refused(List.of(APP_TOKEN, "emnify.retry.max-pause=-5m"), boot, "emnify.retry.max-pause",
						"emnify.retry.max-pause (PT-5M) is less than emnify.retry.max-delay (PT10S)",
						"Set emnify.retry.max-pause"),
				refused(List.of(APP_TOKEN, "emnify.token.unauthorized-renewal-interval=-30s"), boot,
						"emnify.token.unauthorized-renewal-interval",
						"emnify.token.unauthorized-renewal-interval must not be negative",
						"Set emnify.token.unauthorized-renewal-interval"),
				refused(List.of(APP_TOKEN, "emnify.retry.max-delay=100ms"), boot, "emnify.retry.max-delay",
						"emnify.retry.max-delay (PT0.1S) is less than emnify.retry.delay (PT0.5S)",
						"Set emnify.retry.max-delay"),
				refused(List.of(APP_TOKEN, "emnify.mfa.code-timeout=0s"), boot, "emnify.mfa.code-timeout",
						"emnify.mfa.code-timeout must be positive", "Set emnify.mfa.code-timeout"),
				refused(List.of(APP_TOKEN, "emnify.token.refresh-margin=-1s"), boot, "emnify.token.refresh-margin",
						"emnify.token.refresh-margin must not be negative", "Set emnify.token.refresh-margin"),
				refused(List.of(APP_TOKEN, "emnify.token.expiry-margin=-1s"), boot, "emnify.token.expiry-margin",
						"emnify.token.expiry-margin must not be negative", "Set emnify.token.expiry-margin"),
				refused(List.of(APP_TOKEN, "emnify.token.default-auth-token-lifetime=0s"), boot,
						"emnify.token.default-auth-token-lifetime",
						"emnify.token.default-auth-token-lifetime must be positive",
						"Set emnify.token.default-auth-token-lifetime"),
				refused(List.of(APP_TOKEN, "emnify.token.default-refresh-token-lifetime=-1s"), boot,
						"emnify.token.default-refresh-token-lifetime",
						"emnify.token.default-refresh-token-lifetime must be positive",
						"Set emnify.token.default-refresh-token-lifetime"),
				refused(List.of(APP_TOKEN, "emnify.rejected-credentials-cooldown=-1s"), boot,
						"emnify.rejected-credentials-cooldown",
						"emnify.rejected-credentials-cooldown must not be negative",
						"Set emnify.rejected-credentials-cooldown"),
				refused(List.of(APP_TOKEN, "emnify.retry.delay=0s"), boot, "emnify.retry.delay",
						"emnify.retry.delay must be positive", "Set emnify.retry.delay"),
				// Durations that no timer can wait for, or that overflow once added up.
				refused(List.of(APP_TOKEN, "emnify.token.request-timeout=9999999999999d"), boot,
						"emnify.token.request-timeout",
						"emnify.token.request-timeout is PT239999999999976H, longer than the 365 days",
						"Set emnify.token.request-timeout to at most 365d"),
				refused(List.of(APP_TOKEN, "emnify.retry.delay=999999999d", "emnify.retry.max-delay=999999999d",
						"emnify.retry.max-pause=999999999d"), boot, "emnify.retry.delay",
						"emnify.retry.delay is PT23999999976H, longer than the 365 days",
						"Set emnify.retry.delay to at most 365d"),
				refused(List.of(APP_TOKEN, "emnify.retry.jitter=9999999999999d"), boot, "emnify.retry.jitter",
						"emnify.retry.jitter is PT239999999999976H, longer", "Set emnify.retry.jitter to at most 365d"),
				refused(List.of(APP_TOKEN, "emnify.retry.max-delay=366d", "emnify.retry.max-pause=366d"), boot,
						"emnify.retry.max-delay", "emnify.retry.max-delay is PT8784H, longer",
						"Set emnify.retry.max-delay to at most 365d"),
				refused(List.of(APP_TOKEN, "emnify.retry.max-pause=366d"), boot, "emnify.retry.max-pause",
						"emnify.retry.max-pause is PT8784H, longer", "Set emnify.retry.max-pause to at most 365d"),
				refused(List.of(APP_TOKEN, "emnify.token.unauthorized-renewal-interval=9999999999999d"), boot,
						"emnify.token.unauthorized-renewal-interval",
						"emnify.token.unauthorized-renewal-interval is PT239999999999976H, longer", "at most 365d"),
				refused(List.of(APP_TOKEN, "emnify.replay.max-body-size=-1B"), boot, "emnify.replay.max-body-size",
						"emnify.replay.max-body-size must not be negative but is -1B",
						"Set emnify.replay.max-body-size"),
				// What is for user logins only, next to an application token.
				refused(List.of(APP_TOKEN, "emnify.workspace-id=42"), emnify, "emnify.workspace-id",
						"emnify.workspace-id is set with an application token",
						"log in as a user (emnify.username and emnify.password) to switch workspaces"),
				refused(List.of(APP_TOKEN, "emnify.mfa.totp-secret=" + SECRET_TOTP), emnify, "emnify.mfa.totp-secret",
						"emnify.mfa.* is set with an application token", "Remove emnify.mfa.totp-secret"),
				refused(List.of(APP_TOKEN, "emnify.mfa.trusted-device.fingerprint=" + SECRET_FINGERPRINT), emnify,
						"emnify.mfa.trusted-device.fingerprint", "emnify.mfa.* is set with an application token",
						"log in as a user"),
				refused(List.of(APP_TOKEN, "emnify.mfa.email.host=imap.service.org"), emnify, "emnify.mfa.email.host",
						"emnify.mfa.* is set with an application token", "emnify.mfa.email.host"),
				// MFA.
				refused(List.of(USER, PASSWORD, "emnify.mfa.totp-secret=not-base32-" + SECRET_FINGERPRINT), emnify,
						"emnify.mfa.totp-secret", "emnify.mfa.totp-secret is not a base32 secret",
						"letters A-Z and digits 2-7"),
				refused(List.of(USER, PASSWORD, "emnify.mfa.totp-secret=JBSWY"), emnify, "emnify.mfa.totp-secret",
						"emnify.mfa.totp-secret is not a base32 secret", "emnify.mfa.totp-secret"),
				refused(List.of(USER, PASSWORD, "emnify.mfa.trusted-device.fingerprint=" + SECRET_FINGERPRINT,
						"emnify.mfa.trusted-device.name= "), boot, "emnify.mfa.trusted-device.name",
						"emnify.mfa.trusted-device.name is blank", "Set emnify.mfa.trusted-device.name"),
				refused(mailbox("emnify.mfa.totp-secret=" + SECRET_TOTP), exclusive, "emnify.mfa.totp-secret",
						"mutually exclusive", "emnify.mfa.email.host"),
				refused(mailbox("emnify.mfa.email.protocol=imap"), boot, "emnify.mfa.email.protocol",
						"emnify.mfa.email.protocol is imap for the remote host imap.service.org",
						"imap is allowed only for loopback hosts"),
				refused(mailbox("emnify.mfa.email.protocol=pop3"), boot, "emnify.mfa.email.protocol",
						"emnify.mfa.email.protocol must be imaps or imap", "Set emnify.mfa.email.protocol to imaps"),
				refused(mailbox("emnify.mfa.email.code-pattern=code: (\\d{6}"), boot, "emnify.mfa.email.code-pattern",
						"emnify.mfa.email.code-pattern is not a valid regular expression",
						"Set emnify.mfa.email.code-pattern"),
				refused(mailbox("emnify.mfa.email.code-pattern=\\d{6}"), boot, "emnify.mfa.email.code-pattern",
						"emnify.mfa.email.code-pattern \\d{6} has no group", "whose first group is the code"),
				// A group that matches the empty string finds an empty code in any mail.
				refused(mailbox("emnify.mfa.email.code-pattern=(\\d*)"), boot, "emnify.mfa.email.code-pattern",
						"emnify.mfa.email.code-pattern (\\d*) has a first group that matches the empty string",
						"Set emnify.mfa.email.code-pattern"),
				refused(mailbox("emnify.mfa.email.code-pattern=code: (\\d{0,6})"), boot,
						"emnify.mfa.email.code-pattern",
						"emnify.mfa.email.code-pattern code: (\\d{0,6}) has a first group that matches the empty string",
						"Set emnify.mfa.email.code-pattern"),
				refused(mailbox("emnify.mfa.email.code-pattern=(?<code>\\d{6}|)"), boot,
						"emnify.mfa.email.code-pattern", "has a first group that matches the empty string",
						"whose first group is the code"),
				// The sender is matched exactly, never as a part of the address.
				refused(mailbox("emnify.mfa.email.sender=emnify"), boot, "emnify.mfa.email.sender",
						"emnify.mfa.email.sender holds 'emnify', which is neither an address nor a domain",
						"Set emnify.mfa.email.sender to the addresses (no-reply@emnify.com) or domains"),
				refused(mailbox("emnify.mfa.email.sender=emnify.com, *.emnify.com"), boot, "emnify.mfa.email.sender",
						"emnify.mfa.email.sender holds '*.emnify.com'", "which matches its subdomains too"),
				refused(mailbox("emnify.mfa.email.sender=emnify <no-reply@emnify.com>"), boot,
						"emnify.mfa.email.sender", "emnify.mfa.email.sender holds 'emnify <no-reply@emnify.com>'",
						"comma-separated"),
				refused(mailbox("emnify.mfa.email.sender="), boot, "emnify.mfa.email.sender",
						"emnify.mfa.email.sender is empty",
						"or remove it to accept mails from emnify.com and its subdomains"),
				refused(mailbox("emnify.mfa.email.poll-interval=0s"), boot, "emnify.mfa.email.poll-interval",
						"emnify.mfa.email.poll-interval must be positive", "Set emnify.mfa.email.poll-interval"),
				refused(mailbox("emnify.mfa.email.port=0"), boot, "emnify.mfa.email.port",
						"emnify.mfa.email.port must be between 1 and 65535", "Set emnify.mfa.email.port"),
				refused(mailbox("emnify.mfa.email.folder= "), boot, "emnify.mfa.email.folder",
						"emnify.mfa.email.folder is blank", "Set emnify.mfa.email.folder"),
				refused(mailbox("emnify.mfa.email.password= "), emnify, "emnify.mfa.email.password",
						"emnify.mfa.email.host is set without emnify.mfa.email.username", "emnify.mfa.email.password"),
				// The Redis store.
				refused(redis(), emnify, "emnify.token-store.encryption-key",
						"emnify.token-store.encryption-key is not set", "openssl rand -base64 32"),
				refused(redis("emnify.token-store.encryption-key=not base64!"), emnify,
						"emnify.token-store.encryption-key", "emnify.token-store.encryption-key is not base64",
						"openssl rand -base64 32"),
				refused(redis("emnify.token-store.encryption-key=" + SECRET_KEY), emnify,
						"emnify.token-store.encryption-key", "must be a 256-bit AES key (32 bytes) but has 28 bytes",
						"openssl rand -base64 32"),
				refused(redis("emnify.token-store.encryption-key=" + KEY, "emnify.token-store.lease-time=0s"), boot,
						"emnify.token-store.lease-time", "emnify.token-store.lease-time must be positive",
						"Set emnify.token-store.lease-time"),
				refused(redis("emnify.token-store.encryption-key=" + KEY, "emnify.token-store.timeout=-1s"), boot,
						"emnify.token-store.timeout", "emnify.token-store.timeout must be positive",
						"Set emnify.token-store.timeout"),
				refused(redis("emnify.token-store.encryption-key=" + KEY, "emnify.token-store.retry-interval=0s"), boot,
						"emnify.token-store.retry-interval", "emnify.token-store.retry-interval must be positive",
						"Set emnify.token-store.retry-interval"),
				refused(redis("emnify.token-store.encryption-key=" + KEY, "emnify.token-store.lease-time=999999999d"),
						boot, "emnify.token-store.lease-time",
						"emnify.token-store.lease-time is PT23999999976H, longer than the 365 days",
						"Set emnify.token-store.lease-time to at most 365d"),
				refused(redis("emnify.token-store.encryption-key=" + KEY, "emnify.token-store.lease-time=2s"), boot,
						"emnify.token-store.lease-time",
						"emnify.token-store.lease-time (PT2S) is shorter than three times emnify.token-store.timeout",
						"Raise emnify.token-store.lease-time"));
	}

	static Stream<Arguments> unresolvedPlaceholders() {
		Class<?> emnify = InvalidEmnifyPropertiesException.class;
		return Stream.of(
				refused(List.of("emnify.application-token=${EMNIFY_TEST_UNSET_TOKEN}"), emnify,
						"emnify.application-token",
						"emnify.application-token holds ${EMNIFY_TEST_UNSET_TOKEN}, which was never resolved: "
								+ "EMNIFY_TEST_UNSET_TOKEN is not set.",
						"Set EMNIFY_TEST_UNSET_TOKEN in the environment or as a property, or write it with an empty "
								+ "default (${EMNIFY_TEST_UNSET_TOKEN:})"),
				refused(List.of(USER, "emnify.password=${EMNIFY_TEST_UNSET_PASSWORD}"), emnify, "emnify.password",
						"emnify.password holds ${EMNIFY_TEST_UNSET_PASSWORD}", "Nothing was sent to emnify."),
				refused(List.of("emnify.username=${EMNIFY_TEST_UNSET_USER}", PASSWORD), emnify, "emnify.username",
						"emnify.username holds ${EMNIFY_TEST_UNSET_USER}", "Set EMNIFY_TEST_UNSET_USER"),
				refused(List.of(USER, "emnify.password-sha1=${emnify.test.unset.sha1}"), emnify, "emnify.password-sha1",
						"emnify.password-sha1 holds ${emnify.test.unset.sha1}", "Set emnify.test.unset.sha1"),
				refused(List.of(USER, PASSWORD, "emnify.mfa.totp-secret=${EMNIFY_TEST_UNSET_TOTP}"), emnify,
						"emnify.mfa.totp-secret", "emnify.mfa.totp-secret holds ${EMNIFY_TEST_UNSET_TOTP}",
						"Set EMNIFY_TEST_UNSET_TOTP"),
				refused(List.of(USER, PASSWORD, "emnify.mfa.trusted-device.fingerprint=${EMNIFY_TEST_UNSET_FP}"),
						emnify, "emnify.mfa.trusted-device.fingerprint",
						"emnify.mfa.trusted-device.fingerprint holds ${EMNIFY_TEST_UNSET_FP}",
						"Set EMNIFY_TEST_UNSET_FP"),
				refused(mailbox("emnify.mfa.email.password=${EMNIFY_TEST_UNSET_MAILBOX}"), emnify,
						"emnify.mfa.email.password", "emnify.mfa.email.password holds ${EMNIFY_TEST_UNSET_MAILBOX}",
						"Set EMNIFY_TEST_UNSET_MAILBOX"),
				refused(mailbox("emnify.mfa.email.host=${EMNIFY_TEST_UNSET_HOST}"), emnify, "emnify.mfa.email.host",
						"emnify.mfa.email.host holds ${EMNIFY_TEST_UNSET_HOST}", "Set EMNIFY_TEST_UNSET_HOST"),
				refused(redis("emnify.token-store.encryption-key=${EMNIFY_TEST_UNSET_KEY}"), emnify,
						"emnify.token-store.encryption-key",
						"emnify.token-store.encryption-key holds ${EMNIFY_TEST_UNSET_KEY}",
						"Set EMNIFY_TEST_UNSET_KEY"),
				// Inside other text it may be part of a secret that a variable held: not
				// named.
				refused(List.of(USER, "emnify.password=before-${EMNIFY_TEST_UNSET_PART}-after"), emnify,
						"emnify.password", "emnify.password holds a placeholder (not shown), which was never resolved.",
						"Set what the placeholder names"),
				refused(List.of(USER, "emnify.password=${EMNIFY_TEST_SECRET_WITH_BRACES}",
						"EMNIFY_TEST_SECRET_WITH_BRACES=before-${fragment}-after"), emnify, "emnify.password",
						"emnify.password holds a placeholder (not shown), which was never resolved.",
						"Set what the placeholder names"),
				refused(List.of(USER, "emnify.password=before-${two words}-after"), emnify, "emnify.password",
						"emnify.password holds a placeholder (not shown), which was never resolved.",
						"Set what the placeholder names"),
				// An empty default makes an unset variable an unset credential, reported
				// as such.
				refused(List.of("emnify.application-token=${EMNIFY_TEST_UNSET_TOKEN:}"), emnify,
						"emnify.application-token", "No emnify credentials are configured.",
						"Set either emnify.application-token"));
	}

	private static Arguments refused(List<String> properties, Class<?> type, String property, String description,
			String action) {
		return arguments(properties, type, property, description, action);
	}

	private static List<String> mailbox(String property) {
		return List.of(USER, PASSWORD, "emnify.mfa.email.host=imap.service.org",
				"emnify.mfa.email.username=mfa@service.org", "emnify.mfa.email.password=" + SECRET_MAILBOX_PASSWORD,
				property);
	}

	private static List<String> redis(String... properties) {
		List<String> all = new ArrayList<>(List.of(APP_TOKEN, "emnify.token-store.type=redis"));
		all.addAll(List.of(properties));
		return all;
	}

	@ParameterizedTest(name = "[{index}] {3}")
	@MethodSource("invalidProperties")
	void invalidPropertiesStopTheStartWithAReportThatNamesThePropertyAndNoSecret(List<String> properties, Class<?> type,
			String property, String description, String action, CapturedOutput output) {
		Throwable failure = catchThrowable(() -> start(properties));
		assertThat(failure).isNotNull();
		Throwable cause = cause(failure, type);
		if (cause instanceof InvalidConfigurationPropertyValueException invalid) {
			assertThat(invalid.getName()).isEqualTo(property);
		}
		else if (cause instanceof MutuallyExclusiveConfigurationPropertiesException exclusive) {
			assertThat(exclusive.getConfiguredNames()).contains(property);
		}
		else {
			assertThat(cause.getMessage() + " " + ((InvalidEmnifyPropertiesException) cause).getAction())
				.contains(property);
		}
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains(property)
			.contains(description)
			.contains(action)
			.doesNotContain(SECRETS);
	}

	@ParameterizedTest(name = "[{index}] {3}")
	@MethodSource("unresolvedPlaceholders")
	void aPlaceholderThatWasNeverResolvedIsNoCredentialAndStopsTheStart(List<String> properties, Class<?> type,
			String property, String description, String action, CapturedOutput output) {
		invalidPropertiesStopTheStartWithAReportThatNamesThePropertyAndNoSecret(properties, type, property, description,
				action, output);
		assertThat(output).doesNotContain("before-", "-after", "fragment", "user@service.org");
	}

	// As an application starts, with the condition evaluation report and the failure
	// analysis, whose exception it logs at DEBUG; nothing else is logged at DEBUG, so
	// that the output is read quickly.
	private static void start(List<String> properties) {
		List<String> all = new ArrayList<>(properties);
		all.add("debug=true");
		all.add("logging.level.org.springframework.boot.diagnostics=debug");
		new SpringApplicationBuilder(InvalidPropertiesApplication.class).web(WebApplicationType.NONE)
			.bannerMode(Banner.Mode.OFF)
			.properties(all.toArray(String[]::new))
			.run()
			.close();
	}

	private static Throwable cause(Throwable failure, Class<?> type) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (type.isInstance(cause)) {
				return cause;
			}
		}
		throw new AssertionError("No " + type.getSimpleName() + " caused " + failure, failure);
	}

	@ParameterizedTest
	@ValueSource(strings = { "emnify.password=$EMNIFY_PASSWORD", "emnify.password={EMNIFY_PASSWORD}",
			"emnify.password=$ {EMNIFY_PASSWORD}", "emnify.password=pa$$word{1}" })
	void aDollarOrABraceAloneIsNoPlaceholder(String property) {
		this.contextRunner.withPropertyValues("emnify.username=user@service.org", property)
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void theSameDetectionJudgesEveryValue() {
		assertThat(EmnifyPropertyChecks.placeholder("${A}")).isEqualTo("${A}");
		assertThat(EmnifyPropertyChecks.placeholder("x${A}y${B}")).isEqualTo("${A}");
		assertThat(EmnifyPropertyChecks.placeholder("${}")).isEqualTo("${}");
		assertThat(EmnifyPropertyChecks.placeholder("$A")).isNull();
		assertThat(EmnifyPropertyChecks.placeholder("${A")).isNull();
		assertThat(EmnifyPropertyChecks.placeholder(null)).isNull();
	}

	@ParameterizedTest
	@ValueSource(
			strings = { "emnify.mfa.email.code-pattern=(\\d{6})", "emnify.mfa.email.code-pattern=code: ([A-Z0-9]{6})",
					"emnify.mfa.email.code-pattern=(?<!\\d)(\\d{6})(?!\\d)", "emnify.mfa.email.code-pattern=(\\d{6})?",
					"emnify.mfa.email.sender=no-reply@emnify.com", "emnify.mfa.email.sender=emnify.com, emnify.io",
					"emnify.mfa.email.sender= EMNIFY.COM " })
	void mailboxPropertiesThatCanWorkStartTheApplication(String property) {
		this.contextRunner.withPropertyValues(mailbox(property).toArray(String[]::new))
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@ParameterizedTest
	@MethodSource("loopbackUrls")
	void plainHttpIsAllowedForLoopbackHosts(String baseUrl) {
		this.contextRunner.withPropertyValues("emnify.application-token=t", "emnify.base-url=" + baseUrl)
			.run((context) -> assertThat(context).hasNotFailed());
	}

	static Stream<String> loopbackUrls() {
		return Stream.of("http://localhost:8089", "http://LOCALHOST", "http://127.0.0.1:1234", "http://127.1.2.3",
				"http://[::1]:8089", "http://[0:0:0:0:0:0:0:1]/emnify", "https://cdn.emnify.net");
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ CodecsAutoConfiguration.class, WebClientAutoConfiguration.class,
			DataRedisAutoConfiguration.class, EmnifyRedisTokenStoreAutoConfiguration.class,
			EmnifyWorkspacesAutoConfiguration.class, EmnifyAuthAutoConfiguration.class })
	static class InvalidPropertiesApplication {

	}

}
