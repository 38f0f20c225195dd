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

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Flags;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.http.codec.autoconfigure.CodecsAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import reactor.core.publisher.Mono;

import io.github.iotstarters.emnify.auth.EmnifyAuthenticationException;
import io.github.iotstarters.emnify.auth.EmnifySession;
import io.github.iotstarters.emnify.auth.EmnifyToken;
import io.github.iotstarters.emnify.auth.EmnifyTokenProvider;
import io.github.iotstarters.emnify.auth.EmnifyTokenStore;
import io.github.iotstarters.emnify.auth.mfa.EmnifyMfaCodeSource;
import io.github.iotstarters.emnify.auth.test.JwtCodec;
import io.github.iotstarters.emnify.auth.testsupport.LocalRedisServer;
import io.github.iotstarters.emnify.auth.testsupport.LoopbackWireMock;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
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
 * The message of every failure that reaches a caller of the auto-configured
 * {@link EmnifyTokenProvider}, word for word as it is today: the texts that name the
 * properties to check, which an outside black-box suite checks too. Whatever composes
 * them, these stay. A rejection speaks of the credential it concerns: the rows of each.
 */
class FailureMessagesTests {

	private static final String AUTHENTICATE = "/api/v1/authenticate";

	private static final String SWITCH = AUTHENTICATE + "/workspace";

	private static final String APPLICATION = "emnify.application-token=app-token";

	private static final String USER = "emnify.username=user@service.org";

	private static final String PASSWORD = "emnify.password=my_password";

	// The RFC 6238 SHA-1 key in base32.
	private static final String TOTP = "emnify.mfa.totp-secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

	private static final String MAILBOX_PASSWORD = "mailbox-secret-password";

	private static final String EMNIFY_MAIL = "emnify <no-reply@emnify.com>";

	private static final String REDIS_KEY = Base64.getEncoder().encodeToString(new byte[32]);

	private static final String LOCK = "{\"error_code\":1105,\"error_token\":\"TooManyRequests\","
			+ "\"message\":\"Too many failed attempts\"}";

	private static final JwtCodec JWTS = new JwtCodec();

	// Where the HTTP client's own words come, which depend on its transport (Netty's
	// epoll or NIO): not ours to pin.
	private static final String FROM_CLIENT = "<the HTTP client's words>";

	// Sentences that several messages share, as they read today.
	private static final String RETRIED = "the request is retried within emnify.retry.*, unless it was a password, "
			+ "MFA or refresh step that emnify may have served: a refresh is followed by a login at once, the others "
			+ "are left to the next renewal.";

	// What follows a rejection speaks of the credential: emnify locks users, not
	// application tokens.
	private static final String TOKEN_COOLDOWN = " No new login is sent during emnify.rejected-credentials-cooldown.";

	private static final String LOGIN_COOLDOWN = " No new login is sent during emnify.rejected-credentials-cooldown "
			+ "(emnify locks a user out after three failed logins).";

	private static final String CODE_COOLDOWN = " No new login is sent during emnify.rejected-credentials-cooldown "
			+ "(emnify locks a user out after three rejected MFA codes or passwords in a row).";

	private static final String WRONG_TARGET = " Check that emnify.base-url points at emnify's API "
			+ "(https://cdn.emnify.net), not at a proxy or another service.";

	private static final String CHECK_USER = "Check emnify.username and emnify.password (or emnify.password-sha1).";

	private static final String LOCKED = "emnify has locked the user after repeated failed logins or MFA codes (%s, "
			+ "HTTP 401, TooManyRequests: Too many failed attempts). emnify counts a wrong password and a rejected "
			+ "MFA code alike, and locks the user for 5 minutes after three in a row; no login is sent before the "
			+ "lock ends. Check emnify.username and emnify.password%s.";

	private static final String CODE_REJECTED = "emnify rejected the authentication request (MFA login, HTTP 401). "
			+ "emnify did not accept the MFA code, and no second code follows at once: emnify counts a rejected "
			+ "code like a wrong password. %s" + CODE_COOLDOWN;

