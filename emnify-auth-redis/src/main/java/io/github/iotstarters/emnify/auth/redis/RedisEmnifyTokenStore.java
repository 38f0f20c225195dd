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

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.http.HttpStatusCode;
import org.springframework.util.Assert;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.util.retry.Retry;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import io.github.iotstarters.emnify.auth.EmnifyAuthenticationException;
import io.github.iotstarters.emnify.auth.EmnifyFailureAdvice;
import io.github.iotstarters.emnify.auth.EmnifyFailureKind;
import io.github.iotstarters.emnify.auth.EmnifyGrantType;
import io.github.iotstarters.emnify.auth.EmnifySession;
import io.github.iotstarters.emnify.auth.EmnifyToken;
import io.github.iotstarters.emnify.auth.EmnifyTokenStore;
import io.github.iotstarters.emnify.auth.EmnifyTokenStoreStatus;
import io.github.iotstarters.emnify.auth.InMemoryEmnifyTokenStore;

/**
 * {@link EmnifyTokenStore} on Redis that shares one emnify session among all instances of
 * an application, so that a fleet logs in once, renews once per token lifetime and
 * replaces a token that emnify stopped accepting once.
 * <p>
 * <strong>Single flight across the fleet.</strong> An instance that needs new tokens
 * takes a lease (set-if-absent with an expiry and its owner id), keeps extending it while
 * it logs in or refreshes, stores the result and releases the lease; only the owner
 * releases it. The other instances look for the stored result with a short backoff
 * instead of logging in themselves. A holder that dies loses its lease when it expires,
 * and another instance takes over; a lease found without an expiry, or with a longer one
 * than the lease time (a {@code PERSIST}, a migration tool that dropped expiries), is
 * given the lease time, so that it cannot block the fleet for good. A holder sends an MFA
 * code only while its lease is still its own. A holder whose login fails stores the
 * failure for as long as its provider would hold back logins, so the others fail fast
 * instead of repeating a rejected login towards emnify's lockout.
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
 * command timeout, the instance logs one warning, keeps a session of its own in memory,
 * reports {@linkplain #status() not shared}, and tries Redis again at the next renewal
 * after the retry interval; when Redis answers, it shares again. Meanwhile it sends no
 * MFA code: the other instances, which reach the renewal at the same moment, would send
 * the same TOTP step's code, and emnify would count all but one as failed logins and lock
 * the user. So a user whose logins need a code keeps the token it holds until it is
 * stale, and then fails its callers, uncounted, until Redis answers; application tokens
 * and users without MFA log in alone.
 */
public final class RedisEmnifyTokenStore implements EmnifyTokenStore, AutoCloseable {

	/**
	 * Length of the AES key, in bytes.
	 */
	public static final int KEY_BYTES = TokenCipher.KEY_BYTES;

	private static final Log logger = LogFactory.getLog(RedisEmnifyTokenStore.class);

	private static final String TYPE = "redis";

	// A value with its remaining life on Redis' clock, as "<pttl>:<value>", so that
	// instances whose clocks disagree still agree on when a token expires.
	private static final RedisScript<String> READ = RedisScript.of("""
			local value = redis.call('GET', KEYS[1])
			if not value then return false end
			return redis.call('PTTL', KEYS[1]) .. ':' .. value""", String.class);

	// As READ, and deletes the value: a refresh token is used once.
	private static final RedisScript<String> TAKE = RedisScript.of("""
			local value = redis.call('GET', KEYS[1])
			if not value then return false end
			local ttl = redis.call('PTTL', KEYS[1])
			redis.call('DEL', KEYS[1])
			return ttl .. ':' .. value""", String.class);

	// Stores auth and refresh token together, and only while the lease KEYS[1] is still
	// ARGV[1]'s: a holder that lost its lease must not overwrite its successor's tokens.
	// Tokens end a run of rejected logins (KEYS[4]).
	private static final RedisScript<Long> STORE = RedisScript.of("""
			if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
			redis.call('SET', KEYS[2], ARGV[2], 'PX', ARGV[3])
			if ARGV[4] ~= '' then redis.call('SET', KEYS[3], ARGV[4], 'PX', ARGV[5])
			else redis.call('DEL', KEYS[3]) end
			redis.call('DEL', KEYS[4])
			return 1""", Long.class);

