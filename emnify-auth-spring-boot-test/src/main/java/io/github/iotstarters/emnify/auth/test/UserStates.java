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

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import io.github.iotstarters.emnify.auth.test.Accounts.UserAccount;

/**
 * The {@link UserState} of every user, and the ids handed out to the MFA keys and trusted
 * devices users get.
 */
final class UserStates {

	private final Map<Long, UserState> userStates = new HashMap<>();

	private final AtomicLong nextMfaKeyId = new AtomicLong();

	private final AtomicLong nextTrustedDeviceId = new AtomicLong();

	UserStates(Accounts accounts) {
		accounts.users().forEach((user) -> this.userStates.put(user.id(), new UserState()));
	}

	// Every account has a state from the start; the users do not change.
	UserState stateOf(UserAccount user) {
		UserState state = this.userStates.get(user.id());
		if (state == null) {
			throw new IllegalStateException("No state for user " + user.id());
		}
		return state;
	}

	long nextMfaKeyId() {
		return this.nextMfaKeyId.incrementAndGet();
	}

	long nextTrustedDeviceId() {
		return this.nextTrustedDeviceId.incrementAndGet();
	}

	void reset(boolean keepSessions) {
		this.nextMfaKeyId.set(0);
		this.nextTrustedDeviceId.set(0);
		this.userStates.values().forEach((state) -> state.reset(keepSessions));
	}

}
