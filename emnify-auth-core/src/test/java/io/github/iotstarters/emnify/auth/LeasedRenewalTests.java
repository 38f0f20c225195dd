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

package io.github.iotstarters.emnify.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.http.HttpStatusCode;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

import io.github.iotstarters.emnify.auth.EmnifyAuthenticationException.Failure;
import io.github.iotstarters.emnify.auth.EmnifyTokenStore.RecordedFailure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * How a renewal goes through a passive store: what it takes from the store, what it
 * records there for the other instances, and what it does when the store cannot answer.
 */
class LeasedRenewalTests {

	private static final String KEY = "https://cdn.emnify.net/0123";

	private static final String DIGEST = "settings-digest";

	private final SharedStore store = new SharedStore();

	private final Renewals renewals = new Renewals();

	private final LeasedRenewal leased = new LeasedRenewal(this.store, KEY, this.renewals, EmnifyFailureAdvice.DEFAULT);

	@Test
	void anAcceptedSessionIsHandedOutWithoutRenewal() {
		EmnifySession first = this.leased.obtain().block();
		EmnifySession second = this.leased.obtain().block();
		assertThat(second.authToken()).isSameAs(first.authToken());
		assertThat(this.renewals.refreshTokensSeen).containsExactly((String) null);
		assertThat(this.store.leasesTaken).hasValue(1);
		assertThat(this.store.leasesHeld).hasValue(0);
	}

	@Test
	void theRefreshTokenIsHandedToOneRenewalOnly() {
		this.renewals.acceptsHeld = false;
		this.leased.obtain().block();
		this.leased.obtain().block();
		this.renewals.failNext = new IllegalStateException("emnify unreachable");
		assertThat(this.leased.obtain().onErrorResume((ex) -> Mono.empty()).block()).isNull();
		this.leased.obtain().block();
		// The third renewal failed after taking refresh-2: the fourth gets none.
		assertThat(this.renewals.refreshTokensSeen).containsExactly(null, "refresh-1", "refresh-2", null);
		assertThat(this.store.leasesHeld).hasValue(0);
	}

	@Test
	void aFailureAnotherInstanceRecordedHoldsThisOneBackForWhatIsLeftOfIt() {
		this.store.heldBack = new RecordedFailure("emnify rejected the authentication request",
				EmnifyFailureKind.REJECTED, EmnifyGrantType.PASSWORD, 401, "Unauthorized", null, true, 1,
				Duration.ofSeconds(42));
		EmnifyAuthenticationException failure = catchThrowableOfType(EmnifyAuthenticationException.class,
				() -> this.leased.obtain().block());
		assertThat(failure).hasMessage("emnify rejected the authentication request (Reported through the shared "
				+ "token store by the instance that tried; this instance holds back its logins as that one does.)");
		assertThat(failure.getSharedHoldBack()).isEqualTo(Duration.ofSeconds(42));
		assertThat(failure.getStatusCode()).isEqualTo(HttpStatusCode.valueOf(401));
		assertThat(failure.getRejectedLoginsInARow()).isOne();
		assertThat(failure.getKind()).isEqualTo(EmnifyFailureKind.REJECTED);
		assertThat(this.renewals.refreshTokensSeen).isEmpty();
		assertThat(this.store.leasesTaken).hasValue(0);
	}

	@Test
	void theRunsLastRejectionReachesTheRenewalWithItsCount() {
		this.store.lastRejection = new RecordedFailure("emnify rejected the MFA code", EmnifyFailureKind.REJECTED,
				EmnifyGrantType.MFA, 401, null, null, true, 1, Duration.ZERO);
		this.leased.obtain().block();
		assertThat(this.renewals.lastRejections).singleElement().satisfies((rejection) -> {
			assertThat(rejection.getRejectedLoginsInARow()).isOne();
			assertThat(rejection).hasMessageEndingWith("logins with these settings count on from it.)");
		});
		assertThat(this.store.digestsAsked).containsOnly(DIGEST);
	}

	@Test
	void aRenewalWithoutSettingsToCountAsksForNoRejection() {
		this.renewals.digest = "";
		this.store.lastRejection = new RecordedFailure("emnify rejected the MFA code", EmnifyFailureKind.REJECTED,
				EmnifyGrantType.MFA, 401, null, null, true, 1, Duration.ZERO);
		this.leased.obtain().block();
		assertThat(this.renewals.lastRejections).containsExactly((EmnifyAuthenticationException) null);
	}

