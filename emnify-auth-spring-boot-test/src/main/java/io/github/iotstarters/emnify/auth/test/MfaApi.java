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

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import io.github.iotstarters.emnify.auth.test.Accounts.UserAccount;
import io.github.iotstarters.emnify.auth.test.Responses.EmnifyError;
import io.github.iotstarters.emnify.auth.test.SimulatorEvent.Kind;
import io.github.iotstarters.emnify.auth.test.UserMfa.MfaKey;
import io.github.iotstarters.emnify.auth.test.UserState.TrustedDevice;

/**
 * emnify's MFA key and trusted-device endpoints below {@code /api/v1/user/mfa}, for the
 * user of the bearer token: the key types and statuses, creating a TOTP key, activating
 * it with a code, and the list and removal of trusted devices.
 */
final class MfaApi {

	static final String PATH = "/api/v1/user/mfa";

	static final long EMAIL_TYPE_ID = 1;

	static final long TOTP_TYPE_ID = 2;

	static final long ACTIVATION_PENDING_STATUS_ID = 1;

	static final long ACTIVE_STATUS_ID = 2;

	private static final Pattern KEY = Pattern.compile(PATH + "/(\\d+)");

	private static final Pattern TRUSTED_DEVICE = Pattern.compile(PATH + "/trusted_device/(\\d+)");

	private final TokenIssuer tokens;

	private final UserMfa userMfa;

	private final Responses responses;

	private final SimulatorSettings settings;

	MfaApi(TokenIssuer tokens, UserMfa userMfa, Responses responses, SimulatorSettings settings) {
		this.tokens = tokens;
		this.userMfa = userMfa;
		this.responses = responses;
		this.settings = settings;
	}

	boolean handles(String path) {
		return path.equals(PATH) || path.startsWith(PATH + "/");
	}

	Outcome handle(Request request, String path) {
		String principal = Outcome.UNKNOWN_PRINCIPAL;
		try {
			UserAccount user = user(request);
			principal = user.username();
			RequestMethod method = request.getMethod();
			Matcher key = KEY.matcher(path);
			Matcher device = TRUSTED_DEVICE.matcher(path);
			if (RequestMethod.GET.equals(method) && path.equals(PATH + "/type")) {
				return ok(principal, "GET MFA key types", list(EMAIL_TYPE_ID, "Email", TOTP_TYPE_ID, "TOTP"));
			}
			if (RequestMethod.GET.equals(method) && path.equals(PATH + "/status")) {
				return ok(principal, "GET MFA key statuses",
						list(ACTIVATION_PENDING_STATUS_ID, "Activation Pending", ACTIVE_STATUS_ID, "Active"));
			}
			if (RequestMethod.POST.equals(method) && path.equals(PATH)) {
				return createKey(request, user);
			}
			if (RequestMethod.PATCH.equals(method) && key.matches()) {
				return activateKey(request, user, Long.parseLong(key.group(1)));
			}
			if (RequestMethod.GET.equals(method) && path.equals(PATH + "/trusted_device")) {
				return trustedDevices(user);
			}
			if (RequestMethod.DELETE.equals(method) && device.matches()) {
				long deviceId = Long.parseLong(device.group(1));
				if (!this.userMfa.removeTrustedDevice(user, deviceId)) {
					return new Outcome(Kind.API_REQUEST, principal, "no trusted device " + deviceId,
							this.responses.notFound());
				}
				return noContent(principal, "trusted device " + deviceId + " removed");
			}
			return new Outcome(Kind.API_REQUEST, principal, method + " " + path + " not found",
					this.responses.notFound());
		}
		catch (Rejection rejection) {
			return rejection.toOutcome(Kind.API_REQUEST, principal);
		}
	}

	private UserAccount user(Request request) {
		UserAccount user = this.tokens.authorize(request).user();
		if (user == null) {
			throw new Rejection("application token cannot manage MFA",
					this.responses.error(EmnifyError.FORBIDDEN, "MFA keys belong to users: use a user's auth token"));
		}
		return user;
	}

