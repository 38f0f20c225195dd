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

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import io.github.iotstarters.emnify.auth.EmnifyAuthenticationException;
import io.github.iotstarters.emnify.auth.EmnifyCredentials;
import io.github.iotstarters.emnify.auth.EmnifyFailureKind;
import io.github.iotstarters.emnify.auth.EmnifySession;
import io.github.iotstarters.emnify.auth.EmnifyToken;
import io.github.iotstarters.emnify.auth.EmnifyTokenProvider;
import io.github.iotstarters.emnify.auth.EmnifyTokenProviderBuilder;
import io.github.iotstarters.emnify.auth.EmnifyTokenStore.Lease;
import io.github.iotstarters.emnify.auth.testsupport.LoopbackWireMock;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

/**
 * The Redis store's guarantees, one at a time, against a real Redis server, with renewals
 * that stand in for logins.
 */
class RedisEmnifyTokenStoreTests {

	private static final String KEY = "http://127.0.0.1:8089/0123abcd";

	private static final byte[] ENCRYPTION_KEY = new byte[RedisEmnifyTokenStore.KEY_BYTES];

	@RegisterExtension
	static WireMockExtension emnify = LoopbackWireMock.extension();

	@RegisterExtension
	static LocalRedis redis = new LocalRedis();

	@Test
	void aTokenIsDeletedOnlyIfItIsStillTheOneThatFailed() {
		RedisEmnifyTokenStore store = store(Clock.systemUTC(), Duration.ofSeconds(10));
		save(store, session("first", Clock.systemUTC()));
		// Another instance replaces t1 with t2 (as after its own 401), then a late 401
		// for t1 arrives.
		save(store, session("second", Clock.systemUTC()));
		store.discard(KEY, "first").block();
		assertThat(store.load(KEY).block().authToken().value()).isEqualTo("second");
		store.discard(KEY, "second").block();
		assertThat(store.load(KEY).block()).isNull();
		// The refresh token survived the discard, for the next renewal.
		assertThat(store.takeRefreshToken(KEY).block().value()).isEqualTo("second-refresh");
	}

	@Test
	void expiryIsReadOnRedisClockNotTheClockOfTheInstanceThatStored() {
		Clock hourAhead = Clock.offset(Clock.systemUTC(), Duration.ofHours(1));
		save(store(hourAhead, Duration.ofSeconds(10)), session("skewed", hourAhead));
		EmnifyToken read = store(Clock.systemUTC(), Duration.ofSeconds(10)).load(KEY).block().authToken();
		assertThat(Duration.between(Instant.now(), read.expiresAt())).isBetween(Duration.ofMinutes(59),
				Duration.ofMinutes(60));
		assertThat(Duration.between(read.renewAt(), read.expiresAt())).isEqualTo(Duration.ofMinutes(5));
	}

	// Real time: the lease expires on Redis' clock, unless its holder keeps it.
	@Test
	void aHolderWhoseRenewalOutlastsTheLeaseTimeKeepsItUntilItReleasesIt() {
		Duration leaseTime = Duration.ofMillis(300);
		RedisEmnifyTokenStore holder = store(Clock.systemUTC(), leaseTime);
		RedisEmnifyTokenStore waiter = store(Clock.systemUTC(), leaseTime);
		Lease held = holder.lease(KEY).block();
		await().pollInterval(Duration.ofMillis(50))
			.during(leaseTime.multipliedBy(4))
			.atMost(leaseTime.multipliedBy(6))
			.until(() -> waiter.lease(KEY).block() == null);
		held.release().block();
		assertThat(waiter.lease(KEY).block()).isNotNull();
	}

	@Test
	void aLeaseWithoutAnExpiryIsGivenTheLeaseTimeSoThatTheNextInstanceRenewsWithinIt() {
		Duration leaseTime = Duration.ofMillis(500);
		RedisEmnifyTokenStore store = store(Clock.systemUTC(), leaseTime);
		String lease = leaseKeyOfTheSession(store);
		// Its holder long gone, its expiry dropped (a PERSIST, a migration tool).
		redis.cli("SET", lease, "an-owner-long-gone");
		long start = System.nanoTime();
		assertThat(store.lease(KEY).block()).isNull();
		await().atMost(leaseTime.multipliedBy(4)).until(() -> store.lease(KEY).block() != null);
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(leaseTime.dividedBy(2));
	}