	private static final String SHARED_MAILBOX = "A mailbox that another login of the same user reads at the same "
			+ "time (another application, an instance of this one without a shared session, or a person in the "
			+ "Portal) holds that login's codes too: give each application and user a mailbox of its own, let the "
			+ "instances share one session (emnify.token-store.type=redis), or use TOTP (emnify.mfa.totp-secret) or "
			+ "an application token (emnify.application-token), which emnify recommends for integrations.";

	private static final String STORE_ADVICE = "Check the EmnifyTokenStore (for the Redis store: spring.data.redis.* "
			+ "and the Redis server); the next renewal is held back as after any transient failure.";

	@RegisterExtension
	static WireMockExtension emnify = LoopbackWireMock.extension();

	@RegisterExtension
	static GreenMailExtension mailServer = new GreenMailExtension(ServerSetup.dynamicPort(ServerSetupTest.SMTP_IMAP));

	// Where the row "unreachable" sends its login: nothing listens there.
	private static int unreachablePort;

	static Stream<Arguments> failures() {
		return Stream.of(
				arguments("rejected application token",
						meet(() -> answerLogins(aResponse().withStatus(401)), APPLICATION),
						message(() -> "emnify rejected the authentication request (application token login, HTTP 401). "
								+ "Check emnify.application-token: the token may be mistyped, revoked or expired."
								+ TOKEN_COOLDOWN)),
				arguments("rejected password", meet(() -> answerLogins(aResponse().withStatus(401)), USER, PASSWORD),
						message(() -> "emnify rejected the authentication request (user login, HTTP 401). " + CHECK_USER
								+ LOGIN_COOLDOWN)),
				arguments("rejected password-sha1",
						meet(() -> answerLogins(aResponse().withStatus(401)), USER,
								"emnify.password-sha1=5eb942810a75ebc850972a89285d570d484c89c4"),
						message(() -> "emnify rejected the authentication request (user login, HTTP 401). " + CHECK_USER
								+ LOGIN_COOLDOWN)),
				arguments("rejected password that looks like a SHA-1",
						meet(() -> answerLogins(aResponse().withStatus(401)), USER,
								"emnify.password=5eb942810a75ebc850972a89285d570d484c89c4"),
						message(() -> "emnify rejected the authentication request (user login, HTTP 401). " + CHECK_USER
								+ LOGIN_COOLDOWN + " emnify.password looks like a SHA-1 hash (40 hexadecimal digits; "
								+ "its value is not shown), and is hashed once more before it is sent: if it is the "
								+ "SHA-1 of the password, set it as emnify.password-sha1 instead of emnify.password.")),
				arguments("rejected refresh, then the login it is followed by",
						meetAfterRefresh(aResponse().withStatus(401), aResponse().withStatus(401)),
						message(() -> "emnify rejected the authentication request (user login, HTTP 401). " + CHECK_USER
								+ LOGIN_COOLDOWN)),
				arguments("rejected TOTP code", meetCodeAnswer(aResponse().withStatus(401), TOTP),
						message(() -> CODE_REJECTED.formatted("The code was computed from the TOTP secret "
								+ "(emnify.mfa.totp-secret): check that it is the secret of the user's active MFA key, "
								+ "and that this machine's clock is right."))),
				arguments("rejected emailed code", meetEmailedCodeAnswer(aResponse().withStatus(401)),
						message(() -> CODE_REJECTED.formatted("The code was read from a mail in the mailbox that "
								+ "emnify.mfa.email.* reads. " + SHARED_MAILBOX
								+ " Check emnify.mfa.email.sender and emnify.mfa.email.code-pattern too."))),
				arguments("rejected code of a code source bean",
						meetCodeAnswer(aResponse().withStatus(401), codes(() -> Mono.just("444444"))),
						message(() -> CODE_REJECTED.formatted("The code came from your EmnifyMfaCodeSource: check "
								+ "where it takes its codes from."))),
				arguments("rejected workspace switch", meetSwitchAnswer(aResponse().withStatus(403)),
						message(() -> "emnify rejected the authentication request (workspace switch, HTTP 403). "
								+ "Check emnify.workspace-id: the user must be allowed into that workspace. No new "
								+ "switch is sent during emnify.rejected-credentials-cooldown.")),
				arguments("unexpected 4xx to an application token",
						meet(() -> answerLogins(aResponse().withStatus(404)), APPLICATION),
						message(() -> "emnify rejected the authentication request (application token login, HTTP 404). "
								+ "Check emnify.application-token: the token may be mistyped, revoked or expired."
								+ WRONG_TARGET + TOKEN_COOLDOWN)),
				arguments("unexpected 4xx to a workspace switch", meetSwitchAnswer(aResponse().withStatus(404)),
						message(() -> "emnify rejected the authentication request (workspace switch, HTTP 404). "
								+ "Check emnify.workspace-id: the user must be allowed into that workspace."
								+ WRONG_TARGET
								+ " No new switch is sent during emnify.rejected-credentials-cooldown.")),
				arguments("redirect",
						meet(() -> answerLogins(aResponse().withStatus(302)
							.withHeader("Location", "https://elsewhere.example:8443/login?next=secret")), APPLICATION),
						message(() -> "emnify answered the authentication request with a redirect to "
								+ "elsewhere.example:8443, which was not followed (application token login, HTTP 302). "
								+ "No credential is sent to another host. Check that emnify.base-url points at "
								+ "emnify's API (https://cdn.emnify.net), not at a proxy or another service. No new "
								+ "login is sent during emnify.rejected-credentials-cooldown.")),
				arguments("user locked, no code source", meet(() -> answerLogins(lock()), USER, PASSWORD),
						message(() -> LOCKED.formatted("user login", ""))),
				arguments("user locked, TOTP", meet(() -> answerLogins(lock()), USER, PASSWORD, TOTP),
						message(() -> LOCKED.formatted("user login",
								", and the TOTP secret (emnify.mfa.totp-secret) and this machine's clock"))),
				arguments("user locked, mailbox", meetWithMailbox(() -> answerLogins(lock())),
						message(() -> LOCKED.formatted("user login",
								", and the mailbox that emnify.mfa.email.* reads, "
										+ "which no other login of the user may share"))),
				arguments("user locked, code source bean",
						meet(() -> answerLogins(lock()), codes(() -> Mono.just("444444")), USER, PASSWORD),
						message(() -> LOCKED.formatted("user login", ", and your EmnifyMfaCodeSource"))),
				arguments("user locked at the MFA step", meetCodeAnswer(lock(), TOTP),
						message(() -> LOCKED.formatted("MFA login",
								", and the TOTP secret (emnify.mfa.totp-secret) and this machine's clock"))),
				arguments("user locked at a refresh", meetAfterRefresh(lock(), aResponse().withStatus(500)),
						message(() -> LOCKED.formatted("token refresh", ""))),
				arguments("answer without auth_token", meet(() -> answerLogins(okJson("{}")), APPLICATION),
						message(() -> "emnify answered without an auth_token (application token login, HTTP 200). "
								+ "This is unexpected from emnify; " + RETRIED)),
				arguments("503", meet(() -> answerLogins(aResponse().withStatus(503)), APPLICATION),
						message(() -> "emnify could not serve the authentication request (application token login, "
								+ "HTTP 503). If this persists, check emnify's status page; " + RETRIED)),
				arguments("timeout",
						meet(() -> answerLogins(okJson("{}").withFixedDelay(2000)), APPLICATION,
								"emnify.token.request-timeout=200ms"),
						message(() -> "emnify did not answer within PT0.2S (emnify.token.request-timeout) (application "
								+ "token login). Check the network path to emnify.base-url; " + RETRIED)),
				arguments("unreachable", meetUnreachable(),
						message(() -> "emnify could not be reached: " + FROM_CLIENT + "Connection refused: /127.0.0.1:"
								+ unreachablePort
								+ " (application token login). Check the network path to emnify.base-url; " + RETRIED)),
				arguments("unreadable answer",
						meet(() -> answerLogins(okJson("{\"auth_token\":\"" + "x".repeat(300_000) + "\"}")),
								APPLICATION),
						message(() -> "emnify answered in a way that could not be read: Exceeded limit on max bytes to "
								+ "buffer : 262144 (application token login). Check the network path to "
								+ "emnify.base-url; " + RETRIED)),
				arguments("MFA demanded without a code source", meet(FailureMessagesTests::demandCodes, USER, PASSWORD),
						message(() -> "emnify requires multi-factor authentication (MFA) for this user (user login, "
								+ "HTTP 200). Set emnify.mfa.totp-secret to the base32 secret of the user's MFA key (or "
								+ "declare an EmnifyMfaCodeSource bean), or log in with an application token "
								+ "(emnify.application-token), which emnify recommends for integrations.")),
				arguments("device no longer trusted",
						meet(FailureMessagesTests::demandCodes, USER, PASSWORD,
								"emnify.mfa.trusted-device.fingerprint=device-secret",
								"emnify.mfa.trusted-device.name=billing"),
						message(() -> "emnify no longer trusts the device 'billing' and demands multi-factor "
								+ "authentication (MFA) again (user login, HTTP 200). Enrol the device again (a new "
								+ "emnify.mfa.trusted-device.fingerprint, registered with one MFA login), or set "
								+ "emnify.mfa.totp-secret (or declare an EmnifyMfaCodeSource bean) so that logins "
								+ "complete MFA and register the device again by themselves.")),
				arguments("code source bean late",
						meet(FailureMessagesTests::demandCodes, codes(Mono::never), USER, PASSWORD,
								"emnify.mfa.code-timeout=200ms"),
						message(() -> "emnify demands an MFA code, but the code source supplied none within PT0.2S "
								+ "(MFA login). Check your EmnifyMfaCodeSource. Raise emnify.mfa.code-timeout if codes "
								+ "arrive later than that.")),
				arguments("no mail in time",
						meetWithMailbox(FailureMessagesTests::demandCodes, "emnify.mfa.code-timeout=300ms"),
						message(() -> "emnify demands an MFA code, but the code source supplied none within PT0.3S "
								+ "(MFA login). Check the mailbox that emnify.mfa.email.* reads. " + SHARED_MAILBOX
								+ " Raise emnify.mfa.code-timeout if codes arrive later than that.")),
				arguments("code source bean failed",
						meet(FailureMessagesTests::demandCodes,
								codes(() -> Mono.error(new IllegalStateException("vault sealed"))), USER, PASSWORD),
						message(() -> "emnify demands an MFA code, but the code source failed: vault sealed (MFA "
								+ "login). Check your EmnifyMfaCodeSource.")),
				arguments("code source of TOTP kind failed",
						meet(FailureMessagesTests::demandCodes, new FailingTotpSource(), USER, PASSWORD),
						message(() -> "emnify demands an MFA code, but the code source failed: clock unknown (MFA "
								+ "login). Check the TOTP secret (emnify.mfa.totp-secret) and this machine's clock.")),
				arguments("two mails with different codes", meetWithMailbox(FailureMessagesTests::twoCodesMailed),
						message(() -> "emnify demands an MFA code, but the code source failed: 2 mails with different "
								+ "MFA codes arrived in the mailbox imap://127.0.0.1:" + mailServer.getImap().getPort()
								+ "/INBOX since this login's demand, and which one is its own cannot be told, so none "
								+ "is used: most likely another login of the same user reads the same mailbox (MFA "
								+ "login). Check the mailbox that emnify.mfa.email.* reads. " + SHARED_MAILBOX)),
				arguments("logins stopped",
						meetSecond(() -> answerLogins(aResponse().withStatus(401)), USER, PASSWORD,
								"emnify.rejected-credentials-cooldown=0s"),
						message(() -> "emnify rejected 2 logins of this user in a row, so no further login is sent "
								+ "until the application restarts: emnify locks the user for 5 minutes after three "
								+ "failed logins or MFA codes in a row, for this application and for people in the "
								+ "Portal alike. Correct the credentials or the MFA code source, then restart. The "
								+ "last rejection: emnify rejected the authentication request (user login, HTTP 401). "
								+ CHECK_USER + LOGIN_COOLDOWN)),
				arguments("renewal timed out", meet(() -> {
				}, new StoreAnswering(Mono.never()), APPLICATION, "emnify.token.request-timeout=100ms"), message(
						() -> "emnify authentication did not end within PT2.22S, the longest a renewal may take "
								+ "with emnify.token.request-timeout, emnify.retry.* and the MFA code wait: the token "
								+ "store " + StoreAnswering.class.getName()
								+ " did not answer (application token login). " + STORE_ADVICE)),
				arguments("renewal timed out behind another instance's lease", meetBehindLease(), message(
						() -> "emnify authentication did not end within PT2.22S, the longest a renewal may take "
								+ "with emnify.token.request-timeout, emnify.retry.* and the MFA code wait: the token "
								+ "store io.github.iotstarters.emnify.auth.redis.RedisEmnifyTokenStore waited for the "
								+ "renewal of another instance, which held the lease emnify:auth:{" + emnify.baseUrl()
								+ "/*}:lease on Redis; a lease whose holder died expires within "
								+ "emnify.token-store.lease-time (application token login). " + STORE_ADVICE)),
				arguments("token store failed", meet(() -> {
				}, new StoreAnswering(Mono.error(new IllegalStateException("disk full"))), APPLICATION),
						message(() -> "emnify token store " + StoreAnswering.class.getName() + " failed: disk full "
								+ "(application token login). " + STORE_ADVICE)),
				arguments("no MFA code without Redis", meetWithoutRedis(),
						message(() -> "emnify login not sent, as it would need an MFA code (MFA login): this instance "
								+ "cannot reach Redis, the shared token store through which one instance logs in for "
								+ "the whole fleet, and a login of its own could make emnify lock the user. emnify "
								+ "accepts the code of one 30-second TOTP step, or of one mail, once, and counts the "
								+ "copies that the other instances send at the same moment as failed logins; three in a "
								+ "row lock the user for 5 minutes. The token held serves until it is stale, and the "
								+ "fleet logs in once when Redis answers again. Restore Redis (check spring.data.redis.* "
								+ "and the Redis server), or log in with an application token "
								+ "(emnify.application-token), which needs no MFA code.")));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("failures")
	void eachFailureReachesTheCallerWithTodaysMessageWordForWord(String failure, Scenario scenario,
			Supplier<String> message) throws Exception {
		// The expected text second: it may name a port the scenario chose.
		String met = scenario.meet().getMessage();
		String expected = message.get();
		if (expected.contains(FROM_CLIENT)) {
			String[] around = expected.split(Pattern.quote(FROM_CLIENT));
			assertThat(met).matches(Pattern.quote(around[0]) + ".*" + Pattern.quote(around[1]));
		}
		else {
			assertThat(met).isEqualTo(expected);
		}
	}

	private static ApplicationContextRunner application(String... properties) {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(CodecsAutoConfiguration.class, WebClientAutoConfiguration.class,
					DataRedisAutoConfiguration.class, EmnifyRedisTokenStoreAutoConfiguration.class,
					EmnifyWorkspacesAutoConfiguration.class, EmnifyAuthAutoConfiguration.class))
			.withPropertyValues("emnify.base-url=" + emnify.baseUrl(), "emnify.retry.max-retries=0")
			.withPropertyValues(properties);
	}

