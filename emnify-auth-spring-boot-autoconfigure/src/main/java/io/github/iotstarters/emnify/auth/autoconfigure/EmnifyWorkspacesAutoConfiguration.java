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

package io.github.iotstarters.emnify.auth.autoconfigure;

import java.time.Clock;

import io.micrometer.observation.ObservationRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.io.ResourceLoader;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.util.StringUtils;
import org.springframework.web.reactive.function.client.WebClient;

import io.github.iotstarters.emnify.auth.EmnifyAuthenticationListener;
import io.github.iotstarters.emnify.auth.EmnifyTokenProvider;
import io.github.iotstarters.emnify.auth.EmnifyTokenStore;
import io.github.iotstarters.emnify.auth.EmnifyUserSession;
import io.github.iotstarters.emnify.auth.mfa.EmnifyMfaCodeSource;
import io.github.iotstarters.emnify.auth.web.EmnifyRateLimitBuckets;
import io.github.iotstarters.emnify.auth.web.EmnifyRateLimits;
import io.github.iotstarters.emnify.auth.web.EmnifyWorkspaces;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} of {@link EmnifyWorkspaces} for user credentials
 * ({@code emnify.username}): one user session, whose token provider for
 * {@code emnify.workspace-id} (or the user's own) {@link EmnifyAuthAutoConfiguration}
 * registers as the application's {@link EmnifyTokenProvider}.
 * <p>
 * It runs before {@link EmnifyAuthAutoConfiguration}, so that only a token provider of
 * the application's own makes it back off: workspaces next to that provider would be a
 * second user session, whose logins end the first one's refresh token.
 */
@AutoConfiguration(before = EmnifyAuthAutoConfiguration.class, after = WebClientAutoConfiguration.class)
@ConditionalOnClass(WebClient.class)
@ConditionalOnBooleanProperty(name = "emnify.enabled", matchIfMissing = true)
@EnableConfigurationProperties(EmnifyProperties.class)
public final class EmnifyWorkspacesAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean({ EmnifyWorkspaces.class, EmnifyTokenProvider.class })
	@Conditional(OnUserCredentialsCondition.class)
	EmnifyWorkspaces emnifyWorkspaces(EmnifyProperties properties, ObjectProvider<WebClient.Builder> webClientBuilder,
			ObjectProvider<EmnifyMfaCodeSource> mfaCodeSource, ObjectProvider<EmnifyAuthenticationListener> listeners,
			ObjectProvider<ObservationRegistry> observationRegistry, EmnifyTokenStore emnifyTokenStore,
			@Qualifier("emnifyClientHttpConnector") ClientHttpConnector emnifyClientHttpConnector,
			@Qualifier("emnifyClock") ObjectProvider<Clock> emnifyClock, ResourceLoader resourceLoader,
			ObjectProvider<EmnifyRateLimits> emnifyRateLimits,
			ObjectProvider<EmnifyRateLimitBuckets> emnifyRateLimitBuckets) {
		EmnifyPropertiesMapper mapper = new EmnifyPropertiesMapper(properties);
		EmnifyUserSession session = mapper
			.tokenProviderBuilder(webClientBuilder, mfaCodeSource, listeners, observationRegistry, emnifyClock,
					resourceLoader)
			.tokenStore(emnifyTokenStore)
			.clientConnector(emnifyClientHttpConnector)
			.buildUserSession();
		EmnifyPropertiesMapper.Pacing pacing = mapper.pacing(emnifyRateLimits, emnifyRateLimitBuckets);
		return EmnifyWorkspaces.of(session, EmnifyAuthAutoConfiguration.listener(listeners), mapper.replayMaxBodySize(),
				pacing.rateLimits(), pacing.buckets());
	}

	/**
	 * Matches when user credentials are configured, not an application token.
	 */
	static final class OnUserCredentialsCondition extends SpringBootCondition {

		@Override
		public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
			// Bound as the properties are, so that a placeholder that was never resolved
			// reaches the start-up report instead of failing the condition.
			return StringUtils
				.hasText(Binder.get(context.getEnvironment()).bind("emnify.username", String.class).orElse(""))
						? ConditionOutcome.match("emnify.username is set")
						: ConditionOutcome.noMatch("emnify.username is not set");
		}

	}

}
