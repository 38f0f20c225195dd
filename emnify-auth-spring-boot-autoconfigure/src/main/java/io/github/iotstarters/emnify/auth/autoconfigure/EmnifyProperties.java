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

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.util.StringUtils;
import org.springframework.util.unit.DataSize;

import io.github.iotstarters.emnify.auth.EmnifyCredentials;
import io.github.iotstarters.emnify.auth.EmnifyFailureAdvice;
import io.github.iotstarters.emnify.auth.mfa.EmnifyMfaCodeSource;
import io.github.iotstarters.emnify.auth.mfa.EmnifyMfaEmailSettings;

/**
 * Configuration properties for the emnify REST API client, whose values are checked as
 * soon as they are bound. {@link #toString()} never shows a secret.
 */
@ConfigurationProperties("emnify")
public class EmnifyProperties implements InitializingBean {

	/**
	 * Whether to auto-configure the emnify client.
	 */
	private boolean enabled = true;

	/**
	 * Whether an emnify property that is not known, such as a misspelt name, stops the
	 * start instead of being logged as a warning.
	 */
	private boolean strictProperties;

	/**
	 * Base URL of the emnify API. Must use https, except for loopback hosts (localhost,
	 * 127.0.0.0/8, ::1) such as a simulator.
	 */
	private String baseUrl = "https://cdn.emnify.net";

	/**
	 * Application token to log in with, as created in the emnify portal. Set either this
	 * or username with password.
	 */
	private @Nullable String applicationToken;

	/**
	 * Name of the emnify user to log in as, usually an email address.
	 */
	private @Nullable String username;

	/**
	 * Password of the emnify user. Sent only as its SHA-1 hash, as emnify expects.
	 */
	private @Nullable String password;

	/**
	 * SHA-1 hash of the emnify user's password as 40 hexadecimal digits, instead of
	 * password.
	 */
	private @Nullable String passwordSha1;

	/**
	 * How long after emnify rejected the credentials no new login is sent. emnify locks a
	 * user out for 5 minutes after three failed logins.
	 */
	private Duration rejectedCredentialsCooldown = Duration.ofMinutes(5);

	/**
	 * Workspace (organisation) id to switch to after a user login; emnifyWebClient then
	 * works in that workspace. Needs user credentials.
	 */
	private @Nullable Long workspaceId;

	private final Mfa mfa = new Mfa();

	private final Token token = new Token();

	private final Retry retry = new Retry();

	private final TokenStore tokenStore = new TokenStore();

	private final Replay replay = new Replay();

	@NestedConfigurationProperty
	private final EmnifyRateLimitProperties rateLimit = new EmnifyRateLimitProperties();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public boolean isStrictProperties() {
		return this.strictProperties;
	}

	public void setStrictProperties(boolean strictProperties) {
		this.strictProperties = strictProperties;
	}

	public String getBaseUrl() {
		return this.baseUrl;
	}

	public void setBaseUrl(String baseUrl) {
		this.baseUrl = baseUrl;
	}

	public @Nullable String getApplicationToken() {
		return this.applicationToken;
	}

	public void setApplicationToken(@Nullable String applicationToken) {
		this.applicationToken = applicationToken;
	}

	public @Nullable String getUsername() {
		return this.username;
	}

	public void setUsername(@Nullable String username) {
		this.username = username;
	}

	public @Nullable String getPassword() {
		return this.password;
	}

	public void setPassword(@Nullable String password) {
		this.password = password;
	}

	public @Nullable String getPasswordSha1() {
		return this.passwordSha1;
	}

	public void setPasswordSha1(@Nullable String passwordSha1) {
		this.passwordSha1 = passwordSha1;
	}

	public Duration getRejectedCredentialsCooldown() {
		return this.rejectedCredentialsCooldown;
	}

	public void setRejectedCredentialsCooldown(Duration rejectedCredentialsCooldown) {
		this.rejectedCredentialsCooldown = rejectedCredentialsCooldown;
	}

	public @Nullable Long getWorkspaceId() {
		return this.workspaceId;
	}

	public void setWorkspaceId(@Nullable Long workspaceId) {
		this.workspaceId = workspaceId;
	}

	public Mfa getMfa() {
		return this.mfa;
	}

