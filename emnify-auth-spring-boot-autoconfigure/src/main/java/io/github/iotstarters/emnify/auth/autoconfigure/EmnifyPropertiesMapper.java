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

import java.net.URI;
import java.time.Clock;
import java.util.Objects;

import io.micrometer.observation.ObservationRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.PropertyMapper;
import org.springframework.core.io.ResourceLoader;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.util.ClassUtils;
import org.springframework.util.StringUtils;
import org.springframework.util.unit.DataSize;
import org.springframework.web.reactive.function.client.WebClient;

import io.github.iotstarters.emnify.auth.EmnifyAuthenticationListener;
import io.github.iotstarters.emnify.auth.EmnifyCredentials;
import io.github.iotstarters.emnify.auth.EmnifyGrantType;
import io.github.iotstarters.emnify.auth.EmnifyTokenProvider;
import io.github.iotstarters.emnify.auth.EmnifyTokenProviderBuilder;
import io.github.iotstarters.emnify.auth.EmnifyTokenStore;
import io.github.iotstarters.emnify.auth.InMemoryEmnifyTokenStore;
import io.github.iotstarters.emnify.auth.mfa.EmnifyMfaCodeSource;
import io.github.iotstarters.emnify.auth.mfa.EmnifyMfaEmailSettings;
import io.github.iotstarters.emnify.auth.web.Bucket4jRateLimitBuckets;
import io.github.iotstarters.emnify.auth.web.EmnifyRateLimitBuckets;
import io.github.iotstarters.emnify.auth.web.EmnifyRateLimits;

/**
 * Maps {@link EmnifyProperties}, whose values were checked when they were bound, onto
 * what the auto-configuration builds. What a login or a store needs is asked for only
 * here, when the starter builds it: credentials, the mailbox's login, Jakarta Mail for
 * the mailbox, a Redis connection and the key for the Redis store. An application with a
 * token provider or a store of its own needs none of it. Fails with an
 * {@link InvalidEmnifyPropertiesException} that says which properties to set.
 */
final class EmnifyPropertiesMapper {

	private static final Log logger = LogFactory.getLog(EmnifyPropertiesMapper.class);

	private static final String CREDENTIALS_ACTION = "Set either emnify.application-token (recommended by emnify "
			+ "for integrations), or emnify.username together with emnify.password or emnify.password-sha1.";

	private static final String JAKARTA_MAIL = "jakarta.mail.Session";

	private static final String ANGUS_IMAP = "org.eclipse.angus.mail.imap.IMAPStore";

	private final EmnifyProperties properties;

	private final URI baseUrl;

	EmnifyPropertiesMapper(EmnifyProperties properties) {
		this.properties = properties;
		this.baseUrl = EmnifyPropertyChecks.baseUrl(properties.getBaseUrl());
	}

	URI baseUrl() {
		return this.baseUrl;
	}

	DataSize replayMaxBodySize() {
		return this.properties.getReplay().getMaxBodySize();
	}

	EmnifyRateLimits rateLimits() {
		return this.properties.getRateLimit().toRateLimits(PropertyFailureAdvice.INSTANCE);
	}

	/**
	 * Return the rate limits and their buckets for a client: the application's beans,
	 * else the properties' limits on the buckets that this JVM's clients share.
	 * @param rateLimits the {@code emnifyRateLimits} bean, if any
	 * @param buckets the {@code emnifyRateLimitBuckets} bean, if any
	 * @return the limits and buckets
	 */
	Pacing pacing(ObjectProvider<EmnifyRateLimits> rateLimits, ObjectProvider<EmnifyRateLimitBuckets> buckets) {
		return new Pacing(rateLimits.getIfAvailable(this::rateLimits),
				buckets.getIfAvailable(Bucket4jRateLimitBuckets::inThisJvm));
	}

