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

package io.github.iotstarters.emnify.auth.mfa;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Flags;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.test.StepVerifier;
import reactor.test.StepVerifier.FirstStep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * The email code source against a real IMAP server, GreenMail's, on a loopback port.
 */
class ImapCodeSourceTests {

	private static final String HOST = "127.0.0.1";

	private static final String LOGIN = "mfa-reader";

	private static final String PASSWORD = "mailbox-secret-password";

	private static final String EMNIFY = "emnify <no-reply@emnify.com>";

	private static final List<String> SENDER = List.of(EmnifyMfaEmailSettings.DEFAULT_SENDER);

	private static final String NO_CODE_YET = "no code yet";

	private static final String REFUSED = "refused";

	private static final Duration POLL_INTERVAL = Duration.ofMillis(100);

	private static final Duration WAIT = Duration.ofSeconds(5);

	@RegisterExtension
	static GreenMailExtension mailServer = new GreenMailExtension(ServerSetupTest.IMAP.dynamicPort());

	// IMAP's received dates have whole seconds.
	private final Instant demanded = Instant.now().truncatedTo(ChronoUnit.SECONDS);

	private GreenMailUser user;

	@BeforeEach
	void createMailbox() {
		this.user = mailServer.setUser("mfa@service.org", LOGIN, PASSWORD);
	}

	@Test
	void olderMailWithAnotherCodeIsIgnored() throws Exception {
		receive(EMNIFY, "Your code is 111111", this.demanded.minusSeconds(2));
		StepVerifier.create(codeSource(PASSWORD).nextCode())
			.expectSubscription()
			.expectNoEvent(Duration.ofMillis(300))
			.then(() -> receiveUnchecked("Your code is 222222", this.demanded))
			.expectNext("222222")
			.expectComplete()
			.verify(WAIT);
	}

