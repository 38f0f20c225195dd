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

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Mailbox that receives emnify's MFA mails, read over IMAP, and how its mails are read.
 * {@link #toString()} never shows the password.
 *
 * @param host the IMAP server
 * @param port the port of the IMAP server
 * @param protocol {@code imaps} (IMAP over TLS), or {@code imap} (plain, for a server on
 * a loopback address)
 * @param username the mailbox login
 * @param password the mailbox password
 * @param folder the folder emnify's mails arrive in
 * @param sender the addresses and domains that emnify's mails come from: a mail counts
 * only if its one From address is one of the addresses, or its domain (after the
 * {@code @}) is one of the domains or a subdomain of one, ignoring case; never by a part
 * of the address
 * @param codePattern the pattern whose first group is the code
 * @param pollInterval how long to wait before the mailbox is read again while no mail
 * with a code has arrived
 */
public record EmnifyMfaEmailSettings(String host, int port, String protocol, String username, String password,
		String folder, List<String> sender, Pattern codePattern, Duration pollInterval) {

	/**
	 * Default code pattern: six digits with no digit right before or after them.
	 */
	public static final String DEFAULT_CODE_PATTERN = "(?<!\\d)(\\d{6})(?!\\d)";

	/**
	 * Default sender: emnify's domain, whose subdomains match too.
	 */
	public static final String DEFAULT_SENDER = "emnify.com";

	/**
	 * Check the settings.
	 * @throws IllegalArgumentException if a setting cannot work: a blank host, user name
	 * or folder, no sender or one that is neither an address nor a domain, a port out of
	 * range, a protocol other than {@code imaps} or {@code imap}, a pattern without a
	 * group or whose group can match the empty string, or a poll interval that is not
	 * positive
	 */
	public EmnifyMfaEmailSettings {
		requireText(host, "host");
		requireText(username, "username");
		Objects.requireNonNull(password, "MFA mailbox password must not be null");
		requireText(folder, "folder");
		sender = List.copyOf(Objects.requireNonNull(sender, "MFA mail senders must not be null"));
		Senders.of(sender);
		if (port < 1 || port > 65535) {
			throw new IllegalArgumentException("MFA mailbox port must be between 1 and 65535 but is " + port);
		}
		protocol = Objects.requireNonNull(protocol, "MFA mailbox protocol must not be null").toLowerCase(Locale.ROOT);
		if (!protocol.equals("imaps") && !protocol.equals("imap")) {
			throw new IllegalArgumentException("MFA mailbox protocol must be imaps or imap but is " + protocol);
		}
		if (Objects.requireNonNull(codePattern, "MFA code pattern must not be null").matcher("").groupCount() < 1) {
			throw new IllegalArgumentException("MFA code pattern must have a group, the code: " + codePattern);
		}
		if (matchesEmptyCode(codePattern)) {
			throw new IllegalArgumentException(
					"MFA code pattern must not find an empty code, but its group matches the empty string: "
							+ codePattern);
		}
		if (pollInterval.isNegative() || pollInterval.isZero()) {
			throw new IllegalArgumentException("MFA mailbox poll interval must be positive but is " + pollInterval);
		}
	}

	/**
	 * Return whether the text is a sender these settings accept: an address, such as
	 * {@code no-reply@emnify.com}, or a domain of two labels or more, such as
	 * {@code emnify.com}.
	 * @param sender the text, surrounding white space ignored
	 * @return whether it is an address or a domain
	 */
	public static boolean isSender(String sender) {
		return Senders.isSender(sender);
	}

	/**
	 * Return whether the first group of a code pattern can match the empty string, such
	 * as that of {@code (\d*)}, as far as the group's own text shows. Such a pattern is
	 * refused: it finds an empty code in a mail without one.
	 * @param codePattern the pattern whose first group is the code
	 * @return whether its first group matches the empty string
	 */
	public static boolean matchesEmptyCode(Pattern codePattern) {
		return CodePatterns.matchesEmptyCode(codePattern);
	}

	private static void requireText(String value, String name) {
		if (value == null || value.isBlank()) {
			throw new IllegalArgumentException("MFA mailbox " + name + " must not be blank");
		}
	}

	@Override
	public String toString() {
		return "EmnifyMfaEmailSettings[host=" + this.host + ", port=" + this.port + ", protocol=" + this.protocol
				+ ", username=" + this.username + ", password=******, folder=" + this.folder + ", sender=" + this.sender
				+ ", codePattern=" + this.codePattern + ", pollInterval=" + this.pollInterval + "]";
	}

}