	public Token getToken() {
		return this.token;
	}

	public Retry getRetry() {
		return this.retry;
	}

	public TokenStore getTokenStore() {
		return this.tokenStore;
	}

	public Replay getReplay() {
		return this.replay;
	}

	public EmnifyRateLimitProperties getRateLimit() {
		return this.rateLimit;
	}

	/**
	 * Check the values that are set as soon as the properties are bound, so that one that
	 * cannot work stops the start with a report that names the property. Whether what a
	 * login needs is set at all is checked only where the starter logs in, so that an
	 * application with a token provider of its own needs none of it.
	 */
	@Override
	public void afterPropertiesSet() {
		noPlaceholders();
		validate();
		this.token.validate();
		this.retry.validate();
		this.replay.validate();
		this.rateLimit.toRateLimits(EmnifyFailureAdvice.DEFAULT);
		this.mfa.validate();
		if (this.tokenStore.getType() == TokenStore.Type.REDIS) {
			this.tokenStore.validate();
		}
	}

	// Spring leaves a placeholder whose variable is not set as it is: ${EMNIFY_PASSWORD}
	// would be sent as the credential (its SHA-1 for a password), a failed login that
	// counts towards emnify's lock. No setting that a login, a mailbox or the token store
	// reads as it is may hold one.
	private void noPlaceholders() {
		EmnifyPropertyChecks.noPlaceholder("emnify.application-token", this.applicationToken);
		EmnifyPropertyChecks.noPlaceholder("emnify.username", this.username);
		EmnifyPropertyChecks.noPlaceholder("emnify.password", this.password);
		EmnifyPropertyChecks.noPlaceholder("emnify.password-sha1", this.passwordSha1);
		EmnifyPropertyChecks.noPlaceholder("emnify.mfa.totp-secret", this.mfa.getTotpSecret());
		EmnifyPropertyChecks.noPlaceholder("emnify.mfa.trusted-device.fingerprint",
				this.mfa.getTrustedDevice().getFingerprint());
		EmnifyPropertyChecks.noPlaceholder("emnify.mfa.email.host", this.mfa.getEmail().getHost());
		EmnifyPropertyChecks.noPlaceholder("emnify.mfa.email.username", this.mfa.getEmail().getUsername());
		EmnifyPropertyChecks.noPlaceholder("emnify.mfa.email.password", this.mfa.getEmail().getPassword());
		EmnifyPropertyChecks.noPlaceholder("emnify.token-store.encryption-key", this.tokenStore.getEncryptionKey());
	}

	private void validate() {
		EmnifyPropertyChecks.baseUrl(this.baseUrl);
		if (StringUtils.hasText(this.applicationToken)) {
			EmnifyPropertyChecks.exclusive("emnify.application-token", this.applicationToken, "emnify.username",
					this.username);
			EmnifyPropertyChecks.exclusive("emnify.application-token", this.applicationToken, "emnify.password",
					this.password);
			EmnifyPropertyChecks.exclusive("emnify.application-token", this.applicationToken, "emnify.password-sha1",
					this.passwordSha1);
			userOnly();
		}
		EmnifyPropertyChecks.exclusive("emnify.password", this.password, "emnify.password-sha1", this.passwordSha1);
		if (StringUtils.hasText(this.passwordSha1) && !EmnifyCredentials.isSha1Hex(this.passwordSha1)) {
			throw EmnifyPropertyChecks.withoutValue(
					"emnify.password-sha1 is not a SHA-1 hash (its value is not shown).",
					"Set emnify.password-sha1 to exactly 40 hexadecimal digits, the SHA-1 of the UTF-8 password "
							+ "(echo -n 'password' | openssl sha1), or set emnify.password instead.");
		}
		EmnifyPropertyChecks.notNegative("emnify.rejected-credentials-cooldown", this.rejectedCredentialsCooldown);
	}

