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

package io.github.iotstarters.emnify.auth;

import reactor.core.publisher.Mono;

/**
 * Source of the codes that complete a user login on an emnify account with multi-factor
 * authentication, for codes that come from a vault, another service or a person rather
 * than from a TOTP secret the application holds.
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
