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
