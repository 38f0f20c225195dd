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

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Base64;
import java.util.List;

import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions.RefreshTrigger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientConfigurationBuilderCustomizer;
import org.springframework.boot.http.codec.autoconfigure.CodecsAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.data.redis.connection.RedisClusterConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import io.github.iotstarters.emnify.auth.redis.RedisEmnifyTokenStore;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The one warning for the Redis token store on a Redis Cluster whose Lettuce client never
 * refreshes its topology, and none for a client that does or for Redis that is no
 * cluster. No Redis runs: neither the check nor the start connects.
 */
@ExtendWith(OutputCaptureExtension.class)
class LettuceClusterTopologyCheckTests {

	private static final String WARNING = "runs on a Redis Cluster whose Lettuce client does not refresh";

	private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);

	private final String nodes = "127.0.0.1:" + closedPort() + ",127.0.0.1:" + closedPort();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(CodecsAutoConfiguration.class, WebClientAutoConfiguration.class,
				DataRedisAutoConfiguration.class, EmnifyRedisTokenStoreAutoConfiguration.class,
				EmnifyWorkspacesAutoConfiguration.class, EmnifyAuthAutoConfiguration.class))
		.withPropertyValues("emnify.base-url=http://127.0.0.1:" + closedPort(), "emnify.application-token=app-token",
				"emnify.token-store.type=redis", "emnify.token-store.encryption-key=" + KEY);

	@Test
	void clusterNodesWithBootsDefaultLettuceSettingsLogOneWarningThatNamesTheSettingAndTheCost(CapturedOutput output) {
		this.contextRunner.withPropertyValues("spring.data.redis.cluster.nodes=" + this.nodes).run((context) -> {
			assertThat(context).hasNotFailed().getBean("emnifyTokenStore").isInstanceOf(RedisEmnifyTokenStore.class);
			assertThat(context.getBean(LettuceConnectionFactory.class).getClusterConfiguration()).isNotNull();
		});

		if (lettuceRefreshesByDefault(output)) {
			return;
		}
		assertThat(output.getAll().split(WARNING, -1)).hasSize(2);
		assertThat(output).contains("WARN")
			.contains("spring.data.redis.lettuce.cluster.refresh.adaptive=true")
			.contains("spring.data.redis.lettuce.cluster.refresh.period=1s")
			.contains("after a failover the instances do not find the shared emnify session again "
					+ "and each logs in on its own, until they are restarted")
			.doesNotContain(KEY);
	}

	@ParameterizedTest
	@ValueSource(strings = { "spring.data.redis.lettuce.cluster.refresh.adaptive=true",
			"spring.data.redis.lettuce.cluster.refresh.period=1s" })
	void clusterWithAdaptiveOrPeriodicRefreshLogsNoWarning(String refresh, CapturedOutput output) {
		this.contextRunner.withPropertyValues("spring.data.redis.cluster.nodes=" + this.nodes, refresh)
			.run((context) -> assertThat(context).hasNotFailed().hasBean("emnifyTokenStore"));

		assertThat(output).doesNotContain(WARNING);
	}

	@Test
	void refreshOptionsSetByACustomizerRatherThanPropertiesLogNoWarning(CapturedOutput output) {
		this.contextRunner.withPropertyValues("spring.data.redis.cluster.nodes=" + this.nodes)
			.withBean(LettuceClientConfigurationBuilderCustomizer.class,
					() -> (builder) -> builder.clientOptions(adaptiveRefresh()))
			.run((context) -> assertThat(context).hasNotFailed().hasBean("emnifyTokenStore"));

		assertThat(output).doesNotContain(WARNING);
	}

	@Test
	void standaloneAndSentinelRedisLogNoWarning(CapturedOutput output) {
		this.contextRunner.withPropertyValues("spring.data.redis.port=" + closedPort())
			.run((context) -> assertThat(context).hasNotFailed().hasBean("emnifyTokenStore"));
		this.contextRunner
			.withPropertyValues("spring.data.redis.sentinel.master=primary",
					"spring.data.redis.sentinel.nodes=" + this.nodes)
			.run((context) -> assertThat(context).hasNotFailed().hasBean("emnifyTokenStore"));

		assertThat(output).doesNotContain(WARNING);
	}

	@Test
	void aConnectionFactoryOfTheApplicationsOwnOnAClusterWithoutRefreshLogsOneWarning(CapturedOutput output) {
		this.contextRunner
			.withBean(LettuceConnectionFactory.class,
					() -> new LettuceConnectionFactory(new RedisClusterConfiguration(List.of(this.nodes.split(",")))))
			.run((context) -> assertThat(context).hasNotFailed().hasBean("emnifyTokenStore"));

		if (!lettuceRefreshesByDefault(output)) {
			assertThat(output.getAll().split(WARNING, -1)).hasSize(2);
		}
	}

	// The Lettuce of Boot 4.1 (7.x) turns every adaptive trigger on by default, so a
	// cluster client of its defaults refreshes and nothing is logged.
	private static boolean lettuceRefreshesByDefault(CapturedOutput output) {
		boolean refreshes = !ClusterTopologyRefreshOptions.create().getAdaptiveRefreshTriggers().isEmpty();
		if (refreshes) {
			assertThat(output).doesNotContain(WARNING);
		}
		return refreshes;
	}

	@Test
	void aConnectionFactoryOfTheApplicationsOwnOnAClusterWithRefreshLogsNoWarning(CapturedOutput output) {
		this.contextRunner
			.withBean(LettuceConnectionFactory.class,
					() -> new LettuceConnectionFactory(new RedisClusterConfiguration(List.of(this.nodes.split(","))),
							LettuceClientConfiguration.builder().clientOptions(adaptiveRefresh()).build()))
			.run((context) -> assertThat(context).hasNotFailed().hasBean("emnifyTokenStore"));

		assertThat(output).doesNotContain(WARNING);
	}

	@Test
	void theMemoryStoreOnAClusterLogsNoWarning(CapturedOutput output) {
		this.contextRunner
			.withPropertyValues("emnify.token-store.type=memory", "spring.data.redis.cluster.nodes=" + this.nodes)
			.run((context) -> assertThat(context).hasNotFailed().hasBean("emnifyTokenStore"));

		assertThat(output).doesNotContain(WARNING);
	}

	private static ClusterClientOptions adaptiveRefresh() {
		return ClusterClientOptions.builder()
			.topologyRefreshOptions(ClusterTopologyRefreshOptions.builder()
				.enableAdaptiveRefreshTrigger(RefreshTrigger.MOVED_REDIRECT)
				.build())
			.build();
	}

	private static int closedPort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
