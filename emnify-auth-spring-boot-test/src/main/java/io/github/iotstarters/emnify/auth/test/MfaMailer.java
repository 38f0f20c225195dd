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

import java.io.UnsupportedEncodingException;
import java.util.Properties;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import io.github.iotstarters.emnify.auth.test.Accounts.MfaMailbox;

/**
 * Mails the MFA code of a user with email MFA over SMTP, as emnify does after the
 * password step. Loaded only for such users, so that Jakarta Mail is needed only with
 * them.
 */
final class MfaMailer {

	/**
	 * From address of the mails, one that contains {@code emnify} like emnify's own.
	 */
	static final String SENDER = "no-reply@emnify.simulator";

	private static final String TIMEOUT_MILLIS = "5000";

	private MfaMailer() {
	}

	static void send(MfaMailbox mailbox, String code) {
		Properties properties = new Properties();
		properties.setProperty("mail.smtp.host", mailbox.mailHost());
		properties.setProperty("mail.smtp.port", Integer.toString(mailbox.smtpPort()));
		properties.setProperty("mail.smtp.connectiontimeout", TIMEOUT_MILLIS);
		properties.setProperty("mail.smtp.timeout", TIMEOUT_MILLIS);
		try {
			MimeMessage message = new MimeMessage(Session.getInstance(properties));
			message.setFrom(new InternetAddress(SENDER, "emnify"));
			message.setRecipients(Message.RecipientType.TO, mailbox.address());
			message.setSubject("Your emnify verification code");
			message.setText("Your verification code is " + code + ". It is valid for 20 minutes.");
			Transport.send(message);
		}
		catch (MessagingException | UnsupportedEncodingException ex) {
			throw new IllegalStateException("Mailing the MFA code to " + mailbox.address() + " through "
					+ mailbox.mailHost() + ":" + mailbox.smtpPort() + " failed", ex);
		}
	}

}
