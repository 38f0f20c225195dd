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

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

import org.jspecify.annotations.Nullable;

import io.github.iotstarters.emnify.auth.test.Accounts.UserAccount;
import io.github.iotstarters.emnify.auth.test.UserState.TrustedDevice;

/**
 * What emnify's MFA endpoints manage for a user: MFA keys, created and activated through
 * {@code /api/v1/user/mfa}, and the devices that MFA logins made trusted.
 */
final class UserMfa {

	/**
	 * 160 bits, the HMAC-SHA1 key length RFC 4226 recommends.
	 */
	private static final int MFA_KEY_BYTES = 20;

	private final UserStates userStates;

	private final SecureRandom random = new SecureRandom();

	UserMfa(UserStates userStates) {
		this.userStates = userStates;
	}

	/**
	 * Adds an MFA key in status "Activation Pending" with a fresh secret.
	 * @param user the user the key is for
	 * @param now the current instant, the key's creation date
	 * @return the new key, or {@code null} when the user has an active key already
	 */
	@Nullable MfaKey createMfaKey(UserAccount user, Instant now) {
		UserState state = this.userStates.stateOf(user);
		synchronized (state) {
			if (state.totpKey(user) != null) {
				return null;
			}
			byte[] secret = new byte[MFA_KEY_BYTES];
			this.random.nextBytes(secret);
			MfaKey key = new MfaKey(this.userStates.nextMfaKeyId(), secret, now);
			state.pendingKeys.put(key.id(), key);
			return key;
		}
	}

	/**
	 * Activates a pending MFA key of the user if the code is one of its current codes;
	 * from then on logins demand codes of that key.
	 * @param user the user who owns the key
	 * @param keyId the id of the key
	 * @param code the code computed from the key's secret
	 * @param now the current instant, which gives the current step
	 * @return what came of it
	 */
	Activation activateMfaKey(UserAccount user, long keyId, String code, Instant now) {
		UserState state = this.userStates.stateOf(user);
		synchronized (state) {
			if (state.activeKey != null && state.activeKey.id() == keyId) {
				return Activation.ALREADY_ACTIVE;
			}
			MfaKey key = state.pendingKeys.get(keyId);
			if (key == null) {
				return Activation.UNKNOWN_KEY;
			}
			if (Totp.matchingStep(key.secret(), code, now).isEmpty()) {
				return Activation.INVALID_CODE;
			}
			state.pendingKeys.clear();
			state.activeKey = key;
			return Activation.ACTIVATED;
		}
	}

	/**
	 * Devices the user's logins may skip MFA on now, oldest first.
	 * @param user the user
	 * @param now the current instant, against which trust is judged
	 * @return a snapshot of the trusted devices
	 */
	List<TrustedDevice> trustedDevices(UserAccount user, Instant now) {
		UserState state = this.userStates.stateOf(user);
		synchronized (state) {
			return state.trustedDevices.values()
				.stream()
				.filter((device) -> now.isBefore(device.trustedUntil()))
				.sorted(Comparator.comparingLong(TrustedDevice::id))
				.toList();
		}
	}

	/**
	 * Ends the trust in one of the user's devices: its next login needs a code again.
	 * @param user the user
	 * @param deviceId the id of the trusted device
	 * @return whether the user had a device of that id
	 */
	boolean removeTrustedDevice(UserAccount user, long deviceId) {
		UserState state = this.userStates.stateOf(user);
		synchronized (state) {
			return state.trustedDevices.values().removeIf((device) -> device.id() == deviceId);
		}
	}

	/**
	 * An MFA key created through {@code POST /api/v1/user/mfa}.
	 *
	 * @param id the key id, the path variable of its activation
	 * @param secret the TOTP key, shown once as base32
	 * @param creationDate when the key was created
	 */
	record MfaKey(long id, byte[] secret, Instant creationDate) {
	}

	/**
	 * What an activation of an MFA key came to.
	 */
	enum Activation {

		ACTIVATED, UNKNOWN_KEY, ALREADY_ACTIVE, INVALID_CODE

	}

}
