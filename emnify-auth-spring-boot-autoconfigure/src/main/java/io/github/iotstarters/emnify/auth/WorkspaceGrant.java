package io.github.iotstarters.emnify.auth;

import java.util.Map;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import io.github.iotstarters.emnify.auth.AuthenticationClient.Tokens;

/**
 * Obtains a token for one workspace by switching the user's token to it. The client's
 * requests carry the user's token (through an {@link EmnifyAuthenticationFilter} of the
 * user session), so a user token that emnify no longer accepts is renewed and the switch
 * replayed, like any other request.
 */
final class WorkspaceGrant implements Grant {

	static final String SWITCH_PATH = "/api/v1/authenticate/workspace";

	private final AuthenticationClient userClient;

	private final long workspaceId;

	WorkspaceGrant(AuthenticationClient userClient, long workspaceId) {
		this.userClient = userClient;
		this.workspaceId = workspaceId;
	}

	@Override
	public Mono<Tokens> obtain(@Nullable String refreshToken) {
		return this.userClient.authenticate(EmnifyGrantType.WORKSPACE, SWITCH_PATH,
				Map.of("target_organisation", Map.of("id", this.workspaceId)));
	}

}
