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

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.codec.autoconfigure.CodecsAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import io.github.iotstarters.emnify.auth.EmnifyAuthenticationException;
import io.github.iotstarters.emnify.auth.EmnifyTokenProvider;
import io.github.iotstarters.emnify.auth.test.EmnifySimulator;
import io.github.iotstarters.emnify.auth.test.EmnifySimulatorExtension;
import io.github.iotstarters.emnify.auth.test.LocalMailbox;
import io.github.iotstarters.emnify.auth.test.SimulatorCounters;
import io.github.iotstarters.emnify.auth.test.SimulatorEvent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The starter against the simulator's user with email MFA, whose codes go to the
 * {@link LocalMailbox} that {@link EmnifySimulatorExtension} starts: the properties the
 * extension registers are all the starter needs to log in with the code it reads over
 * IMAP.
 */
class EmnifySimulatorMailboxTests {

	private static final String USER = "mail-mfa@example.org";

	private static final String PASSWORD = "mail-mfa-password";

	private static final Duration LOGIN_TIMEOUT = Duration.ofSeconds(20);

	@RegisterExtension
	static final EmnifySimulatorExtension emnify = EmnifySimulatorExtension.of(EmnifySimulator.builder()
		.workspace(100, "Production")
		.userWithEmailMfa(USER, PASSWORD, LocalMailbox.forAddress(USER), 100)
		.defaultCredential(USER));

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(CodecsAutoConfiguration.class, WebClientAutoConfiguration.class,
				EmnifyWorkspacesAutoConfiguration.class, EmnifyAuthAutoConfiguration.class))
		.withPropertyValues(registeredProperties());

	@Test
	void loginIsCompletedWithTheCodeTheSimulatorMailedAndTheTokenIsAccepted() {
		this.contextRunner.run((context) -> {
			assertThat(context.getBean(EmnifyTokenProvider.class).getToken().block(LOGIN_TIMEOUT)).isNotBlank();
			WebClient emnifyClient = context.getBean("emnifyWebClient", WebClient.class);
			assertThat(emnifyClient.get().uri("/api/v1/endpoint").retrieve().toBodilessEntity().block(LOGIN_TIMEOUT))
				.satisfies((response) -> assertThat(response.getStatusCode().value()).isEqualTo(200));
		});

		SimulatorCounters counters = emnify.simulator().counters();
		assertThat(counters.mfaChallenges()).isOne();
		assertThat(counters.mfaLogins()).isOne();
		assertThat(counters.rejected()).isZero();
		assertThat(emnify.mailbox().receivedMails()).isOne();
	}

	@Test
	void aSecondLoginUsesItsOwnCodeNotTheOneBeforeThatIsStillInTheMailbox() {
		for (int login = 1; login <= 2; login++) {
			this.contextRunner
				.run((context) -> assertThat(context.getBean(EmnifyTokenProvider.class).getToken().block(LOGIN_TIMEOUT))
					.isNotBlank());
			// IMAP's received date has whole seconds, so a login counts mails from a
			// second before its demand: another code source (a new context) that logs in
			// within that second could take the previous login's mail.
			Instant loggedIn = Instant.now();
			await().until(() -> Instant.now().isAfter(loggedIn.plusMillis(1100)));
		}

		SimulatorCounters counters = emnify.simulator().counters();
		assertThat(counters.mfaChallenges()).isEqualTo(2);
		assertThat(counters.mfaLogins()).isEqualTo(2);
		assertThat(counters.rejected()).isZero();
		assertThat(emnify.mailbox().receivedMails()).isEqualTo(2);
	}

	// Two instances that log in at once, each on its own, read both codes from the one
	// mailbox, and either could be the other's: no code is guessed. Each reads the
	// mailbox when the demand comes, before the simulator's mail, and again with both.
	@Test
	void twoInstancesSharingTheMailboxNeverSendEachOthersCode() {
		ApplicationContextRunner instance = this.contextRunner.withPropertyValues("emnify.mfa.email.poll-interval=2s");
		List<Object> outcomes = new ArrayList<>();
		instance.run((first) -> instance.run((second) -> outcomes
			.addAll(Flux.merge(outcome(first), outcome(second)).collectList().block(LOGIN_TIMEOUT))));

		SimulatorCounters counters = emnify.simulator().counters();
		assertThat(counters.mfaChallenges()).isEqualTo(2);
		assertThat(counters.rejected()).isZero();
		assertThat(emnify.simulator().journal()).noneMatch(
				(event) -> event.kind() == SimulatorEvent.Kind.MFA_LOGIN && event.outcome().contains("wrong code"));
		assertThat(outcomes).hasSize(2).allSatisfy((outcome) -> {
			if (outcome instanceof EmnifyAuthenticationException failure) {
				assertThat(failure).hasMessageContaining("2 mails with different MFA codes arrived");
			}
			else {
				assertThat(outcome).isInstanceOf(String.class);
			}
		}).anySatisfy((outcome) -> assertThat(outcome).isInstanceOf(EmnifyAuthenticationException.class));
	}

	private static Mono<Object> outcome(AssertableApplicationContext context) {
		return context.getBean(EmnifyTokenProvider.class)
			.getToken()
			.map(Object.class::cast)
			.onErrorResume(EmnifyAuthenticationException.class, Mono::just);
	}

	/**
	 * What a {@code @DynamicPropertySource} method would get from the extension, resolved
	 * when the test runs, after the simulator and the mailbox have started.
	 */
	private static String[] registeredProperties() {
		List<String> properties = new ArrayList<>();
		emnify.registerProperties((name, value) -> properties.add(name + "=" + value.get()));
		return properties.toArray(String[]::new);
	}

}
