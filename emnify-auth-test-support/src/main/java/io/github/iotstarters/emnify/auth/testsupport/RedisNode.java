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
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

/**
 * One {@code redis-server} process on a loopback port, started with the options of the
 * helper that owns it, for {@link LocalRedisServer} and {@link LocalRedisCluster}. It
 * runs the binary {@link RedisBinary} chose, and speaks to it through {@link RedisCli}.
 */
final class RedisNode {

	static final String HOST = "127.0.0.1";

	private static final Duration START_TIMEOUT = Duration.ofSeconds(10);

	private final Path binary;

	private final int port;

	private final List<String> options;

	private final RedisCli cli;

	private @Nullable Process process;

	RedisNode(Path binary, int port, List<String> options) {
		this.binary = binary;
		this.port = port;
		this.options = List.copyOf(options);
		this.cli = new RedisCli(HOST, port);
	}

	int port() {
		return this.port;
	}

	String address() {
		return HOST + ":" + this.port;
	}

	synchronized boolean isRunning() {
		return this.process != null && this.process.isAlive();
	}

	/**
	 * Start the process and wait until it answers {@code PING}.
	 */
	synchronized void start() {
		List<String> command = new ArrayList<>(List.of(this.binary.toString(), "--port", Integer.toString(this.port),
				"--bind", HOST, "--save", "", "--appendonly", "no", "--protected-mode", "no"));
		command.addAll(this.options);
		Process started;
		try {
			started = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.DISCARD)
				.start();
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot start " + this.binary + ": the Redis tests need a redis-server "
					+ "that runs here; set REDIS_SERVER to one", ex);
		}
		this.process = started;
		long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
		while (System.nanoTime() < deadline) {
			try (Socket socket = new Socket()) {
				socket.connect(new InetSocketAddress(HOST, this.port), 200);
				if (cli("PING").contains("PONG")) {
					return;
				}
			}
			catch (IOException | UncheckedIOException ex) {
				// not listening yet
			}
			if (!started.isAlive()) {
				throw new IllegalStateException(this.binary + " exited with " + started.exitValue());
			}
			sleep(Duration.ofMillis(20));
		}
		throw new IllegalStateException(
				this.binary + " did not answer on port " + this.port + " within " + START_TIMEOUT);
	}

	/**
	 * Stop the process, with SIGTERM and, if it does not end within ten seconds, SIGKILL.
	 */
	synchronized void stop() {
		end(false);
	}

	/**
	 * Kill the process with SIGKILL, as a crash would, and wait until it is gone.
	 */
	synchronized void kill() {
		end(true);
	}

	private void end(boolean forcibly) {
		Process running = this.process;
		if (running == null) {
			return;
		}
		try {
			if (forcibly) {
				running.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
			else {
				running.destroy();
				if (!running.waitFor(10, TimeUnit.SECONDS)) {
					running.destroyForcibly().waitFor();
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		this.process = null;
	}

	/**
	 * Send a command to this node and print its reply as {@code redis-cli} does.
	 * @param command the command and its arguments, optionally preceded by {@code --raw}
	 * @return the reply as redis-cli prints it
	 * @see RedisCli
	 */
	String cli(String... command) {
		return this.cli.print(Arrays.asList(command));
	}

	/**
	 * Send a command to this node, failing on an error reply.
	 * @param command the command and its arguments
	 * @return the reply, as {@link RedisCli#call(List)} returns it
	 */
	@Nullable Object call(String... command) {
		return this.cli.callOk(command);
	}

	/**
	 * Return a free port on the loopback interface; with {@code busOffset} above zero, a
	 * port whose Redis Cluster bus port ({@code port + busOffset}) is free too.
	 * @param busOffset the offset of the cluster bus port, or 0
	 * @param taken ports already handed out, which are not returned again
	 * @return the port
	 */
	static int freePort(int busOffset, List<Integer> taken) {
		for (int attempt = 0; attempt < 100; attempt++) {
			int port = bindable(0);
			if (taken.contains(port) || taken.contains(port - busOffset) || taken.contains(port + busOffset)) {
				continue;
			}
			if (busOffset == 0 || (port + busOffset <= 65535 && bindable(port + busOffset) > 0)) {
				return port;
			}
		}
		throw new IllegalStateException("Found no free port on " + HOST);
	}

	// The port bound (any free one for 0), or -1 if it is taken.
	private static int bindable(int port) {
		try (ServerSocket socket = new ServerSocket()) {
			socket.bind(new InetSocketAddress(HOST, port));
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			if (port == 0) {
				throw new UncheckedIOException(ex);
			}
			return -1;
		}
	}

	static void sleep(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