	// Another instance's lease, as a waiter leaves it: given the lease time if it has no
	// expiry or a longer one, otherwise untouched; never taken over.
	@ParameterizedTest(name = "{0}")
	@CsvSource({ "no expiry, , 9000, 10000", "longer than the lease time, 60000, 9000, 10000",
			"shorter than the lease time, 5000, 4000, 5000" })
	void aLeaseOfAnotherInstanceIsGivenTheLeaseTimeOnlyIfItHasNoExpiryOrALongerOne(String expiry, @Nullable Long millis,
			long least, long most) {
		RedisEmnifyTokenStore store = store(Clock.systemUTC(), Duration.ofSeconds(10));
		String lease = leaseKeyOfTheSession(store);
		if (millis != null) {
			redis.cli("SET", lease, "another-owner", "PX", millis.toString());
		}
		else {
			redis.cli("SET", lease, "another-owner");
		}
		assertThat(store.lease(KEY).block()).isNull();
		assertThat(Long.parseLong(redis.cli("--raw", "PTTL", lease).strip())).isBetween(least, most);
		assertThat(redis.cli("--raw", "GET", lease).strip()).isEqualTo("another-owner");
	}

	@Test
	void aWaitThatEndsOnTheRenewalBoundSaysWhichLeaseItWaitedFor() {
		emnify
			.stubFor(post("/api/v1/authenticate").willReturn(okJson("{\"auth_token\":\"slow\"}").withFixedDelay(3000)));
		Mono<String> holding = sharing(EmnifyCredentials.applicationToken("app-token")).build().getToken().cache();
		holding.subscribe();
		awaitLease();
		// A renewal bound of about two seconds.
		EmnifyTokenProvider waiter = sharing(EmnifyCredentials.applicationToken("app-token"))
			.requestTimeout(Duration.ofMillis(100))
			.retryPolicy(RetryPolicy.builder().maxRetries(0).build())
			.build();
		assertThat(failure(waiter)).hasMessageContaining("authentication did not end within")
			.hasMessageContaining("waited for the renewal of another instance, which held the lease emnify:auth:{"
					+ emnify.baseUrl() + "/*}:lease on Redis")
			.hasMessageNotContaining(leaseKey());
		assertThat(holding.block(Duration.ofSeconds(5))).isEqualTo("slow");
		assertThat(authenticateCalls()).isOne();
	}

	@Test
	void closingReleasesTheLeaseSoAnotherInstanceRenewsAtOnceAndAnswersNoFurtherLook() {
		Duration leaseTime = Duration.ofSeconds(10);
		RedisEmnifyTokenStore closing = store(Clock.systemUTC(), leaseTime);
		RedisEmnifyTokenStore successor = store(Clock.systemUTC(), leaseTime);
		Lease held = closing.lease(KEY).block();
		closing.close();
		assertThat(redis.cli("KEYS", "*lease")).doesNotContain("lease");
		assertThat(successor.lease(KEY).block()).isNotNull();
		// A renewal of the closed store's that still runs sends no MFA code and stores
		// nothing.
		assertThat(held.extend().block()).isFalse();
		assertThat(closing.save(KEY, held, session("late", Clock.systemUTC())).block()).isFalse();
		assertThatIllegalStateException().isThrownBy(() -> closing.load(KEY).block()).withMessageContaining("closed");
		assertThatIllegalStateException().isThrownBy(() -> closing.lease(KEY).block()).withMessageContaining("closed");
	}

