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
import org.springframework.util.unit.DataSize;

/**
 * Configuration properties for the emnify REST API client. {@link #toString()} never
 * shows a secret.
 */
@ConfigurationProperties("emnify")
public class EmnifyProperties implements InitializingBean {

	/**
	 * Whether to auto-configure the emnify client.
	 */
	private boolean enabled = true;

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

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
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

	/**
	 * Refuse, as soon as the properties are bound, a credential or secret that still
	 * holds a placeholder: it would be sent to emnify as it is.
	 */
	@Override
	public void afterPropertiesSet() {
		EmnifyPropertiesValidator.noPlaceholders(this);
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
		 * spent retries reaches; also the cap of any Retry-After, whatever the server
		 * answers.
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