	// Not two properties that exclude each other, and Boot's report of an invalid value
	// would show the TOTP secret or the fingerprint.
	private void userOnly() {
		if (this.workspaceId != null) {
			throw EmnifyPropertyChecks.withoutValue(
					"emnify.workspace-id is set with an application token, but application tokens are scoped "
							+ "to the one workspace they were created in.",
					"Remove emnify.workspace-id and use an application token created in the target workspace, or log "
							+ "in as a user (emnify.username and emnify.password) to switch workspaces.");
		}
		if (StringUtils.hasText(this.mfa.getTotpSecret())
				|| StringUtils.hasText(this.mfa.getTrustedDevice().getFingerprint())
				|| StringUtils.hasText(this.mfa.getEmail().getHost())) {
			throw EmnifyPropertyChecks.withoutValue(
					"emnify.mfa.* is set with an application token, but MFA applies to user logins only.",
					"Remove emnify.mfa.totp-secret, emnify.mfa.email.host and emnify.mfa.trusted-device.fingerprint, "
							+ "or log in as a user.");
		}
	}

	@Override
	public String toString() {
		return "EmnifyProperties[enabled=" + this.enabled + ", baseUrl=" + this.baseUrl + ", applicationToken="
				+ redacted(this.applicationToken) + ", username=" + this.username + ", password="
				+ redacted(this.password) + ", passwordSha1=" + redacted(this.passwordSha1)
				+ ", rejectedCredentialsCooldown=" + this.rejectedCredentialsCooldown + ", workspaceId="
				+ this.workspaceId + ", mfa=" + this.mfa + ", token=" + this.token + ", retry=" + this.retry
				+ ", tokenStore=" + this.tokenStore + ", replay=" + this.replay + "]";
	}

	private static String redacted(@Nullable String secret) {
		return (secret != null) ? "******" : "null";
	}

	/**
	 * Multi-factor authentication properties, for user logins.
	 */
	public static class Mfa {

		/**
		 * Base32 secret of the user's MFA key, as shown when the key was set up. When a
		 * login demands MFA, the code is computed from it (RFC 6238).
		 */
		private @Nullable String totpSecret;

		/**
		 * How long a login waits for the MFA code from its source: the TOTP secret, the
		 * mailbox or an EmnifyMfaCodeSource bean.
		 */
		private Duration codeTimeout = Duration.ofMinutes(2);

		private final TrustedDevice trustedDevice = new TrustedDevice();

		private final Email email = new Email();

		public @Nullable String getTotpSecret() {
			return this.totpSecret;
		}

		public void setTotpSecret(@Nullable String totpSecret) {
			this.totpSecret = totpSecret;
		}

		public Duration getCodeTimeout() {
			return this.codeTimeout;
		}

		public void setCodeTimeout(Duration codeTimeout) {
			this.codeTimeout = codeTimeout;
		}

		public TrustedDevice getTrustedDevice() {
			return this.trustedDevice;
		}

		public Email getEmail() {
			return this.email;
		}

		void validate() {
			EmnifyPropertyChecks.positive("emnify.mfa.code-timeout", this.codeTimeout);
			if (StringUtils.hasText(this.totpSecret) && !isBase32(this.totpSecret)) {
				throw EmnifyPropertyChecks.withoutValue(
						"emnify.mfa.totp-secret is not a base32 secret (its value is not shown).",
						"Set emnify.mfa.totp-secret to the secret shown when the user's MFA key was set up: letters "
								+ "A-Z and digits 2-7, as an authenticator app takes it.");
			}
			// A login takes its MFA code from one source.
			EmnifyPropertyChecks.exclusive("emnify.mfa.totp-secret", this.totpSecret, "emnify.mfa.email.host",
					this.email.getHost());
			this.trustedDevice.validate();
			this.email.validate();
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

		@Override
		public String toString() {
			return "Mfa[totpSecret=" + redacted(this.totpSecret) + ", codeTimeout=" + this.codeTimeout
					+ ", trustedDevice=" + this.trustedDevice + ", email=" + this.email + "]";
		}

	}

	/**
	 * Mailbox that receives the MFA codes emnify mails, read over IMAP: email is emnify's
	 * default MFA method. Needs Jakarta Mail (spring-boot-starter-mail).
	 */
	public static class Email {

		/**
		 * IMAP server of the mailbox that receives emnify's MFA mails. Setting it turns
		 * on MFA codes by email.
		 */
		private @Nullable String host;

		/**
		 * Port of the IMAP server.
		 */
		private int port = 993;

		/**
		 * Protocol of the IMAP server: 'imaps' (IMAP over TLS), or 'imap' (unencrypted)
		 * for loopback hosts only.
		 */
		private String protocol = "imaps";

