package io.github.iotstarters.emnify.auth;

import java.time.Duration;

import io.micrometer.observation.Observation;
import io.micrometer.observation.tck.TestObservationRegistry;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static io.micrometer.observation.tck.TestObservationRegistryAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

class TokenAcquisitionObservationTests extends EmnifyWireMockTests {

	private final TestObservationRegistry registry = TestObservationRegistry.create();

	@Test
	void eachAcquisitionIsAnObservationUnderTheCallerThatWaitedForIt() {
		String token = TestJwts.issuedAt(NOW, Duration.ofMinutes(240));
		answerLogins(okJson(auth(token)));
		EmnifyTokenProvider provider = applicationTokenProvider().observationRegistry(this.registry).build();
		Observation caller = Observation.start("emnify.caller", this.registry);
		assertThat(provider.getToken().contextWrite((context) -> context.put("micrometer.observation", caller))
			.block()).isEqualTo(token);
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