	/**
	 * Return a token provider builder for the configured credentials, with the properties
	 * and the application's beans applied.
	 * @param webClientBuilder the application's WebClient builder
	 * @param mfaCodeSource a code source of the application's
	 * @param listeners the listeners of the application's
	 * @param observationRegistry the observation registry
	 * @param clock the clock, {@code emnifyClock}
	 * @param resourceLoader the resource loader whose class loader must see Jakarta Mail
	 * @return the builder
	 */
	EmnifyTokenProviderBuilder tokenProviderBuilder(ObjectProvider<WebClient.Builder> webClientBuilder,
			ObjectProvider<EmnifyMfaCodeSource> mfaCodeSource, ObjectProvider<EmnifyAuthenticationListener> listeners,
			ObjectProvider<ObservationRegistry> observationRegistry, ObjectProvider<Clock> clock,
			ResourceLoader resourceLoader) {
		EmnifyCredentials credentials = credentials();
		EmnifyProperties.Token token = this.properties.getToken();
		EmnifyProperties.Retry retry = this.properties.getRetry();
		EmnifyTokenProviderBuilder builder = EmnifyTokenProvider
			.builder(webClientBuilder.getIfAvailable(WebClient::builder), this.baseUrl, credentials)
			.retryPolicy(retryPolicy(retry))
			.listener(EmnifyAuthAutoConfiguration.listener(listeners))
			.observationRegistry(observationRegistry.getIfAvailable(() -> ObservationRegistry.NOOP))
			.clock(clock.getIfAvailable(Clock::systemUTC))
			.failureAdvice(passwordLooksHashed() ? PropertyFailureAdvice.PASSWORD_LOOKS_HASHED
					: PropertyFailureAdvice.INSTANCE);
		PropertyMapper map = PropertyMapper.get();
		map.from(token::getRefreshMargin).to(builder::refreshMargin);
		map.from(token::getExpiryMargin).to(builder::expiryMargin);
		map.from(token::getDefaultAuthTokenLifetime).to(builder::defaultAuthTokenLifetime);
		map.from(token::getDefaultRefreshTokenLifetime).to(builder::defaultRefreshTokenLifetime);
		map.from(token::getRequestTimeout).to(builder::requestTimeout);
		map.from(retry::getMaxDelay).to(builder::retryMaxDelay);
		map.from(retry::getMaxPause).to(builder::maxPause);
		map.from(token::getUnauthorizedRenewalInterval).to(builder::unauthorizedRenewalInterval);
		map.from(this.properties::getRejectedCredentialsCooldown).to(builder::rejectedCredentialsCooldown);
		if (credentials.grantType() == EmnifyGrantType.PASSWORD) {
			mfa(builder, mfaCodeSource.getIfAvailable(), resourceLoader.getClassLoader());
		}
		return builder;
	}

	private static RetryPolicy retryPolicy(EmnifyProperties.Retry retry) {
		RetryPolicy.Builder policy = RetryPolicy.builder();
		PropertyMapper map = PropertyMapper.get();
		map.from(retry::getMaxRetries).to(policy::maxRetries);
		map.from(retry::getDelay).to(policy::delay);
		map.from(retry::getMultiplier).to(policy::multiplier);
		map.from(retry::getMaxDelay).to(policy::maxDelay);
		map.from(retry::getJitter).to(policy::jitter);
		return policy.build();
	}

	private void mfa(EmnifyTokenProviderBuilder builder, @Nullable EmnifyMfaCodeSource codeSource,
			@Nullable ClassLoader classLoader) {
		EmnifyProperties.Mfa mfa = this.properties.getMfa();
		// Checked with a code source of the application's too, which wins over it.
		EmnifyMfaEmailSettings email = email(classLoader);
		switch (MfaCodes.of(this.properties, codeSource != null)) {
			case CUSTOM -> builder.mfaCodeSource(Objects.requireNonNull(codeSource));
			case EMAIL -> builder.mfaCodeSource(EmnifyMfaCodeSource.email(Objects.requireNonNull(email)));
			case TOTP -> builder.mfaTotpSecret(Objects.requireNonNull(mfa.getTotpSecret()));
			case NONE -> {
			}
		}
		EmnifyProperties.TrustedDevice trustedDevice = mfa.getTrustedDevice();
		PropertyMapper map = PropertyMapper.get();
		map.from(trustedDevice::getFingerprint)
			.whenHasText()
			.to((fingerprint) -> builder.trustedDevice(fingerprint, trustedDevice.getName()));
		map.from(mfa::getCodeTimeout).to(builder::mfaCodeTimeout);
	}

	private EmnifyCredentials credentials() {
		EmnifyProperties properties = this.properties;
		String applicationToken = blankToNull(properties.getApplicationToken());
		if (applicationToken != null) {
			return EmnifyCredentials.applicationToken(applicationToken);
		}
		String username = blankToNull(properties.getUsername());
		String password = blankToNull(properties.getPassword());
		String passwordSha1 = blankToNull(properties.getPasswordSha1());
		if (username == null && password == null && passwordSha1 == null) {
			throw new InvalidEmnifyPropertiesException("No emnify credentials are configured.", CREDENTIALS_ACTION);
		}
		if (username == null) {
			throw new InvalidEmnifyPropertiesException(
					"emnify user credentials are incomplete: emnify.username is not set.",
					"Set emnify.username to the emnify user's login, usually an email address.");
		}
		if (password != null) {
			return EmnifyCredentials.user(username, password);
		}
		if (passwordSha1 == null) {
			throw new InvalidEmnifyPropertiesException(
					"emnify user credentials are incomplete: emnify.username is set without a password.",
					"Set emnify.password, or its SHA-1 hash as emnify.password-sha1.");
		}
		return EmnifyCredentials.userWithPasswordSha1(username, passwordSha1);
	}

