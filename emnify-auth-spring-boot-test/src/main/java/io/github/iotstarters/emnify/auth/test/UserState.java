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

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

import org.jspecify.annotations.Nullable;

import io.github.iotstarters.emnify.auth.test.Accounts.UserAccount;
import io.github.iotstarters.emnify.auth.test.UserMfa.MfaKey;

/**
 * Per-user state, guarded by the instance's monitor.
 */
final class UserState {

	int failures;

	@Nullable Instant lockedUntil;

	@Nullable String refreshTokenId;

	long lastAcceptedStep = Long.MIN_VALUE;

	final Map<String, TrustedDevice> trustedDevices = new HashMap<>();

	final Map<Long, MfaKey> pendingKeys = new HashMap<>();

	@Nullable MfaKey activeKey;

	boolean isLocked(Instant now) {
		if (this.lockedUntil != null && now.isBefore(this.lockedUntil)) {
			return true;
		}
		this.lockedUntil = null;
		return false;
	}

	boolean trusts(@Nullable String fingerprint, Instant now) {
		TrustedDevice device = (fingerprint != null) ? this.trustedDevices.get(fingerprint) : null;
		return device != null && now.isBefore(device.trustedUntil());
	}

	// Trust for 90 days from now; a device trusted before keeps its id.
	void trust(String fingerprint, LongSupplier newId, @Nullable String name, @Nullable String operatingSystem,
			@Nullable String browser, Instant now) {
		TrustedDevice known = this.trustedDevices.get(fingerprint);
		long id = (known != null) ? known.id() : newId.getAsLong();
		this.trustedDevices.put(fingerprint, new TrustedDevice(id, name, operatingSystem, browser, now,
				now.plus(SimulatorSettings.TRUSTED_DEVICE_LIFETIME)));
	}

	// Logins demand codes of the key activated through the MFA key API, else of the
	// key the user was declared with.
	byte @Nullable [] totpKey(UserAccount user) {
		return (this.activeKey != null) ? this.activeKey.secret() : user.totpKey();
	}

	synchronized void reset(boolean keepSessions) {
		this.failures = 0;
		this.lockedUntil = null;
		this.lastAcceptedStep = Long.MIN_VALUE;
		this.trustedDevices.clear();
		this.pendingKeys.clear();
		this.activeKey = null;
		if (!keepSessions) {
			this.refreshTokenId = null;
		}
	}

	/**
	 * A device whose logins skip MFA until {@code trustedUntil}; the name, operating
	 * system and browser are as the MFA login described it, if it did.
	 *
	 * @param id the id of its deletion path
	 * @param name the name the login gave, if any
	 * @param operatingSystem the operating system the login gave, if any
	 * @param browser the browser the login gave, if any
	 * @param trustedFrom when the device was last trusted
	 * @param trustedUntil when the trust ends
	 */
	record TrustedDevice(long id, @Nullable String name, @Nullable String operatingSystem, @Nullable String browser,
			Instant trustedFrom, Instant trustedUntil) {
	}

}
