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

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * The most recent events, bounded so a simulator running for days keeps its memory.
 */
final class Journal {

	static final int CAPACITY = 10_000;

	private final Deque<SimulatorEvent> events = new ArrayDeque<>();

	synchronized void add(SimulatorEvent event) {
		if (this.events.size() == CAPACITY) {
			this.events.removeFirst();
		}
		this.events.addLast(event);
	}

	synchronized List<SimulatorEvent> events() {
		return List.copyOf(this.events);
	}

	synchronized void clear() {
		this.events.clear();
	}

}