		/**
		 * Login of the mailbox.
		 */
		private @Nullable String username;

		/**
		 * Password of the mailbox.
		 */
		private @Nullable String password;

		/**
		 * Folder that emnify's MFA mails arrive in.
		 */
		private String folder = "INBOX";

		/**
		 * Addresses and domains that emnify's MFA mails come from, ignoring case: a mail
		 * counts only if its From address is one of the addresses, or its domain is one
		 * of the domains or a subdomain of one; other mails are ignored.
		 */
		private List<String> sender = new ArrayList<>(List.of("emnify.com"));

		/**
		 * Regular expression whose first group is the code, searched in the subject and
		 * then in the text of the mail. A group that can match the empty string is
		 * refused.
		 */
		private String codePattern = "(?<!\\d)(\\d{6})(?!\\d)";

		/**
		 * Time between two reads of the mailbox while no mail with a code has arrived.
		 */
		private Duration pollInterval = Duration.ofSeconds(2);

		public @Nullable String getHost() {
			return this.host;
		}

		public void setHost(@Nullable String host) {
			this.host = host;
		}

		public int getPort() {
			return this.port;
		}

		public void setPort(int port) {
			this.port = port;
		}

		public String getProtocol() {
			return this.protocol;
		}

		public void setProtocol(String protocol) {
			this.protocol = protocol;
		}

		public @Nullable String getUsername() {
			return this.username;
		}

		public void setUsername(@Nullable String username) {
			this.username = username;
		}

		public @Nullable String getPassword() {
			return this.password;
		}

		public void setPassword(@Nullable String password) {
			this.password = password;
		}

		public String getFolder() {
			return this.folder;
		}

		public void setFolder(String folder) {
			this.folder = folder;
		}

		public List<String> getSender() {
			return this.sender;
		}

		public void setSender(List<String> sender) {
			this.sender = sender;
		}

		public String getCodePattern() {
			return this.codePattern;
		}

		public void setCodePattern(String codePattern) {
			this.codePattern = codePattern;
		}

		public Duration getPollInterval() {
			return this.pollInterval;
		}

		public void setPollInterval(Duration pollInterval) {
			this.pollInterval = pollInterval;
		}

		// The mailbox is read only when a host is set: without one, nothing else of it
		// counts.
		void validate() {
			if (!StringUtils.hasText(this.host)) {
				return;
			}
			String protocol = EmnifyPropertyChecks.protocol(this.protocol);
			if (!protocol.equals("imaps") && !protocol.equals("imap")) {
				throw EmnifyPropertyChecks.invalid("emnify.mfa.email.protocol", this.protocol,
						"emnify.mfa.email.protocol must be imaps or imap but is " + protocol + ".",
						"Set emnify.mfa.email.protocol to imaps (IMAP over TLS).");
			}
			if (protocol.equals("imap")
					&& !EmnifyPropertyChecks.isLoopback(this.host.contains(":") ? "[" + this.host + "]" : this.host)) {
				throw EmnifyPropertyChecks.invalid("emnify.mfa.email.protocol", this.protocol,
						"emnify.mfa.email.protocol is imap for the remote host " + this.host
								+ ", which would send the mailbox password unencrypted.",
						"Use imaps (port 993); imap is allowed only for loopback hosts (localhost, 127.0.0.0/8, ::1) "
								+ "such as a test mail server.");
			}
			if (this.port < 1 || this.port > 65535) {
				throw EmnifyPropertyChecks.invalid("emnify.mfa.email.port", this.port,
						"emnify.mfa.email.port must be between 1 and 65535 but is " + this.port + ".",
						"Set emnify.mfa.email.port to the IMAP server's port, usually 993 for imaps.");
			}
			if (!StringUtils.hasText(this.folder)) {
				throw EmnifyPropertyChecks.invalid("emnify.mfa.email.folder", this.folder,
						"emnify.mfa.email.folder is blank.",
						"Set emnify.mfa.email.folder, or remove it to use the default.");
			}
			validateSender();
			EmnifyPropertyChecks.codePattern(this.codePattern);
			EmnifyPropertyChecks.positive("emnify.mfa.email.poll-interval", this.pollInterval);
		}

