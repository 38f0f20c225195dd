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

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.http.codec.autoconfigure.CodecsAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.junit.jupiter.params.provider.Arguments.arguments;

@ExtendWith(OutputCaptureExtension.class)
class InvalidEmnifyPropertiesFailureAnalyzerTests {

	private static final String SECRET_TOKEN = "app-token-secret-value";

	private static final String SECRET_PASSWORD = "secret-password-value";

	private static final String SECRET_SHA1 = "0123456789abcdef0123456789abcdef01234567";

	private static final String SECRET_TOTP = "JBSWY3DPEHPK3PXP";

	private static final String SECRET_FINGERPRINT = "fingerprint-secret";

	private static final String SECRET_MAILBOX_PASSWORD = "mailbox-secret-password";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(CodecsAutoConfiguration.class, WebClientAutoConfiguration.class,
				EmnifyWorkspacesAutoConfiguration.class, EmnifyAuthAutoConfiguration.class));

	static Stream<Arguments> invalidProperties() {
		return Stream.of(
				arguments(List.of(), "No emnify credentials are configured.", "Set either emnify.application-token"),
				arguments(List.of("emnify.application-token=" + SECRET_TOKEN, "emnify.username=user@service.org",
						"emnify.password=" + SECRET_PASSWORD), "emnify.application-token and user credentials",
						"Set either emnify.application-token"),
				arguments(List.of("emnify.username=user@service.org"), "emnify.username is set without a password",
						"Set emnify.password, or its SHA-1 hash as emnify.password-sha1."),
				arguments(List.of("emnify.password=" + SECRET_PASSWORD), "emnify.username is not set",
						"Set emnify.username"),
				arguments(List.of("emnify.password-sha1=" + SECRET_SHA1), "emnify.username is not set",
						"Set emnify.username"),
				arguments(
						List.of("emnify.username=user@service.org", "emnify.password=" + SECRET_PASSWORD,
								"emnify.password-sha1=" + SECRET_SHA1),
						"emnify.password and emnify.password-sha1 are both set", "Set only one of them"),
				arguments(List.of("emnify.username=user@service.org", "emnify.password-sha1=" + SECRET_PASSWORD),
						"emnify.password-sha1 is not a SHA-1 hash", "exactly 40 hexadecimal digits"),
				arguments(List.of("emnify.application-token=" + SECRET_TOKEN, "emnify.base-url=http://cdn.emnify.net"),
						"emnify.base-url uses http for the remote host cdn.emnify.net", "Use https"),
				arguments(List.of("emnify.application-token=" + SECRET_TOKEN, "emnify.base-url=http://10.0.0.1:8080"),
						"emnify.base-url uses http for the remote host 10.0.0.1", "Use https"),
				arguments(List.of("emnify.application-token=" + SECRET_TOKEN, "emnify.base-url=cdn.emnify.net"),
						"emnify.base-url is not an absolute http(s) URL", "Set emnify.base-url"),
				arguments(
						List.of("emnify.application-token=" + SECRET_TOKEN,
								"emnify.base-url=https://user:" + SECRET_PASSWORD + "@cdn.emnify.net"),
						"emnify.base-url contains user information", "Set emnify.base-url"),
				arguments(List.of("emnify.application-token=" + SECRET_TOKEN, "emnify.base-url=https://cdn emnify"),
						"emnify.base-url is not a valid URL", "Set emnify.base-url"),
				arguments(List.of("emnify.application-token=" + SECRET_TOKEN, "emnify.token.expiry-margin=10m"),
						"emnify.token.expiry-margin (PT10M) is greater than emnify.token.refresh-margin (PT5M)",
						"Set emnify.token.refresh-margin"),
				arguments(List.of("emnify.application-token=" + SECRET_TOKEN, "emnify.token.request-timeout=0s"),
						"emnify.token.request-timeout must be positive", "Set emnify.token.request-timeout"),
				arguments(List.of("emnify.application-token=" + SECRET_TOKEN, "emnify.retry.max-retries=-1"),
						"emnify.retry.max-retries is negative", "Set emnify.retry.max-retries"),
				arguments(List.of("emnify.application-token=" + SECRET_TOKEN, "emnify.retry.multiplier=0.5"),
						"emnify.retry.multiplier must be a finite number of at least 1 but is 0.5",
						"Set emnify.retry.multiplier"),
				arguments(List.of("emnify.application-token=" + SECRET_TOKEN, "emnify.retry.multiplier=NaN"),
						"emnify.retry.multiplier must be a finite number of at least 1 but is NaN",
						"Set emnify.retry.multiplier"),
				arguments(List.of("emnify.application-token=" + SECRET_TOKEN, "emnify.retry.multiplier=Infinity"),
						"emnify.retry.multiplier must be a finite number of at least 1 but is Infinity",
						"Set emnify.retry.multiplier"),
				arguments(List.of("emnify.application-token=" + SECRET_TOKEN, "emnify.retry.multiplier=-Infinity"),
						"emnify.retry.multiplier must be a finite number of at least 1 but is -Infinity",
						"Set emnify.retry.multiplier"),
				arguments(List.of("emnify.application-token=" + SECRET_TOKEN, "emnify.retry.jitter=-1s"),
						"emnify.retry.jitter must not be negative", "Set emnify.retry.jitter"),
				arguments(List.of("emnify.application-token=" + SECRET_TOKEN, "emnify.retry.max-pause=5s"),
						"emnify.retry.max-pause (PT5S) is less than emnify.retry.max-delay (PT10S)",
						"Set emnify.retry.max-pause"),
				arguments(List.of("emnify.application-token=" + SECRET_TOKEN, "emnify.retry.max-pause=-5m"),
						"emnify.retry.max-pause (PT-5M) is less than emnify.retry.max-delay (PT10S)",
						"Set emnify.retry.max-pause"),
				arguments(
						List.of("emnify.application-token=" + SECRET_TOKEN,
								"emnify.token.unauthorized-renewal-interval=-30s"),
						"emnify.token.unauthorized-renewal-interval must not be negative",
						"Set emnify.token.unauthorized-renewal-interval"),
				arguments(List.of("emnify.application-token=" + SECRET_TOKEN, "emnify.retry.max-delay=100ms"),
						"emnify.retry.max-delay (PT0.1S) is less than emnify.retry.delay (PT0.5S)",
						"Set emnify.retry.max-delay"),
				arguments(List.of("emnify.application-token=" + SECRET_TOKEN, "emnify.mfa.code-timeout=0s"),
						"emnify.mfa.code-timeout must be positive", "Set emnify.mfa.code-timeout"),
				arguments(List.of("emnify.application-token=" + SECRET_TOKEN, "emnify.token.refresh-margin=-1s"),
						"emnify.token.refresh-margin must not be negative", "Set emnify.token.refresh-margin"),
				arguments(List.of("emnify.application-token=" + SECRET_TOKEN, "emnify.token.expiry-margin=-1s"),
						"emnify.token.expiry-margin must not be negative", "Set emnify.token.expiry-margin"),
				arguments(
						List.of("emnify.application-token=" + SECRET_TOKEN,
								"emnify.token.default-auth-token-lifetime=0s"),
						"emnify.token.default-auth-token-lifetime must be positive",
						"Set emnify.token.default-auth-token-lifetime"),
				arguments(
						List.of("emnify.application-token=" + SECRET_TOKEN,
								"emnify.token.default-refresh-token-lifetime=-1s"),
						"emnify.token.default-refresh-token-lifetime must be positive",
						"Set emnify.token.default-refresh-token-lifetime"),
				arguments(
						List.of("emnify.application-token=" + SECRET_TOKEN, "emnify.rejected-credentials-cooldown=-1s"),
						"emnify.rejected-credentials-cooldown must not be negative",
						"Set emnify.rejected-credentials-cooldown"),
				arguments(List.of("emnify.application-token=" + SECRET_TOKEN, "emnify.retry.delay=0s"),
						"emnify.retry.delay must be positive", "Set emnify.retry.delay"),
				// Durations that no timer can wait for, or that overflow once added up.
				arguments(
						List.of("emnify.application-token=" + SECRET_TOKEN,
								"emnify.token.request-timeout=9999999999999d"),
						"emnify.token.request-timeout is PT239999999999976H, longer than the 365 days",
						"Set emnify.token.request-timeout to at most 365d"),
				arguments(
						List.of("emnify.application-token=" + SECRET_TOKEN, "emnify.retry.delay=999999999d",
								"emnify.retry.max-delay=999999999d", "emnify.retry.max-pause=999999999d"),
						"emnify.retry.delay is PT23999999976H, longer than the 365 days",
						"Set emnify.retry.delay to at most 365d"),
				arguments(List.of("emnify.application-token=" + SECRET_TOKEN, "emnify.retry.jitter=9999999999999d"),
						"emnify.retry.jitter is PT239999999999976H, longer", "Set emnify.retry.jitter to at most 365d"),
				arguments(
						List.of("emnify.application-token=" + SECRET_TOKEN, "emnify.retry.max-delay=366d",
								"emnify.retry.max-pause=366d"),
						"emnify.retry.max-delay is PT8784H, longer", "Set emnify.retry.max-delay to at most 365d"),
				arguments(List.of("emnify.application-token=" + SECRET_TOKEN, "emnify.retry.max-pause=366d"),
						"emnify.retry.max-pause is PT8784H, longer", "Set emnify.retry.max-pause to at most 365d"),
				arguments(
						List.of("emnify.application-token=" + SECRET_TOKEN,
								"emnify.token.unauthorized-renewal-interval=9999999999999d"),
						"emnify.token.unauthorized-renewal-interval is PT239999999999976H, longer", "at most 365d"),
				arguments(List.of("emnify.application-token=" + SECRET_TOKEN, "emnify.replay.max-body-size=-1B"),
						"emnify.replay.max-body-size must not be negative but is -1B",
						"Set emnify.replay.max-body-size"),
				arguments(List.of("emnify.application-token=" + SECRET_TOKEN, "emnify.workspace-id=42"),
						"emnify.workspace-id is set with an application token",
						"log in as a user (emnify.username and emnify.password) to switch workspaces"),
				arguments(List.of("emnify.application-token=" + SECRET_TOKEN, "emnify.mfa.totp-secret=" + SECRET_TOTP),
						"emnify.mfa.* is set with an application token", "Remove emnify.mfa.totp-secret"),
				arguments(
						List.of("emnify.application-token=" + SECRET_TOKEN,
								"emnify.mfa.trusted-device.fingerprint=" + SECRET_FINGERPRINT),
						"emnify.mfa.* is set with an application token", "log in as a user"),
				arguments(
						List.of("emnify.username=user@service.org", "emnify.password=" + SECRET_PASSWORD,
								"emnify.mfa.totp-secret=not-base32-" + SECRET_FINGERPRINT),
						"emnify.mfa.totp-secret is not a base32 secret", "letters A-Z and digits 2-7"),
				arguments(
						List.of("emnify.username=user@service.org", "emnify.password=" + SECRET_PASSWORD,
								"emnify.mfa.totp-secret=JBSWY"),
						"emnify.mfa.totp-secret is not a base32 secret", "emnify.mfa.totp-secret"),
				arguments(
						List.of("emnify.username=user@service.org", "emnify.password=" + SECRET_PASSWORD,
								"emnify.mfa.trusted-device.fingerprint=" + SECRET_FINGERPRINT,
								"emnify.mfa.trusted-device.name= "),
						"emnify.mfa.trusted-device.name is blank", "Set emnify.mfa.trusted-device.name"),
				arguments(List.of("emnify.application-token=" + SECRET_TOKEN, "emnify.mfa.email.host=imap.service.org"),
						"emnify.mfa.* is set with an application token", "emnify.mfa.email.host"),
				arguments(mailbox("emnify.mfa.totp-secret=" + SECRET_TOTP),
						"emnify.mfa.totp-secret and emnify.mfa.email.host are both set", "remove the other"),
				arguments(mailbox("emnify.mfa.email.protocol=imap"),
						"emnify.mfa.email.protocol is imap for the remote host imap.service.org",
						"imap is allowed only for loopback hosts"),
				arguments(mailbox("emnify.mfa.email.protocol=pop3"), "emnify.mfa.email.protocol must be imaps or imap",
						"Set emnify.mfa.email.protocol to imaps"),
				arguments(mailbox("emnify.mfa.email.code-pattern=code: (\\d{6}"),
						"emnify.mfa.email.code-pattern is not a valid regular expression",
						"Set emnify.mfa.email.code-pattern"),
				arguments(mailbox("emnify.mfa.email.code-pattern=\\d{6}"),
						"emnify.mfa.email.code-pattern \\d{6} has no group", "whose first group is the code"),
				// A group that matches the empty string finds an empty code in any mail.
				arguments(mailbox("emnify.mfa.email.code-pattern=(\\d*)"),
						"emnify.mfa.email.code-pattern (\\d*) has a first group that matches the empty string",
						"Set emnify.mfa.email.code-pattern"),
				arguments(mailbox("emnify.mfa.email.code-pattern=code: (\\d{0,6})"),
						"emnify.mfa.email.code-pattern code: (\\d{0,6}) has a first group that matches the empty string",
						"Set emnify.mfa.email.code-pattern"),
				arguments(mailbox("emnify.mfa.email.code-pattern=(?<code>\\d{6}|)"),
						"has a first group that matches the empty string", "whose first group is the code"),
				// The sender is matched exactly, never as a part of the address.
				arguments(mailbox("emnify.mfa.email.sender=emnify"),
						"emnify.mfa.email.sender holds 'emnify', which is neither an address nor a domain",
						"Set emnify.mfa.email.sender to the addresses (no-reply@emnify.com) or domains"),
				arguments(mailbox("emnify.mfa.email.sender=emnify.com, *.emnify.com"),
						"emnify.mfa.email.sender holds '*.emnify.com'", "which matches its subdomains too"),
				arguments(mailbox("emnify.mfa.email.sender=emnify <no-reply@emnify.com>"),
						"emnify.mfa.email.sender holds 'emnify <no-reply@emnify.com>'", "comma-separated"),
				arguments(mailbox("emnify.mfa.email.sender= "), "emnify.mfa.email.sender is empty",
						"or remove it to accept mails from emnify.com and its subdomains"),
				arguments(mailbox("emnify.mfa.email.poll-interval=0s"),
						"emnify.mfa.email.poll-interval must be positive", "Set emnify.mfa.email.poll-interval"),
				arguments(mailbox("emnify.mfa.email.port=0"), "emnify.mfa.email.port must be between 1 and 65535",
						"Set emnify.mfa.email.port"),
				arguments(mailbox("emnify.mfa.email.password= "),
						"emnify.mfa.email.host is set without emnify.mfa.email.username", "emnify.mfa.email.password"));
	}

	private static List<String> mailbox(String property) {
		return List.of("emnify.username=user@service.org", "emnify.password=" + SECRET_PASSWORD,
				"emnify.mfa.email.host=imap.service.org", "emnify.mfa.email.username=mfa@service.org",
				"emnify.mfa.email.password=" + SECRET_MAILBOX_PASSWORD, property);
	}

	@ParameterizedTest
	@MethodSource("invalidProperties")
	void invalidPropertiesFailTheStartWithAReportThatNamesThePropertiesAndNoSecret(List<String> properties,
			String description, String action) {
		this.contextRunner.withPropertyValues(properties.toArray(String[]::new)).run((context) -> {
			assertThat(context).hasFailed();
			FailureAnalysis analysis = new InvalidEmnifyPropertiesFailureAnalyzer()
				.analyze(context.getStartupFailure());
			assertThat(analysis).isNotNull();
			assertThat(analysis.getDescription()).contains(description);
			assertThat(analysis.getAction()).contains(action);
			assertThat(analysis.getDescription() + analysis.getAction()).doesNotContain(SECRET_TOKEN, SECRET_PASSWORD,
					SECRET_SHA1, SECRET_TOTP, SECRET_FINGERPRINT, SECRET_MAILBOX_PASSWORD);
		});
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("unresolvedPlaceholders")
	void aPlaceholderThatWasNeverResolvedIsNoCredentialAndStopsTheStart(List<String> properties, String description,
			String action) {
		invalidPropertiesFailTheStartWithAReportThatNamesThePropertiesAndNoSecret(properties, description, action);
		this.contextRunner.withPropertyValues(properties.toArray(String[]::new)).run((context) -> {
			Throwable failure = context.getStartupFailure();
			FailureAnalysis analysis = new InvalidEmnifyPropertiesFailureAnalyzer().analyze(failure);
			assertThat(analysis).isNotNull();
			assertThat(analysis.getDescription() + analysis.getAction()).doesNotContain("before-", "-after", "fragment",
					"user@service.org");
		});
	}

	static Stream<Arguments> unresolvedPlaceholders() {
		String user = "emnify.username=user@service.org";
		String password = "emnify.password=" + SECRET_PASSWORD;
		return Stream.of(
				arguments(List.of("emnify.application-token=${EMNIFY_TEST_UNSET_TOKEN}"),
						"emnify.application-token holds ${EMNIFY_TEST_UNSET_TOKEN}, which was never resolved: "
								+ "EMNIFY_TEST_UNSET_TOKEN is not set.",
						"Set EMNIFY_TEST_UNSET_TOKEN in the environment or as a property, or write it with an empty "
								+ "default (${EMNIFY_TEST_UNSET_TOKEN:})"),
				arguments(List.of(user, "emnify.password=${EMNIFY_TEST_UNSET_PASSWORD}"),
						"emnify.password holds ${EMNIFY_TEST_UNSET_PASSWORD}", "Nothing was sent to emnify."),
				arguments(List.of("emnify.username=${EMNIFY_TEST_UNSET_USER}", password),
						"emnify.username holds ${EMNIFY_TEST_UNSET_USER}", "Set EMNIFY_TEST_UNSET_USER"),
				arguments(List.of(user, "emnify.password-sha1=${emnify.test.unset.sha1}"),
						"emnify.password-sha1 holds ${emnify.test.unset.sha1}", "Set emnify.test.unset.sha1"),
				arguments(List.of(user, password, "emnify.mfa.totp-secret=${EMNIFY_TEST_UNSET_TOTP}"),
						"emnify.mfa.totp-secret holds ${EMNIFY_TEST_UNSET_TOTP}", "Set EMNIFY_TEST_UNSET_TOTP"),
				arguments(List.of(user, password, "emnify.mfa.trusted-device.fingerprint=${EMNIFY_TEST_UNSET_FP}"),
						"emnify.mfa.trusted-device.fingerprint holds ${EMNIFY_TEST_UNSET_FP}",
						"Set EMNIFY_TEST_UNSET_FP"),
				arguments(mailbox("emnify.mfa.email.password=${EMNIFY_TEST_UNSET_MAILBOX}"),
						"emnify.mfa.email.password holds ${EMNIFY_TEST_UNSET_MAILBOX}",
						"Set EMNIFY_TEST_UNSET_MAILBOX"),
				arguments(mailbox("emnify.mfa.email.host=${EMNIFY_TEST_UNSET_HOST}"),
						"emnify.mfa.email.host holds ${EMNIFY_TEST_UNSET_HOST}", "Set EMNIFY_TEST_UNSET_HOST"),
				arguments(
						List.of("emnify.application-token=" + SECRET_TOKEN, "emnify.token-store.type=redis",
								"emnify.token-store.encryption-key=${EMNIFY_TEST_UNSET_KEY}"),
						"emnify.token-store.encryption-key holds ${EMNIFY_TEST_UNSET_KEY}",
						"Set EMNIFY_TEST_UNSET_KEY"),
				// Inside other text it may be part of a secret that a variable held: not
				// named.
				arguments(List.of(user, "emnify.password=before-${EMNIFY_TEST_UNSET_PART}-after"),
						"emnify.password holds a placeholder (not shown), which was never resolved.",
						"Set what the placeholder names"),
				arguments(
						List.of(user, "emnify.password=${EMNIFY_TEST_SECRET_WITH_BRACES}",
								"EMNIFY_TEST_SECRET_WITH_BRACES=before-${fragment}-after"),
						"emnify.password holds a placeholder (not shown), which was never resolved.",
						"Set what the placeholder names"),
				arguments(List.of(user, "emnify.password=before-${two words}-after"),
						"emnify.password holds a placeholder (not shown), which was never resolved.",
						"Set what the placeholder names"),
				// An empty default makes an unset variable an unset credential, reported
				// as such.
				arguments(List.of("emnify.application-token=${EMNIFY_TEST_UNSET_TOKEN:}"),
						"No emnify credentials are configured.", "Set either emnify.application-token"));
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
		assertThat(EmnifyPropertiesValidator.placeholder("${A}")).isEqualTo("${A}");
		assertThat(EmnifyPropertiesValidator.placeholder("x${A}y${B}")).isEqualTo("${A}");
		assertThat(EmnifyPropertiesValidator.placeholder("${}")).isEqualTo("${}");
		assertThat(EmnifyPropertiesValidator.placeholder("$A")).isNull();
		assertThat(EmnifyPropertiesValidator.placeholder("${A")).isNull();
		assertThat(EmnifyPropertiesValidator.placeholder(null)).isNull();
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

	@Test
	void applicationReportsTheFailureAtStartUpThroughTheRegisteredAnalyzerWithoutSecrets(CapturedOutput output) {
		assertThatException()
			.isThrownBy(() -> new SpringApplicationBuilder(EmptyApplication.class).web(WebApplicationType.NONE)
				.properties("emnify.username=user@service.org", "emnify.password-sha1=" + SECRET_PASSWORD)
				.run());
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("emnify.password-sha1 is not a SHA-1 hash")
			.contains("Set emnify.password-sha1 to exactly 40 hexadecimal digits")
			.doesNotContain(SECRET_PASSWORD);
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class EmptyApplication {

	}

}