	// A rejection held back for the cooldown, a transient failure for the pause after
	// spent
	// retries: either way every instance until the same instant.
	@ParameterizedTest(name = "HTTP {0}")
	@ValueSource(ints = { 401, 503 })
	void aStoredFailureHoldsBackEveryInstanceUntilTheSameInstant(int status) {
		emnify.stubFor(post("/api/v1/authenticate").willReturn(aResponse().withStatus(status)));
		Duration holdBack = Duration.ofSeconds(3);
		Supplier<EmnifyTokenProvider> instance = () -> sharing(EmnifyCredentials.applicationToken("app-token"))
			.rejectedCredentialsCooldown(holdBack)
			.retryPolicy(RetryPolicy.builder().maxRetries(0).build())
			.retryMaxDelay(holdBack)
			.build();
		EmnifyTokenProvider first = instance.get();
		EmnifyAuthenticationException failure = catchThrowableOfType(EmnifyAuthenticationException.class,
				() -> first.getToken().block(Duration.ofSeconds(5)));
		assertThat(failure.getStatusCode()).isEqualTo(HttpStatusCode.valueOf(status));
		assertThat(failure.isRejected()).isEqualTo(status == 401);
		Instant firstUntil = first.status().failureUntil();
		assertThat(firstUntil).isNotNull();
		// Another instance reads the failure a while later, on Redis' clock.
		await().atMost(Duration.ofSeconds(3))
			.until(() -> Long.parseLong(redis.cli("--raw", "PTTL", failureKey()).strip()) < 1500);
		EmnifyTokenProvider second = instance.get();
		assertThat(catchThrowableOfType(EmnifyAuthenticationException.class,
				() -> second.getToken().block(Duration.ofSeconds(5)))
			.getStatusCode()).isEqualTo(HttpStatusCode.valueOf(status));
		assertThat(Duration.between(firstUntil, second.status().failureUntil()).abs())
			.isLessThan(Duration.ofMillis(300));
		assertThat(
				emnify.countRequestsMatching(postRequestedFor(urlEqualTo("/api/v1/authenticate")).build()).getCount())
			.isEqualTo(1);
	}

	// What went wrong travels with the failure: each instance gives it the advice its
	// own kind calls for.
	@ParameterizedTest(name = "{0}")
	@CsvSource({ "401, REJECTED", "404, UNEXPECTED_STATUS", "302, REDIRECTED", "503, UNAVAILABLE",
			"lock, USER_LOCKED" })
	void aFailureReadFromRedisHasTheKindTheInstanceThatMetItGaveIt(String answer, EmnifyFailureKind kind) {
		emnify.stubFor(post("/api/v1/authenticate").willReturn(answer.equals("lock")
				? aResponse().withStatus(401)
					.withHeader("Content-Type", "application/json")
					.withBody("{\"error_code\":1105,\"error_token\":\"TooManyRequests\"}")
				: aResponse().withStatus(Integer.parseInt(answer))));
		assertThat(failure(withoutRetries()).getKind()).isEqualTo(kind);
		EmnifyAuthenticationException read = failure(withoutRetries());
		assertThat(read.getSharedHoldBack()).as("read from Redis").isNotNull();
		assertThat(read.getKind()).isEqualTo(kind);
		assertThat(authenticateCalls()).isOne();
	}

	// An instance of a version without kinds shares the fleet's Redis with this one.
	@ParameterizedTest(name = "HTTP {0}")
	@CsvSource({ "401, REJECTED", "503, UNAVAILABLE" })
	void aFailureStoredWithoutKindReadsAsRejectedOrUnavailable(int status, EmnifyFailureKind kind) {
		emnify.stubFor(post("/api/v1/authenticate").willReturn(aResponse().withStatus(status)));
		failure(withoutRetries());
		String key = failureKey();
		TokenCipher cipher = new TokenCipher(ENCRYPTION_KEY);
		ObjectNode stored = (ObjectNode) JsonMapper.shared()
			.readTree(cipher.decrypt(key, redis.cli("--raw", "GET", key).strip()));
		assertThat(stored.path("kind").asString()).isEqualTo(kind.name());
		stored.remove("kind");
		redis.cli("SET", key, cipher.encrypt(key, stored.toString()), "PX", "60000");
		EmnifyAuthenticationException read = failure(withoutRetries());
		assertThat(read.getSharedHoldBack()).as("read from Redis").isNotNull();
		assertThat(read.getKind()).isEqualTo(kind);
		assertThat(authenticateCalls()).isOne();
	}

