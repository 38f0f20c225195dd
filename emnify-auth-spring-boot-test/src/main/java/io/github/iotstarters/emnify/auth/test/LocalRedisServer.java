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
 * A real {@code redis-server} process on a free loopback port, for tests of the Redis
 * token store ({@code emnify.token-store.type=redis}): start it, point
 * {@code spring.data.redis.port} at {@link #port()}, stop and restart it to test an
 * outage. It runs the {@code redis-server} on the {@code PATH} (Debian's package
 * redis-server), or the binary that the environment variable {@code REDIS_SERVER} names.
 * Nothing is persisted, so a restart starts empty, as a Redis without persistence does.
 */
public final class LocalRedisServer implements AutoCloseable {

	private static final Duration START_TIMEOUT = Duration.ofSeconds(10);

	private final String binary;

	private final int port;

	private @Nullable Process process;

	private LocalRedisServer(String binary, int port) {
		this.binary = binary;
		this.port = port;
	}

	/**
	 * Start a server on a free port and wait until it answers.
	 * @return the running server
	 * @throws IllegalStateException if no redis-server can be started
	 */
	public static LocalRedisServer start() {
		String binary = System.getenv().getOrDefault("REDIS_SERVER", "redis-server");
		LocalRedisServer server = new LocalRedisServer(binary, freePort());
		server.startProcess();
		return server;
	}

	/**
	 * Return the port the server listens on, on 127.0.0.1; it stays the same across
	 * restarts.
	 * @return the port
	 */
	public int port() {
		return this.port;
	}

	/**
	 * Stop the server, as an outage would; {@link #restart()} starts it again.
	 */
	public synchronized void stop() {
		if (this.process != null) {
			this.process.destroy();
			try {
				if (!this.process.waitFor(10, TimeUnit.SECONDS)) {
					this.process.destroyForcibly().waitFor();
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			this.process = null;
		}
	}

	/**
	 * Start the server again on the same port, empty.
	 */
	public synchronized void restart() {
		stop();
		startProcess();
	}

	/**
	 * Run {@code redis-cli} against the server.
	 * @param command the command and its arguments, optionally preceded by redis-cli
	 * options such as {@code --raw}
	 * @return what redis-cli printed
	 */
	public String cli(String... command) {
		List<String> args = new ArrayList<>(
				List.of(cliBinary(), "-h", "127.0.0.1", "-p", Integer.toString(this.port), "--no-raw"));
		args.addAll(Arrays.asList(command));
		try {
			Process cli = new ProcessBuilder(args).redirectErrorStream(true).start();
			String output = new String(cli.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			cli.waitFor(10, TimeUnit.SECONDS);
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

	@Override
	public void close() {
		stop();
	}

	private String cliBinary() {
		File server = new File(this.binary);
		File sibling = new File(server.getParentFile(), "redis-cli");
		return (server.getParentFile() != null && sibling.canExecute()) ? sibling.getPath() : "redis-cli";
	}

	private synchronized void startProcess() {
		try {
			this.process = new ProcessBuilder(this.binary, "--port", Integer.toString(this.port), "--bind", "127.0.0.1",
					"--save", "", "--appendonly", "no", "--protected-mode", "no")
				.redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.DISCARD)
				.start();
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot start " + this.binary + ": the Redis tests need a redis-server "
					+ "(Debian: apt-get install redis-server), or REDIS_SERVER set to one", ex);
		}
		long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
		while (System.nanoTime() < deadline) {
			try (Socket socket = new Socket()) {
				socket.connect(new InetSocketAddress("127.0.0.1", this.port), 200);
				if (cli("PING").contains("PONG")) {
					return;
				}
			}
			catch (IOException ex) {
				// not listening yet
			}
			if (!this.process.isAlive()) {
				throw new IllegalStateException(this.binary + " exited with " + this.process.exitValue());
			}
			sleep(Duration.ofMillis(20));
		}
		throw new IllegalStateException(
				this.binary + " did not answer on port " + this.port + " within " + START_TIMEOUT);
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
