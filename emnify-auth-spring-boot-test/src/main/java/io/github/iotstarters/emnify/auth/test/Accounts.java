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

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntSupplier;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

/**
 * Workspaces, application tokens and users a simulator knows, fixed when it is built.
 */
final class Accounts {

	private final Map<Long, Workspace> workspaces;

	private final Map<String, ApplicationAccount> applicationTokens;

	private final Map<String, UserAccount> usersByName;

	private final Map<Long, UserAccount> usersById;

	Accounts(Map<Long, Workspace> workspaces, Map<String, ApplicationAccount> applicationTokens,
			List<UserAccount> users) {
		this.workspaces = Collections.unmodifiableMap(new LinkedHashMap<>(workspaces));
		this.applicationTokens = Map.copyOf(applicationTokens);
		this.usersByName = users.stream().collect(Collectors.toUnmodifiableMap(UserAccount::username, (user) -> user));
		this.usersById = users.stream().collect(Collectors.toUnmodifiableMap(UserAccount::id, (user) -> user));
	}

	@Nullable Workspace workspace(long id) {
		return this.workspaces.get(id);
	}

	/**
	 * Workspaces in the order they were declared.
	 * @return the declared workspaces, unmodifiable
	 */
	Collection<Workspace> workspaces() {
		return this.workspaces.values();
	}

	@Nullable ApplicationAccount applicationToken(String token) {
		return this.applicationTokens.get(token);
	}

	@Nullable UserAccount user(String username) {
		return this.usersByName.get(username);
	}

	@Nullable UserAccount user(long id) {
		return this.usersById.get(id);
	}

	Collection<UserAccount> users() {
		return this.usersById.values();
	}

	static String sha1Hex(String password) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-1").digest(password.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-1 is not available", ex);
		}
	}

	/**
	 * A workspace (emnify organisation) and how much data it is seeded with.
	 *
	 * @param id the workspace (organisation) id, as in the {@code esc.org} claim
	 * @param name the name, as in the {@code esc.orgName} claim
	 * @param endpointCount the number of endpoints the workspace is seeded with
	 * @param simCount the number of SIMs the workspace is seeded with
	 */
	record Workspace(long id, String name, int endpointCount, int simCount) {
	}

	/**
	 * The workspace an application token is bound to; {@code id} appears as the
	 * {@code esc.app} claim.
	 *
	 * @param id the application id, 1001 and up in declaration order
	 * @param workspaceId the id of the workspace the token is bound to
	 */
	record ApplicationAccount(long id, long workspaceId) {

		String principal() {
			return "application-token-" + this.id;
		}

	}

	/**
	 * A user; the password is kept only as the SHA-1 hex clients send.
	 */
	static final class UserAccount {

		private final long id;

		private final String username;

		private final String passwordSha1;

		private final byte @Nullable [] totpKey;

		private final @Nullable MfaMailbox mfaMailbox;

		private final long homeWorkspaceId;

		private final Set<Long> workspaceIds;

		UserAccount(long id, String username, String passwordSha1, byte @Nullable [] totpKey,
				@Nullable MfaMailbox mfaMailbox, long homeWorkspaceId, Set<Long> workspaceIds) {
			this.id = id;
			this.username = username;
			this.passwordSha1 = passwordSha1;
			this.totpKey = totpKey;
			this.mfaMailbox = mfaMailbox;
			this.homeWorkspaceId = homeWorkspaceId;
			this.workspaceIds = Collections.unmodifiableSet(new LinkedHashSet<>(workspaceIds));
		}

		long id() {
			return this.id;
		}

		String username() {
			return this.username;
		}

		boolean passwordMatches(String sha1Hex) {
			return MessageDigest.isEqual(this.passwordSha1.getBytes(StandardCharsets.US_ASCII),
					sha1Hex.getBytes(StandardCharsets.US_ASCII));
		}

		byte @Nullable [] totpKey() {
			return this.totpKey;
		}

		@Nullable MfaMailbox mfaMailbox() {
			return this.mfaMailbox;
		}

		long homeWorkspaceId() {
			return this.homeWorkspaceId;
		}

		boolean mayEnter(long workspaceId) {
			return this.workspaceIds.contains(workspaceId);
		}

		/**
		 * Workspaces the user may enter, in the order they were declared: home first.
		 * @return the ids of the workspaces the user may enter, unmodifiable
		 */
		Set<Long> workspaceIds() {
			return this.workspaceIds;
		}

		@Override
		public String toString() {
			return this.username;
		}

	}

	/**
	 * Where the MFA codes of a user with email MFA are mailed to, and through which SMTP
	 * server.
	 *
	 * @param mailHost the SMTP server
	 * @param smtpPort the port of the SMTP server, asked for each mail, as a
	 * {@link LocalMailbox} gets its port only when it starts
	 * @param address the user's address
	 */
	record MfaMailbox(String mailHost, IntSupplier smtpPort, String address) {
	}

}
