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

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

/**
 * One {@code redis-server} process on a loopback port, started with the options of the
 * helper that owns it, for {@link LocalRedisServer} and {@link LocalRedisCluster}. It
 * runs the {@code redis-server} on the {@code PATH}, or the binary that the environment
 * variable {@code REDIS_SERVER} names; {@code redis-cli} is taken from next to it, else
 * from the {@code PATH}.
 */
final class RedisNode {

	static final String HOST = "127.0.0.1";

	private static final Duration START_TIMEOUT = Duration.ofSeconds(10);

	private static final Duration CLI_TIMEOUT = Duration.ofSeconds(10);

	private final String binary;

	private final int port;

	private final List<String> options;

	private @Nullable Process process;

	RedisNode(int port, List<String> options) {
		this.binary = System.getenv().getOrDefault("REDIS_SERVER", "redis-server");
		this.port = port;
		this.options = List.copyOf(options);
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
		List<String> command = new ArrayList<>(List.of(this.binary, "--port", Integer.toString(this.port), "--bind",
				HOST, "--save", "", "--appendonly", "no", "--protected-mode", "no"));
		command.addAll(this.options);
		Process started;
		try {
			started = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.DISCARD)
				.start();
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot start " + this.binary + ": the Redis tests need a redis-server "
					+ "(Debian: apt-get install redis-server), or REDIS_SERVER set to one", ex);
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
			catch (IOException ex) {
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
	 * Run {@code redis-cli} against this node.
	 * @param command the command and its arguments, optionally preceded by redis-cli
	 * options such as {@code --raw}
	 * @return what redis-cli printed
	 */
	String cli(String... command) {
		List<String> args = new ArrayList<>(List.of("-h", HOST, "-p", Integer.toString(this.port), "--no-raw"));
		args.addAll(Arrays.asList(command));
		return redisCli(args);
	}

	/**
	 * Run {@code redis-cli} with the given arguments.
	 * @param args the arguments
	 * @return what redis-cli printed
	 */
	String redisCli(List<String> args) {
		List<String> command = new ArrayList<>();
		command.add(cliBinary());
		command.addAll(args);
		try {
			Process cli = new ProcessBuilder(command).redirectErrorStream(true).start();
			String output = new String(cli.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (!cli.waitFor(CLI_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
				cli.destroyForcibly();
			}
			return output;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private String cliBinary() {
		File server = new File(this.binary);
		File sibling = new File(server.getParentFile(), "redis-cli");
		return (server.getParentFile() != null && sibling.canExecute()) ? sibling.getPath() : "redis-cli";
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
