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
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
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
 * server received it after the code was asked for, when its one From address is one of
 * the senders or in one of their domains, and when neither it nor its code was used
 * before. The code is asked for as soon as emnify has answered the password step with its
 * demand: the mail, sent for that step, arrives later. IMAP's received date has whole
 * seconds, so a mail of the demand's second counts, although it may have arrived a moment
 * before the demand. The mailbox is read on {@link Schedulers#boundedElastic()}, never on
 * the caller's thread, again every poll interval until such a mail has arrived.
 * <p>
 * Another login of the same user that reads the same mailbox, an application, another
 * instance or a person in the Portal, gets its mail there too, and its code is wrong for
 * this login. So no code is guessed: a read that finds two such mails with different
 * codes fails, and the login with it, before anything is sent that emnify would count.
 */
final class ImapCodeSource implements EmnifyMfaCodeSource {

	private static final Log logger = LogFactory.getLog(ImapCodeSource.class);

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
	public Kind kind() {
		return Kind.EMAIL;
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
			Instant since = this.clock.instant().truncatedTo(ChronoUnit.SECONDS);
			return Mono.fromCallable(() -> read(since))
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
			// By code: the same mail delivered twice names no other login.
			Map<String, String> unused = new LinkedHashMap<>();
			for (Message message : found) {
				try {
					Date received = message.getReceivedDate();
					if (received != null && !received.toInstant().isBefore(since) && isFromSender(message)) {
						String code = code(message);
						String mailKey = mailKey(folder, message);
						if (code != null && !isUsed(mailKey, code)) {
							unused.putIfAbsent(code, mailKey);
						}
					}
				}
				catch (MessagingException | IOException ex) {
					// Such as a mail whose From is malformed: anyone can send one, and it
					// carries no code of emnify's.
					logger.debug("Skipped a mail that cannot be read in MFA mailbox " + this.mailbox, ex);
				}
			}
			if (unused.size() > 1) {
				throw new IllegalStateException(
						unused.size() + " mails with different MFA codes arrived in the mailbox " + this.mailbox
								+ " since this login's demand, and which one is its own cannot be told, so none "
								+ "is used: most likely another login of the same user reads the same mailbox");
			}
			if (unused.isEmpty()) {
				return null;
			}
			Map.Entry<String, String> mail = unused.entrySet().iterator().next();
			if (!claim(mail.getValue(), mail.getKey())) {
				// A concurrent read of this source took it first.
				return null;
			}
			logger.debug("Read the MFA code from a mail received since the demand");
			return mail.getKey();
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

	private static String mailKey(Folder folder, Message message) throws MessagingException {
		if (folder instanceof UIDFolder uids) {
			return "uid:" + uids.getUIDValidity() + "/" + uids.getUID(message);
		}
		String[] ids = message.getHeader("Message-ID");
		return (ids != null && ids.length > 0) ? "id:" + ids[0] : "number:" + message.getMessageNumber();
	}

	private boolean isUsed(String mailKey, String code) {
		synchronized (this.used) {
			return this.used.contains(mailKey) || this.used.contains("code:" + code);
		}
	}

	private boolean claim(String mailKey, String code) {
		synchronized (this.used) {
			if (isUsed(mailKey, code)) {
				return false;
			}
			this.used.add(mailKey);
			this.used.add("code:" + code);
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
