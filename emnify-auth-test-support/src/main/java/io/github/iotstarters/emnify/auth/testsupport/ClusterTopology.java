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

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

/**
 * The cluster as one node sees it.
 *
 * @param nodes every node it knows
 */
record ClusterTopology(List<ClusterNode> nodes) {

	static ClusterTopology parse(String clusterNodes) {
		return new ClusterTopology(
				clusterNodes.lines().filter((line) -> line.split(" ").length >= 8).map(ClusterNode::parse).toList());
	}

	Map<String, ClusterNode> byId() {
		return this.nodes.stream().collect(Collectors.toMap(ClusterNode::id, Function.identity()));
	}

	@Nullable ClusterNode self() {
		return this.nodes.stream().filter((node) -> node.flags().contains("myself")).findFirst().orElse(null);
	}

	List<ClusterNode> primaries() {
		return this.nodes.stream()
			.filter((node) -> !node.isReplica() && !node.isFailed() && !node.slots().isEmpty())
			.toList();
	}

	List<ClusterNode> replicasOf(ClusterNode primary) {
		return this.nodes.stream().filter((node) -> primary.id().equals(node.primaryId())).toList();
	}

	@Nullable ClusterNode owner(int slot) {
		return primaries().stream().filter((node) -> node.serves(slot)).findFirst().orElse(null);
	}

	ClusterNode node(String address) {
		return this.nodes.stream()
			.filter((node) -> node.address().equals(address))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("No node " + address + " in the cluster"));
	}

	@Override
	public String toString() {
		return this.nodes.toString();
	}

}
