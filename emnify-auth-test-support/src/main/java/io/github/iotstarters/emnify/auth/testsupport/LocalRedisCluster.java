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
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A real Redis Cluster on loopback, for tests of the Redis token store on the topology
 * that managed Redis services run in cluster mode: six {@code redis-server} processes on
 * free ports, three primaries with one replica each, every slot covered. Point
 * {@code spring.data.redis.cluster.nodes} at {@link #nodes()}; find the primary that owns
 * a key with {@link #primaryOf(String)} and {@link #kill(String) kill} it, as a crash
 * would, to test a failover. It runs the binary that the environment variable
 * {@code REDIS_SERVER} names, else the {@code redis-server} on the {@code PATH}, else the
 * one that embedded-redis ships for this machine (the system property
 * {@code emnify.test.redis=embedded} skips the {@code PATH}), and forms the cluster with
 * cluster commands, as {@code redis-cli --cluster create} would, so that no redis-cli is
 * needed.
 * <p>
 * Each node keeps its cluster configuration in a temporary directory of its own and
 * persists nothing else. The node timeout is short (one second), so a replica takes over
 * from a killed primary within a few seconds. Until it has, Redis answers no command at
 * all ({@code cluster-require-full-coverage}, as by default).
 *
 * @see LocalRedisServer
 */
public final class LocalRedisCluster implements AutoCloseable {

	/**
	 * How long a node may not answer before the others count it as failed, in
	 * milliseconds.
	 */
	public static final int NODE_TIMEOUT_MILLIS = 1000;

	private static final int PRIMARIES = 3;

	private static final int SLOTS = 16384;

	// Redis Cluster's bus listens on the node's port plus this.
	private static final int BUS_PORT_OFFSET = 10000;

	private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

	private final Path directory;

	private final List<RedisNode> nodes;

	private LocalRedisCluster(Path directory, List<RedisNode> nodes) {
		this.directory = directory;
		this.nodes = nodes;
	}

	/**
	 * Start six nodes on free ports, create a cluster of three primaries and three
	 * replicas from them, and wait until every node reports the cluster ok, every slot
	 * served and every replica in sync with its primary.
	 * @return the running cluster
	 * @throws IllegalStateException if no redis-server can be started or the cluster does
	 * not form
	 */
	public static LocalRedisCluster start() {
		return start(RedisBinary.resolve());
	}

	/**
	 * Start six nodes of the given binary and form the cluster, as {@link #start()} does.
	 * @param binary the redis-server to run
	 * @return the running cluster
	 */
	static LocalRedisCluster start(Path binary) {
		Path directory;
		try {
			directory = Files.createTempDirectory("emnify-redis-cluster-");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		List<Integer> ports = new ArrayList<>();
		List<RedisNode> nodes = new ArrayList<>();
		for (int i = 0; i < PRIMARIES * 2; i++) {
			int port = RedisNode.freePort(BUS_PORT_OFFSET, ports);
			ports.add(port);
			Path nodeDirectory = directory.resolve(Integer.toString(port));
			try {
				Files.createDirectories(nodeDirectory);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			nodes.add(new RedisNode(binary, port,
					List.of("--dir", nodeDirectory.toString(), "--cluster-enabled", "yes", "--cluster-config-file",
							"nodes.conf", "--cluster-node-timeout", Integer.toString(NODE_TIMEOUT_MILLIS),
							// A replica takes over however long ago it last heard its
							// primary.
							"--cluster-replica-validity-factor", "0")));
		}
		LocalRedisCluster cluster = new LocalRedisCluster(directory, List.copyOf(nodes));
		try {
			nodes.forEach(RedisNode::start);
			cluster.create();
			cluster.awaitReady((topology) -> topology.primaries().size() == PRIMARIES, "three primaries");
			return cluster;
		}
		catch (RuntimeException ex) {
			cluster.close();
			throw ex;
		}
	}

	/**
	 * Return the nodes that are running, as {@code host:port}, joined by commas the value
	 * for {@code spring.data.redis.cluster.nodes}.
	 * @return the addresses of the running nodes
	 */
	public List<String> nodes() {
		return running().stream().map(RedisNode::address).toList();
	}

	/**
	 * Return the primaries that serve slots now, as {@code host:port}.
	 * @return the addresses of the primaries
	 */
	public List<String> primaries() {
		return topology().primaries().stream().map(ClusterNode::address).toList();
	}

	/**
	 * Return the replicas of a primary, as {@code host:port}.
	 * @param primary the address of the primary
	 * @return the addresses of its replicas
	 */
	public List<String> replicasOf(String primary) {
		ClusterTopology topology = topology();
		ClusterNode node = topology.node(primary);
		return topology.replicasOf(node).stream().map(ClusterNode::address).toList();
	}

	/**
	 * Return the slot of a key ({@code CLUSTER KEYSLOT}), which its hash tag decides if
	 * it has one.
	 * @param key the key
	 * @return the slot, 0 to 16383
	 */
	public int slotOf(String key) {
		String answer = cli(running().get(0).address(), "--raw", "CLUSTER", "KEYSLOT", key).strip();
		try {
			return Integer.parseInt(answer);
		}
		catch (NumberFormatException ex) {
			throw new IllegalStateException("CLUSTER KEYSLOT answered " + answer, ex);
		}
	}

	/**
	 * Return the primary that owns a key's slot now.
	 * @param key the key
	 * @return the address of the primary, {@code host:port}
	 */
	public String primaryOf(String key) {
		int slot = slotOf(key);
		ClusterNode owner = topology().owner(slot);
		if (owner == null) {
			throw new IllegalStateException("No primary serves slot " + slot);
		}
		return owner.address();
	}

	/**
	 * Kill a primary with SIGKILL, as a crash would, and wait until one of its replicas
	 * has taken over its slots and every node that is left reports the cluster ok again.
	 * @param primary the address of the primary
	 * @return the address of the replica that took over
	 * @throws IllegalStateException if no replica takes over within a minute
	 */
	public String kill(String primary) {
		ClusterTopology before = topology();
		ClusterNode killed = before.node(primary);
		if (killed.slots().isEmpty()) {
			throw new IllegalArgumentException(primary + " is no primary that serves slots");
		}
		Set<String> replicas = before.replicasOf(killed).stream().map(ClusterNode::address).collect(Collectors.toSet());
		node(primary).kill();
		int slot = killed.slots().get(0)[0];
		awaitReady((topology) -> {
			ClusterNode owner = topology.owner(slot);
			return owner != null && replicas.contains(owner.address());
		}, "a replica of " + primary + " serving its slots");
		ClusterNode successor = topology().owner(slot);
		if (successor == null) {
			throw new IllegalStateException("No primary serves slot " + slot);
		}
		return successor.address();
	}

	/**
	 * Send a command to one node and return its reply as {@code redis-cli} would print
	 * it; no redis-cli is run.
	 * @param node the address of the node, {@code host:port}
	 * @param command the command and its arguments, optionally preceded by the redis-cli
	 * option {@code --raw} (or {@code --no-raw}, the default)
	 * @return the reply as redis-cli prints it, ending in a line feed
	 */
	public String cli(String node, String... command) {
		return node(node).cli(command);
	}

	/**
	 * Return the keys that match a pattern, from every primary ({@code KEYS} answers only
	 * one node's keys).
	 * @param pattern the pattern, such as {@code *lease*}
	 * @return the keys
	 */
	public List<String> keys(String pattern) {
		return primaries().stream()
			.flatMap((primary) -> cli(primary, "--raw", "KEYS", pattern).lines())
			.filter((line) -> !line.isBlank())
			.toList();
	}

	/**
	 * Delete every key of every primary; the replicas follow.
	 */
	public void flushAll() {
		primaries().forEach((primary) -> cli(primary, "FLUSHALL"));
	}

	/**
	 * Stop every node that is still running and delete the nodes' directories.
	 */
	public void stop() {
		this.nodes.forEach(RedisNode::stop);
		if (Files.exists(this.directory)) {
			try (Stream<Path> paths = Files.walk(this.directory)) {
				for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
					Files.deleteIfExists(path);
				}
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
	}

	@Override
	public void close() {
		stop();
	}

	// What redis-cli --cluster create does, without it: a distinct config epoch for
	// each node (so that none has to be settled by a collision), an equal share of the
	// slots for each primary (one ADDSLOTS: Redis 6.2 has no ADDSLOTSRANGE), every node
	// met, and each replica attached to its primary once it knows it.
	private void create() {
		for (int i = 0; i < this.nodes.size(); i++) {
			this.nodes.get(i).call("CLUSTER", "SET-CONFIG-EPOCH", Integer.toString(i + 1));
		}
		for (int i = 0; i < PRIMARIES; i++) {
			List<String> command = new ArrayList<>(List.of("CLUSTER", "ADDSLOTS"));
			for (int slot = SLOTS * i / PRIMARIES; slot < SLOTS * (i + 1) / PRIMARIES; slot++) {
				command.add(Integer.toString(slot));
			}
			this.nodes.get(i).call(command.toArray(String[]::new));
		}
		RedisNode first = this.nodes.get(0);
		this.nodes.subList(1, this.nodes.size())
			.forEach((node) -> first.call("CLUSTER", "MEET", RedisNode.HOST, Integer.toString(node.port())));
		List<String> ids = this.nodes.stream().map((node) -> String.valueOf(node.call("CLUSTER", "MYID"))).toList();
		for (int i = PRIMARIES; i < this.nodes.size(); i++) {
			RedisNode replica = this.nodes.get(i);
			String primaryId = ids.get(i - PRIMARIES);
			awaitTrue(() -> replica.cli("--raw", "CLUSTER", "NODES").contains(primaryId + " "),
					replica.address() + " knowing its primary");
			replica.call("CLUSTER", "REPLICATE", primaryId);
		}
	}

	// Until every running node reports the cluster ok, sees every slot served by a
	// running primary and the condition met, and every replica of a running primary is
	// in sync with it.
	private void awaitReady(Predicate<ClusterTopology> condition, String description) {
		await(() -> notReady(condition), description);
	}

	private static void awaitTrue(BooleanSupplier condition, String description) {
		await(() -> condition.getAsBoolean() ? "" : "not yet", description);
	}

	// Until the reason why not is empty.
	private static void await(Supplier<String> whyNot, String description) {
		long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
		String last = "";
		while (System.nanoTime() < deadline) {
			last = whyNot.get();
			if (last.isEmpty()) {
				return;
			}
			RedisNode.sleep(Duration.ofMillis(50));
		}
		throw new IllegalStateException(
				"The Redis Cluster did not reach " + description + " within " + READY_TIMEOUT + ": " + last);
	}

	// Why the cluster is not ready, or nothing.
	private String notReady(Predicate<ClusterTopology> condition) {
		Set<String> running = running().stream().map(RedisNode::address).collect(Collectors.toSet());
		for (RedisNode node : running()) {
			String info = node.cli("CLUSTER", "INFO");
			if (!info.contains("cluster_state:ok") || !info.contains("cluster_slots_ok:" + SLOTS)) {
				return node.address() + " reports " + info.lines().limit(4).collect(Collectors.joining(", "));
			}
			ClusterTopology view = ClusterTopology.parse(node.cli("--raw", "CLUSTER", "NODES"));
			for (int slot = 0; slot < SLOTS; slot++) {
				ClusterNode owner = view.owner(slot);
				if (owner == null || !running.contains(owner.address())) {
					return node.address() + " sees slot " + slot + " served by "
							+ ((owner != null) ? owner.address() : "no node");
				}
			}
			if (!condition.test(view)) {
				return node.address() + " sees " + view;
			}
			ClusterNode self = view.self();
			ClusterNode primary = (self != null && self.isReplica()) ? view.byId().get(self.primaryId()) : null;
			if (primary != null && running.contains(primary.address())
					&& !node.cli("INFO", "replication").contains("master_link_status:up")) {
				return node.address() + " is not in sync with its primary " + primary.address();
			}
		}
		return "";
	}

	private ClusterTopology topology() {
		return ClusterTopology.parse(cli(running().get(0).address(), "--raw", "CLUSTER", "NODES"));
	}

	private List<RedisNode> running() {
		List<RedisNode> running = this.nodes.stream().filter(RedisNode::isRunning).toList();
		if (running.isEmpty()) {
			throw new IllegalStateException("No node of the Redis Cluster is running");
		}
		return running;
	}

	private RedisNode node(String address) {
		return this.nodes.stream()
			.filter((node) -> node.address().equals(address))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("No node " + address + " in this cluster"));
	}

}