	// How long the last of the user's rejected logins in a row is kept when no login
	// succeeds: emnify documents no end to its count, so long enough to outlast restarts,
	// and a day at most before a forgotten fleet tries once more.
	private static final Duration REJECTIONS_TTL = Duration.ofDays(1);

	// Deletes KEYS[1] if it still holds ARGV[1]: releases a lease by its owner only, and
	// discards an auth token only if it is still the one that failed.
	private static final RedisScript<Long> DELETE_IF_EQUAL = RedisScript.of(
			"if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end",
			Long.class);

	// Takes the lease KEYS[1] for owner ARGV[1] for ARGV[2] ms if nobody holds it. A held
	// lease without an expiry, or with a longer one than a holder sets, would outlive
	// every holder and block the fleet for good: it is given the lease time, after which
	// it expires as a dead holder's does, unless a live holder extends it.
	private static final RedisScript<Long> TAKE_LEASE = RedisScript.of("""
			if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return 1 end
			local ttl = redis.call('PTTL', KEYS[1])
			if ttl == -1 or ttl > tonumber(ARGV[2]) then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
			return 0""", Long.class);

	private static final RedisScript<Long> EXTEND_IF_EQUAL = RedisScript
		.of("if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) "
				+ "else return 0 end", Long.class);

	private static final Duration FIRST_POLL = Duration.ofMillis(10);

	private static final Duration LONGEST_POLL = Duration.ofMillis(250);

	// A slow or dropped command is tried again this often before the instance keeps a
	// session of its own: one hiccup must not make a whole fleet log in.
	private static final int COMMAND_RETRIES = 2;

	private final ReactiveStringRedisTemplate redis;

	private final TokenCipher cipher;

	private final byte[] namespaceKey;

	private final String keyPrefix;

	private final Duration leaseTime;

	private final Duration commandTimeout;

	private final Duration retryInterval;

	private final Clock clock;

	private final EmnifyFailureAdvice advice;

	private final String instanceId = UUID.randomUUID().toString();

	private final AtomicLong leases = new AtomicLong();

	private final InMemoryEmnifyTokenStore fallback = new InMemoryEmnifyTokenStore();

	private final AtomicReference<@Nullable Outage> outage = new AtomicReference<>();

	private final AtomicReference<@Nullable Disposable> probe = new AtomicReference<>();

	private final AtomicBoolean undecryptableReported = new AtomicBoolean();

	// The leases this instance holds, by owner id, for close() to release.
	private final Map<String, Keys> heldLeases = new ConcurrentHashMap<>();

	private final Sinks.One<Boolean> closing = Sinks.one();

