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

import java.lang.reflect.Proxy;
import java.time.Clock;

import reactor.core.publisher.Mono;

/**
 * Source of the codes that complete a user login on an emnify account with multi-factor
 * authentication: computed from the secret of a TOTP key ({@link #totp}), read from the
 * mail emnify sends ({@link #email}), or supplied by a vault, another service or a
 * person.
 * <p>
 * Given to
 * {@link io.github.iotstarters.emnify.auth.EmnifyTokenProviderBuilder#mfaCodeSource}, it
 * is used instead of a TOTP secret.
 */
@FunctionalInterface
public interface EmnifyMfaCodeSource {

	/**
	 * Supply a six-digit code that emnify accepts now. emnify rejects a code that was
	 * already used, so each call must supply one that was not. A login calls it once, as
	 * soon as emnify has answered its password step with the demand for a code, and waits
	 * for the returned {@link Mono}, which must not block. A blank code is not sent: the
	 * login fails as it does when no code comes, and emnify counts nothing.
	 * @return the code
	 */
	Mono<String> nextCode();

	/**
	 * Return a digest of what this source's codes depend on (the TOTP secret, the
	 * mailbox's settings), never those settings themselves. A shared token store keeps it
	 * with the count of logins that emnify rejected in a row, so that a corrected
	 * configuration may log in again while an unchanged one does not walk into emnify's
	 * lock. By default the class name (for a lambda, that of the class that declares it;
	 * for another generated class, such as a proxy, one name for all), which stays the
	 * same from one run to the next: a source of your own whose settings change should
	 * return a digest of them. It is a hash of secrets: treat it as one.
	 * @return the digest
	 */
	default String settingsDigest() {
		Class<?> type = getClass();
		String name = type.getName();
		int lambda = name.indexOf("$$Lambda");
		if (lambda > 0) {
			return name.substring(0, lambda);
		}
		return (type.isHidden() || type.isSynthetic() || Proxy.isProxyClass(type)) ? EmnifyMfaCodeSource.class.getName()
				: name;
	}

	/**
	 * Return where this source's codes come from, so that a failure names what to check:
	 * the sources of {@link #totp} and {@link #email} say so, any other is
	 * {@link Kind#CUSTOM}. A source of your own that wraps one of those may return its
	 * kind.
	 * @return the kind of source
	 */
	default Kind kind() {
		return Kind.CUSTOM;
	}

	/**
	 * Return a code source that computes RFC 6238 codes (30-second steps, six digits)
	 * from the secret of the user's MFA key, on the system clock. A code is never used
	 * twice: a second login within one step waits for the next step.
	 * @param base32Secret the base32 secret, as shown when the key was set up
	 * @return the code source
	 * @throws IllegalArgumentException if the secret is not base32 of at least 80 bits
	 */
	static EmnifyMfaCodeSource totp(String base32Secret) {
		return totp(base32Secret, Clock.systemUTC());
	}

	/**
	 * Return a code source that computes RFC 6238 codes from the secret of the user's MFA
	 * key, as {@link #totp(String)} does, on the given clock.
	 * @param base32Secret the base32 secret, as shown when the key was set up
	 * @param clock the clock that gives the time step
	 * @return the code source
	 * @throws IllegalArgumentException if the secret is not base32 of at least 80 bits
	 */
	static EmnifyMfaCodeSource totp(String base32Secret, Clock clock) {
		return new TotpCodeSource(base32Secret, clock);
	}

	/**
	 * Return a code source that reads the code from the mail emnify sends after the
	 * password step (email is emnify's default MFA method), in a mailbox read over IMAP
	 * with Jakarta Mail, which must be on the classpath. A mail counts only if its From
	 * address is one of the settings' senders, or in one of their domains, and if the
	 * server received it after {@link #nextCode()} was called: in the same second or
	 * later, as IMAP's received date has whole seconds. Neither a mail nor a code is used
	 * twice. The code is the first non-empty first group of the code pattern's matches in
	 * the subject, else in the text of the mail. Until such a mail arrives, the mailbox
	 * is read again every poll interval; the mailbox is read on a thread for blocking
	 * work, never on the caller's. When the first read that finds such mails finds more
	 * than one, with codes that differ, the code fails instead of guessing: another login
	 * of the same user shares the mailbox, and a wrong code would count towards emnify's
	 * lock. A mailbox that rejects the login or cannot be reached fails the code with an
	 * error that names the mailbox's host, never its password. How long to wait for the
	 * code is the caller's choice.
	 * @param settings the mailbox and how its mails are read
	 * @return the code source
	 */
	static EmnifyMfaCodeSource email(EmnifyMfaEmailSettings settings) {
		return new ImapCodeSource(settings, Clock.systemUTC());
	}

	/**
	 * Where the codes of an {@link EmnifyMfaCodeSource} come from.
	 */
	enum Kind {

		/**
		 * Computed from the secret of the user's TOTP key, on this machine's clock.
		 */
		TOTP,

		/**
		 * Read from the mails emnify sends, in a mailbox.
		 */
		EMAIL,

		/**
		 * Supplied by a source of the application's own, such as a vault, another service
		 * or a person.
		 */
		CUSTOM

	}

}
