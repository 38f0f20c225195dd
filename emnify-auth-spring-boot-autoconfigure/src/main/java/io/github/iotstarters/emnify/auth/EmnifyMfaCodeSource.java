package io.github.iotstarters.emnify.auth;

import reactor.core.publisher.Mono;

/**
 * Source of the codes that complete a user login on an emnify account with
 * multi-factor authentication, for codes that come from a vault, another service or a
 * person rather than from a TOTP secret the application holds.
 * <p>
 * Declared as a bean, it is used instead of {@code emnify.mfa.totp-secret}.
 */
@FunctionalInterface
public interface EmnifyMfaCodeSource {

	/**
	 * Supply a six-digit code that emnify accepts now. emnify rejects a code that was
	 * already used, so each call must supply one that was not. The login waits for the
	 * returned {@link Mono}, which must not block.
	 * @return the code
	 */
	Mono<String> nextCode();

}
