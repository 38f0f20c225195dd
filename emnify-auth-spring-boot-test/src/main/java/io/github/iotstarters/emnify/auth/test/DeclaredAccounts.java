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

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import io.github.iotstarters.emnify.auth.test.Accounts.ApplicationAccount;
import io.github.iotstarters.emnify.auth.test.Accounts.MfaMailbox;
import io.github.iotstarters.emnify.auth.test.Accounts.UserAccount;
import io.github.iotstarters.emnify.auth.test.Accounts.Workspace;

/**
 * Workspaces, application tokens and users as an {@link EmnifySimulatorBuilder} declares
 * them, each checked as it comes; when the simulator is built, they become its
 * {@link Accounts}, the references between them checked, and give its default credential
 * and mailboxes.
 */
final class DeclaredAccounts {

	// 80 bits: emnify hands out no shorter TOTP secret.
	private static final int MIN_TOTP_KEY_BYTES = 10;

	private final Map<Long, Workspace> workspaces = new LinkedHashMap<>();

	private final Map<String, Long> applicationTokens = new LinkedHashMap<>();

	private final Map<String, UserSpec> users = new LinkedHashMap<>();

	void workspace(long id, String name, int endpoints, int sims) {
		if (endpoints < 0 || sims < 0) {
			throw new IllegalArgumentException("Numbers of endpoints and SIMs must not be negative");
		}
		if (this.workspaces.putIfAbsent(id, new Workspace(id, name, endpoints, sims)) != null) {
			throw new IllegalArgumentException("Workspace " + id + " is already declared");
		}
	}

	void applicationToken(String token, long workspaceId) {
		if (token.isBlank()) {
			throw new IllegalArgumentException("Application token must not be blank");
		}
		if (this.applicationTokens.putIfAbsent(token, workspaceId) != null) {
			throw new IllegalArgumentException("Application token is already declared");
		}
	}

	void user(String username, String password, long homeWorkspaceId, long... otherWorkspaceIds) {
		addUser(new UserSpec(username, password, null, null, null, homeWorkspaceId, otherWorkspaceIds));
	}

	void userWithMfa(String username, String password, String totpSecret, long homeWorkspaceId,
			long... otherWorkspaceIds) {
		if (Totp.decodeBase32(totpSecret).length < MIN_TOTP_KEY_BYTES) {
			throw new IllegalArgumentException("TOTP secret must have at least 80 bits (16 base32 characters)");
		}
		addUser(new UserSpec(username, password, totpSecret, null, null, homeWorkspaceId, otherWorkspaceIds));
	}

	void userWithEmailMfa(String username, String password, String mailHost, int smtpPort, String address,
			long homeWorkspaceId, long... otherWorkspaceIds) {
		if (mailHost.isBlank() || address.isBlank() || smtpPort < 1 || smtpPort > 65535) {
			throw new IllegalArgumentException("Email MFA needs a mail host, a port from 1 to 65535 and an address");
		}
		addUser(new UserSpec(username, password, null, new MfaMailbox(mailHost, () -> smtpPort, address), null,
				homeWorkspaceId, otherWorkspaceIds));
	}

	void userWithEmailMfa(String username, String password, LocalMailbox mailbox, long homeWorkspaceId,
			long... otherWorkspaceIds) {
		addUser(new UserSpec(username, password, null,
				new MfaMailbox(LocalMailbox.HOST, mailbox::smtpPort, mailbox.address()), mailbox, homeWorkspaceId,
				otherWorkspaceIds));
	}

