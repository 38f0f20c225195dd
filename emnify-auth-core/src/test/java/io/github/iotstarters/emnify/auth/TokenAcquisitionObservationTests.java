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

import io.micrometer.observation.Observation;
import io.micrometer.observation.tck.TestObservationRegistry;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static io.micrometer.observation.tck.TestObservationRegistryAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class TokenAcquisitionObservationTests extends EmnifyWireMockTests {

	private final TestObservationRegistry registry = TestObservationRegistry.create();

	@Test
	void eachAcquisitionIsAnObservationUnderTheCallerThatWaitedForIt() {
		String token = JWTS.token(NOW, Duration.ofMinutes(240));
		answerLogins(okJson(auth(token)));
		EmnifyTokenProvider provider = applicationTokenProvider().observationRegistry(this.registry).build();
		Observation caller = Observation.start("emnify.caller", this.registry);
		assertThat(provider.getToken().contextWrite((context) -> context.put("micrometer.observation", caller)).block())
			.isEqualTo(token);
		caller.stop();
		provider.getToken().block();
		assertThat(this.registry).hasNumberOfObservationsWithNameEqualTo("emnify.auth.token.acquisition", 1)
			.hasObservationWithNameEqualTo("emnify.auth.token.acquisition")
			.that()
			.hasLowCardinalityKeyValue("outcome", "success")
			.hasContextualNameEqualTo("emnify token acquisition")
			.hasParentObservationEqualTo(caller)
			.hasBeenStopped();
	}

	@Test
	void aBlockingCallersObservationInScopeIsTheParent() {
		answerLogins(okJson(auth(JWTS.token(NOW, Duration.ofMinutes(240)))));
		EmnifyTokenProvider provider = applicationTokenProvider().observationRegistry(this.registry).build();
		Observation caller = Observation.start("emnify.blocking.caller", this.registry);
		try (Observation.Scope scope = caller.openScope()) {
			provider.getToken().block();
		}
		caller.stop();
		assertThat(this.registry).hasObservationWithNameEqualTo("emnify.auth.token.acquisition")
			.that()
			.hasParentObservationEqualTo(caller)
			.hasLowCardinalityKeyValue("mode", "inline");
	}

	@Test
	void aRenewalAheadOfExpiryHasNoParentBecauseNobodyWaitsForIt() {
		answerLoginsInTurn(okJson(auth(JWTS.token(NOW, Duration.ofMinutes(240)))),
				okJson(auth(JWTS.token(NOW, Duration.ofMinutes(240)))));
		EmnifyTokenProvider provider = applicationTokenProvider().observationRegistry(this.registry).build();
		provider.getToken().block();
		this.clock.advance(Duration.ofMinutes(236));
		Observation caller = Observation.start("emnify.caller", this.registry);
		provider.getToken().contextWrite((context) -> context.put("micrometer.observation", caller)).block();
		caller.stop();
		await().untilAsserted(() -> assertThat(this.registry)
			.hasNumberOfObservationsWithNameEqualTo("emnify.auth.token.acquisition", 2));
		assertThat(this.registry)
			.hasAnObservation((observation) -> observation.hasNameEqualTo("emnify.auth.token.acquisition")
				.hasLowCardinalityKeyValue("mode", "ahead")
				.doesNotHaveParentObservation());
	}

	@Test
	void aListenerThatThrowsFailsNeitherTheLoginNorTheCooldownRules() {
		String token = JWTS.token(NOW, Duration.ofMinutes(240));
		answerLogins(okJson(auth(token)));
		EmnifyTokenProvider provider = applicationTokenProvider().listener(new EmnifyAuthenticationListener() {

			@Override
			public void authenticationRequest(EmnifyGrantType grantType, Outcome outcome, Duration duration) {
				throw new IllegalStateException("broken metrics backend");
			}

		}).build();
		assertThat(provider.getToken().block()).isEqualTo(token);
		assertThat(provider.getToken().block()).isEqualTo(token);
		emnify.verify(1, authenticateRequests());
	}

	@Test
	void aFailedAcquisitionIsAnObservationWithTheError() {
		answerLogins(aResponse().withStatus(401));
		EmnifyTokenProvider provider = applicationTokenProvider().observationRegistry(this.registry).build();
		EmnifyAuthenticationException failure = failure(provider);
		assertThat(this.registry).hasObservationWithNameEqualTo("emnify.auth.token.acquisition")
			.that()
			.hasLowCardinalityKeyValue("outcome", "error")
			.assertThatError()
			.isSameAs(failure);
	}

}