	@Test
	void twoRejectedLoginsOnTwoInstancesStopTheWholeFleetBeforeEmnifysLock() {
		emnify.stubFor(post("/api/v1/authenticate").willReturn(aResponse().withStatus(401)));
		Duration cooldown = Duration.ofSeconds(2);
		EmnifyTokenProvider first = userProvider(cooldown);
		assertThat(failure(first).getRejectedLoginsInARow()).isOne();
		EmnifyTokenProvider second = userProvider(cooldown);
		assertThat(failure(second).getRejectedLoginsInARow()).as("read from Redis").isOne();
		awaitHoldBackOver(second);
		EmnifyAuthenticationException stop = failure(second);
		assertThat(stop.getRejectedLoginsInARow()).isEqualTo(2);
		assertThat(stop).hasMessageStartingWith("emnify rejected 2 logins of this user in a row");
		// The stop reaches the instance that met the first rejection, and one that
		// starts now.
		assertThat(failure(first)).hasMessageStartingWith("emnify rejected 2 logins of this user in a row");
		EmnifyTokenProvider started = userProvider(cooldown);
		EmnifyAuthenticationException read = failure(started);
		assertThat(read.getRejectedLoginsInARow()).isEqualTo(2);
		assertThat(read.getKind()).isEqualTo(EmnifyFailureKind.LOGINS_STOPPED);
		awaitNoStoredFailure();
		for (EmnifyTokenProvider provider : List.of(first, second, started)) {
			assertThat(failure(provider).getRejectedLoginsInARow()).isEqualTo(2);
			assertThat(provider.status().failureUntil()).isNull();
		}
		assertThat(
				emnify.countRequestsMatching(postRequestedFor(urlEqualTo("/api/v1/authenticate")).build()).getCount())
			.isEqualTo(2);
	}

	// A password step left unanswered here, a rejection on another instance: emnify may
	// have counted two, so this instance sends no third login.
	@Test
	void aStepThisInstanceLeftUnansweredCountsWithARejectionTheFleetShares() {
		answerLoginsInTurn(aResponse().withStatus(500), aResponse().withStatus(401));
		Duration cooldown = Duration.ofSeconds(1);
		EmnifyTokenProvider first = userProvider(cooldown);
		assertThat(failure(first).getStatusCode()).isEqualTo(HttpStatusCode.valueOf(500));
		awaitHoldBackOver(first);
		EmnifyTokenProvider second = userProvider(cooldown);
		assertThat(failure(second).getRejectedLoginsInARow()).isOne();
		awaitNoStoredFailure();
		await().atMost(Duration.ofSeconds(5)).until(() -> first.status().failureUntil() == null);
		EmnifyAuthenticationException stop = failure(first);
		assertThat(stop.getRejectedLoginsInARow()).isEqualTo(2);
		assertThat(stop).hasMessageStartingWith("emnify rejected 1 login of this user and left 1 unanswered");
		assertThat(authenticateCalls()).isEqualTo(2);
	}

	// The fleet's rejection, then a password step this instance sent that timed out: the
	// stop has no HTTP status, and the fleet shares it all the same.
	@Test
	void aStopAfterAStepLeftUnansweredReachesTheFleet() {
		answerLoginsInTurn(aResponse().withStatus(401), okJson("{\"auth_token\":\"late\"}").withFixedDelay(2000));
		Duration cooldown = Duration.ofSeconds(1);
		EmnifyTokenProvider first = userProvider(cooldown);
		assertThat(failure(first).getRejectedLoginsInARow()).isOne();
		awaitHoldBackOver(first);
		EmnifyTokenProvider second = sharing(EmnifyCredentials.user("ops@example.org", "not-the-password"))
			.rejectedCredentialsCooldown(cooldown)
			.requestTimeout(Duration.ofMillis(300))
			.build();
		EmnifyAuthenticationException stop = failure(second);
		assertThat(stop.getStatusCode()).isNull();
		assertThat(stop.getRejectedLoginsInARow()).isEqualTo(2);
		EmnifyTokenProvider started = userProvider(cooldown);
		EmnifyAuthenticationException shared = failure(started);
		assertThat(shared.getRejectedLoginsInARow()).isEqualTo(2);
		assertThat(shared).hasMessageStartingWith("emnify rejected 1 login of this user and left 1 unanswered");
		assertThat(failure(first).getRejectedLoginsInARow()).isEqualTo(2);
		assertThat(authenticateCalls()).isEqualTo(2);
	}

