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

import java.time.Duration;

import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

/**
 * The GreenMail servers of a {@link LocalMailbox}, in a class of their own so that
 * GreenMail is loaded only when a mailbox starts.
 */
final class GreenMailServer {

	private final GreenMail greenMail;

	private GreenMailServer(GreenMail greenMail) {
		this.greenMail = greenMail;
	}

	static GreenMailServer start(String host, String address, String password) {
		GreenMail greenMail = new GreenMail(new ServerSetup[] { new ServerSetup(0, host, ServerSetup.PROTOCOL_SMTP),
				new ServerSetup(0, host, ServerSetup.PROTOCOL_IMAP) });
		greenMail.start();
		greenMail.setUser(address, address, password);
		return new GreenMailServer(greenMail);
	}

	int imapPort() {
		return this.greenMail.getImap().getPort();
	}

	int smtpPort() {
		return this.greenMail.getSmtp().getPort();
	}

	int receivedMails() {
		return this.greenMail.getReceivedMessages().length;
	}

	boolean awaitMails(int count, Duration timeout) {
		return this.greenMail.waitForIncomingEmail(timeout.toMillis(), count);
	}

	void clear() {
		try {
			this.greenMail.purgeEmailFromAllMailboxes();
		}
		catch (FolderException ex) {
			throw new IllegalStateException("Deleting the mails failed", ex);
		}
	}

	void stop() {
		this.greenMail.stop();
	}

}