		private void validateSender() {
			String property = "emnify.mfa.email.sender";
			String action = "Set emnify.mfa.email.sender to the addresses (no-reply@emnify.com) or domains "
					+ "(emnify.com, which matches its subdomains too) that emnify's MFA mails come from, "
					+ "comma-separated, or remove it to accept mails from emnify.com and its subdomains.";
			if (this.sender.isEmpty()) {
				throw EmnifyPropertyChecks.invalid(property, this.sender, property + " is empty.", action);
			}
			for (String entry : this.sender) {
				if (!EmnifyMfaEmailSettings.isSender(entry)) {
					throw EmnifyPropertyChecks.invalid(property, this.sender, property + " holds '" + entry
							+ "', which is neither an address nor a domain: a mail counts only if its From address "
							+ "is one of the addresses, or in one of the domains, never if it merely contains the "
							+ "text.", action);
				}
			}
		}

		@Override
		public String toString() {
			return "Email[host=" + this.host + ", port=" + this.port + ", protocol=" + this.protocol + ", username="
					+ this.username + ", password=" + redacted(this.password) + ", folder=" + this.folder + ", sender="
					+ this.sender + ", codePattern=" + this.codePattern + ", pollInterval=" + this.pollInterval + "]";
		}

	}

	/**
	 * Trusted device properties: logins from a trusted device skip MFA for 90 days.
	 */
	public static class TrustedDevice {

		/**
		 * Secret that identifies this application as a trusted device. Logins send it,
		 * and the first MFA login registers it.
		 */
		private @Nullable String fingerprint;

		/**
		 * Name under which emnify lists the trusted device.
		 */
		private String name = "emnify-auth-spring-boot-starter";

		public @Nullable String getFingerprint() {
			return this.fingerprint;
		}

		public void setFingerprint(@Nullable String fingerprint) {
			this.fingerprint = fingerprint;
		}

		public String getName() {
			return this.name;
		}

		public void setName(String name) {
			this.name = name;
		}

		void validate() {
			if (StringUtils.hasText(this.fingerprint) && !StringUtils.hasText(this.name)) {
				throw EmnifyPropertyChecks.invalid("emnify.mfa.trusted-device.name", this.name,
						"emnify.mfa.trusted-device.name is blank.",
						"Set emnify.mfa.trusted-device.name to the name emnify should list the device under, or "
								+ "remove it to use the default.");
			}
		}

		@Override
		public String toString() {
			return "TrustedDevice[name=" + this.name + ", fingerprint=" + redacted(this.fingerprint) + "]";
		}

	}

	/**
	 * Token lifecycle properties.
	 */
	public static class Token {

		/**
		 * Remaining token life below which the next caller starts a renewal in the
		 * background and goes on with the current token.
		 */
		private Duration refreshMargin = Duration.ofMinutes(5);

		/**
		 * Remaining token life below which the token counts as expired and callers wait
		 * for a new one.
		 */
		private Duration expiryMargin = Duration.ofMinutes(1);

		/**
		 * Lifetime assumed for an auth token without a readable JWT exp claim.
		 */
		private Duration defaultAuthTokenLifetime = Duration.ofMinutes(240);

		/**
		 * Lifetime assumed for a refresh token without a readable JWT exp claim.
		 */
		private Duration defaultRefreshTokenLifetime = Duration.ofMinutes(350);

		/**
		 * Bound on one call to the authenticate endpoint.
		 */
		private Duration requestTimeout = Duration.ofSeconds(10);

		/**
		 * Shortest time between two renewals caused by 401 answers. Within it, a 401 to
		 * the token the last such renewal obtained goes to the caller and the token is
		 * kept, so a path that always answers 401 cannot drive logins; with the Redis
		 * store the bound holds for all instances together.
		 */
		private Duration unauthorizedRenewalInterval = Duration.ofSeconds(30);

		public Duration getRefreshMargin() {
			return this.refreshMargin;
		}

		public void setRefreshMargin(Duration refreshMargin) {
			this.refreshMargin = refreshMargin;
		}

		public Duration getExpiryMargin() {
			return this.expiryMargin;
		}

		public void setExpiryMargin(Duration expiryMargin) {
			this.expiryMargin = expiryMargin;
		}

