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

package io.github.iotstarters.emnify.auth.cli;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeoutException;

import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import org.springframework.web.reactive.function.client.WebClientResponseException;
import reactor.core.Exceptions;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * emnify's MFA key API, for the user of one auth token: the lists of key types and
 * statuses, creating a key and activating it.
 */
final class MfaKeyClient {

	private static final String MFA = "/api/v1/user/mfa";

	private static final String UNREACHABLE = "check --base-url and the network, then run the command again.";

	private final WebClient webClient;

	private final Duration timeout;

	MfaKeyClient(WebClient.Builder webClientBuilder, URI baseUrl, String authToken, Duration timeout) {
		this.webClient = webClientBuilder.baseUrl(baseUrl.toString())
			.defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + authToken)
			.build();
		this.timeout = timeout;
	}

	/**
	 * Finds a key type by its description, as emnify documents no ids.
	 * @param description the description, such as {@code TOTP}, in any case
	 * @return the id of the type
	 * @throws CliException if emnify lists no such type
	 */
	long typeId(String description) {
		return idOf("/type", "MFA key types", description);
	}

	/**
	 * Finds a key status by its description, as emnify documents no ids.
	 * @param description the description, such as {@code Active}, in any case
	 * @return the id of the status
	 * @throws CliException if emnify lists no such status
	 */
	long statusId(String description) {
		return idOf("/status", "MFA key statuses", description);
	}

	CreatedKey create(long typeId, String password) {
		JsonNode key = call("create a TOTP key",
				this.webClient.post()
					.uri(MFA)
					.bodyValue(Map.of("type", Map.of("id", typeId), "password", sha1Hex(password)))
					.retrieve()
					.bodyToMono(JsonNode.class));
		String secret = key.path("secret_key").asString("");
		if (!key.path("id").isIntegralNumber() || secret.isEmpty()) {
			throw new CliException("emnify created a TOTP key but answered no id or secret_key: remove the pending"
					+ " key in the Portal and run totp-key again.");
		}
		return new CreatedKey(key.path("id").asLong(), secret, key.path("otpauth").asString(""));
	}

	void activate(long keyId, long activeStatusId, String code) {
		call("activate the TOTP key",
				this.webClient.patch()
					.uri(MFA + "/{id}", keyId)
					.bodyValue(Map.of("status", Map.of("id", activeStatusId), "code", code))
					.retrieve()
					.toBodilessEntity());
	}

	private long idOf(String path, String what, String description) {
		JsonNode items = call("list the " + what,
				this.webClient.get().uri(MFA + path).retrieve().bodyToMono(JsonNode.class));
		for (JsonNode item : items) {
			if (item.path("description").asString("").equalsIgnoreCase(description)
					&& item.path("id").isIntegralNumber()) {
				return item.path("id").asLong();
			}
		}
		throw new CliException("emnify lists no " + description + " among the " + what + " (" + items
				+ "): it may have renamed it;" + " set up the key in the Portal instead.");
	}

	// A request whose answer is an error status of the server, or no answer at all,
	// may have been carried out: its outcome is unknown.
	private <T> T call(String action, Mono<T> request) {
		try {
			T answer = request.timeout(this.timeout).block();
			if (answer == null) {
				throw new CliException("emnify answered no body when asked to " + action + ": run the command again.");
			}
			return answer;
		}
		catch (WebClientResponseException ex) {
			int status = ex.getStatusCode().value();
			throw new CliException("emnify answered " + status + " when asked to " + action + message(ex), hint(status),
					ex.getStatusCode().is5xxServerError());
		}
		catch (WebClientRequestException ex) {
			throw new CliException(
					"emnify could not be reached to " + action + " (" + ex.getMostSpecificCause().getMessage() + ")",
					UNREACHABLE, true);
		}
		catch (RuntimeException ex) {
			if (Exceptions.unwrap(ex) instanceof TimeoutException) {
				throw new CliException(
						"emnify did not answer within " + this.timeout.toSeconds() + " seconds when asked to " + action,
						UNREACHABLE, true);
			}
			throw ex;
		}
	}

	private static String message(WebClientResponseException ex) {
		JsonNode body = ex.getResponseBodyAs(JsonNode.class);
		String message = (body != null) ? body.path("message").asString("") : "";
		return message.isEmpty() ? "" : " (" + message + ")";
	}

	private static String hint(int status) {
		return switch (status) {
			case 401, 403 -> "the login's auth token was not accepted; run the command again.";
			case 409 -> "the user has an MFA key already; use its secret, or remove it in the Portal and run"
					+ " totp-key again.";
			case 422 -> "emnify rejected the request (a wrong password or code); run the command again.";
			default -> "run the command again later.";
		};
	}

	private static String sha1Hex(String password) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-1").digest(password.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest).toLowerCase(Locale.ROOT);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java platform has SHA-1", ex);
		}
	}

	/**
	 * A key in status "Activation Pending", as emnify answers its creation.
	 *
	 * @param id the key id
	 * @param secret the base32 secret, which emnify shows only now
	 * @param otpauth the URI for authenticator apps, empty if emnify answered none
	 */
	record CreatedKey(long id, String secret, String otpauth) {
	}

}
