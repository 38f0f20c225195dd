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

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * What the tests did with {@code redis-cli}, without it: one command over a new
 * connection, in RESP2, and its reply printed as {@code redis-cli} prints it, so that no
 * test needs more than a {@code redis-server}. It knows the options {@code --raw} and
 * {@code --no-raw} (the default), and prints {@code INFO}, {@code CLUSTER INFO} and
 * {@code CLUSTER NODES} raw in either mode, as {@code redis-cli} does.
 */
final class RedisCli {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final InetSocketAddress address;

	RedisCli(String host, int port) {
		this.address = new InetSocketAddress(host, port);
	}

	/**
	 * Send a command and print its reply.
	 * @param args the command and its arguments, optionally preceded by {@code --raw} or
	 * {@code --no-raw}
	 * @return the reply as {@code redis-cli} prints it, ending in a line feed
	 */
	String print(List<String> args) {
		boolean raw = false;
		int first = 0;
		for (; first < args.size() && args.get(first).startsWith("--"); first++) {
			String option = args.get(first);
			if (!option.equals("--raw") && !option.equals("--no-raw")) {
				throw new IllegalArgumentException("Unknown redis-cli option " + option + ": use --raw or --no-raw");
			}
			raw = option.equals("--raw");
		}
		List<String> command = args.subList(first, args.size());
		Object reply = call(command);
		return (raw || printsRaw(command)) ? printRaw(reply) + "\n" : printQuoted(reply, "");
	}

	/**
	 * Send a command and return its reply.
	 * @param command the command and its arguments
	 * @return the reply: a {@link Status}, a {@link String} for a bulk reply, a
	 * {@link Long}, a {@link List}, an {@link Error}, or {@code null} for a nil reply
	 */
	@Nullable Object call(List<String> command) {
		try (Socket socket = new Socket()) {
			socket.connect(this.address, (int) TIMEOUT.toMillis());
			socket.setSoTimeout((int) TIMEOUT.toMillis());
			OutputStream out = socket.getOutputStream();
			out.write(encode(command));
			out.flush();
			return read(new BufferedInputStream(socket.getInputStream()));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Redis on " + this.address + " did not answer " + command, ex);
		}
	}

	/**
	 * Send a command and return its reply, failing on an error reply.
	 * @param command the command and its arguments
	 * @return the reply, as {@link #call(List)} returns it
	 */
	@Nullable Object callOk(String... command) {
		Object reply = call(List.of(command));
		if (reply instanceof Error error) {
			// The command's name, without its arguments: ADDSLOTS has thousands.
			String name = String.join(" ", Arrays.asList(command).subList(0, Math.min(2, command.length)));
			throw new IllegalStateException("Redis on " + this.address + " answered " + name + " with " + error);
		}
		return reply;
	}

	private static byte[] encode(List<String> command) {
		StringBuilder request = new StringBuilder("*").append(command.size()).append("\r\n");
		for (String arg : command) {
			request.append('$')
				.append(arg.getBytes(StandardCharsets.UTF_8).length)
				.append("\r\n")
				.append(arg)
				.append("\r\n");
		}
		return request.toString().getBytes(StandardCharsets.UTF_8);
	}

	private static @Nullable Object read(InputStream in) throws IOException {
		int type = in.read();
		String line = readLine(in);
		return switch (type) {
			case '+' -> new Status(line);
			case '-' -> new Error(line);
			case ':' -> Long.parseLong(line);
			case '$' -> bulk(in, Integer.parseInt(line));
			case '*' -> array(in, Integer.parseInt(line));
			case -1 -> throw new EOFException("The connection closed before a reply");
			default -> throw new IOException("Not a RESP2 reply: " + (char) type + line);
		};
	}

	private static @Nullable String bulk(InputStream in, int length) throws IOException {
		if (length < 0) {
			return null;
		}
		byte[] bytes = in.readNBytes(length + 2);
		if (bytes.length < length + 2) {
			throw new EOFException("The connection closed within a reply");
		}
		return new String(bytes, 0, length, StandardCharsets.UTF_8);
	}

	private static @Nullable List<@Nullable Object> array(InputStream in, int size) throws IOException {
		if (size < 0) {
			return null;
		}
		List<@Nullable Object> elements = new ArrayList<>(size);
		for (int i = 0; i < size; i++) {
			elements.add(read(in));
		}
		return elements;
	}

	private static String readLine(InputStream in) throws IOException {
		ByteArrayOutputStream line = new ByteArrayOutputStream();
		for (int b = in.read(); b != '\n'; b = in.read()) {
			if (b == -1) {
				throw new EOFException("The connection closed within a reply");
			}
			line.write(b);
		}
		String text = line.toString(StandardCharsets.UTF_8);
		return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
	}

	// redis-cli prints these raw even when asked for quoted output.
	private static boolean printsRaw(List<String> command) {
		String name = command.isEmpty() ? "" : command.get(0).toLowerCase(Locale.ROOT);
		String sub = (command.size() == 2) ? command.get(1).toLowerCase(Locale.ROOT) : "";
		return name.equals("info") || (name.equals("cluster") && (sub.equals("info") || sub.equals("nodes")));
	}

	private static String printRaw(@Nullable Object reply) {
		if (reply == null) {
			return "";
		}
		if (reply instanceof List<?> elements) {
			List<String> lines = new ArrayList<>();
			elements.forEach((element) -> lines.add(printRaw(element)));
			return String.join("\n", lines);
		}
		return reply.toString();
	}

	private static String printQuoted(@Nullable Object reply, String indent) {
		if (reply == null) {
			return "(nil)\n";
		}
		if (reply instanceof Long number) {
			return "(integer) " + number + "\n";
		}
		if (reply instanceof Error error) {
			return "(error) " + error + "\n";
		}
		if (reply instanceof Status status) {
			return status + "\n";
		}
		if (reply instanceof List<?> elements) {
			if (elements.isEmpty()) {
				return "(empty array)\n";
			}
			StringBuilder printed = new StringBuilder();
			for (int i = 0; i < elements.size(); i++) {
				String label = (i + 1) + ") ";
				String nested = indent + " ".repeat(label.length());
				printed.append((i > 0) ? indent : "").append(label).append(printQuoted(elements.get(i), nested));
			}
			return printed.toString();
		}
		return quote((String) reply) + "\n";
	}

	private static String quote(String text) {
		StringBuilder quoted = new StringBuilder("\"");
		for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
			int c = b & 0xff;
			switch (c) {
				case '\\', '"' -> quoted.append('\\').append((char) c);
				case '\n' -> quoted.append("\\n");
				case '\r' -> quoted.append("\\r");
				case '\t' -> quoted.append("\\t");
				default -> quoted.append((c >= 0x20 && c < 0x7f) ? Character.toString(c) : String.format("\\x%02x", c));
			}
		}
		return quoted.append('"').toString();
	}

	/**
	 * A status reply, which redis-cli prints bare.
	 *
	 * @param text its text, such as {@code OK}
	 */
	record Status(String text) {

		@Override
		public String toString() {
			return this.text;
		}

	}

	/**
	 * An error reply.
	 *
	 * @param message its text, such as {@code MOVED 1234 127.0.0.1:7000}
	 */
	record Error(String message) {

		@Override
		public String toString() {
			return this.message;
		}

	}

}