		public Duration getDefaultAuthTokenLifetime() {
			return this.defaultAuthTokenLifetime;
		}

		public void setDefaultAuthTokenLifetime(Duration defaultAuthTokenLifetime) {
			this.defaultAuthTokenLifetime = defaultAuthTokenLifetime;
		}

		public Duration getDefaultRefreshTokenLifetime() {
			return this.defaultRefreshTokenLifetime;
		}

		public void setDefaultRefreshTokenLifetime(Duration defaultRefreshTokenLifetime) {
			this.defaultRefreshTokenLifetime = defaultRefreshTokenLifetime;
		}

		public Duration getRequestTimeout() {
			return this.requestTimeout;
		}

		public void setRequestTimeout(Duration requestTimeout) {
			this.requestTimeout = requestTimeout;
		}

		public Duration getUnauthorizedRenewalInterval() {
			return this.unauthorizedRenewalInterval;
		}

		public void setUnauthorizedRenewalInterval(Duration unauthorizedRenewalInterval) {
			this.unauthorizedRenewalInterval = unauthorizedRenewalInterval;
		}

		void validate() {
			EmnifyPropertyChecks.positive("emnify.token.default-auth-token-lifetime", this.defaultAuthTokenLifetime);
			EmnifyPropertyChecks.positive("emnify.token.default-refresh-token-lifetime",
					this.defaultRefreshTokenLifetime);
			EmnifyPropertyChecks.positive("emnify.token.request-timeout", this.requestTimeout);
			EmnifyPropertyChecks.notNegative("emnify.token.refresh-margin", this.refreshMargin);
			EmnifyPropertyChecks.notNegative("emnify.token.expiry-margin", this.expiryMargin);
			EmnifyPropertyChecks.notNegative("emnify.token.unauthorized-renewal-interval",
					this.unauthorizedRenewalInterval);
			if (this.expiryMargin.compareTo(this.refreshMargin) > 0) {
				throw EmnifyPropertyChecks.invalid("emnify.token.expiry-margin", this.expiryMargin,
						"emnify.token.expiry-margin (" + this.expiryMargin
								+ ") is greater than emnify.token.refresh-margin (" + this.refreshMargin
								+ "), so tokens would expire before a background renewal starts.",
						"Set emnify.token.refresh-margin to at least emnify.token.expiry-margin.");
			}
		}

		@Override
		public String toString() {
			return "Token[refreshMargin=" + this.refreshMargin + ", expiryMargin=" + this.expiryMargin
					+ ", defaultAuthTokenLifetime=" + this.defaultAuthTokenLifetime + ", defaultRefreshTokenLifetime="
					+ this.defaultRefreshTokenLifetime + ", requestTimeout=" + this.requestTimeout
					+ ", unauthorizedRenewalInterval=" + this.unauthorizedRenewalInterval + "]";
		}

	}

	/**
	 * Retry properties for transient failures of the authenticate endpoint (server
	 * errors, 429, timeouts, connection failures).
	 */
	public static class Retry {

		/**
		 * Maximum number of retries after the first attempt.
		 */
		private int maxRetries = 3;

		/**
		 * Delay before the first retry.
		 */
		private Duration delay = Duration.ofMillis(500);

		/**
		 * Factor applied to the delay after each retry.
		 */
		private double multiplier = 2.0;

		/**
		 * Upper bound of the delay between two attempts. Also how long no authenticate
		 * request is sent after the retries are spent (doubling with each further failed
		 * renewal in a row, up to max-pause), and the longest Retry-After that is waited
		 * for before a retry (a longer one holds back requests until then).
		 */
		private Duration maxDelay = Duration.ofSeconds(10);

		/**
		 * Longest pause between renewals during an outage, which the doubling pause after
		 * spent retries reaches; also the cap of any Retry-After of the authenticate
		 * endpoint, whatever the server answers (the API's 429s are bounded by
		 * emnify.rate-limit.max-wait).
		 */
		private Duration maxPause = Duration.ofMinutes(5);

		/**
		 * Random amount, absolute, added to or taken from each delay.
		 */
		private Duration jitter = Duration.ofMillis(100);

		public int getMaxRetries() {
			return this.maxRetries;
		}

		public void setMaxRetries(int maxRetries) {
			this.maxRetries = maxRetries;
		}