	@Test
	void whileAnotherInstanceHoldsTheLeaseTheRenewalWaitsForItsSession() {
		this.store.leaseHeldElsewhereFor = 3;
		EmnifySession theirs = new EmnifySession(token("theirs"), null);
		this.store.onPoll = (polls) -> {
			if (polls == 3) {
				this.store.session = theirs;
			}
		};
		assertThat(this.leased.obtain().block(Duration.ofSeconds(5))).isSameAs(theirs);
		assertThat(this.renewals.refreshTokensSeen).isEmpty();
		assertThat(this.store.leasesTaken).hasValue(0);
	}

	@Test
	void aWaitSaysWhichLeaseItWaitsFor() {
		this.store.leaseHeldElsewhereFor = Integer.MAX_VALUE;
		assertThat(this.leased.waitingFor()).isNull();
		// The first look at the lease runs on the subscribing thread.
		Disposable waiting = this.leased.obtain().subscribe();
		assertThat(this.leased.waitingFor())
			.isEqualTo("the renewal of another instance, which held the lease of the test");
		waiting.dispose();
	}

	@Test
	void aHolderThatLostItsLeaseBeforeTheCodeSendsNoneAndWaitsForItsSuccessor() {
		this.renewals.asksForPermit = true;
		this.store.extensionsHeld = false;
		EmnifySession successors = new EmnifySession(token("successor"), null);
		this.store.onPoll = (polls) -> this.store.session = successors;
		assertThat(this.leased.obtain().block(Duration.ofSeconds(5))).isSameAs(successors);
		assertThat(this.renewals.codesSent).hasValue(0);
		assertThat(this.store.leasesHeld).hasValue(0);
	}

	@Test
	void tokensWhoseLeaseWasLostAreHandedOutAllTheSame() {
		this.store.saves = false;
		assertThat(this.leased.obtain().block().authToken().value()).isEqualTo("auth-1");
		assertThat(this.store.session).isNull();
	}

	@Test
	void withoutItsStoreAnInstanceRenewsAloneButSendsNoMfaCode() {
		this.store.unavailable = true;
		this.renewals.acceptsHeld = false;
		assertThat(this.leased.obtain().block().authToken().value()).isEqualTo("auth-1");
		assertThat(this.leased.obtain().block().authToken().value()).isEqualTo("auth-2");
		assertThat(this.renewals.refreshTokensSeen).containsExactly(null, "refresh-1");
		this.renewals.asksForPermit = true;
		EmnifyAuthenticationException failure = catchThrowableOfType(EmnifyAuthenticationException.class,
				() -> this.leased.obtain().block());
		assertThat(failure.getKind()).isEqualTo(EmnifyFailureKind.NO_MFA_WITHOUT_SHARED_STORE);
		assertThat(failure.getSharedHoldBack()).isEqualTo(Duration.ofSeconds(5));
		assertThat(failure.getRejectedLoginsInARow()).isZero();
		assertThat(failure.getStatusCode()).isNull();
		assertThat(failure).hasMessageContaining("this instance cannot reach the test server, the shared token store")
			.hasMessageContaining("when the test server answers again");
		assertThat(this.renewals.codesSent).hasValue(0);
		assertThat(this.store.recorded).isEmpty();
	}

	@Test
	void aDiscardReachesTheStoreAndTheSessionOfItsOwn() {
		this.store.unavailable = true;
		String alone = this.leased.obtain().block().authToken().value();
		this.store.unavailable = false;
		this.store.session = new EmnifySession(token(alone), null);
		this.leased.discard(alone).block();
		assertThat(this.store.session).isNull();
		this.store.unavailable = true;
		assertThat(this.leased.obtain().block().authToken().value()).isNotEqualTo(alone);
	}

