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

import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * What a build takes from the builder: its settings as they were at the build, checked
 * together.
 */
class EmnifyTokenProviderBuilderTests extends EmnifyWireMockTests {

	@Test
	void aLaterChangeToTheBuilderChangesNothingBuilt() {
		String token = JWTS.token(NOW, Duration.ofMinutes(240));
		answerLogins(okJson(auth(token)));
		EmnifyTokenProviderBuilder builder = userProvider();
		EmnifyTokenProvider provider = builder.build();
		Duration timeout = provider.getTokenTimeout();
		assertThat(provider.getToken().block()).isEqualTo(token);
		builder.requestTimeout(Duration.ofMinutes(1))
			.mfaCodeTimeout(Duration.ofMinutes(9))
			.refreshMargin(Duration.ofMinutes(235))
			.expiryMargin(Duration.ofMinutes(20))
			.unauthorizedRenewalInterval(Duration.ofHours(1));
		// Before the built provider's refresh margin of 5 minutes, after the new one.
		this.clock.advance(Duration.ofMinutes(230));
		assertThat(provider.getTokenTimeout()).isEqualTo(timeout);
		assertThat(provider.getToken().block()).isEqualTo(token);
		emnify.verify(1, authenticateRequests());
	}

	@Test
	void aLaterChangeToTheBuilderChangesNoWorkspaceOfAUserSession() {
		EmnifyTokenProviderBuilder builder = userProvider();
		EmnifyUserSession session = builder.buildUserSession();
		Duration timeout = session.tokenProvider(1).getTokenTimeout();
		builder.requestTimeout(Duration.ofMinutes(1)).retryPolicy(fastRetries(9));
		assertThat(session.tokenProvider(2).getTokenTimeout()).isEqualTo(timeout);
	}

	@Test
	void anExpiryMarginGreaterThanTheRefreshMarginIsRefusedAtTheBuild() {
		EmnifyTokenProviderBuilder builder = applicationTokenProvider().refreshMargin(Duration.ofMinutes(1))
			.expiryMargin(Duration.ofMinutes(2));
		assertThatIllegalArgumentException().isThrownBy(builder::build)
			.withMessage("emnify token expiry margin (PT2M) must not be greater than the refresh margin (PT1M): a "
					+ "token would go stale before its renewal is due. Set the refresh margin to at least the expiry "
					+ "margin.");
		assertThat(builder.expiryMargin(Duration.ofMinutes(1)).build()).isNotNull();
	}

}