	/**
	 * The accounts as declared: application tokens get the ids 1001, 1002, … and users
	 * the ids 1, 2, … in declaration order.
	 * @return the accounts
	 * @throws IllegalStateException if an account refers to an undeclared workspace
	 */
	Accounts accounts() {
		Map<String, ApplicationAccount> applications = new LinkedHashMap<>();
		this.applicationTokens.forEach((token, workspaceId) -> {
			requireWorkspace(workspaceId, "application token " + (1001 + applications.size()));
			applications.put(token, new ApplicationAccount(1001 + applications.size(), workspaceId));
		});
		List<UserAccount> userAccounts = new ArrayList<>();
		for (UserSpec user : this.users.values()) {
			Set<Long> allowed = new LinkedHashSet<>();
			allowed.add(user.homeWorkspaceId());
			for (long workspaceId : user.otherWorkspaceIds()) {
				allowed.add(workspaceId);
			}
			allowed.forEach((workspaceId) -> requireWorkspace(workspaceId, "user " + user.username()));
			userAccounts
				.add(new UserAccount(userAccounts.size() + 1, user.username(), Accounts.sha1Hex(user.password()),
						(user.totpSecret() != null) ? Totp.decodeBase32(user.totpSecret()) : null, user.mfaMailbox(),
						user.homeWorkspaceId(), allowed));
		}
		return new Accounts(this.workspaces, applications, userAccounts);
	}

	/**
	 * The credential {@link EmnifySimulatorExtension#registerProperties} hands to Spring.
	 * @param named the application token or username the builder named, if any
	 * @return the default credential, or {@code null} when none is named and every user
	 * has MFA
	 * @throws IllegalStateException if the named credential is not declared or is a user
	 * with MFA and no {@link LocalMailbox}
	 */
	@Nullable DefaultCredential defaultCredential(@Nullable String named) {
		if (named == null) {
			if (!this.applicationTokens.isEmpty()) {
				return new DefaultCredential(this.applicationTokens.keySet().iterator().next(), null, null, null);
			}
			return this.users.values()
				.stream()
				.filter((user) -> !user.hasMfa())
				.findFirst()
				.map((user) -> new DefaultCredential(null, user.username(), user.password(), null))
				.orElse(null);
		}
		if (this.applicationTokens.containsKey(named)) {
			return new DefaultCredential(named, null, null, null);
		}
		UserSpec user = this.users.get(named);
		if (user == null) {
			throw new IllegalStateException(
					"Default credential is neither a declared application token nor a declared username");
		}
		if (user.hasMfa() && user.localMailbox() == null) {
			throw new IllegalStateException("Default credential " + user.username() + " is a user with MFA; name an "
					+ "application token, a user declared with user(...) or one with a LocalMailbox");
		}
		return new DefaultCredential(null, user.username(), user.password(), user.localMailbox());
	}

	/**
	 * The {@link LocalMailbox LocalMailboxes} of the users declared with one.
	 * @return the mailboxes by username, unmodifiable, in the order the users were
	 * declared
	 */
	Map<String, LocalMailbox> mailboxes() {
		Map<String, LocalMailbox> mailboxes = new LinkedHashMap<>();
		for (UserSpec user : this.users.values()) {
			LocalMailbox mailbox = user.localMailbox();
			if (mailbox != null) {
				mailboxes.put(user.username(), mailbox);
			}
		}
		return Collections.unmodifiableMap(mailboxes);
	}

	private void addUser(UserSpec user) {
		if (user.username().isBlank()) {
			throw new IllegalArgumentException("Username must not be blank");
		}
		if (this.users.putIfAbsent(user.username(), user) != null) {
			throw new IllegalArgumentException("User " + user.username() + " is already declared");
		}
	}

	private void requireWorkspace(long workspaceId, String owner) {
		if (!this.workspaces.containsKey(workspaceId)) {
			throw new IllegalStateException(owner + " refers to undeclared workspace " + workspaceId);
		}
	}

	private record UserSpec(String username, String password, @Nullable String totpSecret,
			@Nullable MfaMailbox mfaMailbox, @Nullable LocalMailbox localMailbox, long homeWorkspaceId,
			long[] otherWorkspaceIds) {

		boolean hasMfa() {
			return this.totpSecret != null || this.mfaMailbox != null;
		}

		@Override
		public String toString() {
			return "UserSpec[" + this.username + "]";
		}

	}

}
