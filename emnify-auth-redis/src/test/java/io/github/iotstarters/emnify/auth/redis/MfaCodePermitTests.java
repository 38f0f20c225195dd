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
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import io.github.iotstarters.emnify.auth.EmnifyAuthenticationException;
import io.github.iotstarters.emnify.auth.EmnifyCredentials;
import io.github.iotstarters.emnify.auth.EmnifyFailureKind;
import io.github.iotstarters.emnify.auth.EmnifyTokenProvider;
import io.github.iotstarters.emnify.auth.EmnifyTokenProviderBuilder;
import io.github.iotstarters.emnify.auth.EmnifyTokenStatus;
import io.github.iotstarters.emnify.auth.test.AdjustableClock;
import io.github.iotstarters.emnify.auth.test.EmnifySimulator;
import io.github.iotstarters.emnify.auth.test.SimulatorCounters;
import io.github.iotstarters.emnify.auth.testsupport.TotpCodes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

/**
 * A fleet that shares its session through the Redis store sends an MFA code only under
 * the fleet's lease, against the simulator, which accepts the code of a TOTP step once
 * and locks the user after three failed logins in a row: not while Redis is down, when
 * the instances would all send the same step's code, and not after the lease went to
 * another instance. One clock drives the simulator and the instances.
 */
class MfaCodePermitTests {

	/**
	 * Start of a TOTP step, so a test can move within the step without crossing it.
	 */
	private static final Instant START = Instant.parse("2030-01-01T00:00:00Z");

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private static final String APPLICATION_TOKEN = "fleet-application-token";

	private static final String USER = "ops@example.org";

	private static final String USER_PASSWORD = "ops-password";

	private static final String MFA_USER = "mfa@example.org";

	private static final String MFA_PASSWORD = "mfa-password";

	private static final String SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

	private static final byte[] ENCRYPTION_KEY = new byte[RedisEmnifyTokenStore.KEY_BYTES];

	// emnify's tokens live 240 minutes, less the second that iat may hide: renewed from
	// 234:59, stale from 238:59.
	private static final Duration TO_RENEWAL = Duration.ofMinutes(236);

	private static final Duration TO_STALENESS = Duration.ofMinutes(3);

	@RegisterExtension
	static LocalRedis redis = new LocalRedis();

	private final AdjustableClock clock = new AdjustableClock(START.plusSeconds(5));

	private final EmnifySimulator simulator = EmnifySimulator.builder()
		.clock(this.clock)
		.workspace(1, "Fleet")
		.applicationToken(APPLICATION_TOKEN, 1)
		.user(USER, USER_PASSWORD, 1)
		.userWithMfa(MFA_USER, MFA_PASSWORD, SECRET, 1)
		.build()
		.start();

	private final List<RedisEmnifyTokenStore> stores = new ArrayList<>();

	@AfterEach
	void stop() {
		this.stores.forEach(RedisEmnifyTokenStore::close);
		this.simulator.stop();
	}

	@Test
	void aFleetOfAnMfaUserSendsNoCodeWhileRedisIsDownAndLogsInOnceWhenItIsBack() {
		List<EmnifyTokenProvider> fleet = IntStream.range(0, 4)
			.mapToObj((instance) -> mfaUser().mfaTotpSecret(SECRET).build())
			.toList();
		String shared = fleet.get(0).getToken().block(TIMEOUT);
		assertThat(fleet).allSatisfy((instance) -> assertThat(instance.getToken().block(TIMEOUT)).isEqualTo(shared));
		SimulatorCounters counters = this.simulator.counters();
		assertThat(counters.mfaLogins()).isOne();
		long before = counters.authenticateRequests();
		// Each instance's own: one that loaded the session reads its expiry off Redis'
		// remaining time, so it differs from the logged-in one's by the milliseconds
		// Redis' clock moved while the test's clock stood still.
		List<Instant> held = fleet.stream().map((instance) -> instance.status().expiresAt()).toList();
		redis.stop();
		// The shared token reaches its renewal on every instance at once: each goes on
		// with it, and its renewal in the background sends nothing.
		this.clock.advance(TO_RENEWAL);
		assertThat(fleet).allSatisfy((instance) -> assertThat(instance.getToken().block(TIMEOUT)).isEqualTo(shared));
		await().atMost(TIMEOUT)
			.until(() -> IntStream.range(0, fleet.size())
				.allMatch((instance) -> renewalEnded(fleet.get(instance).status(), held.get(instance))));
		assertThat(counters.authenticateRequests()).as("authenticate calls while Redis is down").isEqualTo(before);
		assertThat(this.stores).allSatisfy((store) -> assertThat(store.status().shared()).isFalse());
		assertThat(fleet).allSatisfy((instance) -> assertThat(instance.getToken().block(TIMEOUT)).isEqualTo(shared));
		// Stale: every caller fails, and no failure counts towards the stop.
		this.clock.advance(TO_STALENESS);
		for (EmnifyTokenProvider instance : fleet) {
			for (int caller = 0; caller < 3; caller++) {
				EmnifyAuthenticationException failure = failure(instance);
				assertNoCodeWithoutRedis(failure);
				assertThat(failure.getRejectedLoginsInARow()).isZero();
			}
		}
		assertThat(counters.authenticateRequests()).isEqualTo(before);
		assertThat(counters.rejected()).isZero();
		// Redis answers again: the fleet logs in once, and shares the token.
		redis.restart();
		await().atMost(Duration.ofSeconds(30))
			.until(() -> this.stores.stream().allMatch((store) -> store.status().shared()));
		this.clock.advance(Duration.ofSeconds(1));
		List<String> renewed = Flux.fromIterable(fleet)
			.flatMap(EmnifyTokenProvider::getToken)
			.collectList()
			.block(TIMEOUT);
		assertThat(renewed).hasSize(4).doesNotContain(shared);
		assertThat(Set.copyOf(renewed)).hasSize(1);
		assertThat(counters.mfaChallenges()).isEqualTo(2);
		assertThat(counters.mfaLogins()).isEqualTo(2);
		assertThat(counters.authenticateRequests()).isEqualTo(before + 2);
		assertThat(counters.rejected()).isZero();
	}