	// A SHA-1 given as emnify.password is hashed again and rejected by emnify. It is sent
	// as any password all the same: a password may happen to look so.
	private boolean passwordLooksHashed() {
		String password = blankToNull(this.properties.getPassword());
		if (password == null || !EmnifyCredentials.isSha1Hex(password)) {
			return false;
		}
		logger.warn(PropertyFailureAdvice.HASHED_PASSWORD_HINT + " A password that only looks so needs no change.");
		return true;
	}

	/**
	 * Return the settings of the mailbox that MFA codes are read from, if
	 * {@code emnify.mfa.email.host} is set.
	 * @param classLoader the class loader that Jakarta Mail must be visible to
	 * @return the mailbox settings, or {@code null} without a host
	 */
	private @Nullable EmnifyMfaEmailSettings email(@Nullable ClassLoader classLoader) {
		EmnifyProperties.Email email = this.properties.getMfa().getEmail();
		String host = blankToNull(email.getHost());
		if (host == null) {
			return null;
		}
		if (!ClassUtils.isPresent(JAKARTA_MAIL, classLoader) || !ClassUtils.isPresent(ANGUS_IMAP, classLoader)) {
			throw new InvalidEmnifyPropertiesException(
					"emnify.mfa.email.host is set, but Jakarta Mail with its IMAP provider is not on the "
							+ "classpath to read the mailbox with.",
					"Add spring-boot-starter-mail to the application (it brings Jakarta Mail and Angus Mail), or remove "
							+ "emnify.mfa.email.host.");
		}
		String username = blankToNull(email.getUsername());
		String password = blankToNull(email.getPassword());
		if (username == null || password == null) {
			throw new InvalidEmnifyPropertiesException(
					"emnify.mfa.email.host is set without emnify.mfa.email.username and emnify.mfa.email.password.",
					"Set the login of the mailbox as emnify.mfa.email.username and emnify.mfa.email.password.");
		}
		return new EmnifyMfaEmailSettings(host, email.getPort(), EmnifyPropertyChecks.protocol(email.getProtocol()),
				username, password, email.getFolder(), email.getSender(),
				EmnifyPropertyChecks.codePattern(email.getCodePattern()), email.getPollInterval());
	}

	/**
	 * Return the store that keeps the session in this application's memory, unless the
	 * properties ask for Redis, which then has no connection.
	 * @return the store
	 */
	EmnifyTokenStore inMemoryTokenStore() {
		if (this.properties.getTokenStore().getType() == EmnifyProperties.TokenStore.Type.REDIS) {
			throw new InvalidEmnifyPropertiesException(
					"emnify.token-store.type is redis, but there is no ReactiveRedisConnectionFactory to share the "
							+ "emnify session through.",
					"Add spring-boot-starter-data-redis-reactive to the application and point spring.data.redis.* at "
							+ "the Redis server, or remove emnify.token-store.type to keep the session in memory.");
		}
		return new InMemoryEmnifyTokenStore();
	}

	/**
	 * Return the key that the Redis store encrypts tokens with. No type of Spring Data
	 * Redis appears here: this class is used without it on the classpath.
	 * @return the key
	 */
	byte[] redisEncryptionKey() {
		String encryptionKey = blankToNull(this.properties.getTokenStore().getEncryptionKey());
		if (encryptionKey == null) {
			throw new InvalidEmnifyPropertiesException("emnify.token-store.type is redis but "
					+ "emnify.token-store.encryption-key is not set: emnify tokens are bearer credentials and are "
					+ "stored in Redis only encrypted.", EmnifyPropertyChecks.ENCRYPTION_KEY_ACTION);
		}
		return EmnifyPropertyChecks.encryptionKey(encryptionKey);
	}

	private static @Nullable String blankToNull(@Nullable String value) {
		return StringUtils.hasText(value) ? value : null;
	}

	/**
	 * The rate limits a client keeps to, and where their buckets live.
	 *
	 * @param rateLimits the limits
	 * @param buckets the buckets
	 */
	record Pacing(EmnifyRateLimits rateLimits, EmnifyRateLimitBuckets buckets) {

	}

}
