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

package io.github.iotstarters.emnify.auth.redis;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.util.Assert;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

import io.github.iotstarters.emnify.auth.EmnifyFailureAdvice;
import io.github.iotstarters.emnify.auth.EmnifySession;
import io.github.iotstarters.emnify.auth.EmnifyToken;
import io.github.iotstarters.emnify.auth.EmnifyTokenStore;
import io.github.iotstarters.emnify.auth.EmnifyTokenStoreStatus;
import io.github.iotstarters.emnify.auth.EmnifyTokenStoreUnavailableException;

/**
 * {@link EmnifyTokenStore} on Redis that shares one emnify session among all instances of
 * an application, so that a fleet logs in once, renews once per token lifetime and
 * replaces a token that emnify stopped accepting once. The store only keeps; the token
 * provider decides, as described in {@link EmnifyTokenStore}.
 * <p>
 * <strong>Single flight across the fleet.</strong> The lease is a set-if-absent key with
 * an expiry and its owner id, extended every third of the lease time while its holder
 * renews, and released by its owner only; tokens are stored only while the lease is still
 * the storing holder's. A holder that dies loses its lease when it expires, and another
 * instance takes over; a lease found without an expiry, or with a longer one than the
 * lease time (a {@code PERSIST}, a migration tool that dropped expiries), is given the
 * lease time, so that it cannot block the fleet for good.
 * <p>
 * <strong>401 across the fleet.</strong> An auth token is deleted only if it is still the
 * one that failed (an atomic compare-and-delete), so any number of instances reporting
 * one stale token cause one renewal.
 * <p>
 * <strong>Secrets.</strong> Values are encrypted with AES-GCM under the given 256-bit
 * key, bound to the key they are stored under; keys hold emnify's base URL and a hash of
 * the identity, never a secret; entries expire with their token.
 * <p>
 * <strong>Redis unavailable.</strong> When a Redis command fails or takes longer than the
 * command timeout, twice more, the store logs one warning, reports {@linkplain #status()
 * not shared}, fails every look at a session at once with an
 * {@link EmnifyTokenStoreUnavailableException}, and probes Redis every retry interval
 * until it answers. Meanwhile the provider keeps a session of the instance's own and
 * sends no MFA code: the other instances, which reach the renewal at the same moment,
 * would send the same TOTP step's code, and emnify would count all but one as failed
 * logins and lock the user.
 */
public final class RedisEmnifyTokenStore implements EmnifyTokenStore, AutoCloseable {

	/**
	 * Length of the AES key, in bytes.
	 */
	public static final int KEY_BYTES = TokenCipher.KEY_BYTES;

	private static final Log logger = LogFactory.getLog(RedisEmnifyTokenStore.class);

	private static final String TYPE = "redis";

	private final RedisKeys keys;

	private final RedisCodec codec;

	private final RedisCommands commands;

	private final RedisLedger ledger;

	private final Duration leaseTime;

	private final EmnifyFailureAdvice advice;

	private final String instanceId = UUID.randomUUID().toString();

	private final AtomicLong leases = new AtomicLong();

	// The leases this instance holds, by owner id, for close() to release.
	private final Map<String, RedisLease> heldLeases = new ConcurrentHashMap<>();

	private RedisEmnifyTokenStore(Builder builder) {
		ReactiveStringRedisTemplate redis = new ReactiveStringRedisTemplate(builder.connectionFactory);
		this.keys = new RedisKeys(builder.encryptionKey, builder.keyPrefix);
		this.codec = new RedisCodec(builder.encryptionKey, builder.clock, builder.failureAdvice);
		RedisOutage outage = RedisOutage.ofTokenStore(builder.retryInterval, builder.clock, builder.failureAdvice);
		this.commands = new RedisCommands(redis, builder.commandTimeout, outage, this.keys.probe(this.instanceId));
		this.ledger = new RedisLedger(this.keys, this.codec, this.commands);
		this.leaseTime = builder.leaseTime;
		this.advice = builder.failureAdvice;
	}

	/**
	 * Start building a store.
	 * @param connectionFactory the connection to Redis
	 * @param encryptionKey the 256-bit AES key that values are encrypted with, the same
	 * on every instance
	 * @return a builder with the documented defaults
	 */
	public static Builder builder(ReactiveRedisConnectionFactory connectionFactory, byte[] encryptionKey) {
		return new Builder(connectionFactory, encryptionKey);
	}

	@Override
	public Mono<Void> discard(String sessionKey, String authToken) {
		if (!this.commands.isUsable()) {
			return Mono.empty();
		}
		RedisKeys.Session session = this.keys.session(sessionKey);
		Mono<Long> deleted = this.commands.get(session.auth()).filter((stored) -> {
			JsonNode json = this.codec.read(session.auth(), stored);
			return json != null && authToken.equals(RedisCodec.text(json, "value"));
		})
			.flatMap((stored) -> this.commands.script(RedisScripts.DELETE_IF_EQUAL, List.of(session.auth()),
					List.of(stored)))
			.doOnNext((count) -> {
				if (count > 0) {
					logger.debug("Discarded the shared emnify auth token that emnify no longer accepts");
				}
			});
		return this.commands.orElse(deleted, 0L, true).then();
	}