	private static Supplier<String> message(Supplier<String> message) {
		return message;
	}

	// The failure of the first token asked for, with emnify answering as the stubs say.
	private static Scenario meet(Runnable answers, String... properties) {
		return () -> {
			answers.run();
			return firstFailure(application(properties));
		};
	}

	private static Scenario meet(Runnable answers, Object bean, String... properties) {
		return () -> {
			answers.run();
			return firstFailure(withBean(application(properties), bean));
		};
	}

	@SuppressWarnings("unchecked")
	private static ApplicationContextRunner withBean(ApplicationContextRunner runner, Object bean) {
		Class<Object> type = (Class<Object>) ((bean instanceof EmnifyTokenStore) ? EmnifyTokenStore.class
				: EmnifyMfaCodeSource.class);
		return runner.withBean(type, () -> bean);
	}

	private static Scenario meetSecond(Runnable answers, String... properties) {
		return () -> {
			answers.run();
			AtomicReference<EmnifyAuthenticationException> failure = new AtomicReference<>();
			application(properties).run((context) -> {
				EmnifyTokenProvider provider = context.getBean(EmnifyTokenProvider.class);
				failure(provider);
				failure.set(failure(provider));
			});
			return failure.get();
		};
	}

	// A user session whose refresh emnify answers as given, and the login after it.
	private static Scenario meetAfterRefresh(ResponseDefinitionBuilder refresh, ResponseDefinitionBuilder login) {
		return () -> {
			String authToken = JWTS.token(Instant.now(), Duration.ofMinutes(240));
			emnify.stubFor(passwordSteps().willReturn(okJson("{\"auth_token\":\"" + authToken
					+ "\",\"refresh_token\":\"" + JWTS.token(Instant.now(), Duration.ofMinutes(350)) + "\"}")));
			AtomicReference<EmnifyAuthenticationException> failure = new AtomicReference<>();
			application(USER, PASSWORD).run((context) -> {
				EmnifyTokenProvider provider = context.getBean(EmnifyTokenProvider.class);
				assertThat(provider.getToken().block(Duration.ofSeconds(10))).isEqualTo(authToken);
				emnify.stubFor(
						post(AUTHENTICATE).withRequestBody(matchingJsonPath("$.refresh_token")).willReturn(refresh));
				emnify.stubFor(passwordSteps().willReturn(login));
				// As after emnify's 401 to the token: the next renewal refreshes.
				assertThat(provider.invalidate(authToken)).isTrue();
				failure.set(failure(provider));
			});
			emnify.verify(1,
					postRequestedFor(urlEqualTo(AUTHENTICATE)).withRequestBody(matchingJsonPath("$.refresh_token")));
			return failure.get();
		};
	}

