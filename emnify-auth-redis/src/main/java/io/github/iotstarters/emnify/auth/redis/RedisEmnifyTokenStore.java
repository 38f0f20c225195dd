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
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.util.Assert;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import io.github.iotstarters.emnify.auth.EmnifyFailureAdvice;
import io.github.iotstarters.emnify.auth.EmnifyFailureKind;
import io.github.iotstarters.emnify.auth.EmnifyGrantType;
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
 * lease time, so that it cannot block the fleet for good. Failures that hold every
 * instance back expire with their hold-back on Redis' clock, so that every instance sends
 * its next login at the same instant.
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

	private static final String SERVER = "Redis";

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

	// Deletes KEYS[1] if it still holds ARGV[1]: releases a lease by its owner only, and
	// discards an auth token only if it is still the one that failed.
	private static final RedisScript<Long> DELETE_IF_EQUAL = RedisScript.of(
			"if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end",
			Long.class);

	// Takes the lease KEYS[1] for owner ARGV[1] for ARGV[2] ms if nobody holds it. A held
	// lease without an expiry, or with a longer one than a holder sets, would outlive
	// every holder and block the fleet for good: it is given the lease time, after which
	// it expires as a dead holder's does, unless a live holder extends it. A lease taken
	// already by the same owner, whose answer was lost, counts as taken.
	private static final RedisScript<Long> TAKE_LEASE = RedisScript.of("""
			if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return 1 end
			if redis.call('GET', KEYS[1]) == ARGV[1] then return 1 end
			local ttl = redis.call('PTTL', KEYS[1])
			if ttl == -1 or ttl > tonumber(ARGV[2]) then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
			return 0""", Long.class);

	private static final RedisScript<Long> EXTEND_IF_EQUAL = RedisScript
		.of("if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) "
				+ "else return 0 end", Long.class);

	// A slow or dropped command is tried again this often before the instance keeps a
	// session of its own: one hiccup must not make a whole fleet log in. Every command
	// may be sent again: TAKE_LEASE finds its own owner's lease taken, and a refresh
	// token that TAKE took from Redis but whose answer was lost costs a login.
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

	private final AtomicReference<@Nullable Outage> outage = new AtomicReference<>();

	private final AtomicReference<@Nullable Disposable> probe = new AtomicReference<>();

	private final AtomicBoolean undecryptableReported = new AtomicBoolean();

	// The leases this instance holds, by owner id, for close() to release.
	private final Map<String, HeldLease> heldLeases = new ConcurrentHashMap<>();

	private final AtomicBoolean closed = new AtomicBoolean();

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
	public Mono<Void> discard(String sessionKey, String authToken) {
		if (this.outage.get() != null || this.closed.get()) {
			return Mono.empty();
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
			});
	}

	/**
	 * {@inheritDoc}
	 * <p>
	 * Fails when Redis does not answer within the command timeout, and reports the outage
	 * in {@link #status()}.
	 */
	@Override
	public Mono<EmnifySession> load(String sessionKey) {
		return passive(() -> storedSession(keys(sessionKey)));
	}

	/**
	 * {@inheritDoc}
	 * <p>
	 * Fails when Redis does not answer within the command timeout, and reports the outage
	 * in {@link #status()}.
	 */
	@Override
	public Mono<EmnifyToken> takeRefreshToken(String sessionKey) {
		return passive(() -> takeRefreshToken(keys(sessionKey)));
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
		return passive(() -> {
			Keys keys = keys(sessionKey);
			String owner = nextOwner();
			return takeLease(keys, owner).filter((taken) -> taken != 0).map((taken) -> {
				HeldLease lease = new HeldLease(keys, owner);
				this.heldLeases.put(owner, lease);
				return (Lease) lease;
			});
		});
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
		return Mono.defer(() -> this.closed.get() ? Mono.just(false)
				: storeSession(keys(sessionKey), ((HeldLease) lease).owner, session));
	}

	/**
	 * {@inheritDoc}
	 * <p>
	 * The failure's remaining hold-back is read on Redis' clock, so that every instance
	 * sends its next login at the same instant, however late it read the failure. Fails
	 * as {@link #load} does.
	 */
	@Override
	public Mono<RecordedFailure> heldBack(String sessionKey, String settingsDigest) {
		return passive(() -> {
			Keys keys = keys(sessionKey);
			return redis(this.redis.execute(READ, List.of(keys.failure())).next()).mapNotNull((stored) -> {
				Timed timed = readTimed(keys.failure(), stored);
				if (timed == null) {
					return null;
				}
				JsonNode json = timed.json();
				String settings = text(json, "settings");
				RecordedFailure failure = recorded(json).withRemaining(Duration.ofMillis(timed.remainingMillis()));
				return (settings == null || settings.equals(settingsHmac(settingsDigest))) ? failure
						: failure.uncounted();
			});
		});
	}

	@Override
	public Mono<Void> holdBack(String sessionKey, String settingsDigest, RecordedFailure failure, Duration duration) {
		Keys keys = keys(sessionKey);
		return storeFor(keys.failure(), failureJson(failure, settingsHmac(settingsDigest)), duration);
	}

	/**
	 * {@inheritDoc}
	 * <p>
	 * The settings are kept only as an HMAC under the encryption key. Fails as
	 * {@link #load} does.
	 */
	@Override
	public Mono<RecordedFailure> lastRejection(String sessionKey, String settingsDigest) {
		return passive(() -> {
			Keys keys = keys(sessionKey);
			String settings = settingsHmac(settingsDigest);
			return redis(this.redis.opsForValue().get(keys.rejections())).mapNotNull((stored) -> {
				JsonNode json = read(keys.rejections(), stored);
				return (json != null && !settings.isEmpty() && settings.equals(text(json, "settings"))) ? recorded(json)
						: null;
			});
		});
	}

	@Override
	public Mono<Void> recordRejection(String sessionKey, String settingsDigest, RecordedFailure failure,
			Duration keepFor) {
		Keys keys = keys(sessionKey);
		return storeFor(keys.rejections(), failureJson(failure, settingsHmac(settingsDigest)), keepFor);
	}

	@Override
	public EmnifyTokenStoreStatus status() {
		Outage current = this.outage.get();
		return (current != null) ? new EmnifyTokenStoreStatus(TYPE, false, current.since(), current.error())
				: new EmnifyTokenStoreStatus(TYPE, true, null, null);
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
		this.closed.set(true);
		List<Mono<Void>> releases = this.heldLeases.values().stream().map(HeldLease::release).toList();
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

	@Override
	public String describeLease(String sessionKey) {
		return "the lease " + keys(sessionKey).shownLease() + " on Redis; a lease whose holder died expires within "
				+ this.advice.settingName(EmnifyFailureAdvice.Setting.LEASE_TIME);
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

	private Mono<Void> storeFor(String key, String json, Duration ttl) {
		return redis(this.redis.opsForValue().set(key, this.cipher.encrypt(key, json), ttl)).then()
			.onErrorResume(RedisUnavailableException.class, (ex) -> Mono.empty());
	}

	// The digest is a hash of secrets: kept only as an HMAC under the encryption key.
	private String settingsHmac(String settingsDigest) {
		return settingsDigest.isEmpty() ? "" : hmac("settings:" + settingsDigest);
	}

	private static String failureJson(RecordedFailure failure, String settings) {
		ObjectNode json = JsonMapper.shared().createObjectNode();
		json.put("message", failure.message());
		json.put("kind", failure.kind().name());
		json.put("grantType", failure.grantType().name());
		json.put("rejected", failure.rejected());
		if (failure.status() != null) {
			json.put("status", failure.status());
		}
		json.put("errorToken", failure.errorToken());
		json.put("emnifyMessage", failure.emnifyMessage());
		json.put("rejectedLoginsInARow", failure.rejectedLoginsInARow());
		json.put("settings", settings);
		return JsonMapper.shared().writeValueAsString(json);
	}

	private static RecordedFailure recorded(JsonNode json) {
		return new RecordedFailure(json.path("message").asString(), kind(json),
				EmnifyGrantType.valueOf(json.path("grantType").asString()),
				json.path("status").isInt() ? json.path("status").asInt() : null, text(json, "errorToken"),
				text(json, "emnifyMessage"), json.path("rejected").asBoolean(),
				Math.max(0, json.path("rejectedLoginsInARow").asInt()), Duration.ZERO);
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

	// The passive methods: unavailable at once while an outage lasts, so that the
	// provider falls back without waiting for a command timeout, and refused once the
	// store is closed. A command that stays unanswered after its retries starts the
	// outage.
	private <T> Mono<T> passive(Supplier<Mono<T>> commands) {
		return Mono.defer(() -> {
			if (this.closed.get()) {
				return Mono.error(new IllegalStateException("The emnify token store on Redis was closed (the "
						+ "application is shutting down), so it hands out no emnify session"));
			}
			if (this.outage.get() != null) {
				return Mono.error(new EmnifyTokenStoreUnavailableException(SERVER, this.retryInterval, null));
			}
			return commands.get()
				.retryWhen(Retry.max(COMMAND_RETRIES)
					.filter(RedisUnavailableException.class::isInstance)
					.onRetryExhaustedThrow((spec, signal) -> signal.failure()))
				.onErrorMap(RedisUnavailableException.class, (ex) -> {
					unavailable(ex);
					return new EmnifyTokenStoreUnavailableException(SERVER, this.retryInterval, ex);
				});
		});
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
	 * A lease this store took on Redis, under an owner of this instance's, and extended
	 * every third of the lease time until it is released: a renewal may outlast the lease
	 * time (a slow login, an MFA code by mail). Extensions that fail are left to the
	 * lease's expiry; {@link #save} refuses the tokens of a holder that lost its lease.
	 */
	private final class HeldLease implements Lease {

		private final Keys keys;

		private final String owner;

		private final Disposable keeper;

		HeldLease(Keys keys, String owner) {
			this.keys = keys;
			this.owner = owner;
			Duration period = RedisEmnifyTokenStore.this.leaseTime.dividedBy(3);
			// An extension may take as long as a period (the command timeout): the tick
			// that finds one running is dropped, or the interval would fail.
			this.keeper = Flux.interval(period, period)
				.onBackpressureDrop()
				.concatMap((tick) -> RedisEmnifyTokenStore.this.extend(keys, owner)
					.onErrorResume(RedisUnavailableException.class, (ex) -> Mono.empty()))
				.filter((extended) -> extended == 0)
				.next()
				.subscribe((lost) -> logger.debug(
						"Lost the emnify token store's lease while renewing; the new tokens stay with this instance"),
						(ex) -> logger.debug("The emnify token store stopped extending its lease; it expires", ex));
		}

		@Override
		public Mono<Boolean> extend() {
			return RedisEmnifyTokenStore.this.closed.get() ? Mono.just(false)
					: passive(() -> RedisEmnifyTokenStore.this.extend(this.keys, this.owner))
						.map((extended) -> extended > 0);
		}

		@Override
		public Mono<Void> release() {
			return Mono.defer(() -> {
				this.keeper.dispose();
				RedisEmnifyTokenStore.this.heldLeases.remove(this.owner);
				return RedisEmnifyTokenStore.this.release(this.keys, this.owner);
			});
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