	// Which logins an instance sends alone while Redis is down: those that cannot need
	// an MFA code. A user with a code source sends not even the password step, although
	// a trusted device may let it skip MFA: the device's trust may have ended unseen, and
	// the step mails a code to a user with email MFA. The token the instance takes up
	// before the outage is another instance's; for the user with MFA, that instance's
	// login registered the trusted device.
	@ParameterizedTest(name = "{0}")
	@MethodSource("loginsWhileRedisIsDown")
	void whileRedisIsDownAnInstanceLogsInAloneOnlyWithoutACodeSource(String login, EmnifyCredentials credentials,
			UnaryOperator<EmnifyTokenProviderBuilder> fleetSettings, UnaryOperator<EmnifyTokenProviderBuilder> settings,
			boolean alone) {
		String shared = fleetSettings.apply(builder(credentials)).build().getToken().block(TIMEOUT);
		EmnifyTokenProvider instance = settings.apply(builder(credentials)).build();
		assertThat(instance.getToken().block(TIMEOUT)).isEqualTo(shared);
		SimulatorCounters counters = this.simulator.counters();
		long before = counters.authenticateRequests();
		redis.stop();
		this.clock.advance(TO_RENEWAL.plus(TO_STALENESS));
		if (alone) {
			assertThat(instance.getToken().block(TIMEOUT)).isNotEqualTo(shared);
			assertThat(counters.authenticateRequests()).isEqualTo(before + 1);
		}
		else {
			assertNoCodeWithoutRedis(failure(instance));
			assertThat(counters.authenticateRequests()).isEqualTo(before);
		}
		assertThat(counters.rejected()).isZero();
		assertThat(this.stores.get(1).status().shared()).isFalse();
	}

	static Stream<Arguments> loginsWhileRedisIsDown() {
		UnaryOperator<EmnifyTokenProviderBuilder> none = UnaryOperator.identity();
		EmnifyCredentials mfaUser = EmnifyCredentials.user(MFA_USER, MFA_PASSWORD);
		UnaryOperator<EmnifyTokenProviderBuilder> enrolled = (builder) -> builder.mfaTotpSecret(SECRET)
			.trustedDevice("device-1", "fleet");
		UnaryOperator<EmnifyTokenProviderBuilder> totp = (builder) -> builder.mfaTotpSecret(SECRET);
		UnaryOperator<EmnifyTokenProviderBuilder> device = (builder) -> builder.trustedDevice("device-1", "fleet");
		UnaryOperator<EmnifyTokenProviderBuilder> codeSource = (builder) -> builder
			.mfaCodeSource(() -> Mono.error(new AssertionError("A code was asked for")));
		return Stream.of(
				Arguments.of("application token", EmnifyCredentials.applicationToken(APPLICATION_TOKEN), none, none,
						true),
				Arguments.of("user without MFA", EmnifyCredentials.user(USER, USER_PASSWORD), none, none, true),
				Arguments.of("trusted device, no code source", mfaUser, enrolled, device, true),
				Arguments.of("TOTP secret", mfaUser, enrolled, totp, false),
				Arguments.of("TOTP secret and trusted device", mfaUser, enrolled, enrolled, false),
				Arguments.of("code source of the application's", mfaUser, enrolled, codeSource, false));
	}

