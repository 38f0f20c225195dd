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

package io.github.iotstarters.emnify.sample.workspaces;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.CommandLineRunner;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.github.iotstarters.emnify.auth.EmnifyTokenProvider;
import io.github.iotstarters.emnify.auth.web.EmnifyWorkspaces;

/**
 * Walks through the user's workspaces and a dry-run SIM migration.
 */
@Component
class WorkspaceTour implements CommandLineRunner {

	private final WebClient emnify;

	private final EmnifyWorkspaces workspaces;

	private final EmnifyTokenProvider tokens;

	private final long targetWorkspaceId;

	private final PrintStream out = System.out;

	WorkspaceTour(@Qualifier("emnifyWebClient") WebClient emnify, EmnifyWorkspaces workspaces,
			EmnifyTokenProvider tokens, @Value("${sample.target-workspace-id}") long targetWorkspaceId) {
		this.emnify = emnify;
		this.workspaces = workspaces;
		this.tokens = tokens;
		this.targetWorkspaceId = targetWorkspaceId;
	}

	@Override
	public void run(String... args) {
		// Blocking is fine here: a CommandLineRunner runs on the main thread.
		long userId = userId(this.tokens.getToken().blockOptional().orElseThrow());
		JsonNode workspaceList = this.emnify.get()
			.uri("/api/v2/user/{id}/workspace", userId)
			.retrieve()
			.bodyToMono(JsonNode.class)
			.blockOptional()
			.orElseThrow();
		this.out.printf("%-8s %s%n", "ID", "WORKSPACE");
		workspaceList.forEach((workspace) -> this.out.printf("%-8s %s%n", workspace.path("id").asLong(),
				workspace.path("name").asString()));

		JsonNode targetSims = this.workspaces.webClient(this.targetWorkspaceId)
			.get()
			.uri("/api/v1/sim?per_page=1000")
			.retrieve()
			.bodyToMono(JsonNode.class)
			.blockOptional()
			.orElseThrow();
		this.out.printf("Workspace %d holds %d SIMs (read with a token switched to it).%n", this.targetWorkspaceId,
				targetSims.size());

		// SIMs in use by a device would need auto_detach_devices: take three spare ones.
		List<String> iccids = this.emnify.get()
			.uri("/api/v1/sim?per_page=1000")
			.retrieve()
			.bodyToMono(JsonNode.class)
			.map((sims) -> sims.valueStream()
				.filter((sim) -> sim.path("endpoint").isNull())
				.limit(3)
				.map((sim) -> sim.path("iccid").asString())
				.toList())
			.blockOptional()
			.orElseThrow();
		this.out.println("Moving " + iccids + " to workspace " + this.targetWorkspaceId
				+ " (dry_run defaults to true, nothing moves).");
		// emnify answers 409 with the reasons when SIMs cannot move: print whatever it
		// says.
		String answer = this.emnify.post()
			.uri("/api/v1/sim/migration/workspace")
			.bodyValue(Map.of("iccids", iccids, "target_workspace", Map.of("id", this.targetWorkspaceId)))
			.exchangeToMono((response) -> response.bodyToMono(JsonNode.class)
				.map((body) -> "emnify answered " + response.statusCode().value() + ":\n"
						+ JsonMapper.shared().writerWithDefaultPrettyPrinter().writeValueAsString(body)))
			.block();
		this.out.println(answer);
	}

	// emnify's user tokens carry the user id as the esc.user claim.
	private static long userId(String token) {
		byte[] payload = Base64.getUrlDecoder().decode(token.split("\\.")[1]);
		return JsonMapper.shared().readTree(new String(payload, StandardCharsets.UTF_8)).path("esc.user").asLong();
	}

}