	private static Scenario meetCodeAnswer(ResponseDefinitionBuilder code, String... properties) {
		return meet(() -> answerCodes(code), withUser(properties));
	}

	private static Scenario meetCodeAnswer(ResponseDefinitionBuilder code, EmnifyMfaCodeSource codes) {
		return meet(() -> answerCodes(code), codes, USER, PASSWORD);
	}

	private static Scenario meetEmailedCodeAnswer(ResponseDefinitionBuilder code) {
		return meetWithMailbox(() -> {
			answerCodes(code);
			mail("Your emnify verification code is 333333");
		});
	}

	private static Scenario meetWithMailbox(Runnable answers, String... properties) {
		return () -> {
			mailServer.setUser("user@service.org", "mfa-reader", MAILBOX_PASSWORD);
			answers.run();
			return firstFailure(application(withUser(properties)).withPropertyValues("emnify.mfa.email.host=127.0.0.1",
					"emnify.mfa.email.port=" + mailServer.getImap().getPort(), "emnify.mfa.email.protocol=imap",
					"emnify.mfa.email.username=mfa-reader", "emnify.mfa.email.password=" + MAILBOX_PASSWORD,
					"emnify.mfa.email.poll-interval=100ms"));
		};
	}

	private static Scenario meetSwitchAnswer(ResponseDefinitionBuilder switchAnswer) {
		return meet(() -> {
			emnify.stubFor(passwordSteps().willReturn(okJson("{\"auth_token\":\""
					+ JWTS.token(Instant.now(), Duration.ofMinutes(240)) + "\",\"refresh_token\":\"refresh-1\"}")));
			emnify.stubFor(post(SWITCH).willReturn(switchAnswer));
		}, USER, PASSWORD, "emnify.workspace-id=42");
	}