	@Test
	void anInstanceWithCorrectedSettingsStartedDuringTheCooldownWaitsItOutThenLogsIn() {
		emnify.stubFor(post("/api/v1/authenticate").willReturn(aResponse().withStatus(401)));
		Duration cooldown = Duration.ofSeconds(2);
		EmnifyTokenProvider first = userProvider(cooldown);
		failure(first);
		awaitHoldBackOver(first);
		assertThat(failure(first).getRejectedLoginsInARow()).isEqualTo(2);
		emnify.stubFor(post("/api/v1/authenticate").willReturn(okJson("{\"auth_token\":\"token-corrected\"}")));
		EmnifyTokenProvider corrected = sharing(EmnifyCredentials.user("ops@example.org", "the-password"))
			.rejectedCredentialsCooldown(cooldown)
			.build();
		EmnifyAuthenticationException pause = failure(corrected);
		assertThat(pause.getRejectedLoginsInARow()).as("other settings' count").isZero();
		awaitHoldBackOver(corrected);
		assertThat(corrected.getToken().block(Duration.ofSeconds(5))).isEqualTo("token-corrected");
		assertThat(authenticateCalls()).isEqualTo(3);
	}

	@Test
	void theRunOfRejectedLoginsOutlivesTheCooldownForTheSameSettingsOnly() {
		emnify.stubFor(post("/api/v1/authenticate").willReturn(aResponse().withStatus(401)));
		Duration cooldown = Duration.ofSeconds(1);
		EmnifyTokenProvider first = userProvider(cooldown);
		assertThat(failure(first).getRejectedLoginsInARow()).isOne();
		awaitHoldBackOver(first);
		// An instance that starts, or asks, after the cooldown counts on.
		EmnifyTokenProvider later = userProvider(cooldown);
		assertThat(failure(later)).hasMessageStartingWith("emnify rejected 2 logins of this user in a row");
		awaitNoStoredFailure();
		assertThat(failure(first).getRejectedLoginsInARow()).isEqualTo(2);
		assertThat(failure(userProvider(cooldown)).getRejectedLoginsInARow()).isEqualTo(2);
		assertThat(authenticateCalls()).isEqualTo(2);
		assertThat(Long.parseLong(redis.cli("--raw", "PTTL", storedKey("rejections")).strip()))
			.isGreaterThan(Duration.ofHours(23).toMillis());
		// Refused again, the stored rejection stays as it was stored.
		String stored = redis.cli("--raw", "GET", storedKey("rejections"));
		assertThat(failure(userProvider(cooldown)).getRejectedLoginsInARow()).isEqualTo(2);
		assertThat(redis.cli("--raw", "GET", storedKey("rejections"))).isEqualTo(stored);
		// Corrected settings log in, and their tokens end the run.
		emnify.stubFor(post("/api/v1/authenticate").willReturn(okJson("{\"auth_token\":\"token-corrected\"}")));
		EmnifyTokenProvider corrected = sharing(EmnifyCredentials.user("ops@example.org", "the-password")).build();
		assertThat(corrected.getToken().block(Duration.ofSeconds(5))).isEqualTo("token-corrected");
		assertThat(authenticateCalls()).isEqualTo(3);
		assertThat(storedKey("rejections")).isEmpty();
	}

	@Test
	void aTokenObtainedAfterA401IsKeptByAnInstanceThatNeverSawThe401() {
		emnify.stubFor(post("/api/v1/authenticate")
			.willReturn(okJson("{\"auth_token\":\"token-{{randomValue length=16 type='ALPHANUMERIC'}}\"}")
				.withTransformers("response-template")));
		EmnifyTokenProvider first = provider(Duration.ofMinutes(5));
		String rejected = first.getToken().block(Duration.ofSeconds(5));
		assertThat(first.invalidate(rejected)).isTrue();
		String replacement = first.getToken().block(Duration.ofSeconds(5));
		assertThat(replacement).isNotEqualTo(rejected);
		// Another instance takes the shared session up cold, and its path answers 401 to
		// it too: the replacement is kept, fleet-wide, not renewed once per instance.
		EmnifyTokenProvider other = provider(Duration.ofMinutes(5));
		assertThat(other.getToken().block(Duration.ofSeconds(5))).isEqualTo(replacement);
		assertThat(other.invalidate(replacement)).isFalse();
		assertThat(other.getToken().block(Duration.ofSeconds(5))).isEqualTo(replacement);
		assertThat(
				emnify.countRequestsMatching(postRequestedFor(urlEqualTo("/api/v1/authenticate")).build()).getCount())
			.isEqualTo(2);
	}