	// What a failed renewal records for the other instances: a hold-back only for what
	// emnify answered, the run's last rejection only when it counted and the renewal
	// has settings to count for.
	static Stream<Arguments> records() {
		return Stream.of(arguments("rejected password, first", 401, 1, Duration.ofMinutes(5), DIGEST, true, true),
				arguments("rejected, no hold-back", 401, 1, Duration.ZERO, DIGEST, false, true),
				arguments("503, not counted", 503, 0, Duration.ofSeconds(2), DIGEST, true, false),
				arguments("rejected app token", 401, 0, Duration.ofMinutes(5), "", true, false),
				arguments("workspace switch counted by its user", 401, 1, Duration.ofMinutes(5), "", true, false),
				arguments("unanswered, not counted", null, 0, Duration.ofSeconds(2), DIGEST, false, false),
				arguments("unanswered, counted with a rejection", null, 2, Duration.ZERO, DIGEST, false, true),
				arguments("hold-back under a millisecond", 429, 0, Duration.ofNanos(999_999), DIGEST, false, false));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("records")
	void aFailedRenewalRecordsForTheOthers(String scenario, @Nullable Integer status, int inARow, Duration holdBack,
			String digest, boolean heldBack, boolean keptAsLastRejection) {
		this.renewals.acceptsHeld = false;
		this.renewals.digest = digest;
		this.renewals.holdBack = holdBack;
		EmnifyAuthenticationException failure = failure(status, inARow);
		this.renewals.failNext = failure;
		assertThat(catchThrowableOfType(EmnifyAuthenticationException.class, () -> this.leased.obtain().block()))
			.isSameAs(failure);
		List<String> expected = new ArrayList<>();
		if (heldBack) {
			expected.add("holdBack " + digest + " " + holdBack);
		}
		if (keptAsLastRejection) {
			expected.add("recordRejection " + digest + " " + LeasedRenewal.REJECTIONS_KEPT);
		}
		assertThat(this.store.recorded).containsExactlyElementsOf(expected);
		assertThat(this.store.recordedFailures).allSatisfy((recorded) -> {
			assertThat(recorded.rejectedLoginsInARow()).isEqualTo(inARow);
			assertThat(recorded.status()).isEqualTo(status);
			assertThat(recorded.message()).isEqualTo(failure.getMessage());
		});
		assertThat(this.store.leasesHeld).hasValue(0);
	}

	@Test
	void theStoredRejectionRefusedAgainIsNotRecordedAgain() {
		this.store.lastRejection = new RecordedFailure("emnify rejected the password", EmnifyFailureKind.LOGINS_STOPPED,
				EmnifyGrantType.PASSWORD, 401, null, null, true, 2, Duration.ZERO);
		this.renewals.refuseLastRejection = true;
		EmnifyAuthenticationException failure = catchThrowableOfType(EmnifyAuthenticationException.class,
				() -> this.leased.obtain().block());
		assertThat(failure.getRejectedLoginsInARow()).isEqualTo(2);
		assertThat(this.store.recorded).isEmpty();
	}

	private static EmnifyAuthenticationException failure(@Nullable Integer status, int inARow) {
		Failure failure = new Failure(
				(status != null && status == 401) ? EmnifyFailureKind.REJECTED : EmnifyFailureKind.UNAVAILABLE,
				EmnifyGrantType.PASSWORD, (status != null) ? HttpStatusCode.valueOf(status) : null, null, null,
				status != null && status == 401, null, "failed", "");
		EmnifyAuthenticationException exception = EmnifyAuthenticationException.of(failure, null);
		return (inARow > 0) ? exception.countedAs(inARow) : exception;
	}

	private static EmnifyToken token(String value) {
		Instant now = Instant.now();
		return new EmnifyToken(value, now.plus(Duration.ofHours(1)), now.plus(Duration.ofMinutes(55)),
				now.plus(Duration.ofMinutes(59)));
	}

	/**
	 * Issues auth-N and refresh-N, and records what each renewal got.
	 */
	static final class Renewals implements LeasedRenewal.Steps {

		boolean acceptsHeld = true;

		boolean asksForPermit;

		boolean refuseLastRejection;

		@Nullable RuntimeException failNext;

		String digest = DIGEST;

		Duration holdBack = Duration.ZERO;

		final List<@Nullable String> refreshTokensSeen = new ArrayList<>();

		final List<@Nullable EmnifyAuthenticationException> lastRejections = new ArrayList<>();

		final AtomicInteger codesSent = new AtomicInteger();

		@Override
		public boolean accepts(EmnifySession session) {
			return this.acceptsHeld;
		}

		@Override
		public Mono<EmnifySession> renew(@Nullable EmnifyToken refreshToken,
				@Nullable EmnifyAuthenticationException lastRejection, Mono<Void> mfaCodePermit) {
			this.refreshTokensSeen.add((refreshToken != null) ? refreshToken.value() : null);
			this.lastRejections.add(lastRejection);
			if (this.refuseLastRejection && lastRejection != null) {
				return Mono.error(lastRejection);
			}
			RuntimeException failure = this.failNext;
			if (failure != null) {
				this.failNext = null;
				return Mono.error(failure);
			}
			int n = this.refreshTokensSeen.size();
			Mono<EmnifySession> session = Mono
				.fromSupplier(() -> new EmnifySession(LeasedRenewalTests.token("auth-" + n),
						LeasedRenewalTests.token("refresh-" + n)));
			return this.asksForPermit
					? mfaCodePermit.then(Mono.fromRunnable(this.codesSent::incrementAndGet)).then(session) : session;
		}

		@Override
		public Duration holdBack(EmnifyAuthenticationException failure) {
			return this.holdBack;
		}

		@Override
		public String settingsDigest() {
			return this.digest;
		}

	}

	/**
	 * A store shared with instances that the test plays: its lease may be held elsewhere,
	 * its saves refused, its server out of reach.
	 */
	static final class SharedStore implements EmnifyTokenStore {

		@Nullable EmnifySession session;

		@Nullable EmnifyToken refreshToken;

		@Nullable RecordedFailure heldBack;

		@Nullable RecordedFailure lastRejection;

		int leaseHeldElsewhereFor;

		boolean extensionsHeld = true;

		boolean saves = true;

		boolean unavailable;

		IntConsumer onPoll = (polls) -> {
		};

		final AtomicInteger polls = new AtomicInteger();

		final AtomicInteger leasesTaken = new AtomicInteger();

		final AtomicInteger leasesHeld = new AtomicInteger();

		final List<String> recorded = new ArrayList<>();

		final List<RecordedFailure> recordedFailures = new ArrayList<>();

		final List<String> digestsAsked = new ArrayList<>();

		@Override
		public Mono<EmnifySession> load(String sessionKey) {
			return answer(() -> this.session);
		}

		@Override
		public Mono<EmnifyToken> takeRefreshToken(String sessionKey) {
			return answer(() -> {
				EmnifyToken taken = this.refreshToken;
				this.refreshToken = null;
				return taken;
			});
		}

		@Override
		public Mono<Boolean> save(String sessionKey, Lease lease, EmnifySession session) {
			return answer(() -> {
				if (this.saves) {
					this.session = new EmnifySession(session.authToken(), null);
					this.refreshToken = session.refreshToken();
				}
				return this.saves;
			});
		}

		@Override
		public Mono<Lease> lease(String sessionKey) {
			return answer(() -> {
				int poll = this.polls.incrementAndGet();
				if (poll <= this.leaseHeldElsewhereFor) {
					this.onPoll.accept(poll);
					return null;
				}
				if (!this.extensionsHeld && poll > 1) {
					this.onPoll.accept(poll);
				}
				this.leasesTaken.incrementAndGet();
				this.leasesHeld.incrementAndGet();
				return new Lease() {

					@Override
					public Mono<Boolean> extend() {
						return Mono.fromSupplier(() -> SharedStore.this.extensionsHeld);
					}

					@Override
					public Mono<Void> release() {
						return Mono.fromRunnable(SharedStore.this.leasesHeld::decrementAndGet);
					}

				};
			});
		}

		@Override
		public String describeLease(String sessionKey) {
			return "the lease of the test";
		}

		@Override
		public Mono<RecordedFailure> heldBack(String sessionKey, String settingsDigest) {
			return answer(() -> this.heldBack);
		}

		@Override
		public Mono<Void> holdBack(String sessionKey, String settingsDigest, RecordedFailure failure,
				Duration duration) {
			return Mono.fromRunnable(() -> {
				this.recorded.add("holdBack " + settingsDigest + " " + duration);
				this.recordedFailures.add(failure);
			});
		}

		@Override
		public Mono<RecordedFailure> lastRejection(String sessionKey, String settingsDigest) {
			this.digestsAsked.add(settingsDigest);
			return answer(() -> this.lastRejection);
		}

		@Override
		public Mono<Void> recordRejection(String sessionKey, String settingsDigest, RecordedFailure failure,
				Duration keepFor) {
			return Mono.fromRunnable(() -> {
				this.recorded.add("recordRejection " + settingsDigest + " " + keepFor);
				this.recordedFailures.add(failure);
			});
		}

		@Override
		public Mono<Void> discard(String sessionKey, String authToken) {
			return answer(() -> {
				EmnifySession held = this.session;
				if (held != null && held.isCurrent(authToken)) {
					this.session = null;
				}
				return null;
			}).then();
		}

		private <T> Mono<T> answer(Supplier<@Nullable T> answer) {
			return Mono.defer(() -> this.unavailable
					? Mono
						.error(new EmnifyTokenStoreUnavailableException("the test server", Duration.ofSeconds(5), null))
					: Mono.justOrEmpty(answer.get()));
		}

	}

}