	private Outcome createKey(Request request, UserAccount user) {
		ObjectNode body = this.responses.readObject(request.getBodyAsString());
		JsonNode type = (body != null) ? body.path("type").path("id") : null;
		JsonNode password = (body != null) ? body.path("password") : null;
		if (type == null || !type.isIntegralNumber() || type.asLong() != TOTP_TYPE_ID) {
			throw invalid("type.id must be the id of the TOTP type");
		}
		if (password == null || !password.isString() || !user.passwordMatches(password.stringValue())) {
			throw invalid("password must be the user's password, as SHA-1 hex");
		}
		Instant now = this.settings.clock().instant();
		MfaKey key = this.userMfa.createMfaKey(user, now);
		if (key == null) {
			return new Outcome(Kind.API_REQUEST, user.username(), "MFA key exists already",
					conflict("The user has an active MFA key already"));
		}
		String secret = Totp.encodeBase32(key.secret());
		ObjectNode answer = this.responses.object().put("id", key.id());
		answer.set("status", item(ACTIVATION_PENDING_STATUS_ID, "Activation Pending"));
		answer.set("type", item(TOTP_TYPE_ID, "TOTP"));
		answer.put("secret_key", secret)
			.put("otpauth",
					"otpauth://totp/emnify:" + URLEncoder.encode(user.username(), StandardCharsets.UTF_8) + "?secret="
							+ secret + "&issuer=emnify")
			.put("creation_date", date(key.creationDate()));
		return ok(user.username(), "MFA key " + key.id() + " created", answer);
	}

	private Outcome activateKey(Request request, UserAccount user, long keyId) {
		ObjectNode body = this.responses.readObject(request.getBodyAsString());
		JsonNode status = (body != null) ? body.path("status").path("id") : null;
		JsonNode code = (body != null) ? body.path("code") : null;
		if (status == null || !status.isIntegralNumber() || status.asLong() != ACTIVE_STATUS_ID) {
			throw invalid("status.id must be the id of the Active status");
		}
		if (code == null || !code.isString()) {
			throw invalid("code must be the current code of the key");
		}
		return switch (this.userMfa.activateMfaKey(user, keyId, code.stringValue(), this.settings.clock().instant())) {
			case ACTIVATED -> noContent(user.username(), "MFA key " + keyId + " activated");
			case UNKNOWN_KEY ->
				new Outcome(Kind.API_REQUEST, user.username(), "no MFA key " + keyId, this.responses.notFound());
			case ALREADY_ACTIVE -> new Outcome(Kind.API_REQUEST, user.username(),
					"MFA key " + keyId + " already active", conflict("MFA key is active already"));
			case INVALID_CODE -> throw invalid("code is not a current code of the key");
		};
	}

	private Outcome trustedDevices(UserAccount user) {
		ArrayNode devices = this.responses.array();
		for (TrustedDevice device : this.userMfa.trustedDevices(user, this.settings.clock().instant())) {
			devices.addObject()
				.put("id", device.id())
				.put("name", device.name())
				.put("operating_system", device.operatingSystem())
				.put("browser", device.browser())
				.put("creation_date", date(device.trustedFrom()))
				.put("expiration_date", date(device.trustedUntil()));
		}
		return ok(user.username(), "GET " + devices.size() + " trusted devices", devices);
	}

	private ArrayNode list(long firstId, String first, long secondId, String second) {
		ArrayNode items = this.responses.array();
		items.add(item(firstId, first));
		items.add(item(secondId, second));
		return items;
	}

	private ObjectNode item(long id, String description) {
		return this.responses.object().put("id", id).put("description", description);
	}

	private static String date(Instant instant) {
		return instant.truncatedTo(ChronoUnit.SECONDS).toString();
	}

	private Outcome ok(String principal, String outcome, JsonNode body) {
		return new Outcome(Kind.API_REQUEST, principal, outcome, this.responses.ok(body));
	}

	private static Outcome noContent(String principal, String outcome) {
		return new Outcome(Kind.API_REQUEST, principal, outcome,
				ResponseDefinitionBuilder.responseDefinition().withStatus(204).build());
	}

	/**
	 * 409 in the shape of emnify's other 409 answers.
	 * @param message the {@code message} of the body
	 * @return the answer, with {@code status_code} and {@code message}
	 */
	private ResponseDefinition conflict(String message) {
		return this.responses.json(409, this.responses.object().put("status_code", 409).put("message", message))
			.build();
	}

	private Rejection invalid(String reason) {
		return new Rejection(reason, this.responses.validationFailed("Invalid MFA key request", List.of(reason)));
	}

}