	// The first login answered with one response, every later one with the other.
	private static void answerLoginsInTurn(ResponseDefinitionBuilder first, ResponseDefinitionBuilder later) {
		emnify.stubFor(post("/api/v1/authenticate").inScenario("logins")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(first)
			.willSetStateTo("answered once"));
		emnify.stubFor(post("/api/v1/authenticate").inScenario("logins")
			.whenScenarioStateIs("answered once")
			.willReturn(later));
	}

	private static EmnifyTokenProvider provider(Duration cooldown) {
		return sharing(EmnifyCredentials.applicationToken("app-token")).rejectedCredentialsCooldown(cooldown).build();
	}

	// An instance of the fleet: the store on the test's Redis server, against WireMock.
	private static EmnifyTokenProviderBuilder sharing(EmnifyCredentials credentials) {
		return EmnifyTokenProvider.builder(WebClient.builder(), URI.create(emnify.baseUrl()), credentials)
			.tokenStore(store(Clock.systemUTC(), Duration.ofSeconds(10)));
	}

	private static EmnifyTokenProvider withoutRetries() {
		return sharing(EmnifyCredentials.applicationToken("app-token"))
			.retryPolicy(RetryPolicy.builder().maxRetries(0).build())
			.build();
	}

	private static EmnifyTokenProvider userProvider(Duration cooldown) {
		return sharing(EmnifyCredentials.user("ops@example.org", "not-the-password"))
			.rejectedCredentialsCooldown(cooldown)
			.retryMaxDelay(cooldown)
			.build();
	}

	private static EmnifyAuthenticationException failure(EmnifyTokenProvider provider) {
		return catchThrowableOfType(EmnifyAuthenticationException.class,
				() -> provider.getToken().block(Duration.ofSeconds(5)));
	}

	// Until the provider's own hold-back, which outlasts the stored failure by the time
	// it took to read it, is over.
	private static void awaitHoldBackOver(EmnifyTokenProvider provider) {
		await().atMost(Duration.ofSeconds(5))
			.until(() -> failureKey().isEmpty() && provider.status().failureUntil() == null
					&& provider.status().failure() == null);
	}

	private static void awaitNoStoredFailure() {
		await().atMost(Duration.ofSeconds(5)).until(() -> failureKey().isEmpty());
	}

	private static String storedKey(String suffix) {
		return redis.cli("--raw", "KEYS", "*" + suffix).strip();
	}

	private static long authenticateCalls() {
		return emnify.countRequestsMatching(postRequestedFor(urlEqualTo("/api/v1/authenticate")).build()).getCount();
	}

	private static String failureKey() {
		return redis.cli("--raw", "KEYS", "*failure").strip();
	}

	private static void awaitLease() {
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (!redis.cli("KEYS", "*lease").contains("lease")) {
			assertThat(System.nanoTime()).as("a lease within 10 s").isLessThan(deadline);
			Thread.onSpinWait();
		}
	}

	private static String leaseKey() {
		return redis.cli("--raw", "KEYS", "*lease").strip();
	}

	// The name of the session's lease, as the store takes it; released again after.
	private static String leaseKeyOfTheSession(RedisEmnifyTokenStore store) {
		Lease lease = store.lease(KEY).block();
		String key = leaseKey();
		lease.release().block();
		return key;
	}

	private static void save(RedisEmnifyTokenStore store, EmnifySession session) {
		Lease lease = store.lease(KEY).block();
		assertThat(store.save(KEY, lease, session).block()).isTrue();
		lease.release().block();
	}

	// Tokens named after the instance, living an hour, renewed five minutes before
	// expiry, on the given clock.
	private static EmnifySession session(String name, Clock clock) {
		Instant now = clock.instant();
		EmnifyToken auth = new EmnifyToken(name, now.plus(Duration.ofHours(1)), now.plus(Duration.ofMinutes(55)),
				now.plus(Duration.ofMinutes(59)));
		EmnifyToken refresh = new EmnifyToken(name + "-refresh", now.plus(Duration.ofHours(2)),
				now.plus(Duration.ofHours(2)), now.plus(Duration.ofHours(2)));
		return new EmnifySession(auth, refresh);
	}

	private static RedisEmnifyTokenStore store(Clock clock, Duration leaseTime) {
		return RedisEmnifyTokenStore.builder(redis.connectionFactory(), ENCRYPTION_KEY)
			.clock(clock)
			.leaseTime(leaseTime)
			.commandTimeout(Duration.ofMillis(200))
			.build();
	}

}
