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
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

/**
 * A real mailbox on loopback for users with email MFA: an SMTP server the simulator mails
 * the codes through and an IMAP server the client under test reads them from, both on
 * free ports of 127.0.0.1, with one account whose login is the mailbox's address and
 * whose password is random. Declare a user with
 * {@link EmnifySimulatorBuilder#userWithEmailMfa(String, String, LocalMailbox, long, long...)};
 * {@link EmnifySimulatorExtension} starts and stops the mailbox with the simulator, code
 * outside JUnit calls {@link #start()} and {@link #stop()} itself.
 * <p>
 * Runs on GreenMail, an optional dependency of this module: add
 * {@code com.icegreen:greenmail-junit5} (test scope) to use it. Nothing else in this
 * module needs GreenMail.
 */
public final class LocalMailbox implements AutoCloseable {

	static final String HOST = "127.0.0.1";

	private static final String GREENMAIL_CLASS = "com.icegreen.greenmail.util.GreenMail";

	private final String address;

	private final String password = UUID.randomUUID().toString();

	private @Nullable GreenMailServer server;

	private LocalMailbox(String address) {
		this.address = address;
	}

	/**
	 * Describes a mailbox for the given address, not yet started.
	 * @param address the address the codes are mailed to, also the IMAP login
	 * @return the mailbox
	 */
	public static LocalMailbox forAddress(String address) {
		if (address.isBlank() || !address.contains("@")) {
			throw new IllegalArgumentException("Mailbox address must be an email address, not '" + address + "'");
		}
		return new LocalMailbox(address);
	}

	/**
	 * Starts the SMTP and IMAP servers on free loopback ports; a stopped mailbox can be
	 * started again, empty and on other ports.
	 * @return this mailbox
	 * @throws IllegalStateException if it is already running or GreenMail is not on the
	 * class path
	 */
	public synchronized LocalMailbox start() {
		if (this.server != null) {
			throw new IllegalStateException("Mailbox " + this.address + " is already running");
		}
		requireGreenMail();
		this.server = GreenMailServer.start(HOST, this.address, this.password);
		return this;
	}

	/**
	 * Stops both servers and forgets the mails. Does nothing if the mailbox is not
	 * running.
	 */
	public synchronized void stop() {
		if (this.server != null) {
			this.server.stop();
			this.server = null;
		}
	}

	/**
	 * Same as {@link #stop()}.
	 */
	@Override
	public void close() {
		stop();
	}

	/**
	 * Whether the mailbox is running.
	 * @return {@code true} between {@link #start()} and {@link #stop()}
	 */
	public synchronized boolean isRunning() {
		return this.server != null;
	}

	/**
	 * Host of both servers.
	 * @return {@code 127.0.0.1}
	 */
	public String host() {
		return HOST;
	}

	/**
	 * Port of the IMAP server (plain IMAP, no TLS), for {@code emnify.mfa.email.port}.
	 * @return the port
	 * @throws IllegalStateException if the mailbox is not running
	 */
	public int imapPort() {
		return running().imapPort();
	}

	/**
	 * Port of the SMTP server that the simulator mails the codes through.
	 * @return the port
	 * @throws IllegalStateException if the mailbox is not running
	 */
	public int smtpPort() {
		return running().smtpPort();
	}

	/**
	 * Address the codes are mailed to.
	 * @return the address
	 */
	public String address() {
		return this.address;
	}

	/**
	 * Login of the IMAP account, for {@code emnify.mfa.email.username}.
	 * @return the mailbox's address
	 */
	public String username() {
		return this.address;
	}

	/**
	 * Password of the IMAP account, for {@code emnify.mfa.email.password}; random for
	 * each mailbox.
	 * @return the password
	 */
	public String password() {
		return this.password;
	}

	/**
	 * The starter's properties that make it read MFA codes from this mailbox:
	 * {@code emnify.mfa.email.host}, {@code port}, {@code protocol} ({@code imap}, as
	 * allowed for loopback hosts), {@code username}, {@code password}, and
	 * {@code poll-interval} of 100 ms, as a loopback server is cheap to ask and tests
	 * should not wait the default two seconds for a code.
	 * @return the properties, in a new modifiable map
	 * @throws IllegalStateException if the mailbox is not running
	 */
	public Map<String, String> emailMfaProperties() {
		Map<String, String> properties = new LinkedHashMap<>();
		emailMfaPropertySuppliers().forEach((name, value) -> properties.put(name, value.get()));
		return properties;
	}

	/**
	 * The properties of {@link #emailMfaProperties()}, each read only when asked for, so
	 * that they can be registered before the mailbox starts.
	 * @return the properties, in a new modifiable map
	 */
	Map<String, Supplier<String>> emailMfaPropertySuppliers() {
		Map<String, Supplier<String>> properties = new LinkedHashMap<>();
		properties.put("emnify.mfa.email.host", this::host);
		properties.put("emnify.mfa.email.port", () -> Integer.toString(imapPort()));
		properties.put("emnify.mfa.email.protocol", () -> "imap");
		properties.put("emnify.mfa.email.username", this::username);
		properties.put("emnify.mfa.email.password", this::password);
		properties.put("emnify.mfa.email.poll-interval", () -> "100ms");
		return properties;
	}

	/**
	 * Number of mails the mailbox holds.
	 * @return the number of mails received since the start or the last {@link #clear()}
	 * @throws IllegalStateException if the mailbox is not running
	 */
	public int receivedMails() {
		return running().receivedMails();
	}

	/**
	 * Waits until the mailbox holds at least the given number of mails.
	 * @param count the number of mails to wait for
	 * @param timeout how long to wait at most
	 * @return whether that many mails arrived in time
	 * @throws IllegalStateException if the mailbox is not running
	 */
	public boolean awaitMails(int count, Duration timeout) {
		return running().awaitMails(count, timeout);
	}

	/**
	 * Deletes every mail, as {@link EmnifySimulatorExtension} does before each test.
	 * @throws IllegalStateException if the mailbox is not running
	 */
	public void clear() {
		running().clear();
	}

	@Override
	public String toString() {
		return "LocalMailbox[" + this.address + "]";
	}

	private synchronized GreenMailServer running() {
		if (this.server == null) {
			throw new IllegalStateException("Mailbox " + this.address + " is not running");
		}
		return this.server;
	}

	private static void requireGreenMail() {
		try {
			Class.forName(GREENMAIL_CLASS, false, LocalMailbox.class.getClassLoader());
		}
		catch (ClassNotFoundException | LinkageError ex) {
			throw new IllegalStateException("A LocalMailbox runs on GreenMail, which is not on the class path: add "
					+ "com.icegreen:greenmail-junit5 (test scope) next to emnify-auth-spring-boot-test", ex);
		}
	}

}