	private RedisEmnifyTokenStore(Builder builder) {
		this.redis = new ReactiveStringRedisTemplate(builder.connectionFactory);
		this.cipher = new TokenCipher(builder.encryptionKey);
		this.namespaceKey = builder.encryptionKey;
		this.keyPrefix = builder.keyPrefix;
		this.leaseTime = builder.leaseTime;
		this.commandTimeout = builder.commandTimeout;
		this.retryInterval = builder.retryInterval;
		this.clock = builder.clock;
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
	public Mono<EmnifySession> obtain(String sessionKey, Renewal renewal) {
		return obtainUntilClosed(sessionKey, renewal).takeUntilOther(this.closing.asMono())
			.switchIfEmpty(Mono.error(() -> new IllegalStateException(
					"The emnify token store on Redis was closed (the application is shutting down), so it hands "
							+ "out no emnify session")));
	}

	private Mono<EmnifySession> obtainUntilClosed(String sessionKey, Renewal renewal) {
		return Mono.defer(() -> {
			if (this.outage.get() != null) {
				return fallBack(sessionKey, renewal);
			}
			Keys keys = keys(sessionKey);
			return attempt(keys, renewal)
				.repeatWhenEmpty(Integer.MAX_VALUE, (polls) -> polls.concatMap((poll) -> Mono.delay(pollDelay(poll))))
				.retryWhen(Retry.max(COMMAND_RETRIES)
					.filter(RedisUnavailableException.class::isInstance)
					.onRetryExhaustedThrow((spec, signal) -> signal.failure()))
				.onErrorResume(RedisUnavailableException.class, (ex) -> {
					unavailable(ex);
					return fallBack(sessionKey, renewal);
				});
		});
	}

	// A session of this instance's own, without the permit to send an MFA code.
	private Mono<EmnifySession> fallBack(String sessionKey, Renewal renewal) {
		return this.fallback.obtain(sessionKey, new Alone(renewal, Mono.error(this::noCodeWithoutRedis)));
	}

	// Held back for the retry interval, when Redis may answer again: no login was sent,
	// so none is counted.
	private EmnifyAuthenticationException noCodeWithoutRedis() {
		return new EmnifyAuthenticationException("emnify login not sent, as it would need an MFA code (MFA login): "
				+ "this instance cannot reach Redis, the shared token store through which one instance logs in for "
				+ "the whole fleet, and a login of its own could make emnify lock the user. emnify accepts the code "
				+ "of one 30-second TOTP step, or of one mail, once, and counts the copies that the other instances "
				+ "send at the same moment as failed logins; three in a row lock the user for 5 minutes. The token "
				+ "held serves until it is stale, and the fleet logs in once when Redis answers again. "
				+ this.advice.advise(EmnifyFailureKind.NO_MFA_WITHOUT_SHARED_STORE, EmnifyGrantType.MFA, null),
				EmnifyFailureKind.NO_MFA_WITHOUT_SHARED_STORE, EmnifyGrantType.MFA, null, null, null, false,
				this.retryInterval, 0);
	}

	@Override
	public Mono<Void> discard(String sessionKey, String authToken) {
		Mono<Void> local = this.fallback.discard(sessionKey, authToken);
		if (this.outage.get() != null) {
			return local;
		}
		Keys keys = keys(sessionKey);
		return redis(this.redis.opsForValue().get(keys.auth())).filter((stored) -> {
			JsonNode json = read(keys.auth(), stored);
			return json != null && authToken.equals(text(json, "value"));
		})
			.flatMap((stored) -> redis(
					this.redis.execute(DELETE_IF_EQUAL, List.of(keys.auth()), List.of(stored)).next()))
			.doOnNext((deleted) -> {
				if (deleted > 0) {
					logger.debug("Discarded the shared emnify auth token that emnify no longer accepts");
				}
			})
			.then()
			.onErrorResume(RedisUnavailableException.class, (ex) -> {
				unavailable(ex);
				return Mono.empty();
			})
			.then(local);
	}

	/**
	 * {@inheritDoc}
	 * <p>
	 * Fails when Redis does not answer within the command timeout, and reports the outage
	 * in {@link #status()}.
	 */
	@Override
	public Mono<EmnifySession> load(String sessionKey) {
		return Mono.defer(() -> storedSession(keys(sessionKey)))
			.doOnError(RedisUnavailableException.class, this::unavailable);
	}

	/**
	 * {@inheritDoc}
	 * <p>
	 * Fails when Redis does not answer within the command timeout, and reports the outage
	 * in {@link #status()}.
	 */
	@Override
	public Mono<EmnifyToken> takeRefreshToken(String sessionKey) {
		return Mono.defer(() -> takeRefreshToken(keys(sessionKey)))
			.doOnError(RedisUnavailableException.class, this::unavailable);
	}

	/**
	 * {@inheritDoc}
	 * <p>
	 * A lease without an expiry, as one set by hand, is given the lease time, so that the
	 * next instance renews within it. Fails when Redis does not answer within the command
	 * timeout, and reports the outage in {@link #status()}.
	 */
	@Override
	public Mono<Lease> lease(String sessionKey) {
		return Mono.defer(() -> {
			Keys keys = keys(sessionKey);
			String owner = nextOwner();
			return takeLease(keys, owner).filter((taken) -> taken != 0).map((taken) -> {
				this.heldLeases.put(owner, keys);
				return (Lease) new HeldLease(keys, owner);
			});
		}).doOnError(RedisUnavailableException.class, this::unavailable);
	}

	/**
	 * {@inheritDoc}
	 * <p>
	 * Nothing is stored, and {@code false} returned, when Redis does not answer; the
	 * outage is reported in {@link #status()}.
	 * @throws IllegalArgumentException if the lease is not one of this store's
	 */
	@Override
	public Mono<Boolean> save(String sessionKey, Lease lease, EmnifySession session) {
		Assert.isInstanceOf(HeldLease.class, lease, "Only a lease of this emnify token store can save to it");
		return Mono.defer(() -> storeSession(keys(sessionKey), ((HeldLease) lease).owner, session));
	}

	@Override
	public EmnifyTokenStoreStatus status() {
		Outage current = this.outage.get();
		return (current != null) ? new EmnifyTokenStoreStatus(TYPE, false, current.since(), current.error())
				: new EmnifyTokenStoreStatus(TYPE, true, null, null);
	}

	/**
	 * Stop probing Redis after an outage, end this instance's renewals and waits with an
	 * error, and release the leases it holds, so that another instance renews at once
	 * instead of after the lease time. The connection factory is not closed: it is not
	 * this store's.
	 */
	@Override
	public void close() {
		// The releases are taken before the renewals end, whose own releases would not
		// be waited for.
		List<Mono<Void>> releases = this.heldLeases.entrySet()
			.stream()
			.map((held) -> release(held.getValue(), held.getKey()))
			.toList();
		this.closing.tryEmitValue(true);
		Disposable running = this.probe.getAndSet(null);
		if (running != null) {
			running.dispose();
		}
		try {
			Flux.merge(releases).then().block(this.commandTimeout.multipliedBy(COMMAND_RETRIES + 1));
		}
		catch (RuntimeException ex) {
			logger.debug("Could not release the emnify token store's leases on close; they expire", ex);
		}
	}

	// A session another instance stored, a failure it stored, or this instance's own
	// renewal under the lease; empty while another instance holds the lease.
	private Mono<EmnifySession> attempt(Keys keys, Renewal renewal) {
		return stored(keys, renewal).switchIfEmpty(Mono.defer(() -> lease(keys, renewal)));
	}

	private Mono<EmnifySession> stored(Keys keys, Renewal renewal) {
		return storedSession(keys).filter(renewal::accepts)
			.switchIfEmpty(Mono.defer(() -> storedFailure(keys, renewal)).flatMap((failure) -> Mono.error(failure)));
	}

	private Mono<EmnifySession> lease(Keys keys, Renewal renewal) {
		String owner = nextOwner();
		return takeLease(keys, owner).flatMap((taken) -> {
			if (taken == 0) {
				renewal.waitsFor("the renewal of another instance, which held " + describeLease(keys)
						+ "; a lease whose holder died expires within "
						+ this.advice.settingName(EmnifyFailureAdvice.Setting.LEASE_TIME));
				return Mono.empty();
			}
			renewal.waitsFor(null);
			this.heldLeases.put(owner, keys);
			return Mono.usingWhen(Mono.just(owner), (held) -> renewUnderLease(keys, renewal, held),
					(held) -> release(keys, held), (held, ex) -> release(keys, held), (held) -> release(keys, held));
		});
	}

	private Mono<EmnifySession> renewUnderLease(Keys keys, Renewal renewal, String owner) {
		// Another holder may have stored a session, or a failure, between our look and
		// our lease.
		return stored(keys, renewal).switchIfEmpty(Mono.defer(() -> lastRejection(keys, renewal).map(Optional::of)
			.defaultIfEmpty(Optional.empty())
			.flatMap((lastRejection) -> takeRefreshToken(keys).map(Optional::of)
				.defaultIfEmpty(Optional.empty())
				.flatMap((refreshToken) -> renewKeepingLease(keys, renewal, owner, refreshToken.orElse(null),
						lastRejection.orElse(null))))));
	}

	private Mono<EmnifySession> renewKeepingLease(Keys keys, Renewal renewal, String owner,
			@Nullable EmnifyToken refreshToken, @Nullable EmnifyAuthenticationException lastRejection) {
		Duration period = this.leaseTime.dividedBy(3);
		// Extensions that fail are left to the lease's expiry: the renewal goes on, and
		// STORE refuses its tokens if the lease went to another instance meanwhile. An
		// extension may take as long as a period (the command timeout): the tick that
		// finds one running is dropped, or the interval would fail the renewal.
		Flux<Long> keeper = Flux.interval(period, period)
			.onBackpressureDrop()
			.concatMap(
					(tick) -> extend(keys, owner).onErrorResume(RedisUnavailableException.class, (ex) -> Mono.empty()));
		// Checked, and extended, right before a code goes out: a holder that lost its
		// lease sends none, and waits for its successor's tokens instead.
		Mono<Void> mfaCodePermit = extend(keys, owner)
			.flatMap((extended) -> (extended > 0) ? Mono.<Void>empty() : Mono.error(new LeaseLostException()));
		return Mono.defer(() -> renewal.renew(refreshToken, lastRejection, mfaCodePermit))
			.single()
			.takeUntilOther(keeper.takeUntil((extended) -> extended == 0)
				.filter((extended) -> extended == 0)
				.doOnNext((lost) -> logger.debug(
						"Lost the emnify token store's lease while renewing; the new tokens stay with this instance"))
				.then(Mono.never()))
			// The stored rejection itself, refused again, is kept as it was stored: its
			// day is not renewed, nor its message extended.
			.onErrorResume(EmnifyAuthenticationException.class,
					(ex) -> (ex == lastRejection) ? Mono.error(ex)
							: storeFailure(keys, ex, renewal).then(Mono.error(ex)))
			.onErrorResume(LeaseLostException.class, (ex) -> {
				logger.debug("Lost the emnify token store's lease before the MFA code; no code sent");
				return Mono.empty();
			})
			.flatMap((session) -> storeSession(keys, owner, session).thenReturn(session));
	}

	private static String describeLease(Keys keys) {
		return "the lease " + keys.shownLease() + " on Redis";
	}

	private String nextOwner() {
		return this.instanceId + "/" + this.leases.incrementAndGet();
	}

	private Mono<Long> takeLease(Keys keys, String owner) {
		return redis(this.redis
			.execute(TAKE_LEASE, List.of(keys.lease()), List.of(owner, Long.toString(this.leaseTime.toMillis())))
			.next());
	}

	private Mono<Long> extend(Keys keys, String owner) {
		return redis(this.redis
			.execute(EXTEND_IF_EQUAL, List.of(keys.lease()), List.of(owner, Long.toString(this.leaseTime.toMillis())))
			.next());
	}

	private Mono<Void> release(Keys keys, String owner) {
		this.heldLeases.remove(owner);
		// A lease that cannot be released expires.
		return redis(this.redis.execute(DELETE_IF_EQUAL, List.of(keys.lease()), List.of(owner)).next()).then()
			.onErrorResume(RedisUnavailableException.class, (ex) -> Mono.empty());
	}

	private Mono<EmnifySession> storedSession(Keys keys) {
		return redis(this.redis.execute(READ, List.of(keys.auth())).next())
			.mapNotNull((stored) -> withRemainingLife(keys.auth(), stored));
	}

	private Mono<EmnifyToken> takeRefreshToken(Keys keys) {
		return redis(this.redis.execute(TAKE, List.of(keys.refresh())).next())
			.mapNotNull((stored) -> withRemainingLife(keys.refresh(), stored))
			.mapNotNull(EmnifySession::authToken);
	}

	// Once emnify issued the tokens, a failure to store them must not cost them: they
	// are handed out all the same.
	private Mono<Boolean> storeSession(Keys keys, String owner, EmnifySession session) {
		EmnifyToken authToken = session.authToken();
		Assert.state(authToken != null, "A renewal must yield an auth token");
		EmnifyToken refreshToken = session.refreshToken();
		Instant now = this.clock.instant();
		long authTtl = Math.max(1, Duration.between(now, authToken.expiresAt()).toMillis());
		long refreshTtl = (refreshToken != null) ? Duration.between(now, refreshToken.expiresAt()).toMillis() : 0;
		String refresh = (refreshToken != null && refreshTtl > 0)
				? this.cipher.encrypt(keys.refresh(), tokenJson(refreshToken, null)) : "";
		List<String> args = List.of(owner,
				this.cipher.encrypt(keys.auth(), tokenJson(authToken, session.replacedRejectedTokenAt())),
				Long.toString(authTtl), refresh, Long.toString(Math.max(1, refreshTtl)));
		return redis(
				this.redis.execute(STORE, List.of(keys.lease(), keys.auth(), keys.refresh(), keys.rejections()), args)
					.next())
			.doOnNext((stored) -> {
				if (stored == 0) {
					logger.debug("The emnify token store's lease went to another instance; new tokens not stored");
				}
			})
			.map((stored) -> stored != 0)
			.onErrorResume(RedisUnavailableException.class, (ex) -> {
				unavailable(ex);
				return Mono.just(false);
			});
	}

	// Only failures emnify answered hold back the others, for their hold-back: a network
	// problem of this instance's own says nothing about the others'. A failure counted
	// with the user's rejected logins, answered or not (a stop after a step emnify left
	// unanswered), is also kept as the run's last, for the settings it was met with, so
	// that an instance that asks after the cooldown, or starts later, counts on.
	private Mono<Void> storeFailure(Keys keys, EmnifyAuthenticationException failure, Renewal renewal) {
		boolean answered = failure.getStatusCode() != null;
		if (!answered && failure.getRejectedLoginsInARow() < 1) {
			return Mono.empty();
		}
		Duration holdBack = renewal.holdBack(failure);
		String settings = settingsHmac(renewal.settingsDigest());
		String json = JsonMapper.shared().writeValueAsString(failureJson(failure).put("settings", settings));
		Mono<Void> heldBack = (!answered || holdBack.toMillis() < 1) ? Mono.empty()
				: storeFor(keys.failure(), json, holdBack);
		Mono<Void> kept = (failure.getRejectedLoginsInARow() < 1 || settings.isEmpty()) ? Mono.empty()
				: storeFor(keys.rejections(), json, REJECTIONS_TTL);
		return heldBack.then(kept);
	}

	private Mono<Void> storeFor(String key, String json, Duration ttl) {
		return redis(this.redis.opsForValue().set(key, this.cipher.encrypt(key, json), ttl)).then()
			.onErrorResume(RedisUnavailableException.class, (ex) -> Mono.empty());
	}

	private Mono<EmnifyAuthenticationException> lastRejection(Keys keys, Renewal renewal) {
		String settingsDigest = renewal.settingsDigest();
		if (settingsDigest.isEmpty()) {
			return Mono.empty();
		}
		String settings = settingsHmac(settingsDigest);
		return redis(this.redis.opsForValue().get(keys.rejections())).mapNotNull((stored) -> {
			JsonNode json = read(keys.rejections(), stored);
			return (json != null && settings.equals(text(json, "settings")))
					? failure(json, "; logins with these settings count on from it.)", Duration.ZERO, true) : null;
		});
	}

	// The digest is a hash of secrets: kept only as an HMAC under the encryption key.
	private String settingsHmac(String settingsDigest) {
		return settingsDigest.isEmpty() ? "" : hmac("settings:" + settingsDigest);
	}

	private static ObjectNode failureJson(EmnifyAuthenticationException failure) {
		HttpStatusCode status = failure.getStatusCode();
		ObjectNode json = JsonMapper.shared().createObjectNode();
		json.put("message", failure.getMessage());
		json.put("kind", failure.getKind().name());
		json.put("grantType", failure.getGrantType().name());
		json.put("rejected", failure.isRejected());
		if (status != null) {
			json.put("status", status.value());
		}
		json.put("errorToken", failure.getErrorToken());
		json.put("emnifyMessage", failure.getEmnifyMessage());
		json.put("rejectedLoginsInARow", failure.getRejectedLoginsInARow());
		return json;
	}

	// With what is left of the hold-back on Redis' clock, so that every instance sends
	// its next login at the same instant, however late it read the failure.
	private Mono<EmnifyAuthenticationException> storedFailure(Keys keys, Renewal renewal) {
		return redis(this.redis.execute(READ, List.of(keys.failure())).next()).mapNotNull((stored) -> {
			Timed timed = readTimed(keys.failure(), stored);
			if (timed == null) {
				return null;
			}
			// Its count of rejected logins applies only to the settings it was met
			// with: an instance with other settings holds back as long, and counts its
			// own.
			JsonNode json = timed.json();
			String settings = text(json, "settings");
			return failure(json, "; this instance holds back its logins as that one does.)",
					Duration.ofMillis(timed.remainingMillis()),
					settings == null || settings.equals(settingsHmac(renewal.settingsDigest())));
		});
	}

	private static EmnifyAuthenticationException failure(JsonNode json, String consequence, Duration holdBack,
			boolean counted) {
		return new EmnifyAuthenticationException(
				json.path("message").asString() + " (Reported through the shared token store by the instance that tried"
						+ consequence,
				kind(json), EmnifyGrantType.valueOf(json.path("grantType").asString()),
				json.path("status").isInt() ? HttpStatusCode.valueOf(json.path("status").asInt()) : null,
				text(json, "errorToken"), text(json, "emnifyMessage"), json.path("rejected").asBoolean(), holdBack,
				counted ? json.path("rejectedLoginsInARow").asInt() : 0);
	}

	// The kind the instance that met the failure gave it. An instance of a version
	// without kinds wrote none, and one of a later version may write a kind this one
	// does not know: such a failure is told by whether emnify rejected it.
	private static EmnifyFailureKind kind(JsonNode json) {
		String kind = text(json, "kind");
		for (EmnifyFailureKind known : EmnifyFailureKind.values()) {
			if (known.name().equals(kind)) {
				return known;
			}
		}
		return json.path("rejected").asBoolean() ? EmnifyFailureKind.REJECTED : EmnifyFailureKind.UNAVAILABLE;
	}

	private static @Nullable String text(JsonNode json, String field) {
		return json.path(field).isString() ? json.path(field).asString() : null;
	}

	// How long before expiry renewal, staleness and (for a token that replaced a rejected
	// one) its replacement come is stored; expiry itself is the entry's remaining life on
	// Redis' clock.
	private static String tokenJson(EmnifyToken token, @Nullable Instant replacedRejectedTokenAt) {
		ObjectNode json = JsonMapper.shared().createObjectNode();
		json.put("value", token.value());
		json.put("renewBeforeExpiry", Duration.between(token.renewAt(), token.expiresAt()).toMillis());
		json.put("staleBeforeExpiry", Duration.between(token.staleAt(), token.expiresAt()).toMillis());
		if (replacedRejectedTokenAt != null) {
			json.put("replacedRejectedBeforeExpiry",
					Duration.between(replacedRejectedTokenAt, token.expiresAt()).toMillis());
		}
		return JsonMapper.shared().writeValueAsString(json);
	}

	// The token as the session's auth token; a refresh token is read the same way.
	private @Nullable EmnifySession withRemainingLife(String key, String stored) {
		Timed timed = readTimed(key, stored);
		if (timed == null || !timed.json().path("value").isString()) {
			return null;
		}
		JsonNode json = timed.json();
		long remaining = timed.remainingMillis();
		Instant expiresAt = this.clock.instant().plusMillis(remaining);
		EmnifyToken token = new EmnifyToken(json.path("value").asString(), expiresAt,
				expiresAt.minusMillis(json.path("renewBeforeExpiry").asLong()),
				expiresAt.minusMillis(json.path("staleBeforeExpiry").asLong()));
		JsonNode replaced = json.path("replacedRejectedBeforeExpiry");
		return new EmnifySession(token, null, replaced.isNumber() ? expiresAt.minusMillis(replaced.asLong()) : null);
	}

	// An answer of READ or TAKE, "<pttl>:<value>": the value decrypted, with its
	// remaining life on Redis' clock; nothing once it has no life left or cannot be read.
	private @Nullable Timed readTimed(String key, String stored) {
		int separator = stored.indexOf(':');
		long remaining = Long.parseLong(stored.substring(0, separator));
		JsonNode json = (remaining > 0) ? read(key, stored.substring(separator + 1)) : null;
		return (json != null) ? new Timed(json, remaining) : null;
	}

	// A value that does not decrypt counts as absent, so the next holder overwrites it.
	private @Nullable JsonNode read(String key, String stored) {
		String plain = this.cipher.decrypt(key, stored);
		if (plain == null) {
			if (this.undecryptableReported.compareAndSet(false, true)) {
				logger.warn("A value in Redis under " + key + " cannot be decrypted with this instance's encryption "
						+ "key; it is treated as absent and replaced. "
						+ this.advice.advise(EmnifyFailureKind.TOKEN_STORE_KEY_MISMATCH, null, null));
			}
			return null;
		}
		try {
			return JsonMapper.shared().readTree(plain);
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	private <T> Mono<T> redis(Mono<T> command) {
		return command.timeout(this.commandTimeout).onErrorMap(RedisUnavailableException::new);
	}

	// The base URL stays readable; the identity is an HMAC under the encryption key, so
	// a key does not even confirm a guessed user name, and instances with different
	// keys keep apart. The braces keep a session's keys in one slot of a Redis Cluster.
	private Keys keys(String sessionKey) {
		int path = sessionKey.indexOf('/', sessionKey.indexOf("://") + 3);
		String origin = (path > 0) ? sessionKey.substring(0, path) : sessionKey;
		String base = this.keyPrefix + "{" + origin + "/" + hmac(sessionKey) + "}:";
		return new Keys(base + "auth", base + "refresh", base + "lease", base + "failure", base + "rejections",
				this.keyPrefix + "{" + origin + "/*}:lease");
	}

	private String hmac(String text) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(this.namespaceKey, "HmacSHA256"));
			return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is required by every Java platform", ex);
		}
	}

