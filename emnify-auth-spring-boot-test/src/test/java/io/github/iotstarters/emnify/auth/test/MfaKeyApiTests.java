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

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import static io.github.iotstarters.emnify.auth.test.Accounts.sha1Hex;
import static io.github.iotstarters.emnify.auth.test.SimulatorHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The MFA key and trusted-device endpoints below {@code /api/v1/user/mfa}.
 */
class MfaKeyApiTests {

	static final AdjustableClock clock = new AdjustableClock(Fixtures.START);

	@RegisterExtension
	static final EmnifySimulatorExtension emnify = EmnifySimulatorExtension.of(Fixtures.simulator(clock));

	SimulatorHttp http;

	String userToken;

	@BeforeEach
	void setUp() {
		clock.set(Fixtures.START.plusSeconds(1));
		this.http = new SimulatorHttp(emnify.simulator());
		this.userToken = this.http.userToken(Fixtures.USER, Fixtures.USER_PASSWORD);
	}

	@Test
	void typesAndStatusesAreListsOfIdAndDescription() {
		HttpResponse<String> types = this.http.get("/api/v1/user/mfa/type", this.userToken);
		HttpResponse<String> statuses = this.http.get("/api/v1/user/mfa/status", this.userToken);

		assertThat(types.statusCode()).isEqualTo(200);
		assertThat(json(types).valueStream().map((type) -> type.path("description").stringValue()))
			.containsExactly("Email", "TOTP");
		assertThat(json(statuses).valueStream().map((status) -> status.path("description").stringValue()))
			.containsExactly("Activation Pending", "Active");
		assertThat(json(types).get(0).propertyNames()).containsExactly("id", "description");
	}

	@Test
	void endpointsNeedAUsersAuthToken() {
		String applicationToken = this.http.applicationTokenLogin(Fixtures.APPLICATION_TOKEN);

		assertThat(this.http.get("/api/v1/user/mfa/type", "").statusCode()).isEqualTo(401);
		HttpResponse<String> forbidden = this.http.get("/api/v1/user/mfa/type", applicationToken);
		assertThat(forbidden.statusCode()).isEqualTo(403);
		assertThat(json(forbidden).path("error_token").stringValue()).isEqualTo("Forbidden");
	}

	@Test
	void createdKeyIsPendingWithBase32SecretAndOtpauthUri() {
		HttpResponse<String> response = createKey(Fixtures.USER_PASSWORD);

		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode key = json(response);
		assertThat(key.propertyNames()).containsExactlyInAnyOrder("id", "status", "type", "secret_key", "otpauth",
				"creation_date");
		assertThat(key.path("status").path("id").asLong()).isEqualTo(statusId("Activation Pending"));
		assertThat(key.path("status").path("description").stringValue()).isEqualTo("Activation Pending");
		assertThat(key.path("type").path("description").stringValue()).isEqualTo("TOTP");
		String secret = key.path("secret_key").stringValue();
		assertThat(secret).matches("[A-Z2-7]{32}");
		assertThat(key.path("otpauth").stringValue())
			.isEqualTo("otpauth://totp/emnify:ops%40example.org?secret=" + secret + "&issuer=emnify");
		assertThat(key.path("creation_date").stringValue()).isEqualTo("2030-01-01T00:00:01Z");
	}

	@Test
	void keyIsNotCreatedWithAWrongPasswordOrType() {
		HttpResponse<String> wrongPassword = createKey("not-the-password");
		HttpResponse<String> emailType = this.http.post("/api/v1/user/mfa",
				Map.of("type", Map.of("id", typeId("Email")), "password", sha1Hex(Fixtures.USER_PASSWORD)),
				this.userToken);

		assertThat(wrongPassword.statusCode()).isEqualTo(422);
		assertThat(json(wrongPassword).path("errors").get(0).path("message").stringValue()).contains("password");
		assertThat(emailType.statusCode()).isEqualTo(422);
		assertThat(json(emailType).path("errors").get(0).path("message").stringValue()).contains("TOTP");
	}

	@Test
	void activatedKeyMakesLoginsDemandItsCodes() {
		JsonNode key = json(createKey(Fixtures.USER_PASSWORD));
		byte[] secret = Totp.decodeBase32(key.path("secret_key").stringValue());

		HttpResponse<String> activated = activate(key.path("id").asLong(), code(secret, clock.instant()));

		assertThat(activated.statusCode()).isEqualTo(204);
		assertThat(activated.body()).isEmpty();
		JsonNode challenge = json(this.http.authenticate(credentials()));
		assertThat(challenge.propertyNames()).containsExactly("mfa_token");
		clock.advance(Duration.ofSeconds(30));
		HttpResponse<String> login = this.http.authenticate(
				Map.of("mfa_token", challenge.path("mfa_token").stringValue(), "code", code(secret, clock.instant())));
		assertThat(json(login).propertyNames()).containsExactlyInAnyOrder("auth_token", "refresh_token");
	}

	@Test
	void resetForgetsKeysAndTheirIds() {
		JsonNode key = json(createKey(Fixtures.USER_PASSWORD));
		activate(key.path("id").asLong(),
				code(Totp.decodeBase32(key.path("secret_key").stringValue()), clock.instant()));

		emnify.simulator().resetKeepingSessions();

		assertThat(json(this.http.authenticate(credentials())).propertyNames()).containsExactlyInAnyOrder("auth_token",
				"refresh_token");
		assertThat(json(createKey(Fixtures.USER_PASSWORD)).path("id").asLong()).isEqualTo(key.path("id").asLong());
	}