	private static Scenario meetUnreachable() {
		return () -> {
			unreachablePort = closedPort();
			return firstFailure(
					application(APPLICATION).withPropertyValues("emnify.base-url=http://127.0.0.1:" + unreachablePort));
		};
	}

	// Another instance holds the session's lease on Redis, and its login does not end.
	private static Scenario meetBehindLease() {
		return () -> {
			answerLogins(okJson("{}").withFixedDelay(10_000));
			try (LocalRedisServer redis = LocalRedisServer.start()) {
				String[] shared = { APPLICATION, "emnify.token-store.type=redis",
						"emnify.token-store.encryption-key=" + REDIS_KEY, "spring.data.redis.port=" + redis.port() };
				AtomicReference<EmnifyAuthenticationException> failure = new AtomicReference<>();
				application(shared).withPropertyValues("emnify.token.request-timeout=30s").run((holder) -> {
					holder.getBean(EmnifyTokenProvider.class).getToken().subscribe((token) -> {
					}, (ex) -> {
					});
					await().untilAsserted(() -> emnify.verify(1, postRequestedFor(urlEqualTo(AUTHENTICATE))));
					application(shared).withPropertyValues("emnify.token.request-timeout=100ms")
						.run((waiter) -> failure.set(failure(waiter.getBean(EmnifyTokenProvider.class))));
				});
				return failure.get();
			}
		};
	}

