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

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeoutException;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import reactor.core.publisher.Mono;

import io.github.iotstarters.emnify.auth.AuthenticationClient.MfaChallenge;
import io.github.iotstarters.emnify.auth.AuthenticationClient.Tokens;
import io.github.iotstarters.emnify.auth.EmnifyAuthenticationException.Failure;
import io.github.iotstarters.emnify.auth.mfa.EmnifyMfaCodeSource;
import io.github.iotstarters.emnify.auth.mfa.EmnifyMfaCodeSource.Kind;

/**
 * Logs a user in with a username and password: the password step, completed by the MFA
 * step with one code of the MFA code source when emnify demands MFA. A trusted device's
 * fingerprint goes with the password step, and an MFA step registers the device.
 */
final class UserLoginGrant implements Grant {

	private static final Log logger = LogFactory.getLog(UserLoginGrant.class);

	private final AuthenticationClient client;

	private final EmnifyCredentials credentials;

	private final @Nullable EmnifyMfaCodeSource codeSource;

	private final @Nullable TrustedDevice trustedDevice;

	private final Duration codeSourceTimeout;

	private final EmnifyFailureAdvice advice;

	UserLoginGrant(AuthenticationClient client, EmnifyCredentials credentials, @Nullable EmnifyMfaCodeSource codeSource,
			@Nullable TrustedDevice trustedDevice, Duration codeSourceTimeout, EmnifyFailureAdvice advice) {
		this.client = client;
		this.credentials = credentials;
		this.codeSource = codeSource;
		this.trustedDevice = trustedDevice;
		this.codeSourceTimeout = codeSourceTimeout;
		this.advice = advice;
	}

	@Override
	public EmnifyGrantType grantType() {
		return EmnifyGrantType.PASSWORD;
	}

	@Override
	public String settingsDigest() {
		return this.credentials.settingsHash(((this.codeSource != null) ? this.codeSource.settingsDigest() : "") + "\n"
				+ ((this.trustedDevice != null) ? this.trustedDevice.fingerprint() : ""));
	}

	// The password step, and the MFA step with its wait for the code.
	@Override
	public Duration timeout() {
		return this.client.longestSend().multipliedBy(2).plus(this.codeSourceTimeout);
	}

	// A login has no use for a refresh token: RefreshTokenGrant sends it first.
	@Override
	public Mono<Tokens> obtain(@Nullable String refreshToken, Mono<Void> mfaCodePermit) {
		Map<String, Object> body = new LinkedHashMap<>(this.credentials.loginBody());
		if (this.trustedDevice != null) {
			body.put("fingerprint", this.trustedDevice.fingerprint());
		}
		// With a code source, the password step waits for the permit too: it makes emnify
		// mail a code, and a trusted device's trust may have ended unseen, so that emnify
		// demands one.
		Mono<Void> permit = (this.codeSource != null) ? mfaCodePermit : Mono.empty();
		return permit.then(Mono.defer(() -> this.client.login(body)))
			.flatMap((answer) -> (answer instanceof MfaChallenge challenge)
					? completeMfa(challenge.mfaToken(), mfaCodePermit) : Mono.just((Tokens) answer));
	}

	private Mono<Tokens> completeMfa(String mfaToken, Mono<Void> mfaCodePermit) {
		EmnifyMfaCodeSource codes = this.codeSource;
		if (codes == null) {
			return Mono.error(EmnifyAuthenticationException
				.of((this.trustedDevice != null) ? untrustedDevice() : mfaDemand(EmnifyFailureKind.MFA_REQUIRED,
						"requires multi-factor authentication (MFA) for this user"), null));
		}
		logger.debug("emnify demands MFA; completing the login with a one-time code");
		// One code per login: emnify counts a rejected code towards its lock like a wrong
		// password, so a rejection ends the login and its cooldown begins.
		return sendCode(mfaToken, codes, mfaCodePermit);
	}

	// A login that sent the fingerprint and still met an MFA demand: the device's trust
	// ended (after 90 days, or it was removed in the Portal). With a code source, the MFA
	// step registers the device again; without one, only a person can.
	private Failure untrustedDevice() {
		return mfaDemand(EmnifyFailureKind.DEVICE_NOT_TRUSTED,
				"no longer trusts the device '" + Objects.requireNonNull(this.trustedDevice).name()
						+ "' and demands multi-factor authentication (MFA) again");
	}

	// An MFA demand this login cannot answer: a rejection, so that it is not retried
	// before the cooldown, though no code went out.
	private Failure mfaDemand(EmnifyFailureKind kind, String problem) {
		return new Failure(kind, EmnifyGrantType.PASSWORD, HttpStatus.OK, null, null, true, null, problem,
				this.advice.advise(kind, EmnifyGrantType.PASSWORD, null));
	}

	// The permit is asked once the code is there: a mail may take minutes to arrive.
	private Mono<Tokens> sendCode(String mfaToken, EmnifyMfaCodeSource codes, Mono<Void> mfaCodePermit) {
		return Mono.defer(codes::nextCode)
			.timeout(this.codeSourceTimeout)
			.switchIfEmpty(Mono.error(() -> new IllegalStateException("no code supplied")))
			// emnify would count a blank code as a wrong one: it is no code.
			.<String>handle((code, sink) -> {
				if (code.isBlank()) {
					sink.error(new IllegalStateException("blank code supplied"));
				}
				else {
					sink.next(code);
				}
			})
			.onErrorMap((ex) -> codeSourceFailure(ex, codes.kind()))
			.flatMap((code) -> {
				Map<String, Object> body = new LinkedHashMap<>();
				body.put("mfa_token", mfaToken);
				body.put("code", code);
				if (this.trustedDevice != null) {
					body.put("trusted_device", this.trustedDevice.registration());
				}
				return mfaCodePermit.then(Mono.defer(() -> this.client.authenticate(EmnifyGrantType.MFA, body)));
			});
	}

	// Not a rejection: no code went out, so emnify counted none.
	private EmnifyAuthenticationException codeSourceFailure(Throwable ex, Kind kind) {
		boolean late = ex instanceof TimeoutException;
		String problem = late
				? "demands an MFA code, but the code source supplied none within " + this.codeSourceTimeout
				: "demands an MFA code, but the code source failed: " + ex.getMessage();
		EmnifyFailureKind failure = late ? EmnifyFailureKind.MFA_CODE_LATE : EmnifyFailureKind.MFA_CODE_SOURCE_FAILED;
		return EmnifyAuthenticationException.of(new Failure(failure, EmnifyGrantType.MFA, null, null, null, false, null,
				problem, this.advice.advise(failure, EmnifyGrantType.MFA, kind)), ex);
	}

	/**
	 * A device that emnify trusts after one MFA login, so that logins sending its
	 * fingerprint skip MFA for 90 days. {@link #toString()} never shows the fingerprint.
	 *
	 * @param fingerprint the device's secret fingerprint
	 * @param name the name emnify shows for the device
	 */
	record TrustedDevice(String fingerprint, String name) {

		Map<String, String> registration() {
			return Map.of("fingerprint", this.fingerprint, "name", this.name, "operating_system",
					System.getProperty("os.name", "unknown"), "browser", "emnify-auth-spring-boot-starter");
		}

		@Override
		public String toString() {
			return "TrustedDevice[name=" + this.name + ", fingerprint=******]";
		}

	}

}