	@Test
	void activationWithAWrongCodeIsRejectedAndTheKeyStaysPending() {
		long keyId = json(createKey(Fixtures.USER_PASSWORD)).path("id").asLong();

		HttpResponse<String> rejected = activate(keyId, "000000");

		assertThat(rejected.statusCode()).isEqualTo(422);
		assertThat(json(rejected).path("error_token").stringValue()).isEqualTo("InputValidationFailed");
		assertThat(json(this.http.authenticate(credentials())).propertyNames()).containsExactlyInAnyOrder("auth_token",
				"refresh_token");
	}

	@Test
	void unknownKeyIs404AndAnActiveKeyIs409() {
		JsonNode key = json(createKey(Fixtures.USER_PASSWORD));
		byte[] secret = Totp.decodeBase32(key.path("secret_key").stringValue());
		long keyId = key.path("id").asLong();

		assertThat(activate(keyId + 1, code(secret, clock.instant())).statusCode()).isEqualTo(404);
		assertThat(activate(keyId, code(secret, clock.instant())).statusCode()).isEqualTo(204);
		assertThat(activate(keyId, code(secret, clock.instant())).statusCode()).isEqualTo(409);
		HttpResponse<String> second = createKey(Fixtures.USER_PASSWORD);
		assertThat(second.statusCode()).isEqualTo(409);
		assertThat(json(second).path("message").stringValue()).contains("active MFA key");
	}

	@Test
	void userWithATotpKeyCannotCreateAnother() {
		String mfaUserToken = mfaUserToken("device-1", "Laptop");

		HttpResponse<String> response = this.http.post("/api/v1/user/mfa",
				Map.of("type", Map.of("id", typeId("TOTP")), "password", sha1Hex(Fixtures.MFA_PASSWORD)), mfaUserToken);

		assertThat(response.statusCode()).isEqualTo(409);
	}

	@Test
	void trustedDevicesAreListedAndOneRemovedNeedsACodeAgain() {
		mfaUserToken("device-1", "Laptop");
		clock.advance(Duration.ofSeconds(30));
		String token = mfaUserToken("device-2", "CI runner");

		JsonNode devices = json(this.http.get("/api/v1/user/mfa/trusted_device", token));

		assertThat(devices.valueStream().map((device) -> device.path("name").stringValue())).containsExactly("Laptop",
				"CI runner");
		JsonNode laptop = devices.get(0);
		assertThat(laptop.path("operating_system").stringValue()).isEqualTo("Linux");
		assertThat(laptop.path("expiration_date").stringValue()).isEqualTo("2030-04-01T00:00:01Z");
		assertThat(laptop.has("fingerprint")).isFalse();
		HttpResponse<String> removed = this.http.delete("/api/v1/user/mfa/trusted_device/" + laptop.path("id").asLong(),
				token);
		assertThat(removed.statusCode()).isEqualTo(204);
		assertThat(
				this.http.delete("/api/v1/user/mfa/trusted_device/" + laptop.path("id").asLong(), token).statusCode())
			.isEqualTo(404);
		assertThat(json(this.http.authenticate(mfaCredentials("device-1"))).propertyNames())
			.containsExactly("mfa_token");
		assertThat(json(this.http.authenticate(mfaCredentials("device-2"))).propertyNames())
			.containsExactlyInAnyOrder("auth_token", "refresh_token");
	}

	private HttpResponse<String> createKey(String password) {
		return this.http.post("/api/v1/user/mfa",
				Map.of("type", Map.of("id", typeId("TOTP")), "password", sha1Hex(password)), this.userToken);
	}

	private HttpResponse<String> activate(long keyId, String code) {
		return this.http.patch("/api/v1/user/mfa/" + keyId,
				Map.of("status", Map.of("id", statusId("Active")), "code", code), this.userToken);
	}

	private long typeId(String description) {
		return idOf(this.http.get("/api/v1/user/mfa/type", this.userToken), description);
	}

	private long statusId(String description) {
		return idOf(this.http.get("/api/v1/user/mfa/status", this.userToken), description);
	}

	private static long idOf(HttpResponse<String> list, String description) {
		return json(list).valueStream()
			.filter((item) -> description.equals(item.path("description").stringValue()))
			.findFirst()
			.orElseThrow()
			.path("id")
			.asLong();
	}

	private String mfaUserToken(String fingerprint, String name) {
		String mfaToken = json(this.http.authenticate(mfaCredentials(fingerprint))).path("mfa_token").stringValue();
		HttpResponse<String> login = this.http.authenticate(Map.of("mfa_token", mfaToken, "code",
				code(Fixtures.MFA_KEY, clock.instant()), "trusted_device",
				Map.of("fingerprint", fingerprint, "operating_system", "Linux", "browser", "curl", "name", name)));
		return json(SimulatorHttp.ok(login)).path("auth_token").stringValue();
	}

	private static Map<String, String> credentials() {
		return Map.of("username", Fixtures.USER, "password", sha1Hex(Fixtures.USER_PASSWORD));
	}

	private static Map<String, String> mfaCredentials(String fingerprint) {
		return Map.of("username", Fixtures.MFA_USER, "password", sha1Hex(Fixtures.MFA_PASSWORD), "fingerprint",
				fingerprint);
	}

	private static String code(byte[] key, Instant instant) {
		return Totp.code(key, Totp.step(instant), Totp.DIGITS);
	}

}