	private static Scenario meetWithoutRedis() {
		return () -> {
			demandCodes();
			return firstFailure(application(USER, PASSWORD, TOTP, "emnify.token-store.type=redis",
					"emnify.token-store.encryption-key=" + REDIS_KEY, "spring.data.redis.port=" + closedPort()));
		};
	}

	private static String[] withUser(String... properties) {
		return Stream.concat(Stream.of(USER, PASSWORD), Stream.of(properties)).toArray(String[]::new);
	}

	private static EmnifyAuthenticationException firstFailure(ApplicationContextRunner application) {
		AtomicReference<EmnifyAuthenticationException> failure = new AtomicReference<>();
		application.run((context) -> failure.set(failure(context.getBean(EmnifyTokenProvider.class))));
		return failure.get();
	}

	private static EmnifyAuthenticationException failure(EmnifyTokenProvider provider) {
		EmnifyAuthenticationException failure = catchThrowableOfType(EmnifyAuthenticationException.class,
				() -> provider.getToken().block(Duration.ofSeconds(30)));
		assertThat(failure).isNotNull();
		return failure;
	}

	private static EmnifyMfaCodeSource codes(Supplier<Mono<String>> codes) {
		return codes::get;
	}

	private static ResponseDefinitionBuilder lock() {
		return aResponse().withStatus(401).withHeader("Content-Type", "application/json").withBody(LOCK);
	}

