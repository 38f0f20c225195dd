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
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;

import jakarta.mail.Address;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.FetchProfile;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.UIDFolder;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.search.ComparisonTerm;
import jakarta.mail.search.ReceivedDateTerm;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * {@link EmnifyMfaCodeSource} that reads the code from the mail emnify sends after the
 * password step, in a mailbox read over IMAP with Jakarta Mail. A mail counts when the
 * server received it after the code was asked for (less a second, as IMAP's received date
 * has whole seconds), when its one From address is one of the senders or in one of their
 * domains, and when it was not used before; of those, the newest wins. The mailbox is
 * read on {@link Schedulers#boundedElastic()}, never on the caller's thread, again every
 * poll interval until such a mail has arrived.
 */
final class ImapCodeSource implements EmnifyMfaCodeSource {

	private static final Log logger = LogFactory.getLog(ImapCodeSource.class);

	// IMAP's received date has whole seconds: a mail of the same second may carry an
	// earlier date than the demand.
	private static final Duration RECEIVED_DATE_SLACK = Duration.ofSeconds(1);

	// Server and client may be days apart by time zone in IMAP's SINCE, which has whole
	// days: the server is asked for a day more, the rest is filtered here.
	private static final Duration SEARCH_SLACK = Duration.ofDays(1);

	private static final String IO_TIMEOUT_MILLIS = "10000";

	private static final int REMEMBERED_USES = 64;

	private static final Pattern HIDDEN_HTML = Pattern.compile("(?is)<(head|style|script)\\b.*?</\\1\\s*>");

	private static final Pattern HTML_TAG = Pattern.compile("(?s)<[^>]*>");

	private final EmnifyMfaEmailSettings settings;

	private final Clock clock;

	private final Session session;

	private final String mailbox;

	private final Senders senders;

	// Mails and codes already handed out, the oldest forgotten first.
	private final Set<String> used = new LinkedHashSet<>();

	ImapCodeSource(EmnifyMfaEmailSettings settings, Clock clock) {
		this.settings = settings;
		this.clock = clock;
		String prefix = "mail." + settings.protocol() + ".";
		Properties properties = new Properties();
		properties.setProperty(prefix + "connectiontimeout", IO_TIMEOUT_MILLIS);
		properties.setProperty(prefix + "timeout", IO_TIMEOUT_MILLIS);
		properties.setProperty(prefix + "ssl.checkserveridentity", "true");
		this.session = Session.getInstance(properties);
		this.mailbox = settings.protocol() + "://" + settings.host() + ":" + settings.port() + "/" + settings.folder();
		this.senders = Senders.of(settings.sender());
	}

	@Override
	public String settingsDigest() {
		EmnifyMfaEmailSettings settings = this.settings;
		return Digests.sha256(this.mailbox, settings.username(), settings.password(),
				String.join(",", settings.sender()), settings.codePattern().pattern());
	}

	@Override
	public Mono<String> nextCode() {
		return Mono.defer(() -> {
			Instant demanded = this.clock.instant();
			return Mono.fromCallable(() -> read(demanded.minus(RECEIVED_DATE_SLACK)))
				.subscribeOn(Schedulers.boundedElastic())
				.repeatWhenEmpty((empty) -> empty.delayElements(this.settings.pollInterval()));
		});
	}

	private @Nullable String read(Instant since) {
		Store store;
		try {
			store = this.session.getStore(this.settings.protocol());
			store.connect(this.settings.host(), this.settings.port(), this.settings.username(),
					this.settings.password());
		}
		catch (AuthenticationFailedException ex) {
			// The server's answer is not passed on: it is the server's, and a login it
			// could echo.
			throw new IllegalStateException("MFA mailbox " + this.mailbox + " rejected the login of "
					+ this.settings.username() + "; check its user name and password");
		}
		catch (MessagingException ex) {
			throw new IllegalStateException("cannot connect to MFA mailbox " + this.mailbox + ": " + ex.getMessage(),
					ex);
		}
		try {
			return read(store, since);
		}
		catch (MessagingException | IOException ex) {
			throw new IllegalStateException("cannot read MFA mailbox " + this.mailbox + ": " + ex.getMessage(), ex);
		}
		finally {
			close(store);
		}
	}

	private @Nullable String read(Store store, Instant since) throws MessagingException, IOException {
		Folder folder = store.getFolder(this.settings.folder());
		folder.open(Folder.READ_ONLY);
		try {
			Message[] found = folder
				.search(new ReceivedDateTerm(ComparisonTerm.GE, Date.from(since.minus(SEARCH_SLACK))));
			FetchProfile envelopes = new FetchProfile();
			envelopes.add(FetchProfile.Item.ENVELOPE);
			envelopes.add(UIDFolder.FetchProfileItem.UID);
			folder.fetch(found, envelopes);
			List<Message> candidates = new ArrayList<>();
			for (Message message : found) {
				try {
					Date received = message.getReceivedDate();
					if (received != null && received.toInstant().isAfter(since) && isFromSender(message)) {
						candidates.add(message);
					}
				}
				catch (MessagingException ex) {
					// Such as a mail whose From is malformed: anyone can send one, and it
					// carries no code of emnify's.
					logger.debug("Skipped a mail that cannot be read in MFA mailbox " + this.mailbox, ex);
				}
			}
			candidates.sort(Comparator.comparing((Message message) -> receivedDate(message))
				.thenComparing(Message::getMessageNumber)
				.reversed());
			for (Message message : candidates) {
				String code = code(message);
				if (code != null && claim(mailKey(folder, message), code)) {
					logger.debug("Read the MFA code from a mail received " + message.getReceivedDate());
					return code;
				}
			}
			return null;
		}
		finally {
			folder.close(false);
		}
	}

	// One From address, well-formed, of a sender: a malformed or second address is no
	// sender's, and never fails the read, as anyone can mail such.
	private boolean isFromSender(Message message) {
		try {
			Address[] from = message.getFrom();
			if (from == null || from.length != 1 || !(from[0] instanceof InternetAddress address)) {
				return false;
			}
			address.validate();
			return this.senders.matches(address.getAddress());
		}
		catch (MessagingException ex) {
			return false;
		}
	}

	private static Date receivedDate(Message message) {
		try {
			Date received = message.getReceivedDate();
			return (received != null) ? received : new Date(0);
		}
		catch (MessagingException ex) {
			return new Date(0);
		}
	}

	private static String mailKey(Folder folder, Message message) throws MessagingException {
		if (folder instanceof UIDFolder uids) {
			return "uid:" + uids.getUIDValidity() + "/" + uids.getUID(message);
		}
		String[] ids = message.getHeader("Message-ID");
		return (ids != null && ids.length > 0) ? "id:" + ids[0] : "number:" + message.getMessageNumber();
	}

	private boolean claim(String mailKey, String code) {
		String codeKey = "code:" + code;
		synchronized (this.used) {
			if (this.used.contains(mailKey) || this.used.contains(codeKey)) {
				return false;
			}
			this.used.add(mailKey);
			this.used.add(codeKey);
			while (this.used.size() > REMEMBERED_USES) {
				this.used.remove(this.used.iterator().next());
			}
			return true;
		}
	}

	private @Nullable String code(Message message) throws MessagingException, IOException {
		String subject = message.getSubject();
		String code = (subject != null) ? find(subject) : null;
		return (code != null) ? code : code((Part) message);
	}

	private @Nullable String code(Part part) throws MessagingException, IOException {
		if (part.isMimeType("text/plain")) {
			return find(String.valueOf(part.getContent()));
		}
		if (part.isMimeType("text/html")) {
			String html = HIDDEN_HTML.matcher(String.valueOf(part.getContent())).replaceAll(" ");
			return find(HTML_TAG.matcher(html).replaceAll(" "));
		}
		if (part.isMimeType("multipart/*") && part.getContent() instanceof Multipart multipart) {
			for (int i = 0; i < multipart.getCount(); i++) {
				String code = code(multipart.getBodyPart(i));
				if (code != null) {
					return code;
				}
			}
		}
		return null;
	}

	private @Nullable String find(String text) {
		return CodePatterns.find(this.settings.codePattern(), text);
	}

	private static void close(Store store) {
		try {
			store.close();
		}
		catch (MessagingException ex) {
			logger.debug("Closing the MFA mailbox failed", ex);
		}
	}

	@Override
	public String toString() {
		return "ImapCodeSource[" + this.settings + "]";
	}

}
