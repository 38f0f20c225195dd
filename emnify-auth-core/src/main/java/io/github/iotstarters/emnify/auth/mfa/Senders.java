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

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The senders whose mails may carry emnify's MFA codes: addresses, which match exactly,
 * and domains, which match addresses in that domain or a subdomain of it; ignoring case,
 * and never by a part of the address, so that {@code emnify@attacker.example} and
 * {@code no-reply@emnify.com.attacker.example} are no sender of {@code emnify.com}.
 */
final class Senders {

	// Letters, digits and inner hyphens, two labels at least: a single word such as
	// "emnify" names no domain that mail comes from.
	private static final Pattern DOMAIN = Pattern
		.compile("(?i)[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+");

	private static final Pattern LOCAL_PART = Pattern.compile("[^\\s@<>()\\[\\],;:\"\\\\]+");

	private final Set<String> addresses = new HashSet<>();

	private final List<String> domains = new ArrayList<>();

	private Senders(List<String> senders) {
		if (senders.isEmpty()) {
			throw new IllegalArgumentException("MFA mail senders must not be empty");
		}
		for (String sender : senders) {
			if (!isSender(sender)) {
				throw new IllegalArgumentException("MFA mail sender '" + sender
						+ "' is neither an address (such as no-reply@emnify.com) nor a domain (such as emnify.com)");
			}
			String normalized = sender.trim().toLowerCase(Locale.ROOT);
			if (normalized.contains("@")) {
				this.addresses.add(normalized);
			}
			else {
				this.domains.add(normalized);
			}
		}
	}

	/**
	 * Check the senders: each an address or a domain.
	 * @param senders the addresses and domains
	 * @return the senders
	 * @throws IllegalArgumentException if there is none, or one is neither an address nor
	 * a domain
	 */
	static Senders of(List<String> senders) {
		return new Senders(senders);
	}

	/**
	 * Return whether the text is an address or a domain.
	 * @param sender the text, surrounding white space ignored
	 * @return whether it is a sender
	 */
	static boolean isSender(String sender) {
		String trimmed = sender.trim();
		int at = trimmed.lastIndexOf('@');
		if (at < 0) {
			return DOMAIN.matcher(trimmed).matches();
		}
		return LOCAL_PART.matcher(trimmed.substring(0, at)).matches()
				&& DOMAIN.matcher(trimmed.substring(at + 1)).matches();
	}

	/**
	 * Return whether a mail from the given address comes from one of the senders.
	 * @param address the address alone, without a display name
	 * @return whether it is one of the addresses, or in one of the domains or their
	 * subdomains
	 */
	boolean matches(String address) {
		String normalized = address.toLowerCase(Locale.ROOT);
		if (this.addresses.contains(normalized)) {
			return true;
		}
		// After the last @: a quoted local part may hold one of its own.
		int at = normalized.lastIndexOf('@');
		if (at < 0) {
			return false;
		}
		String domain = normalized.substring(at + 1);
		for (String sender : this.domains) {
			if (domain.equals(sender) || domain.endsWith("." + sender)) {
				return true;
			}
		}
		return false;
	}

}