	/**
	 * Which mails give the code of a login whose demand came 600 ms into a second: a mail
	 * counts from that second on, and from a sender; if two with different codes count,
	 * one is another login's, and none is used.
	 */
	static Stream<Arguments> mailsAroundTheDemand() {
		return Stream.of(
				arguments("a mail of an earlier second is another login's", List.of(mail(-1, EMNIFY, "111111")),
						NO_CODE_YET),
				arguments("a mail of the demand's second counts: received dates have whole seconds",
						List.of(mail(0, EMNIFY, "222222")), "222222"),
				arguments("of a mail before and one after the demand, the one after",
						List.of(mail(-2, EMNIFY, "111111"), mail(1, EMNIFY, "333333")), "333333"),
				arguments("two mails since the demand: refused",
						List.of(mail(1, EMNIFY, "444444"), mail(2, EMNIFY, "555555")), REFUSED),
				arguments("a mail of the demand's second and a later one: refused",
						List.of(mail(0, EMNIFY, "444444"), mail(1, EMNIFY, "555555")), REFUSED),
				arguments("one code mailed twice is one code",
						List.of(mail(1, EMNIFY, "666666"), mail(2, EMNIFY, "666666")), "666666"),
				arguments("another sender's mail is not counted",
						List.of(mail(1, EMNIFY, "777777"), mail(2, "alerts@monitoring.example", "888888")), "777777"),
				arguments("a mail of emnify's without a code is not counted",
						List.of(mail(1, EMNIFY, "999999"), mail(2, EMNIFY, "You logged in from a new device")),
						"999999"),
				arguments("a subdomain of emnify.com sends", List.of(mail(1, "no-reply@mail.emnify.com", "101010")),
						"101010"),
				arguments("emnify as a name in another domain does not",
						List.of(mail(1, "emnify@attacker.example", "121212")), NO_CODE_YET),
				arguments("emnify.com inside another domain does not",
						List.of(mail(1, "no-reply@emnify.com.attacker.example", "131313")), NO_CODE_YET),
				arguments("a domain that ends in emnify.com does not", List.of(mail(1, "x@notemnify.com", "141414")),
						NO_CODE_YET),
				arguments("emnify's address as the display name does not",
						List.of(mail(1, "\"no-reply@emnify.com\" <evil@attacker.example>", "151515")), NO_CODE_YET),
				arguments("a second From address does not",
						List.of(mail(1, "no-reply@emnify.com, evil@attacker.example", "161616")), NO_CODE_YET),
				arguments("a malformed From does not, nor does it fail the read",
						List.of(mail(1, "no-reply@emnify.com@attacker.example", "171717"), mail(2, EMNIFY, "181818")),
						"181818"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("mailsAroundTheDemand")
	void onlyTheOneMailSinceTheDemandGivesTheCode(String rule, List<Mail> mails, String outcome) throws Exception {
		for (Mail mail : mails) {
			receive(mail.from(), "Your code: " + mail.text(), this.demanded.plusSeconds(mail.second()));
		}
		Clock demandInTheSecond = Clock.fixed(this.demanded.plusMillis(600), ZoneOffset.UTC);
		FirstStep<String> code = StepVerifier
			.create(new ImapCodeSource(settings(PASSWORD), demandInTheSecond).nextCode());
		switch (outcome) {
			case NO_CODE_YET ->
				code.expectSubscription().expectNoEvent(Duration.ofMillis(400)).thenCancel().verify(WAIT);
			case REFUSED -> code.expectErrorSatisfies((ex) -> assertThat(ex)
				.hasMessageStartingWith("2 mails with different MFA codes arrived in the mailbox imap://" + HOST + ":")
				.hasMessageContaining("which one is its own cannot be told, so none is used")
				.hasMessageContaining("another login of the same user")
				.hasMessageNotContainingAny("444444", "555555")).verify(WAIT);
			default -> code.expectNext(outcome).expectComplete().verify(WAIT);
		}
	}

	@Test
	void aUsedMailIsNeitherUsedAgainNorCountedAgainstTheNextOne() throws Exception {
		ImapCodeSource codes = codeSource(PASSWORD);
		receive(EMNIFY, "Your code is 232323", this.demanded.plusSeconds(1));
		StepVerifier.create(codes.nextCode()).expectNext("232323").expectComplete().verify(WAIT);
		receive(EMNIFY, "Your code is 242424", this.demanded.plusSeconds(2));
		StepVerifier.create(codes.nextCode()).expectNext("242424").expectComplete().verify(WAIT);
	}

	@Test
	void mailboxIsReadOffTheCallersThreadOnABoundedElasticOne() throws Exception {
		receive(EMNIFY, "Your code is 565656", this.demanded);
		StepVerifier.create(codeSource(PASSWORD).nextCode().map((code) -> Thread.currentThread().getName()))
			.assertNext((thread) -> assertThat(thread).startsWith("boundedElastic-"))
			.expectComplete()
			.verify(WAIT);
	}

	@Test
	void codeThatArrivesLaterIsUsed() throws Exception {
		ImapCodeSource codes = new ImapCodeSource(settings(PASSWORD), Clock.systemUTC());
		CompletableFuture<String> code = codes.nextCode().toFuture();
		CompletableFuture.runAsync(this::deliverNow, CompletableFuture.delayedExecutor(300, TimeUnit.MILLISECONDS));
		assertThat(code.get(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo("777777");
	}

	@Test
	void codeIsNotUsedTwice() throws Exception {
		ImapCodeSource codes = codeSource(PASSWORD);
		receive(EMNIFY, "Your code is 888888", this.demanded);
		StepVerifier.create(codes.nextCode()).expectNext("888888").expectComplete().verify(WAIT);
		receive(EMNIFY, "Sent again: your code is 888888", this.demanded.plusSeconds(1));
		StepVerifier.create(codes.nextCode())
			.expectSubscription()
			.expectNoEvent(Duration.ofMillis(400))
			.then(() -> receiveUnchecked("Your code is 999999", this.demanded.plusSeconds(2)))
			.expectNext("999999")
			.expectComplete()
			.verify(WAIT);
	}

	@Test
	void codeIsReadFromTheTextOfAnHtmlMailNotFromItsStyles() throws Exception {
		MimeMessage message = message(EMNIFY, "Your emnify verification code");
		message.setContent("<html><head><style>p { color: #123456; }</style></head>"
				+ "<body><p style=\"color:#654321\">Your code: <b>246802</b></p></body></html>", "text/html");
		append(message, this.demanded);
		StepVerifier.create(codeSource(PASSWORD).nextCode()).expectNext("246802").expectComplete().verify(WAIT);
	}

	@Test
	void codeIsTheFirstGroupOfTheConfiguredPattern() throws Exception {
		receive(EMNIFY, "Reference 123456, your code: AB12CD", this.demanded);
		EmnifyMfaEmailSettings settings = new EmnifyMfaEmailSettings(HOST, mailServer.getImap().getPort(), "imap",
				LOGIN, PASSWORD, "INBOX", SENDER, Pattern.compile("code: ([A-Z0-9]{6})"), POLL_INTERVAL);
		StepVerifier.create(new ImapCodeSource(settings, fixedClock()).nextCode())
			.expectNext("AB12CD")
			.expectComplete()
			.verify(WAIT);
	}

	@Test
	void wrongPasswordFailsWithAnErrorThatNamesTheHostAndNotThePassword() throws Exception {
		receive(EMNIFY, "Your code is 135791", this.demanded);
		StepVerifier.create(codeSource("wrong-mailbox-password").nextCode())
			.expectErrorSatisfies((ex) -> assertThat(ex).hasMessageContaining(HOST)
				.hasMessageContaining("rejected the login of " + LOGIN)
				.hasNoCause()
				.hasMessageNotContaining("wrong-mailbox-password")
				.hasMessageNotContaining(PASSWORD))
			.verify(WAIT);
	}

	@Test
	void unreachableServerFailsWithAnErrorThatNamesTheHost() throws IOException {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0)) {
			closedPort = socket.getLocalPort();
		}
		EmnifyMfaEmailSettings settings = new EmnifyMfaEmailSettings(HOST, closedPort, "imap", LOGIN, PASSWORD, "INBOX",
				SENDER, Pattern.compile(EmnifyMfaEmailSettings.DEFAULT_CODE_PATTERN), POLL_INTERVAL);
		StepVerifier.create(new ImapCodeSource(settings, fixedClock()).nextCode())
			.expectErrorSatisfies((ex) -> assertThat(ex)
				.hasMessageStartingWith("cannot connect to MFA mailbox imap://" + HOST + ":" + closedPort + "/INBOX")
				.hasMessageNotContaining(PASSWORD))
			.verify(WAIT);
	}

	@Test
	void settingsShowNoPasswordAndRejectWhatCannotWork() {
		EmnifyMfaEmailSettings settings = settings(PASSWORD);
		assertThat(settings.toString()).contains(HOST, LOGIN).doesNotContain(PASSWORD);
		assertThat(new ImapCodeSource(settings, fixedClock()).toString()).doesNotContain(PASSWORD);
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new EmnifyMfaEmailSettings(HOST, 993, "imaps", LOGIN, PASSWORD, "INBOX", SENDER,
					Pattern.compile("\\d{6}"), POLL_INTERVAL))
			.withMessageContaining("must have a group");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new EmnifyMfaEmailSettings(HOST, 995, "pop3s", LOGIN, PASSWORD, "INBOX", SENDER,
					Pattern.compile(EmnifyMfaEmailSettings.DEFAULT_CODE_PATTERN), POLL_INTERVAL))
			.withMessageContaining("imaps or imap");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new EmnifyMfaEmailSettings(HOST, 993, "imaps", LOGIN, PASSWORD, "INBOX",
					List.of("emnify"), Pattern.compile(EmnifyMfaEmailSettings.DEFAULT_CODE_PATTERN), POLL_INTERVAL))
			.withMessageContaining("'emnify' is neither an address (such as no-reply@emnify.com) nor a domain");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new EmnifyMfaEmailSettings(HOST, 993, "imaps", LOGIN, PASSWORD, "INBOX", SENDER,
					Pattern.compile("code: (\\d*)"), POLL_INTERVAL))
			.withMessageContaining("must not find an empty code");
	}

	private ImapCodeSource codeSource(String password) {
		return new ImapCodeSource(settings(password), fixedClock());
	}

	private Clock fixedClock() {
		return Clock.fixed(this.demanded, ZoneOffset.UTC);
	}

	private static EmnifyMfaEmailSettings settings(String password) {
		return new EmnifyMfaEmailSettings(HOST, mailServer.getImap().getPort(), "imap", LOGIN, password, "INBOX",
				SENDER, Pattern.compile(EmnifyMfaEmailSettings.DEFAULT_CODE_PATTERN), POLL_INTERVAL);
	}

	@Test
	void settingsDigestChangesWithTheMailboxPasswordAndShowsNoSetting() {
		String digest = new ImapCodeSource(settings(PASSWORD), Clock.systemUTC()).settingsDigest();
		assertThat(digest).hasSize(64)
			.isEqualTo(new ImapCodeSource(settings(PASSWORD), Clock.systemUTC()).settingsDigest())
			.isNotEqualTo(new ImapCodeSource(settings("another-password"), Clock.systemUTC()).settingsDigest())
			.doesNotContain(PASSWORD)
			.doesNotContain(LOGIN);
	}

	private void deliverNow() {
		try {
			MimeMessage message = message(EMNIFY, "Your emnify verification code");
			message.setText("Your code is 777777. It is valid for 20 minutes.");
			this.user.deliver(message);
		}
		catch (MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private void receive(String from, String text, Instant received) throws MessagingException, FolderException {
		MimeMessage message = message(from, "Your emnify verification code");
		message.setText(text);
		append(message, received);
	}

	private void receiveUnchecked(String text, Instant received) {
		try {
			receive(EMNIFY, text, received);
		}
		catch (MessagingException | FolderException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private void append(MimeMessage message, Instant received) throws FolderException {
		mailServer.getManagers()
			.getImapHostManager()
			.getInbox(this.user)
			.appendMessage(message, new Flags(), Date.from(received));
	}

	private static Mail mail(long second, String from, String text) {
		return new Mail(second, from, text);
	}

	// Set as it is written, malformed or not.
	private static MimeMessage message(String from, String subject) throws MessagingException {
		MimeMessage message = new MimeMessage(Session.getInstance(new Properties()));
		message.setHeader("From", from);
		message.setRecipients(MimeMessage.RecipientType.TO, "mfa@service.org");
		message.setSubject(subject);
		return message;
	}

	/**
	 * A mail that arrives in the mailbox.
	 *
	 * @param second when, in seconds from the second of the demand
	 * @param from the From header
	 * @param text what follows "Your code: " in the text
	 */
	record Mail(long second, String from, String text) {

	}

}
