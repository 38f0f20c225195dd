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

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static io.github.iotstarters.emnify.auth.test.Accounts.sha1Hex;
import static io.github.iotstarters.emnify.auth.test.SimulatorHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Email MFA, emnify's default method: the password step mails a code over SMTP, to a real
 * mail server (GreenMail's), and the MFA step accepts that code.
 */
class EmailMfaTests {

	private static final String USER = "mail-mfa@example.org";

	private static final String PASSWORD = "mail-mfa-password";

	private static final Pattern CODE = Pattern.compile("code is (\\d{6})\\.");

	@RegisterExtension
	static GreenMailExtension mailServer = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

	private EmnifySimulator simulator;

	private SimulatorHttp http;

	@BeforeEach
	void startSimulator() {
		this.simulator = EmnifySimulator.builder()
			.workspace(Fixtures.PRODUCTION, "Production")
			.userWithEmailMfa(USER, PASSWORD, "127.0.0.1", mailServer.getSmtp().getPort(), USER, Fixtures.PRODUCTION)
			.build()
			.start();
		this.http = new SimulatorHttp(this.simulator);
	}

	@AfterEach
	void stopSimulator() {
		this.simulator.stop();
	}

	@Test
	void passwordStepMailsASixDigitCodeFromEmnifyThatTheMfaStepAccepts() throws Exception {
		String mfaToken = mfaToken();

		assertThat(mailServer.waitForIncomingEmail(5000, 1)).isTrue();
		MimeMessage[] mails = mailServer.getReceivedMessagesForDomain("example.org");
		assertThat(mails).hasSize(1);
		assertThat(((InternetAddress) mails[0].getFrom()[0]).getAddress()).containsIgnoringCase("emnify");
		assertThat(mails[0].getAllRecipients()).extracting(Object::toString).containsExactly(USER);
		HttpResponse<String> tokens = this.http.authenticate(Map.of("mfa_token", mfaToken, "code", code(mails[0])));
		assertThat(tokens.statusCode()).isEqualTo(200);
		assertThat(json(tokens).propertyNames()).containsExactlyInAnyOrder("auth_token", "refresh_token");
	}

	@Test
	void eachLoginMailsItsOwnCodeAndACodeCompletesOnlyItsOwnLogin() throws Exception {
		// The simulator mails asynchronously, so the first mail is awaited before the
		// second login: otherwise the two mails may arrive in either order.
		String first = mfaToken();
		assertThat(mailServer.waitForIncomingEmail(5000, 1)).isTrue();
		String second = mfaToken();
		assertThat(mailServer.waitForIncomingEmail(5000, 2)).isTrue();
		MimeMessage[] mails = mailServer.getReceivedMessages();
		assertThat(mails).hasSize(2);
		String firstCode = code(mails[0]);
		String secondCode = code(mails[1]);

		assertThat(this.http.authenticate(Map.of("mfa_token", second, "code", secondCode)).statusCode()).isEqualTo(200);
		assertThat(this.http.authenticate(Map.of("mfa_token", second, "code", secondCode)).statusCode()).isEqualTo(401);
		assertThat(this.http.authenticate(Map.of("mfa_token", first, "code", firstCode)).statusCode()).isEqualTo(200);
	}

	@Test
	void wrongCodesCountTowardsTheLockLikeWrongPasswords() throws Exception {
		String mfaToken = mfaToken();
		assertThat(mailServer.waitForIncomingEmail(5000, 1)).isTrue();
		String code = code(mailServer.getReceivedMessages()[0]);
		String wrong = code.equals("000000") ? "111111" : "000000";
		for (int attempt = 0; attempt < 3; attempt++) {
			assertThat(this.http.authenticate(Map.of("mfa_token", mfaToken, "code", wrong)).statusCode())
				.isEqualTo(401);
		}

		HttpResponse<String> locked = this.http.authenticate(Map.of("mfa_token", mfaToken, "code", code));

		assertThat(locked.statusCode()).isEqualTo(401);
		assertThat(json(locked).path("error_token").stringValue()).isEqualTo("TooManyRequests");
	}

	@Test
	void userWithEmailMfaIsNeverTheDefaultCredential() {
		assertThat(EmnifySimulator.builder()
			.workspace(Fixtures.PRODUCTION, "Production")
			.userWithEmailMfa(USER, PASSWORD, "127.0.0.1", 2525, USER, Fixtures.PRODUCTION)
			.build()
			.defaultCredential()).isEmpty();
	}

	private String mfaToken() {
		HttpResponse<String> response = this.http.authenticate(Map.of("username", USER, "password", sha1Hex(PASSWORD)));
		assertThat(response.statusCode()).isEqualTo(200);
		return json(response).path("mfa_token").stringValue();
	}

	private static String code(MimeMessage mail) {
		Matcher matcher = CODE.matcher(GreenMailUtil.getBody(mail));
		assertThat(matcher.find()).isTrue();
		return matcher.group(1);
	}

}