	private Duration pollDelay(long poll) {
		long millis = FIRST_POLL.toMillis() << Math.min(poll, 5);
		return Duration.ofMillis(Math.min(millis, LONGEST_POLL.toMillis()));
	}

	private void unavailable(RedisUnavailableException ex) {
		Outage started = new Outage(this.clock.instant(), ex.getMessage());
		if (!this.outage.compareAndSet(null, started)) {
			return;
		}
		logger.warn("The emnify token store cannot use Redis (" + ex.getMessage() + "); this instance keeps an "
				+ "emnify session of its own (for a user whose logins need an MFA code, only the token it holds, "
				+ "until it is stale) and checks Redis every " + this.retryInterval
				+ " until it can share the session again. "
				+ this.advice.advise(EmnifyFailureKind.TOKEN_STORE_UNAVAILABLE, null, null));
		// Probes write, so a Redis that only reads (a replica) does not count as back. A
		// probe that outlasts the interval (a command timeout longer than it) makes the
		// next tick be dropped: the interval would fail, and no probe would follow.
		String probeKey = this.keyPrefix + "probe:" + this.instanceId;
		Disposable running = Flux.interval(this.retryInterval)
			.onBackpressureDrop()
			.concatMap((tick) -> redis(this.redis.opsForValue().set(probeKey, "1", this.retryInterval.plusSeconds(1)))
				.onErrorReturn(false))
			.filter(Boolean::booleanValue)
			.next()
			.subscribe((answered) -> available());
		Disposable previous = this.probe.getAndSet(running);
		if (previous != null) {
			previous.dispose();
		}
	}

