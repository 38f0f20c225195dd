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
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import io.github.iotstarters.emnify.auth.test.Accounts.MfaMailbox;

/**
 * Mails the MFA code of a user with email MFA over SMTP, as emnify does after the
 * password step, on a thread of its own. Loaded only for such users, so that Jakarta Mail
 * is needed only with them.
 */
final class MfaMailer {

	/**
	 * From address of the mails, in emnify's domain, which the starter accepts by
	 * default.
	 */
	static final String SENDER = "no-reply@emnify.com";

	private static final String TIMEOUT_MILLIS = "5000";

	// As with emnify, the mail arrives a little after the answer that demands the code.
	private static final Duration DELIVERY_DELAY = Duration.ofMillis(200);

	private static final System.Logger logger = System.getLogger(MfaMailer.class.getName());

	private MfaMailer() {
	}

	/**
	 * Mail the code soon, after the answer to the password step has left.
	 * @param mailbox where to mail the code to
	 * @param code the code
	 */
	static void sendSoon(MfaMailbox mailbox, String code) {
		CompletableFuture
			.runAsync(() -> send(mailbox, code),
					CompletableFuture.delayedExecutor(DELIVERY_DELAY.toMillis(), TimeUnit.MILLISECONDS))
			.exceptionally((ex) -> {
				logger.log(System.Logger.Level.ERROR, "Mailing an MFA code failed", ex);
				return null;
			});
	}

	private static void send(MfaMailbox mailbox, String code) {
		Properties properties = new Properties();
		properties.setProperty("mail.smtp.host", mailbox.mailHost());
		int smtpPort = mailbox.smtpPort().getAsInt();
		properties.setProperty("mail.smtp.port", Integer.toString(smtpPort));
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
					+ mailbox.mailHost() + ":" + smtpPort + " failed", ex);
		}
	}

}