	/**
	 * {@inheritDoc}
	 * <p>
	 * Fails as the class description says when Redis does not answer.
	 */
	@Override
	public Mono<EmnifySession> load(String sessionKey) {
		return this.commands.look(() -> {
			RedisKeys.Session session = this.keys.session(sessionKey);
			return this.commands.script(RedisScripts.READ, List.of(session.auth()), List.of())
				.mapNotNull((stored) -> this.codec.session(session.auth(), stored));
		});
	}

	/**
	 * {@inheritDoc}
	 * <p>
	 * Fails as {@link #load} does.
	 */
	@Override
	public Mono<EmnifyToken> takeRefreshToken(String sessionKey) {
		return this.commands.look(() -> {
			RedisKeys.Session session = this.keys.session(sessionKey);
			return this.commands.script(RedisScripts.TAKE, List.of(session.refresh()), List.of())
				.mapNotNull((stored) -> this.codec.session(session.refresh(), stored))
				.mapNotNull(EmnifySession::authToken);
		});
	}

	/**
	 * {@inheritDoc}
	 * <p>
	 * A lease without an expiry, as one set by hand, or with a longer one than the lease
	 * time, is given the lease time, so that the next instance renews within it. Fails as
	 * {@link #load} does.
	 */
	@Override
	public Mono<Lease> lease(String sessionKey) {
		return this.commands.look(() -> {
			RedisKeys.Session session = this.keys.session(sessionKey);
			String owner = this.instanceId + "/" + this.leases.incrementAndGet();
			return RedisLease.take(this.commands, session, owner, this.leaseTime)
				.filter(Boolean::booleanValue)
				.map((taken) -> {
					RedisLease lease = new RedisLease(this.commands, session, owner, this.leaseTime,
							() -> this.heldLeases.remove(owner));
					this.heldLeases.put(owner, lease);
					return lease;
				});
		});
	}

	/**
	 * {@inheritDoc}
	 * <p>
	 * Auth and refresh token are stored together, in one script, and the run of rejected
	 * logins ends. Once emnify issued the tokens, a failure to store them must not cost
	 * them: nothing is stored, and {@code false} answered, when Redis does not answer or
	 * the store is closed.
	 * @throws IllegalArgumentException if the lease is not one of this store's
	 */
	@Override
	public Mono<Boolean> save(String sessionKey, Lease lease, EmnifySession session) {
		Assert.isInstanceOf(RedisLease.class, lease, "Only a lease of this emnify token store can save to it");
		Assert.isTrue(session.authToken() != null, "A saved emnify session must hold an auth token");
		return Mono.defer(() -> {
			if (this.commands.isClosed()) {
				return Mono.just(false);
			}
			RedisKeys.Session keys = this.keys.session(sessionKey);
			List<String> args = this.codec.storeArguments(keys, ((RedisLease) lease).owner(), session);
			Mono<Boolean> stored = this.commands
				.script(RedisScripts.STORE, List.of(keys.lease(), keys.auth(), keys.refresh(), keys.rejections()), args)
				.map((count) -> count != 0)
				.doOnNext((saved) -> {
					if (!saved) {
						logger.debug("The emnify token store's lease went to another instance; new tokens not stored");
					}
				});
			return this.commands.orElse(this.commands.retried(stored), false, true);
		});
	}

	@Override
	public String describeLease(String sessionKey) {
		return "the lease " + this.keys.session(sessionKey).shownLease()
				+ " on Redis; a lease whose holder died expires within "
				+ this.advice.settingName(EmnifyFailureAdvice.Setting.LEASE_TIME);
	}

	@Override
	public Mono<RecordedFailure> heldBack(String sessionKey, String settingsDigest) {
		return this.ledger.heldBack(this.keys.session(sessionKey), settingsDigest);
	}

	@Override
	public Mono<Void> holdBack(String sessionKey, String settingsDigest, RecordedFailure failure, Duration duration) {
		return this.ledger.record(this.keys.session(sessionKey).failure(), settingsDigest, failure, duration);
	}

	@Override
	public Mono<RecordedFailure> lastRejection(String sessionKey, String settingsDigest) {
		return this.ledger.lastRejection(this.keys.session(sessionKey), settingsDigest);
	}

	@Override
	public Mono<Void> recordRejection(String sessionKey, String settingsDigest, RecordedFailure failure,
			Duration keepFor) {
		return this.ledger.record(this.keys.session(sessionKey).rejections(), settingsDigest, failure, keepFor);
	}

	@Override
	public EmnifyTokenStoreStatus status() {
		return this.commands.status(TYPE);
	}

