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
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import io.github.iotstarters.emnify.auth.test.Accounts.MfaMailbox;
import io.github.iotstarters.emnify.auth.test.Accounts.UserAccount;
import io.github.iotstarters.emnify.auth.test.SimulatorEvent.Kind;

/**
 * The MFA step: hands out the {@code mfa_token} of a login that needs a code, mails the
 * code to a user with email MFA, and answers an {@code mfa_token} with its {@code code}
 * with auth and refresh tokens, trusting the device the step names.
 */
final class MfaGrant {

	private final Accounts accounts;

	private final UserStates userStates;

	private final Lockout lockout;

	private final TokenIssuer tokens;

	private final JwtCodec jwtCodec;

	private final Responses responses;

	private final Map<String, MfaChallenge> mfaChallenges = new ConcurrentHashMap<>();

	private final SecureRandom random = new SecureRandom();

	MfaGrant(Accounts accounts, UserStates userStates, Lockout lockout, TokenIssuer tokens, JwtCodec jwtCodec,
			Responses responses) {
		this.accounts = accounts;
		this.userStates = userStates;
		this.lockout = lockout;
		this.tokens = tokens;
		this.jwtCodec = jwtCodec;
		this.responses = responses;
	}

	Outcome authenticate(ObjectNode body, Instant now) {
		String mfaToken = Responses.text(body, "mfa_token");
		String code = Responses.text(body, "code");
		if (mfaToken == null || code == null) {
			return new Outcome(Kind.MFA_LOGIN, Outcome.UNKNOWN_PRINCIPAL, "mfa token or code missing",
					this.responses.badRequest("mfa_token and code must be strings"));
		}
		ObjectNode claims = this.jwtCodec.verify(mfaToken);
		String challengeId = (claims != null) ? Responses.text(claims, "jti") : null;
		MfaChallenge challenge = (challengeId != null) ? this.mfaChallenges.get(challengeId) : null;
		UserAccount user = (challenge != null) ? this.accounts.user(challenge.userId()) : null;
		if (challengeId == null || challenge == null || user == null) {
			return new Outcome(Kind.MFA_LOGIN, Outcome.UNKNOWN_PRINCIPAL, "unknown or used mfa token",
					this.responses.emptyUnauthorized());
		}
		if (!now.isBefore(challenge.expiresAt())) {
			this.mfaChallenges.remove(challengeId);
			return new Outcome(Kind.MFA_LOGIN, user.username(), "mfa token expired",
					this.responses.emptyUnauthorized());
		}
		UserState state = this.userStates.stateOf(user);
		synchronized (state) {
			if (state.isLocked(now)) {
				return this.lockout.lockedOut(Kind.MFA_LOGIN, user);
			}
			String mailedCode = challenge.mailedCode();
			OptionalLong step = (mailedCode != null) ? OptionalLong.empty()
					: Totp.matchingStep(state.totpKey(user), code, now);
			if ((mailedCode != null) ? !mailedCode.equals(code) : step.isEmpty()) {
				return this.lockout.failedLogin(Kind.MFA_LOGIN, user, state, "wrong code", now);
			}
			if (step.isPresent() && step.getAsLong() <= state.lastAcceptedStep) {
				return this.lockout.failedLogin(Kind.MFA_LOGIN, user, state, "code already used", now);
			}
			if (!this.mfaChallenges.remove(challengeId, challenge)) {
				return new Outcome(Kind.MFA_LOGIN, user.username(), "unknown or used mfa token",
						this.responses.emptyUnauthorized());
			}
			if (step.isPresent()) {
				state.lastAcceptedStep = step.getAsLong();
			}
			state.failures = 0;
			JsonNode device = body.path("trusted_device");
			String fingerprint = Responses.text(device, "fingerprint");
			if (fingerprint == null) {
				fingerprint = Responses.text(body, "fingerprint");
			}
			if (fingerprint != null) {
				state.trust(fingerprint, this.userStates::nextTrustedDeviceId, Responses.text(device, "name"),
						Responses.text(device, "operating_system"), Responses.text(device, "browser"), now);
			}
			return new Outcome(Kind.MFA_LOGIN, user.username(),
					(fingerprint != null) ? "tokens issued, device trusted" : "tokens issued",
					this.responses.ok(this.tokens.issueLoginTokens(user, state, now)));
		}
	}

	String issueMfaToken(UserAccount user, Instant now) {
		String tokenId = UUID.randomUUID().toString();
		ObjectNode claims = this.jwtCodec.claims(tokenId, now, SimulatorSettings.MFA_TOKEN_LIFETIME);
		this.mfaChallenges.values().removeIf((challenge) -> !now.isBefore(challenge.expiresAt()));
		MfaMailbox mailbox = user.mfaMailbox();
		String mailedCode = null;
		if (mailbox != null) {
			mailedCode = String.format(Locale.ROOT, "%06d", this.random.nextInt(1_000_000));
			MfaMailer.sendSoon(mailbox, mailedCode);
		}
		this.mfaChallenges.put(tokenId, new MfaChallenge(user.id(), TokenIssuer.expiry(claims), mailedCode));
		return this.jwtCodec.sign(claims);
	}

	void reset() {
		this.mfaChallenges.clear();
	}

	/**
	 * An MFA demand, answered by a TOTP code or, for a user with email MFA, by the code
	 * mailed for it.
	 */
	private record MfaChallenge(long userId, Instant expiresAt, @Nullable String mailedCode) {
	}

}
