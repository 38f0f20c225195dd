package io.github.iotstarters.emnify.auth.fleet;

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

/**
 * A real {@code redis-server} on a free loopback port, started and stopped by the tests
 * (Debian's package redis-server; {@code .ci/run} installs it). {@code REDIS_SERVER}
 * names another binary. Nothing is persisted, so a restart starts empty, as a Redis
 * without persistence does.
 */
final class RedisServer implements AutoCloseable {

	private static final Duration START_TIMEOUT = Duration.ofSeconds(10);

	private final String binary;

	private final int port;

	private Process process;

	private RedisServer(String binary, int port) {
		this.binary = binary;
		this.port = port;
	}

	static RedisServer start() {
		String binary = System.getenv().getOrDefault("REDIS_SERVER", "redis-server");
		RedisServer server = new RedisServer(binary, freePort());
		server.startProcess();
		return server;
	}

	int port() {
		return this.port;
	}

	synchronized void stop() {
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

	synchronized void restart() {
		stop();
		startProcess();
	}

	String cli(String... command) {
		List<String> args = new ArrayList<>(List.of(cliBinary(), "-h", "127.0.0.1", "-p", Integer.toString(this.port),
				"--no-raw"));
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
		throw new IllegalStateException(this.binary + " did not answer on port " + this.port + " within "
				+ START_TIMEOUT);
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