		public Duration getDelay() {
			return this.delay;
		}

		public void setDelay(Duration delay) {
			this.delay = delay;
		}

		public double getMultiplier() {
			return this.multiplier;
		}

		public void setMultiplier(double multiplier) {
			this.multiplier = multiplier;
		}

		public Duration getMaxDelay() {
			return this.maxDelay;
		}

		public void setMaxDelay(Duration maxDelay) {
			this.maxDelay = maxDelay;
		}

		public Duration getMaxPause() {
			return this.maxPause;
		}

		public void setMaxPause(Duration maxPause) {
			this.maxPause = maxPause;
		}

		public Duration getJitter() {
			return this.jitter;
		}

		public void setJitter(Duration jitter) {
			this.jitter = jitter;
		}

		void validate() {
			if (this.maxRetries < 0) {
				throw EmnifyPropertyChecks.invalid("emnify.retry.max-retries", this.maxRetries,
						"emnify.retry.max-retries is negative (" + this.maxRetries + ").",
						"Set emnify.retry.max-retries to 0 (no retries) or more.");
			}
			EmnifyPropertyChecks.positive("emnify.retry.delay", this.delay);
			EmnifyPropertyChecks.notNegative("emnify.retry.jitter", this.jitter);
			// Written so that NaN fails as well.
			if (!(this.multiplier >= 1.0 && Double.isFinite(this.multiplier))) {
				throw EmnifyPropertyChecks.invalid("emnify.retry.multiplier", this.multiplier,
						"emnify.retry.multiplier must be a finite number of at least 1 but is " + this.multiplier + ".",
						"Set emnify.retry.multiplier to 1 (constant delay) or more, such as 2.");
			}
			EmnifyPropertyChecks.notTooLong("emnify.retry.max-delay", this.maxDelay);
			EmnifyPropertyChecks.notTooLong("emnify.retry.max-pause", this.maxPause);
			if (this.maxDelay.compareTo(this.delay) < 0) {
				throw EmnifyPropertyChecks.invalid(
						"emnify.retry.max-delay", this.maxDelay, "emnify.retry.max-delay (" + this.maxDelay
								+ ") is less than emnify.retry.delay (" + this.delay + ").",
						"Set emnify.retry.max-delay to at least emnify.retry.delay.");
			}
			if (this.maxPause.compareTo(this.maxDelay) < 0) {
				throw EmnifyPropertyChecks.invalid("emnify.retry.max-pause", this.maxPause,
						"emnify.retry.max-pause (" + this.maxPause + ") is less than emnify.retry.max-delay ("
								+ this.maxDelay + "), the first pause it caps.",
						"Set emnify.retry.max-pause to at least emnify.retry.max-delay, such as 5m.");
			}
		}

		@Override
		public String toString() {
			return "Retry[maxRetries=" + this.maxRetries + ", delay=" + this.delay + ", multiplier=" + this.multiplier
					+ ", maxDelay=" + this.maxDelay + ", maxPause=" + this.maxPause + ", jitter=" + this.jitter + "]";
		}

	}

	/**
	 * Replay of a request that emnify answered with 401, once, with a new token.
	 */
	public static class Replay {

		/**
		 * Largest request body that is recorded, as it is written, to replay the request
		 * after a 401. A request with a larger body is not replayed: its caller gets the
		 * 401. Zero replays only requests without a body.
		 */
		private DataSize maxBodySize = DataSize.ofMegabytes(1);

		public DataSize getMaxBodySize() {
			return this.maxBodySize;
		}

		public void setMaxBodySize(DataSize maxBodySize) {
			this.maxBodySize = maxBodySize;
		}

		void validate() {
			if (this.maxBodySize.isNegative()) {
				throw EmnifyPropertyChecks.invalid("emnify.replay.max-body-size", this.maxBodySize,
						"emnify.replay.max-body-size must not be negative but is " + this.maxBodySize + ".",
						"Set emnify.replay.max-body-size to zero (only requests without a body are replayed after a "
								+ "401) or a positive size such as 1MB.");
			}
		}

		@Override
		public String toString() {
			return "Replay[maxBodySize=" + this.maxBodySize + "]";
		}

	}

