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

package io.github.iotstarters.emnify.auth.testsupport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;

class LocalRedisClusterTests {

	// Formed without redis-cli, with the shipped binary always and with the one on the
	// PATH where there is one.
	@ParameterizedTest
	@MethodSource("io.github.iotstarters.emnify.auth.testsupport.RedisBinaryTests#binaries")
	void startsThreePrimariesWithAReplicaEachServingEverySlotAndFailsOverAKilledPrimary(Optional<Path> candidate)
			throws InterruptedException {
		Path binary = RedisBinaryTests.present(candidate);
		LocalRedisCluster cluster = LocalRedisCluster.start(binary);
		List<String> nodes = cluster.nodes();
		try (cluster) {
			assertThat(nodes).hasSize(6).doesNotHaveDuplicates().allMatch((node) -> node.startsWith("127.0.0.1:"));
			List<String> primaries = cluster.primaries();
			assertThat(primaries).hasSize(3);
			primaries.forEach((primary) -> assertThat(cluster.replicasOf(primary)).hasSize(1));
			for (String node : nodes) {
				ClusterTopology view = ClusterTopology.parse(cluster.cli(node, "--raw", "CLUSTER", "NODES"));
				assertThat(IntStream.range(0, 16384).mapToObj(view::owner)).allSatisfy(
						(owner) -> assertThat(owner).isNotNull().extracting(ClusterNode::address).isIn(primaries));
				String info = cluster.cli(node, "CLUSTER", "INFO");
				assertThat(info).contains("cluster_state:ok", "cluster_slots_assigned:16384", "cluster_slots_ok:16384",
						"cluster_known_nodes:6", "cluster_size:3");
			}

			// Keys with one hash tag share a slot and a primary; the slot is CRC16 of the
			// tag modulo 16384, as every Redis Cluster client computes it.
			String key = "emnify:auth:{session}:auth";
			int slot = cluster.slotOf(key);
			assertThat(slot).isEqualTo(cluster.slotOf("{session}:refresh")).isEqualTo(cluster.slotOf("session"));
			String owner = cluster.primaryOf(key);
			assertThat(primaries).contains(owner);
			assertThat(cluster.cli(owner, "SET", key, "value")).contains("OK");
			String elsewhere = primaries.stream().filter((primary) -> !primary.equals(owner)).findFirst().orElseThrow();
			assertThat(cluster.cli(elsewhere, "GET", key)).contains("MOVED " + slot + " " + owner);
			assertThat(cluster.keys("emnify:*")).containsExactly(key);
			String replica = cluster.replicasOf(owner).get(0);
			awaitReplicated(cluster, owner, replica);

			String successor = cluster.kill(owner);
			assertThat(successor).isEqualTo(replica);
			assertThat(cluster.nodes()).hasSize(5).doesNotContain(owner);
			assertThat(cluster.primaries()).hasSize(3).contains(successor).doesNotContain(owner);
			assertThat(cluster.primaryOf(key)).isEqualTo(successor);
			for (String node : cluster.nodes()) {
				assertThat(cluster.cli(node, "CLUSTER", "INFO")).contains("cluster_state:ok", "cluster_slots_ok:16384");
			}
			assertThat(cluster.cli(successor, "--raw", "GET", key)).isEqualTo("value\n");
			cluster.flushAll();
			assertThat(cluster.keys("*")).isEmpty();
		}
		for (String node : nodes) {
			int port = Integer.parseInt(node.substring(node.indexOf(':') + 1));
			assertThatIOException().as(node).isThrownBy(() -> connect(port));
		}
	}

	// Until the replica has applied everything its primary wrote.
	private static void awaitReplicated(LocalRedisCluster cluster, String primary, String replica)
			throws InterruptedException {
		long written = offset(cluster.cli(primary, "--raw", "INFO", "replication"), "master_repl_offset:");
		for (int attempt = 0; attempt < 200; attempt++) {
			if (offset(cluster.cli(replica, "--raw", "INFO", "replication"), "slave_repl_offset:") >= written) {
				return;
			}
			Thread.sleep(25);
		}
		throw new AssertionError(replica + " did not catch up with " + primary);
	}

	private static long offset(String info, String field) {
		return info.lines()
			.filter((line) -> line.startsWith(field))
			.mapToLong((line) -> Long.parseLong(line.substring(field.length()).strip()))
			.findFirst()
			.orElse(-1);
	}

	private static void connect(int port) throws IOException {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
		}
	}

}