	/**
	 * Stop probing Redis after an outage, release the leases this instance holds, so that
	 * another instance renews at once instead of after the lease time, and answer no
	 * further look at a session: a renewal of this instance's that is still running sends
	 * no MFA code and stores nothing. The connection factory is not closed: it is not
	 * this store's.
	 */
	@Override
	public void close() {
		Duration longest = this.commands.close();
		List<Mono<Void>> releases = this.heldLeases.values().stream().map(RedisLease::release).toList();
		try {
			Flux.merge(releases).then().block(longest);
		}
		catch (RuntimeException ex) {
			logger.debug("Could not release the emnify token store's leases on close; they expire", ex);
		}
	}

	/**
	 * Builder for a {@link RedisEmnifyTokenStore}.
	 */
	public static final class Builder {

		private final ReactiveRedisConnectionFactory connectionFactory;

		private final byte[] encryptionKey;

		private String keyPrefix = "emnify:auth:";

		private Duration leaseTime = Duration.ofSeconds(10);

		private Duration commandTimeout = Duration.ofSeconds(1);

		private Duration retryInterval = Duration.ofSeconds(5);

		private Clock clock = Clock.systemUTC();

		private EmnifyFailureAdvice failureAdvice = EmnifyFailureAdvice.DEFAULT;

		private Builder(ReactiveRedisConnectionFactory connectionFactory, byte[] encryptionKey) {
			Assert.notNull(connectionFactory, "ReactiveRedisConnectionFactory must not be null");
			Assert.isTrue(encryptionKey != null && encryptionKey.length == KEY_BYTES,
					"emnify token store encryption key must be 256 bits (32 bytes)");
			this.connectionFactory = connectionFactory;
			this.encryptionKey = encryptionKey.clone();
		}

		/**
		 * Set the prefix of every key the store writes. Default {@code emnify:auth:}.
		 * @param keyPrefix the prefix
		 * @return this builder
		 */
		public Builder keyPrefix(String keyPrefix) {
			Assert.notNull(keyPrefix, "Key prefix must not be null");
			this.keyPrefix = keyPrefix;
			return this;
		}

		/**
		 * Set how long a lease lasts unless its holder extends it, which it does every
		 * third of this time while it logs in: how soon another instance takes over from
		 * one that died. A lease found without an expiry, or with a longer one, is given
		 * this time, so every instance should use the same. Default 10 seconds.
		 * @param leaseTime the lease time
		 * @return this builder
		 */
		public Builder leaseTime(Duration leaseTime) {
			Assert.isTrue(leaseTime != null && leaseTime.toMillis() >= 3, "Lease time must be at least 3 ms");
			this.leaseTime = leaseTime;
			return this;
		}

		/**
		 * Set how long a Redis command may take; after three that failed or took longer,
		 * the store reports Redis unavailable, and the provider keeps a session in this
		 * instance's memory, where a renewal sends no MFA code. Default 1 second.
		 * @param commandTimeout the timeout
		 * @return this builder
		 */
		public Builder commandTimeout(Duration commandTimeout) {
			Assert.isTrue(commandTimeout != null && !commandTimeout.isNegative() && !commandTimeout.isZero(),
					"Command timeout must be positive");
			this.commandTimeout = commandTimeout;
			return this;
		}

		/**
		 * Set how often, after a Redis command failed, the store probes Redis (with a
		 * write) while the provider keeps to this instance's memory; the first probe that
		 * succeeds makes it share again. A renewal refused its MFA code meanwhile is held
		 * back as long. Default 5 seconds.
		 * @param retryInterval the interval
		 * @return this builder
		 */
		public Builder retryInterval(Duration retryInterval) {
			Assert.isTrue(retryInterval != null && !retryInterval.isNegative() && !retryInterval.isZero(),
					"Retry interval must be positive");
			this.retryInterval = retryInterval;
			return this;
		}

		/**
		 * Set the clock that entry expiry is computed with; it should be the token
		 * providers' clock.
		 * @param clock the clock
		 * @return this builder
		 */
		public Builder clock(Clock clock) {
			Assert.notNull(clock, "Clock must not be null");
			this.clock = clock;
			return this;
		}

		/**
		 * Set what the store's failures and warnings advise to check, in the words the
		 * application is configured with; it should be the token providers' advice.
		 * Default: {@link EmnifyFailureAdvice#DEFAULT}, which names this builder's
		 * methods.
		 * @param failureAdvice the advice
		 * @return this builder
		 */
		public Builder failureAdvice(EmnifyFailureAdvice failureAdvice) {
			Assert.notNull(failureAdvice, "EmnifyFailureAdvice must not be null");
			this.failureAdvice = failureAdvice;
			return this;
		}

		/**
		 * Build the store. No command is sent until a token provider first asks it.
		 * @return the store
		 */
		public RedisEmnifyTokenStore build() {
			return new RedisEmnifyTokenStore(this);
		}

	}

}