	private static MappingBuilder passwordSteps() {
		return post(AUTHENTICATE).withRequestBody(matchingJsonPath("$.username"));
	}

	private static void answerLogins(ResponseDefinitionBuilder answer) {
		emnify.stubFor(post(AUTHENTICATE).willReturn(answer));
	}

	private static void demandCodes() {
		emnify.stubFor(passwordSteps().willReturn(okJson("{\"mfa_token\":\"mfa-1\"}")));
	}

	private static void answerCodes(ResponseDefinitionBuilder answer) {
		demandCodes();
		emnify.stubFor(post(AUTHENTICATE).withRequestBody(matchingJsonPath("$.code")).willReturn(answer));
	}

	private static void twoCodesMailed() {
		demandCodes();
		mail("Your emnify verification code is 111111");
		mail("Your emnify verification code is 222222");
	}

	// Received a second from now, as the server dates it: a mail since the login's
	// demand, however fast the login gets there.
	private static void mail(String text) {
		try {
			MimeMessage message = new MimeMessage(Session.getInstance(new Properties()));
			message.setFrom(EMNIFY_MAIL);
			message.setSubject("Your emnify verification code");
			message.setText(text);
			GreenMailUser user = mailServer.getUserManager().getUserByEmail("user@service.org");
			mailServer.getManagers()
				.getImapHostManager()
				.getInbox(user)
				.appendMessage(message, new Flags(), Date.from(Instant.now().plusSeconds(1)));
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static int closedPort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * How a row makes its failure happen.
	 */
	@FunctionalInterface
	interface Scenario {

		EmnifyAuthenticationException meet() throws Exception;

	}

	/**
	 * A token store that answers every look at its session alike.
	 *
	 * @param answer its answer
	 */
	record StoreAnswering(Mono<EmnifySession> answer) implements EmnifyTokenStore {

		@Override
		public Mono<EmnifySession> load(String sessionKey) {
			return this.answer;
		}

		@Override
		public Mono<EmnifyToken> takeRefreshToken(String sessionKey) {
			return Mono.empty();
		}

		@Override
		public Mono<Boolean> save(String sessionKey, Lease lease, EmnifySession session) {
			return Mono.just(true);
		}

		@Override
		public Mono<Void> discard(String sessionKey, String authToken) {
			return Mono.empty();
		}

	}

	/**
	 * A source of the application's own that computes TOTP codes, and fails.
	 */
	static final class FailingTotpSource implements EmnifyMfaCodeSource {

		@Override
		public Mono<String> nextCode() {
			return Mono.error(new IllegalStateException("clock unknown"));
		}

		@Override
		public Kind kind() {
			return Kind.TOTP;
		}

	}

}
