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

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

/**
 * One node as a {@code CLUSTER NODES} line describes it.
 *
 * @param id the node id
 * @param address {@code host:port}
 * @param flags such as {@code myself}, {@code master}, {@code slave}, {@code fail}
 * @param primaryId the id of its primary, for a replica
 * @param slots the slot ranges it serves, first and last slot
 */
record ClusterNode(String id, String address, Set<String> flags, @Nullable String primaryId, List<int[]> slots) {

	static ClusterNode parse(String line) {
		String[] fields = line.strip().split(" ");
		String address = fields[1].split("[@,]")[0];
		Set<String> flags = Set.of(fields[2].split(","));
		String primaryId = fields[3].equals("-") ? null : fields[3];
		List<int[]> slots = new ArrayList<>();
		for (String range : Arrays.asList(fields).subList(8, fields.length)) {
			// Slots being imported or migrated ("[…]") count as not yet moved.
			if (!range.startsWith("[")) {
				String[] bounds = range.split("-");
				int first = Integer.parseInt(bounds[0]);
				slots.add(new int[] { first, Integer.parseInt(bounds[bounds.length - 1]) });
			}
		}
		return new ClusterNode(fields[0], address, flags, primaryId, List.copyOf(slots));
	}

	boolean isFailed() {
		return this.flags.contains("fail") || this.flags.contains("fail?");
	}

	boolean isReplica() {
		return this.flags.contains("slave");
	}

	boolean serves(int slot) {
		return this.slots.stream().anyMatch((range) -> range[0] <= slot && slot <= range[1]);
	}

	@Override
	public String toString() {
		return this.address + " " + String.join(",", this.flags) + " "
				+ this.slots.stream().map((range) -> range[0] + "-" + range[1]).collect(Collectors.joining(" "));
	}

}