	// A holder whose lease another instance took while it waited for its code (a
	// failover, a pause longer than the lease) sends no code: it would be the same
	// step's as the other's, which emnify refuses as used. It serves the other's token.
	@Test
	void aHolderThatLostItsLeaseBeforeItsCodeSendsNoneAndServesItsSuccessorsToken() {
		EmnifyTokenProvider successor = mfaUser().mfaTotpSecret(SECRET).build();
		ReactiveStringRedisTemplate template = new ReactiveStringRedisTemplate(redis.connectionFactory());
		AtomicInteger codes = new AtomicInteger();
		EmnifyTokenProvider holder = mfaUser().mfaCodeSource(() -> {
			Mono<String> code = Mono.fromSupplier(() -> TotpCodes.code(SECRET, TotpCodes.step(this.clock.instant())));
			return (codes.incrementAndGet() > 1) ? code
					: template.keys("*:lease").flatMap(template::delete).then(successor.getToken()).then(code);
		}).build();
		String token = holder.getToken().block(TIMEOUT);
		assertThat(token).isEqualTo(successor.getToken().block(TIMEOUT));
		SimulatorCounters counters = this.simulator.counters();
		assertThat(codes).as("codes taken by the holder").hasValue(1);
		assertThat(counters.mfaChallenges()).isEqualTo(2);
		assertThat(counters.mfaLogins()).isOne();
		assertThat(counters.rejected()).isZero();
	}

	// Redis goes down while the holder waits for its code: it cannot tell whether its
	// lease is still its own (a Redis back empty would give it to the next instance), so
	// it sends no code.
	@Test
	void aHolderWhoseRedisWentDownBeforeItsCodeSendsNone() {
		AtomicInteger codes = new AtomicInteger();
		EmnifyTokenProvider holder = mfaUser().mfaCodeSource(() -> Mono.fromRunnable(redis::stop)
			.subscribeOn(Schedulers.boundedElastic())
			.then(Mono.fromSupplier(() -> {
				codes.incrementAndGet();
				return TotpCodes.code(SECRET, TotpCodes.step(this.clock.instant()));
			}))).build();
		assertNoCodeWithoutRedis(failure(holder));
		SimulatorCounters counters = this.simulator.counters();
		assertThat(codes).as("codes taken by the holder").hasValue(1);
		assertThat(counters.mfaChallenges()).isOne();
		assertThat(counters.authenticateRequests()).isOne();
		assertThat(counters.rejected()).isZero();
	}

	private static void assertNoCodeWithoutRedis(EmnifyAuthenticationException failure) {
		assertThat(failure).hasMessageStartingWith("emnify login not sent, as it would need an MFA code")
			.hasMessageContaining("cannot reach Redis")
			.hasMessageContaining("could make emnify lock the user")
			.hasMessageContaining("one 30-second TOTP step, or of one mail, once")
			.hasMessageContaining("Restore Redis (check the connection factory given to RedisEmnifyTokenStore.builder")
			.hasMessageContaining("EmnifyCredentials.applicationToken")
			.hasMessageNotContaining(SECRET)
			.hasMessageNotContaining(MFA_PASSWORD);
		assertThat(failure.isRejected()).isFalse();
		assertThat(failure.getStatusCode()).isNull();
		assertThat(failure.getKind()).isEqualTo(EmnifyFailureKind.NO_MFA_WITHOUT_SHARED_STORE);
	}

	// The renewal in the background has ended: with a failure that holds back the next,
	// or with another token.
	private static boolean renewalEnded(EmnifyTokenStatus status, Instant expiresAt) {
		return status.failure() != null || !expiresAt.equals(status.expiresAt());
	}

	private static EmnifyAuthenticationException failure(EmnifyTokenProvider instance) {
		return catchThrowableOfType(EmnifyAuthenticationException.class, () -> instance.getToken().block(TIMEOUT));
	}

	private EmnifyTokenProviderBuilder mfaUser() {
		return builder(EmnifyCredentials.user(MFA_USER, MFA_PASSWORD));
	}

	// An instance of the fleet: a store of its own on the test's Redis server.
	private EmnifyTokenProviderBuilder builder(EmnifyCredentials credentials) {
		RedisEmnifyTokenStore store = RedisEmnifyTokenStore.builder(redis.connectionFactory(), ENCRYPTION_KEY)
			.clock(this.clock)
			.commandTimeout(Duration.ofMillis(200))
			.retryInterval(Duration.ofMillis(100))
			.build();
		this.stores.add(store);
		return EmnifyTokenProvider.builder(WebClient.builder(), URI.create(this.simulator.baseUrl()), credentials)
			.clock(this.clock)
			.tokenStore(store);
	}

}
