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

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Talks to a running simulator over real HTTP, as a client under test would.
 */
final class SimulatorHttp {

	private static final HttpClient client = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private static final JsonMapper jsonMapper = JsonMapper.builder().build();

	private final EmnifySimulator simulator;

	SimulatorHttp(EmnifySimulator simulator) {
		this.simulator = simulator;
	}

	HttpResponse<String> authenticate(Map<String, ?> body) {
		return post("/api/v1/authenticate", body, null);
	}

	HttpResponse<String> authenticateRaw(String body) {
		return send(request("/api/v1/authenticate", null).POST(HttpRequest.BodyPublishers.ofString(body)));
	}

	HttpResponse<String> post(String path, Map<String, ?> body, String bearerToken) {
		return send(request(path, bearerToken)
			.POST(HttpRequest.BodyPublishers.ofString(jsonMapper.writeValueAsString(body))));
	}

	HttpResponse<String> get(String pathAndQuery, String bearerToken) {
		return send(request(pathAndQuery, bearerToken).GET());
	}

	HttpResponse<String> patch(String path, Map<String, ?> body, String bearerToken) {
		return send(request(path, bearerToken).method("PATCH",
				HttpRequest.BodyPublishers.ofString(jsonMapper.writeValueAsString(body))));
	}

	/**
	 * Sends a body as given, for bodies a {@link Map} cannot hold, such as
	 * {@code {"sim":{"id":null}}}.
	 */
	HttpResponse<String> raw(String method, String path, String body, String bearerToken) {
		return send(request(path, bearerToken).method(method, HttpRequest.BodyPublishers.ofString(body)));
	}

	HttpResponse<String> delete(String path, String bearerToken) {
		return send(request(path, bearerToken).DELETE());
	}

	/**
	 * Sends without catching, for tests that expect the connection to fail. A POST,
	 * because the JDK client silently retries a GET whose connection broke.
	 */
	HttpResponse<String> authenticateOrThrow(Map<String, ?> body) throws IOException {
		try {
			return client.send(request("/api/v1/authenticate", null)
				.POST(HttpRequest.BodyPublishers.ofString(jsonMapper.writeValueAsString(body)))
				.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	String applicationTokenLogin(String applicationToken) {
		return json(ok(authenticate(Map.of("application_token", applicationToken)))).path("auth_token").stringValue();
	}

	/**
	 * Logs in with username and password of a user without MFA.
	 * @return the body, with {@code auth_token} and {@code refresh_token}
	 */
	JsonNode passwordLogin(String username, String password) {
		return json(ok(authenticate(Map.of("username", username, "password", Accounts.sha1Hex(password)))));
	}

	/**
	 * Logs in with username and password of a user without MFA.
	 * @return the auth token, valid for the user's home workspace
	 */
	String userToken(String username, String password) {
		return passwordLogin(username, password).path("auth_token").stringValue();
	}

	static HttpResponse<String> ok(HttpResponse<String> response) {
		if (response.statusCode() != 200) {
			throw new AssertionError("Expected 200 but got " + response.statusCode() + ": " + response.body());
		}
		return response;
	}

	static JsonNode json(HttpResponse<String> response) {
		return jsonMapper.readTree(response.body());
	}

	static JsonNode claims(String jwt) {
		String[] segments = jwt.split("\\.");
		return jsonMapper.readTree(Base64.getUrlDecoder().decode(segments[1]));
	}

	static JsonNode header(String jwt) {
		return jsonMapper.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[0]));
	}

	private HttpRequest.Builder request(String pathAndQuery, String bearerToken) {
		HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(this.simulator.baseUrl() + pathAndQuery))
			.timeout(Duration.ofSeconds(10))
			.header("Content-Type", "application/json");
		if (bearerToken != null) {
			builder.header("Authorization", "Bearer " + bearerToken);
		}
		return builder;
	}

	private static HttpResponse<String> send(HttpRequest.Builder request) {
		try {
			return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