	private void available() {
		if (this.outage.getAndSet(null) != null) {
			logger.info("Redis answers the emnify token store again; the emnify session is shared again");
		}
	}

	/**
	 * The Redis keys of one session, and the lease's key as messages show it: a pattern
	 * for {@code SCAN}, without the identity's HMAC.
	 */
	private record Keys(String auth, String refresh, String lease, String failure, String rejections,
			String shownLease) {

	}

	/**
	 * A stored value read back, with its remaining life in milliseconds.
	 */
	private record Timed(JsonNode json, long remainingMillis) {

	}

	/**
	 * Since when Redis cannot be used, and why.
	 */
	private record Outage(Instant since, @Nullable String error) {

	}

	/**
	 * A Redis command failed or took too long.
	 */
	private static final class RedisUnavailableException extends RuntimeException {

		RedisUnavailableException(Throwable cause) {
			super(describe(cause), cause, false, false);
		}

		private static String describe(Throwable cause) {
			return (cause.getMessage() != null) ? cause.getClass().getSimpleName() + ": " + cause.getMessage()
					: cause.getClass().getSimpleName();
		}

	}

	/**
	 * A lease this store took on Redis, under an owner of this instance's.
	 */
	private final class HeldLease implements Lease {

		private final Keys keys;

		private final String owner;

