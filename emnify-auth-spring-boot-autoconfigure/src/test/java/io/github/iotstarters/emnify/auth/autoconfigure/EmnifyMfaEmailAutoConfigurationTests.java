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

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Flags;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.http.codec.autoconfigure.CodecsAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import reactor.core.publisher.Mono;

import io.github.iotstarters.emnify.auth.EmnifyAuthenticationException;
import io.github.iotstarters.emnify.auth.EmnifyTokenProvider;
import io.github.iotstarters.emnify.auth.mfa.EmnifyMfaCodeSource;
import io.github.iotstarters.emnify.auth.mfa.EmnifyMfaEmailSettings;
import io.github.iotstarters.emnify.auth.test.AdjustableClock;
import io.github.iotstarters.emnify.auth.test.EmnifySimulator;
import io.github.iotstarters.emnify.auth.test.JwtCodec;
import io.github.iotstarters.emnify.auth.testsupport.LoopbackWireMock;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * {@code emnify.mfa.email.*}: a login that emnify answers with an MFA demand is completed
 * with the code from a mail in a real IMAP mailbox (GreenMail's).
 */
class EmnifyMfaEmailAutoConfigurationTests {

	private static final String AUTHENTICATE = "/api/v1/authenticate";

	private static final String MAILBOX_PASSWORD = "mailbox-secret-password";

	private static final String EMNIFY = "emnify <no-reply@emnify.com>";

	// The RFC 6238 SHA-1 key in base32.
	private static final String TOTP_SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

	private static final String SIMULATED_USER = "mail-mfa@example.org";

	private static final String SIMULATED_PASSWORD = "user-password";

	@RegisterExtension
	static WireMockExtension emnify = LoopbackWireMock.extension();

	@RegisterExtension
	static GreenMailExtension mailServer = new GreenMailExtension(ServerSetup.dynamicPort(ServerSetupTest.SMTP_IMAP));

	private final String authToken = new JwtCodec().token(Instant.now(), Duration.ofMinutes(240));

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(CodecsAutoConfiguration.class, WebClientAutoConfiguration.class,
				EmnifyWorkspacesAutoConfiguration.class, EmnifyAuthAutoConfiguration.class));

	private ApplicationContextRunner withMailbox() {
		return asUser().withPropertyValues(mailbox());
	}

	private ApplicationContextRunner asUser() {
		return this.contextRunner.withPropertyValues("emnify.base-url=" + emnify.baseUrl(),
				"emnify.username=user@service.org", "emnify.password=my_password");
	}

	private static String[] mailbox() {
		return new String[] { "emnify.mfa.email.host=127.0.0.1",
				"emnify.mfa.email.port=" + mailServer.getImap().getPort(), "emnify.mfa.email.protocol=imap",
				"emnify.mfa.email.username=mfa-reader", "emnify.mfa.email.password=" + MAILBOX_PASSWORD,
				"emnify.mfa.email.poll-interval=100ms" };
	}

	// A simulator whose user has email MFA, with codes mailed to the mailbox read.
	private static EmnifySimulator emailMfaSimulator() {
		mailServer.setUser(SIMULATED_USER, "mfa-reader", MAILBOX_PASSWORD);
		return EmnifySimulator.builder()
			.workspace(100, "Production")
			.userWithEmailMfa(SIMULATED_USER, SIMULATED_PASSWORD, "127.0.0.1", mailServer.getSmtp().getPort(),
					SIMULATED_USER, 100)
			.build()
			.start();
	}

	private ApplicationContextRunner asSimulatedUser(EmnifySimulator simulator) {
		return withMailbox().withPropertyValues("emnify.base-url=" + simulator.baseUrl(),
				"emnify.username=" + SIMULATED_USER, "emnify.password=" + SIMULATED_PASSWORD);
	}

	@Test
	void loginDemandingMfaIsCompletedWithTheCodeFromTheMailEmnifySends() {
		GreenMailUser user = mailServer.setUser("user@service.org", "mfa-reader", MAILBOX_PASSWORD);
		emnify.stubFor(post(AUTHENTICATE).withRequestBody(matchingJsonPath("$.username"))
			.willReturn(okJson("{\"mfa_token\":\"mfa-1\"}")));
		emnify.stubFor(post(AUTHENTICATE).withRequestBody(matchingJsonPath("$.code", equalTo("314159")))
			.willReturn(okJson("{\"auth_token\":\"" + this.authToken + "\"}")));
		withMailbox().run((context) -> {
			CompletableFuture<String> token = context.getBean(EmnifyTokenProvider.class).getToken().toFuture();
			CompletableFuture.runAsync(() -> deliver(user, "Your emnify verification code is 314159"),
					CompletableFuture.delayedExecutor(300, TimeUnit.MILLISECONDS));
			assertThat(token.get(5, TimeUnit.SECONDS)).isEqualTo(this.authToken);
		});
		emnify.verify(1,
				postRequestedFor(urlEqualTo(AUTHENTICATE))
					.withRequestBody(matchingJsonPath("$.mfa_token", equalTo("mfa-1")))
					.withRequestBody(matchingJsonPath("$.code", equalTo("314159"))));
	}

	@Test
	void loginAgainstTheSimulatorIsCompletedWithTheCodeItMailsOverSmtp() {
		try (EmnifySimulator simulator = emailMfaSimulator()) {
			asSimulatedUser(simulator).run((context) -> {
				EmnifyTokenProvider tokens = context.getBean(EmnifyTokenProvider.class);
				assertThat(tokens.getToken().block(Duration.ofSeconds(10))).isNotBlank();
			});
			assertThat(simulator.counters().mfaChallenges()).isOne();
			assertThat(simulator.counters().mfaLogins()).isOne();
			assertThat(simulator.counters().rejected()).isZero();
			assertThat(mailServer.getReceivedMessagesForDomain("example.org")).hasSize(1);
		}
	}

	// Each cooldown ends on the clock the application names emnifyClock, which the test
	// moves instead of waiting.
	@Test
	void aWrongEmailedCodeNeverLocksTheSimulatedUser() {
		AdjustableClock clock = new AdjustableClock(Instant.now());
		try (EmnifySimulator simulator = emailMfaSimulator()) {
			// A pattern that reads five of the six digits: every code sent is wrong.
			asSimulatedUser(simulator).withPropertyValues("emnify.mfa.email.code-pattern=code is (\\d{5})")
				.withBean("emnifyClock", Clock.class, () -> clock)
				.run((context) -> {
					EmnifyTokenProvider tokens = context.getBean(EmnifyTokenProvider.class);
					for (int cooldown = 0; cooldown < 4; cooldown++) {
						catchThrowableOfType(EmnifyAuthenticationException.class,
								() -> tokens.getToken().block(Duration.ofSeconds(10)));
						clock.advance(Duration.ofMinutes(5).plusSeconds(1));
						// The mail server stamps mails in whole seconds of the wall
						// clock, and a
						// login reads the mails from its demand's second on: the next
						// demand
						// must fall in a later second than this login's mail, as it would
						// after
						// a real cooldown.
						long mailed = Instant.now().getEpochSecond();
						await().atMost(Duration.ofSeconds(2)).until(() -> Instant.now().getEpochSecond() > mailed);
					}
					assertThat(catchThrowableOfType(EmnifyAuthenticationException.class,
							() -> tokens.getToken().block(Duration.ofSeconds(10))))
						.hasMessageStartingWith("emnify rejected 2 logins of this user in a row");
				});
			assertThat(simulator.counters().mfaChallenges()).isEqualTo(2);
			assertThat(simulator.counters().rejected()).isEqualTo(2);
			// Not locked: the right pattern logs in at once.
			asSimulatedUser(simulator).run((context) -> assertThat(
					context.getBean(EmnifyTokenProvider.class).getToken().block(Duration.ofSeconds(10)))
				.isNotBlank());
			assertThat(simulator.counters().mfaLogins()).isOne();
			assertThat(simulator.counters().rejected()).isEqualTo(2);
		}
	}

	// Mail that anyone can send: no code of theirs ever goes to emnify.
	@ParameterizedTest
	@ValueSource(strings = { "emnify@attacker.example", "no-reply@emnify.com.attacker.example", "x@notemnify.com" })
	void mailFromAnotherDomainIsNoCodeOfEmnifysWhateverItsAddressContains(String from) throws Exception {
		GreenMailUser user = mailServer.setUser("user@service.org", "mfa-reader", MAILBOX_PASSWORD);
		answerPasswordStepsWithADemand();
		receive(user, from, "Your emnify verification code is 666666", Instant.now().plusSeconds(1));
		withMailbox().withPropertyValues("emnify.mfa.code-timeout=1s")
			.run((context) -> assertThat(loginFailure(context)).hasMessageContaining("the code source supplied none")
				.satisfies((ex) -> assertThat(ex.isRejected()).isFalse()));
		emnify.verify(0, postRequestedFor(urlEqualTo(AUTHENTICATE)).withRequestBody(matchingJsonPath("$.code")));
	}

	// Another login of the same user, or a person who forwards a code, sends a second
	// mail: which one is this login's cannot be told.
	@Test
	void twoMailsSinceTheDemandFailTheLoginUncountedWithoutACodeAndNameASharedMailbox() throws Exception {
		GreenMailUser user = mailServer.setUser("user@service.org", "mfa-reader", MAILBOX_PASSWORD);
		answerPasswordStepsWithADemand();
		receive(user, EMNIFY, "Your emnify verification code is 111111", Instant.now().plusSeconds(2));
		receive(user, EMNIFY, "Your emnify verification code is 222222", Instant.now().plusSeconds(3));
		withMailbox().run((context) -> assertThat(loginFailure(context))
			.hasMessageContaining("2 mails with different MFA codes arrived in the mailbox imap://127.0.0.1:")
			.hasMessageContaining("another login of the same user")
			.hasMessageContaining("a mailbox of its own")
			.hasMessageContaining("emnify.token-store.type=redis")
			.hasMessageContaining("TOTP (emnify.mfa.totp-secret)")
			.hasMessageContaining("emnify.application-token")
			.hasMessageNotContainingAny("111111", "222222", MAILBOX_PASSWORD)
			.satisfies((ex) -> {
				assertThat(ex.isRejected()).isFalse();
				assertThat(ex.getRejectedLoginsInARow()).isZero();
			}));
		emnify.verify(1, postRequestedFor(urlEqualTo(AUTHENTICATE)).withRequestBody(matchingJsonPath("$.username")));
		emnify.verify(0, postRequestedFor(urlEqualTo(AUTHENTICATE)).withRequestBody(matchingJsonPath("$.code")));
	}

	/**
	 * The source of the codes as the application configured it, and what a message about
	 * its codes names: only that source's settings.
	 */
	static Stream<Arguments> codeSources() {
		return Stream.of(
				arguments(CodeSource.TOTP_SECRET, List.of("TOTP secret (emnify.mfa.totp-secret)", "clock"),
						List.of("emnify.mfa.email", "EmnifyMfaCodeSource")),
				arguments(CodeSource.MAILBOX, List.of("emnify.mfa.email.*", "a mailbox of its own"),
						List.of("clock", "EmnifyMfaCodeSource")),
				arguments(CodeSource.BEAN, List.of("your EmnifyMfaCodeSource"),
						List.of("emnify.mfa.totp-secret", "emnify.mfa.email", "clock")));
	}

	@ParameterizedTest
	@MethodSource("codeSources")
	void aRejectedCodeNamesTheSourceItCameFromAndNoOther(CodeSource source, List<String> named, List<String> unnamed)
			throws Exception {
		answerCodesWith(aResponse().withStatus(401));
		EmnifyAuthenticationException failure = logInWith(source);
		assertThat(failure).hasMessageContaining("emnify did not accept the MFA code")
			.hasMessageContainingAll(named.toArray(String[]::new))
			.hasMessageNotContainingAny(unnamed.toArray(String[]::new));
	}

	@ParameterizedTest
	@MethodSource("codeSources")
	void emnifysLockNamesTheSourceOfTheCodesAndNoOther(CodeSource source, List<String> named, List<String> unnamed)
			throws Exception {
		answerCodesWith(aResponse().withStatus(401)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"error_code\":1105,\"error_token\":\"TooManyRequests\"}"));
		EmnifyAuthenticationException failure = logInWith(source);
		assertThat(failure).hasMessageStartingWith("emnify has locked the user")
			.hasMessageContaining("Check emnify.username and emnify.password, and ")
			.hasMessageNotContainingAny(unnamed.toArray(String[]::new));
	}

	// A login whose code step emnify answers as stubbed, with a code from the source.
	private EmnifyAuthenticationException logInWith(CodeSource source) throws Exception {
		GreenMailUser user = mailServer.setUser("user@service.org", "mfa-reader", MAILBOX_PASSWORD);
		receive(user, EMNIFY, "Your emnify verification code is 333333", Instant.now().plusSeconds(1));
		ApplicationContextRunner runner = switch (source) {
			case TOTP_SECRET -> asUser().withPropertyValues("emnify.mfa.totp-secret=" + TOTP_SECRET);
			case MAILBOX -> withMailbox();
			case BEAN -> asUser().withBean(EmnifyMfaCodeSource.class, () -> () -> Mono.just("444444"));
		};
		AtomicReference<EmnifyAuthenticationException> failure = new AtomicReference<>();
		runner.run((context) -> failure.set(loginFailure(context)));
		emnify.verify(1, postRequestedFor(urlEqualTo(AUTHENTICATE)).withRequestBody(matchingJsonPath("$.code")));
		return failure.get();
	}

	/**
	 * Where the application takes its MFA codes from.
	 */
	enum CodeSource {

		TOTP_SECRET, MAILBOX, BEAN

	}

	@Test
	void mailboxThatRejectsItsLoginEndsTheLoginWithAnErrorThatNamesTheHostNotThePassword() {
		mailServer.setUser("user@service.org", "mfa-reader", "another-password");
		emnify.stubFor(post(AUTHENTICATE).withRequestBody(matchingJsonPath("$.username"))
			.willReturn(okJson("{\"mfa_token\":\"mfa-1\"}")));
		withMailbox().run((context) -> assertThat(context.getBean(EmnifyTokenProvider.class)
			.getToken()
			.map(Object.class::cast)
			.onErrorResume(Mono::just)
			.block())
			.isInstanceOfSatisfying(EmnifyAuthenticationException.class,
					(ex) -> assertThat(ex).hasMessageContaining("MFA mailbox imap://127.0.0.1:")
						.hasMessageContaining("rejected the login of mfa-reader")
						.hasMessageNotContaining(MAILBOX_PASSWORD)));
		emnify.verify(0, postRequestedFor(urlEqualTo(AUTHENTICATE)).withRequestBody(matchingJsonPath("$.code")));
	}

	@Test
	void codeSourceBeanIsUsedInsteadOfTheMailbox() {
		emnify.stubFor(post(AUTHENTICATE).withRequestBody(matchingJsonPath("$.username"))
			.willReturn(okJson("{\"mfa_token\":\"mfa-1\"}")));
		emnify.stubFor(post(AUTHENTICATE).withRequestBody(matchingJsonPath("$.code", equalTo("271828")))
			.willReturn(okJson("{\"auth_token\":\"" + this.authToken + "\"}")));
		withMailbox().withBean(EmnifyMfaCodeSource.class, () -> () -> Mono.just("271828"))
			.run((context) -> assertThat(context.getBean(EmnifyTokenProvider.class).getToken().block())
				.isEqualTo(this.authToken));
	}

	@Test
	void mailboxWithoutJakartaMailFailsTheStartWithAReportThatSaysToAddTheMailStarter() {
		withMailbox().withClassLoader(new FilteredClassLoader("jakarta.mail", "org.eclipse.angus.mail"))
			.run((context) -> {
				assertThat(context).hasFailed();
				FailureAnalysis analysis = new InvalidEmnifyPropertiesFailureAnalyzer()
					.analyze(context.getStartupFailure());
				assertThat(analysis).isNotNull();
				assertThat(analysis.getDescription()).contains("emnify.mfa.email.host is set").contains("Jakarta Mail");
				assertThat(analysis.getAction()).contains("spring-boot-starter-mail");
				assertThat(analysis.getDescription() + analysis.getAction()).doesNotContain(MAILBOX_PASSWORD);
			});
	}

	@Test
	void bindsEveryEmailProperty() {
		withMailbox()
			.withPropertyValues("emnify.mfa.email.folder=emnify",
					"emnify.mfa.email.sender=no-reply@emnify.com, emnify.io",
					"emnify.mfa.email.code-pattern=code: (\\d{6})", "emnify.mfa.code-timeout=5m")
			.run((context) -> {
				EmnifyProperties.Mfa mfa = context.getBean(EmnifyProperties.class).getMfa();
				EmnifyProperties.Email email = mfa.getEmail();
				assertThat(email.getHost()).isEqualTo("127.0.0.1");
				assertThat(email.getPort()).isEqualTo(mailServer.getImap().getPort());
				assertThat(email.getProtocol()).isEqualTo("imap");
				assertThat(email.getUsername()).isEqualTo("mfa-reader");
				assertThat(email.getPassword()).isEqualTo(MAILBOX_PASSWORD);
				assertThat(email.getFolder()).isEqualTo("emnify");
				assertThat(email.getSender()).containsExactly("no-reply@emnify.com", "emnify.io");
				assertThat(email.getCodePattern()).isEqualTo("code: (\\d{6})");
				assertThat(email.getPollInterval()).isEqualTo(Duration.ofMillis(100));
				assertThat(mfa.getCodeTimeout()).isEqualTo(Duration.ofMinutes(5));
				assertThat(mfa.toString()).contains("127.0.0.1").doesNotContain(MAILBOX_PASSWORD);
			});
	}

	@Test
	void emailDefaultsAreImapsOnPort993InTheInboxForMailsFromEmnify() {
		EmnifyProperties.Email email = new EmnifyProperties().getMfa().getEmail();
		assertThat(email.getPort()).isEqualTo(993);
		assertThat(email.getProtocol()).isEqualTo("imaps");
		assertThat(email.getFolder()).isEqualTo("INBOX");
		assertThat(email.getSender()).containsExactly(EmnifyMfaEmailSettings.DEFAULT_SENDER);
		assertThat(email.getPollInterval()).isEqualTo(Duration.ofSeconds(2));
		assertThat(email.getCodePattern()).isEqualTo(EmnifyMfaEmailSettings.DEFAULT_CODE_PATTERN);
		assertThat("code 123456.").containsPattern(email.getCodePattern());
		assertThat("code 1234567.").doesNotContainPattern(email.getCodePattern());
	}

	private static void answerPasswordStepsWithADemand() {
		emnify.stubFor(post(AUTHENTICATE).withRequestBody(matchingJsonPath("$.username"))
			.willReturn(okJson("{\"mfa_token\":\"mfa-1\"}")));
	}

	private static void answerCodesWith(ResponseDefinitionBuilder answer) {
		answerPasswordStepsWithADemand();
		emnify.stubFor(post(AUTHENTICATE).withRequestBody(matchingJsonPath("$.code")).willReturn(answer));
	}

	private static EmnifyAuthenticationException loginFailure(AssertableApplicationContext context) {
		return catchThrowableOfType(EmnifyAuthenticationException.class,
				() -> context.getBean(EmnifyTokenProvider.class).getToken().block(Duration.ofSeconds(10)));
	}

	// Appended with the date the server received it: IMAP's received dates are what
	// tell the mails since a login's demand.
	private static void receive(GreenMailUser user, String from, String text, Instant received) throws Exception {
		MimeMessage message = new MimeMessage(Session.getInstance(new Properties()));
		message.setFrom(from);
		message.setSubject("Your emnify verification code");
		message.setText(text);
		mailServer.getManagers()
			.getImapHostManager()
			.getInbox(user)
			.appendMessage(message, new Flags(), Date.from(received));
	}

	private static void deliver(GreenMailUser user, String text) {
		try {
			MimeMessage message = new MimeMessage(Session.getInstance(new Properties()));
			message.setFrom(EMNIFY);
			message.setSubject("Your emnify verification code");
			message.setText(text);
			user.deliver(message);
		}
		catch (MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
