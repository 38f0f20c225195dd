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

package io.github.iotstarters.emnify.auth.test;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.InternetAddress;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;
import org.springframework.test.context.DynamicPropertyRegistry;

import static io.github.iotstarters.emnify.auth.test.Accounts.sha1Hex;
import static io.github.iotstarters.emnify.auth.test.SimulatorHttp.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;

/**
 * {@link EmnifySimulatorExtension}: lifecycle, reset between tests, Spring properties,
 * and the {@link LocalMailbox} of a user with email MFA.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EmnifySimulatorExtensionTests {

	private static final String MAIL_USER = "mail-mfa@example.org";

	private static final String MAIL_PASSWORD = "mail-mfa-password";

	private static final Pattern CODE = Pattern.compile("code is (\\d{6})\\.");

	private static final Duration MAIL_TIMEOUT = Duration.ofSeconds(10);

	@RegisterExtension
	static final EmnifySimulatorExtension emnify = EmnifySimulatorExtension.of(EmnifySimulator.builder()
		.workspace(Fixtures.PRODUCTION, "Production")
		.applicationToken(Fixtures.APPLICATION_TOKEN, Fixtures.PRODUCTION)
		.user(Fixtures.USER, Fixtures.USER_PASSWORD, Fixtures.PRODUCTION));

	@RegisterExtension
	static final EmnifySimulatorExtension emnifyWithMailbox = EmnifySimulatorExtension.of(EmnifySimulator.builder()
		.workspace(Fixtures.PRODUCTION, "Production")
		.userWithEmailMfa(MAIL_USER, MAIL_PASSWORD, LocalMailbox.forAddress(MAIL_USER), Fixtures.PRODUCTION)
		.defaultCredential(MAIL_USER));

	@Test
	@Order(1)
	void simulatorRunsBeforeTheFirstTest() {
		assertThat(emnify.simulator().isRunning()).isTrue();
		assertThat(emnify.baseUrl()).isEqualTo(emnify.simulator().baseUrl());
	}

	private static String tokenFromAnEarlierTest;

	@Test
	@Order(2)
	void testLeavesStateBehind() {
		SimulatorHttp http = new SimulatorHttp(emnify.simulator());
		tokenFromAnEarlierTest = http.applicationTokenLogin(Fixtures.APPLICATION_TOKEN);
		emnify.simulator().faults().all().failNext(1, 503);

		assertThat(emnify.simulator().counters().applicationTokenLogins()).isOne();
	}

	@Test
	@Order(3)
	void nextTestStartsFromAResetSimulatorThatStillKnowsIssuedTokens() {
		assertThat(emnify.simulator().counters().applicationTokenLogins()).isZero();
		assertThat(emnify.simulator().journal()).isEmpty();
		SimulatorHttp http = new SimulatorHttp(emnify.simulator());
		assertThat(http.get("/api/v1/endpoint", tokenFromAnEarlierTest).statusCode()).isEqualTo(200);
		assertThat(http.applicationTokenLogin(Fixtures.APPLICATION_TOKEN)).isNotBlank();
	}

	@Test
	@Order(4)
	void emailMfaUserLogsInWithTheCodeReadOverImapFromTheMailboxTheExtensionStarted() throws Exception {
		LocalMailbox mailbox = emnifyWithMailbox.mailbox();
		assertThat(mailbox.isRunning()).isTrue();
		SimulatorHttp http = new SimulatorHttp(emnifyWithMailbox.simulator());
		HttpResponse<String> demand = http
			.authenticate(Map.of("username", MAIL_USER, "password", sha1Hex(MAIL_PASSWORD)));
		String mfaToken = json(demand).path("mfa_token").stringValue();

		assertThat(mailbox.awaitMails(1, MAIL_TIMEOUT)).isTrue();
		String code = readCodeOverImap(mailbox);
		HttpResponse<String> tokens = http.authenticate(Map.of("mfa_token", mfaToken, "code", code));

		assertThat(tokens.statusCode()).isEqualTo(200);
		assertThat(json(tokens).path("auth_token").stringValue()).isNotBlank();
		SimulatorCounters counters = emnifyWithMailbox.simulator().counters();
		assertThat(counters.mfaChallenges()).isOne();
		assertThat(counters.mfaLogins()).isOne();
		assertThat(counters.rejected()).isZero();
		assertThat(mailbox.receivedMails()).isOne();
	}

	@Test
	@Order(5)
	void nextTestFindsTheMailboxRunningAndEmpty() {
		assertThat(emnifyWithMailbox.mailbox().isRunning()).isTrue();
		assertThat(emnifyWithMailbox.mailbox().receivedMails()).isZero();
	}

	@Test
	void registerPropertiesPointsTheStarterAtTheMailboxOfAnEmailMfaDefaultCredential() {
		Map<String, Object> properties = register(emnifyWithMailbox);

		LocalMailbox mailbox = emnifyWithMailbox.mailbox();
		assertThat(properties).containsOnly(Map.entry("emnify.base-url", emnifyWithMailbox.baseUrl()),
				Map.entry("emnify.application-token", ""), Map.entry("emnify.username", MAIL_USER),
				Map.entry("emnify.password", MAIL_PASSWORD), Map.entry("emnify.password-sha1", ""),
				Map.entry("emnify.mfa.email.host", "127.0.0.1"),
				Map.entry("emnify.mfa.email.port", Integer.toString(mailbox.imapPort())),
				Map.entry("emnify.mfa.email.protocol", "imap"), Map.entry("emnify.mfa.email.username", MAIL_USER),
				Map.entry("emnify.mfa.email.password", mailbox.password()),
				Map.entry("emnify.mfa.email.poll-interval", "100ms"), Map.entry("emnify.mfa.totp-secret", ""));
		assertThat(mailbox.password()).isNotBlank().isNotEqualTo(MAIL_PASSWORD);
		assertThat(mailbox.toString()).doesNotContain(mailbox.password());
	}

	@Test
	void userWithAMailboxIsTheDefaultCredentialOnlyWhenNamed() {
		Map<String, Supplier<Object>> suppliers = registeredSuppliers(EmnifySimulator.builder()
			.workspace(Fixtures.PRODUCTION, "Production")
			.userWithEmailMfa(MAIL_USER, MAIL_PASSWORD, LocalMailbox.forAddress(MAIL_USER), Fixtures.PRODUCTION));

		assertThat(suppliers).containsOnlyKeys("emnify.base-url");
	}

	@Test
	void mailboxOfAnExtensionWithoutOneSaysHowToDeclareIt() {
		assertThatIllegalStateException().isThrownBy(emnify::mailbox)
			.withMessageContaining("userWithEmailMfa(username, password, LocalMailbox.forAddress(address)");
	}

	@Test
	void mailboxStartsBeforeTheSimulatorAndStopsAfterAllTests() {
		Events events = EngineTestKit.engine("junit-jupiter")
			.selectors(selectClass(MailboxLifecycleProbe.class))
			.execute()
			.testEvents();

		events.assertStatistics((stats) -> stats.started(1).succeeded(1));
		assertThat(MailboxLifecycleProbe.emnify.simulator().isRunning()).isFalse();
		assertThat(MailboxLifecycleProbe.mailbox.isRunning()).isFalse();
	}

	@Test
	void mailboxWithoutGreenMailSaysWhichArtifactToAdd() throws Exception {
		URL classes = LocalMailbox.class.getProtectionDomain().getCodeSource().getLocation();
		try (URLClassLoader withoutGreenMail = new URLClassLoader(new URL[] { classes },
				ClassLoader.getPlatformClassLoader())) {
			Class<?> mailboxClass = withoutGreenMail.loadClass(LocalMailbox.class.getName());
			Object mailbox = mailboxClass.getMethod("forAddress", String.class).invoke(null, MAIL_USER);
			Method start = mailboxClass.getMethod("start");

			assertThatIllegalStateException().isThrownBy(() -> invoke(start, mailbox))
				.withMessageContaining("com.icegreen:greenmail-junit5");
		}
	}

	@Test
	void registerPropertiesSetsBaseUrlAndTheFirstApplicationToken() {
		Map<String, Object> properties = register(emnify);

		assertThat(properties).containsOnly(Map.entry("emnify.base-url", emnify.baseUrl()),
				Map.entry("emnify.application-token", Fixtures.APPLICATION_TOKEN), Map.entry("emnify.username", ""),
				Map.entry("emnify.password", ""), Map.entry("emnify.password-sha1", ""),
				Map.entry("emnify.workspace-id", ""), Map.entry("emnify.mfa.totp-secret", ""),
				Map.entry("emnify.mfa.trusted-device.fingerprint", ""), Map.entry("emnify.mfa.email.host", ""),
				Map.entry("emnify.mfa.email.username", ""), Map.entry("emnify.mfa.email.password", ""));
	}

	@Test
	void registerPropertiesSetsUsernameAndClearTextPasswordOfTheDefaultCredential() {
		Map<String, Supplier<Object>> suppliers = registeredSuppliers(EmnifySimulator.builder()
			.workspace(Fixtures.PRODUCTION, "Production")
			.applicationToken(Fixtures.APPLICATION_TOKEN, Fixtures.PRODUCTION)
			.user(Fixtures.USER, Fixtures.USER_PASSWORD, Fixtures.PRODUCTION)
			.defaultCredential(Fixtures.USER));

		assertThat(suppliers).containsOnlyKeys("emnify.base-url", "emnify.application-token", "emnify.username",
				"emnify.password", "emnify.password-sha1", "emnify.mfa.totp-secret", "emnify.mfa.email.host",
				"emnify.mfa.email.username", "emnify.mfa.email.password");
		assertThat(suppliers.get("emnify.mfa.totp-secret").get()).isEqualTo("");
		assertThat(suppliers.get("emnify.username").get()).isEqualTo(Fixtures.USER);
		assertThat(suppliers.get("emnify.password").get()).isEqualTo(Fixtures.USER_PASSWORD);
		assertThat(suppliers.get("emnify.application-token").get()).isEqualTo("");
		assertThat(suppliers.get("emnify.password-sha1").get()).isEqualTo("");
	}

	@Test
	void registerPropertiesFallsBackToTheFirstUser() {
		Map<String, Supplier<Object>> suppliers = registeredSuppliers(EmnifySimulator.builder()
			.workspace(Fixtures.PRODUCTION, "Production")
			.user(Fixtures.USER, Fixtures.USER_PASSWORD, Fixtures.PRODUCTION));

		assertThat(suppliers.get("emnify.username").get()).isEqualTo(Fixtures.USER);
	}

	@Test
	void registerPropertiesFallsBackToTheFirstUserWithoutMfa() {
		Map<String, Supplier<Object>> suppliers = registeredSuppliers(EmnifySimulator.builder()
			.workspace(Fixtures.PRODUCTION, "Production")
			.userWithMfa(Fixtures.MFA_USER, Fixtures.MFA_PASSWORD, Fixtures.MFA_SECRET, Fixtures.PRODUCTION)
			.user(Fixtures.USER, Fixtures.USER_PASSWORD, Fixtures.PRODUCTION));

		assertThat(suppliers.get("emnify.username").get()).isEqualTo(Fixtures.USER);
		assertThat(suppliers.get("emnify.password").get()).isEqualTo(Fixtures.USER_PASSWORD);
	}

	@Test
	void registerPropertiesNeverFallsBackToAUserWithMfa() {
		Map<String, Supplier<Object>> suppliers = registeredSuppliers(EmnifySimulator.builder()
			.workspace(Fixtures.PRODUCTION, "Production")
			.userWithMfa(Fixtures.MFA_USER, Fixtures.MFA_PASSWORD, Fixtures.MFA_SECRET, Fixtures.PRODUCTION));

		assertThat(suppliers).containsOnlyKeys("emnify.base-url");
	}

	@Test
	void registerPropertiesWithoutAccountsSetsOnlyTheBaseUrl() {
		Map<String, Supplier<Object>> suppliers = registeredSuppliers(
				EmnifySimulator.builder().workspace(Fixtures.PRODUCTION, "Production"));

		assertThat(suppliers).containsOnlyKeys("emnify.base-url");
	}

	@Test
	void simulatorStopsAfterAllTestsButNotAfterNestedClasses() {
		Events events = EngineTestKit.engine("junit-jupiter")
			.selectors(selectClass(LifecycleProbe.class))
			.execute()
			.testEvents();

		events.assertStatistics((stats) -> stats.started(2).succeeded(2));
		assertThat(LifecycleProbe.runningAfterNestedClass).isTrue();
		assertThat(LifecycleProbe.emnify.simulator().isRunning()).isFalse();
	}

	@Test
	void extensionOnInstanceFieldIsAConfigurationError() {
		EngineTestKit.engine("junit-jupiter")
			.selectors(selectClass(InstanceFieldProbe.class))
			.execute()
			.testEvents()
			.assertThatEvents()
			.haveExactly(1, finishedWithFailure(instanceOf(ExtensionConfigurationException.class)));
	}

	private static String readCodeOverImap(LocalMailbox mailbox) throws Exception {
		Store store = Session.getInstance(new Properties()).getStore("imap");
		store.connect(mailbox.host(), mailbox.imapPort(), mailbox.username(), mailbox.password());
		try {
			Folder inbox = store.getFolder("INBOX");
			inbox.open(Folder.READ_ONLY);
			Message[] mails = inbox.getMessages();
			assertThat(mails).hasSize(1);
			assertThat(((InternetAddress) mails[0].getFrom()[0]).getAddress()).containsIgnoringCase("emnify");
			Matcher matcher = CODE.matcher((String) mails[0].getContent());
			assertThat(matcher.find()).isTrue();
			return matcher.group(1);
		}
		finally {
			store.close();
		}
	}

	private static void invoke(Method method, Object target) throws Throwable {
		try {
			method.invoke(target);
		}
		catch (InvocationTargetException ex) {
			throw ex.getCause();
		}
	}

	/**
	 * What the extension of a simulator that is not started registers, unresolved.
	 */
	private static Map<String, Supplier<Object>> registeredSuppliers(EmnifySimulatorBuilder builder) {
		Map<String, Supplier<Object>> suppliers = new LinkedHashMap<>();
		EmnifySimulatorExtension.of(builder).registerProperties(suppliers::put);
		return suppliers;
	}

	private static Map<String, Object> register(EmnifySimulatorExtension extension) {
		Map<String, Object> properties = new LinkedHashMap<>();
		DynamicPropertyRegistry registry = (name, value) -> properties.put(name, value.get());
		extension.registerProperties(registry);
		return properties;
	}

	/**
	 * Run only through {@link EngineTestKit} by the test above.
	 */
	static class LifecycleProbe {

		@RegisterExtension
		static final EmnifySimulatorExtension emnify = EmnifySimulatorExtension
			.of(EmnifySimulator.builder().workspace(1, "Probe"));

		static volatile boolean runningAfterNestedClass;

		@AfterAll
		static void recordState() {
			runningAfterNestedClass = emnify.simulator().isRunning();
		}

		@Test
		void outerTest() {
			assertThat(emnify.simulator().isRunning()).isTrue();
		}

		@Nested
		class NestedProbe {

			@Test
			void nestedTest() {
				assertThat(emnify.simulator().isRunning()).isTrue();
			}

		}

	}

	/**
	 * Run only through {@link EngineTestKit} by the test above.
	 */
	static class MailboxLifecycleProbe {

		static final LocalMailbox mailbox = LocalMailbox.forAddress(MAIL_USER);

		@RegisterExtension
		static final EmnifySimulatorExtension emnify = EmnifySimulatorExtension
			.of(EmnifySimulator.builder().workspace(1, "Probe").userWithEmailMfa(MAIL_USER, MAIL_PASSWORD, mailbox, 1));

		@Test
		void mailboxRunsWithTheSimulator() {
			assertThat(emnify.simulator().isRunning()).isTrue();
			assertThat(emnify.mailbox()).isSameAs(mailbox);
			assertThat(mailbox.isRunning()).isTrue();
			assertThat(mailbox.imapPort()).isNotEqualTo(mailbox.smtpPort()).isPositive();
		}

	}

	/**
	 * Run only through {@link EngineTestKit} by the test above.
	 */
	static class InstanceFieldProbe {

		@RegisterExtension
		final EmnifySimulatorExtension emnify = EmnifySimulatorExtension
			.of(EmnifySimulator.builder().workspace(1, "Probe"));

		@Test
		void neverRuns() {
		}

	}

}