		HeldLease(Keys keys, String owner) {
			this.keys = keys;
			this.owner = owner;
		}

		@Override
		public Mono<Boolean> extend() {
			return RedisEmnifyTokenStore.this.extend(this.keys, this.owner).map((extended) -> extended > 0);
		}

		@Override
		public Mono<Void> release() {
			return RedisEmnifyTokenStore.this.release(this.keys, this.owner);
		}

		@Override
		public String describe() {
			return describeLease(this.keys);
		}

	}

	/**
	 * A lease holder's lease went to another instance before its MFA code went out.
	 */
	private static final class LeaseLostException extends RuntimeException {

		LeaseLostException() {
			super("lease lost", null, false, false);
		}

	}

	/**
	 * A renewal of this instance alone, while Redis cannot be used, whose MFA code permit
	 * is refused.
	 */
	private static final class Alone implements Renewal {

		private final Renewal renewal;

		private final Mono<Void> mfaCodePermit;

		Alone(Renewal renewal, Mono<Void> mfaCodePermit) {
			this.renewal = renewal;
			this.mfaCodePermit = mfaCodePermit;
		}

		@Override
		public boolean accepts(EmnifySession session) {
			return this.renewal.accepts(session);
		}

		@Override
		public Mono<EmnifySession> renew(@Nullable EmnifyToken refreshToken) {
			return this.renewal.renew(refreshToken, null, this.mfaCodePermit);
		}

		@Override
		public Duration holdBack(EmnifyAuthenticationException failure) {
			return this.renewal.holdBack(failure);
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
		 * Set how long a Redis command may take before the store falls back to this
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
		 * write) while it keeps to this instance's memory; the first probe that succeeds
		 * makes it share again. A renewal refused its MFA code meanwhile is held back as
		 * long. Default 5 seconds.
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