	/**
	 * Where the emnify session is kept: in each instance's memory, or in Redis, shared by
	 * all instances that log in as the same identity.
	 */
	public static class TokenStore {

		/**
		 * Type of token store. 'redis' shares one emnify session among all instances and
		 * needs Spring Data Redis reactive (spring.data.redis.* configures the
		 * connection) and an encryption key.
		 */
		private Type type = Type.MEMORY;

		/**
		 * Base64 of the 256-bit AES key that tokens in the shared store are encrypted
		 * with, the same on every instance; for example the output of 'openssl rand
		 * -base64 32'. Required for the Redis store.
		 */
		private @Nullable String encryptionKey;

		/**
		 * Prefix of the Redis keys of the Redis store.
		 */
		private String keyPrefix = "emnify:auth:";

		/**
		 * How long the Redis store's lease on a login lasts unless its holder extends it:
		 * how soon another instance takes over from one that died while logging in. A
		 * lease found without an expiry, or with a longer one, is given this time, so
		 * every instance should use the same.
		 */
		private Duration leaseTime = Duration.ofSeconds(10);

		/**
		 * How long one Redis command may take. A command that fails or times out is tried
		 * twice more before the instance falls back to a session of its own; for a user
		 * with an MFA code source, to the token it holds until it is stale, since an
		 * instance alone sends no MFA code.
		 */
		private Duration timeout = Duration.ofSeconds(1);

		/**
		 * How often, after Redis failed to answer, the instance probes it while it keeps
		 * a session of its own; the first probe that succeeds makes it share again. A
		 * renewal that needed an MFA code meanwhile is held back as long.
		 */
		private Duration retryInterval = Duration.ofSeconds(5);

		public Type getType() {
			return this.type;
		}

		public void setType(Type type) {
			this.type = type;
		}

		public @Nullable String getEncryptionKey() {
			return this.encryptionKey;
		}

		public void setEncryptionKey(@Nullable String encryptionKey) {
			this.encryptionKey = encryptionKey;
		}

		public String getKeyPrefix() {
			return this.keyPrefix;
		}

		public void setKeyPrefix(String keyPrefix) {
			this.keyPrefix = keyPrefix;
		}

		public Duration getLeaseTime() {
			return this.leaseTime;
		}

		public void setLeaseTime(Duration leaseTime) {
			this.leaseTime = leaseTime;
		}

		public Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(Duration timeout) {
			this.timeout = timeout;
		}

		public Duration getRetryInterval() {
			return this.retryInterval;
		}

		public void setRetryInterval(Duration retryInterval) {
			this.retryInterval = retryInterval;
		}

		// For the Redis store only; whether the key is set at all is asked only of a
		// store the starter builds.
		void validate() {
			EmnifyPropertyChecks.positive("emnify.token-store.lease-time", this.leaseTime);
			EmnifyPropertyChecks.positive("emnify.token-store.timeout", this.timeout);
			EmnifyPropertyChecks.positive("emnify.token-store.retry-interval", this.retryInterval);
			if (this.leaseTime.compareTo(this.timeout.multipliedBy(3)) < 0) {
				throw EmnifyPropertyChecks.invalid("emnify.token-store.lease-time", this.leaseTime,
						"emnify.token-store.lease-time (" + this.leaseTime + ") is shorter than three times "
								+ "emnify.token-store.timeout (" + this.timeout + "): a lease could expire while the "
								+ "command that extends it is still under way.",
						"Raise emnify.token-store.lease-time or lower emnify.token-store.timeout.");
			}
			if (StringUtils.hasText(this.encryptionKey)) {
				EmnifyPropertyChecks.encryptionKey(this.encryptionKey);
			}
		}

		@Override
		public String toString() {
			return "TokenStore[type=" + this.type + ", encryptionKey=" + redacted(this.encryptionKey) + ", keyPrefix="
					+ this.keyPrefix + ", leaseTime=" + this.leaseTime + ", timeout=" + this.timeout
					+ ", retryInterval=" + this.retryInterval + "]";
		}

		/**
		 * Types of token store.
		 */
		public enum Type {

			/**
			 * Each instance keeps its own session in memory.
			 */
			MEMORY,

			/**
			 * All instances share one session in Redis.
			 */
			REDIS

		}

	}

}
