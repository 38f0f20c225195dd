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

package io.github.iotstarters.emnify.auth.cli;

import java.io.PrintStream;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jspecify.annotations.Nullable;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import io.github.iotstarters.emnify.auth.EmnifyAuthenticationException;
import io.github.iotstarters.emnify.auth.EmnifyCredentials;
import io.github.iotstarters.emnify.auth.EmnifyFailureKind;
import io.github.iotstarters.emnify.auth.EmnifyGrantType;
import io.github.iotstarters.emnify.auth.EmnifyTokenProvider;
import io.github.iotstarters.emnify.auth.EmnifyTokenProviderBuilder;
import io.github.iotstarters.emnify.auth.mfa.EmnifyMfaCodeSource;

/**
 * Enrols an application for unattended emnify logins with user credentials, run once by a
 * person from a terminal: {@code trust-device} registers a trusted device and prints its
 * fingerprint, {@code totp-key} creates and activates a TOTP key and prints its secret.
 */
public final class EmnifyAuthCli {

	static final String USAGE = """
			Usage: java -jar emnify-auth-cli.jar <command> [--base-url URL] [--name NAME]
			  trust-device  register a trusted device; prints EMNIFY_MFA_TRUSTED_DEVICE_FINGERPRINT
			  totp-key      create and activate a TOTP key; prints EMNIFY_MFA_TOTP_SECRET
			  --base-url    emnify's base URL (default https://cdn.emnify.net)
			  --name        name emnify lists the trusted device under (default emnify-auth-spring-boot-starter)""";

	/**
	 * How long emnify trusts a device after its MFA login.
	 */
	static final Duration TRUST_PERIOD = Duration.ofDays(90);

	private static final URI DEFAULT_BASE_URL = URI.create("https://cdn.emnify.net");

	/**
	 * The default of {@code emnify.mfa.trusted-device.name}, so that the device is listed
	 * under one name whether this command or the application's own renewal registered it.
	 */
	private static final String DEFAULT_DEVICE_NAME = "emnify-auth-spring-boot-starter";

	private static final int FINGERPRINT_BYTES = 32;

	/**
	 * How long the login waits for the person to type the code from a mail or an app.
	 */
	private static final Duration CODE_TIMEOUT = Duration.ofMinutes(3);

	/**
	 * How long a call to emnify's MFA key API may take.
	 */
	private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

	private final Terminal terminal;

	private final PrintStream errors;

	private final Clock clock;

	private final SecureRandom random = new SecureRandom();

	EmnifyAuthCli(Terminal terminal, PrintStream errors, Clock clock) {
		this.terminal = terminal;
		this.errors = errors;
		this.clock = clock;
	}

	public static void main(String[] args) {
		EmnifyAuthCli cli = new EmnifyAuthCli(new Terminal(System.in, System.out, System.console()), System.err,
				Clock.systemUTC());
		System.exit(cli.run(args));
	}

	/**
	 * Runs a command.
	 * @param args the command and its options
	 * @return the exit status: 0 when done, 1 when it failed, 2 for wrong usage
	 */
	int run(String... args) {
		Options options;
		try {
			options = Options.parse(args);
		}
		catch (IllegalArgumentException ex) {
			this.errors.println(ex.getMessage());
			this.errors.println(USAGE);
			return 2;
		}
		try {
			if (options.command().equals(Options.TRUST_DEVICE)) {
				trustDevice(options);
			}
			else {
				totpKey(options);
			}
			return 0;
		}
		catch (CliException ex) {
			this.errors.println(ex.answer());
		}
		catch (EmnifyAuthenticationException ex) {
			this.errors.println(loginFailure(ex));
		}
		return 1;
	}

	private void trustDevice(Options options) {
		String fingerprint = fingerprint();
		AtomicBoolean codeAsked = new AtomicBoolean();
		String username = this.terminal.ask("emnify user name: ", "user name");
		String password = this.terminal.askSecret("emnify password: ", "password");
		login(options, username, password, codeAsked, fingerprint);
		if (!codeAsked.get()) {
			throw new CliException("emnify logged in without asking for an MFA code, so it registered no trusted"
					+ " device: this user has no MFA to skip, and the application can log in with the password"
					+ " alone.");
		}
		Instant trustedUntil = this.clock.instant().plus(TRUST_PERIOD).truncatedTo(ChronoUnit.SECONDS);
		this.terminal.say("EMNIFY_MFA_TRUSTED_DEVICE_FINGERPRINT=" + fingerprint);
		this.terminal.say("emnify trusts the device '" + options.name() + "' until " + trustedUntil
				+ " (90 days): put the line above into the application's secrets (emnify.mfa.trusted-device"
				+ ".fingerprint), keep it as safe as the password, and enrol again before then.");
	}

	private void totpKey(Options options) {
		String username = this.terminal.ask("emnify user name: ", "user name");
		String password = this.terminal.askSecret("emnify password: ", "password");
		String authToken = login(options, username, password, new AtomicBoolean(), null);
		MfaKeyClient keys = new MfaKeyClient(WebClient.builder(), options.baseUrl(), authToken, REQUEST_TIMEOUT);
		long totpType = keys.typeId("TOTP");
		long active = keys.statusId("Active");
		MfaKeyClient.CreatedKey key = keys.create(totpType, password);
		// Shown before the activation: once emnify has activated the key it demands its
		// codes, so the secret must be in hand even when the activation's answer is lost.
		this.terminal.say("EMNIFY_MFA_TOTP_SECRET=" + key.secret());
		this.terminal.say("emnify created this TOTP key, pending activation, which follows now. Put the line above"
				+ " into the application's secrets (emnify.mfa.totp-secret) and keep it as safe as the password;"
				+ " add the key to your authenticator app, with the secret above or this URI: " + key.otpauth());
		String code = EmnifyMfaCodeSource.totp(key.secret(), this.clock)
			.nextCode()
			.blockOptional(REQUEST_TIMEOUT)
			.orElseThrow();
		try {
			keys.activate(key.id(), active, code);
		}
		catch (CliException ex) {
			throw !ex.outcomeUnknown() ? ex : new CliException(ex.problem() + ". emnify may have activated the key"
					+ " all the same, and then asks this user for its codes, in the Portal too: keep the secret printed"
					+ " above. Log in to the Portal with a code of the key from your authenticator app: if it is"
					+ " accepted, the key is active and the secret above is the one to use; if the Portal asks for"
					+ " no such code, remove the pending key in the Portal and run totp-key again.");
		}
		this.terminal.say("Warning: emnify activated the key and now asks this user for its codes, the Portal too.");
	}

	private String login(Options options, String username, String password, AtomicBoolean codeAsked,
			@Nullable String fingerprint) {
		EmnifyMfaCodeSource prompt = () -> Mono.fromCallable(() -> {
			codeAsked.set(true);
			return this.terminal.ask("MFA code from emnify's mail or your authenticator app: ", "MFA code");
		}).subscribeOn(Schedulers.boundedElastic());
		EmnifyTokenProviderBuilder builder = EmnifyTokenProvider
			.builder(WebClient.builder(), options.baseUrl(), EmnifyCredentials.user(username, password))
			.clock(this.clock)
			.mfaCodeTimeout(CODE_TIMEOUT)
			.mfaCodeSource(prompt)
			.failureAdvice(EmnifyAuthCli::advise);
		if (fingerprint != null) {
			builder.trustedDevice(fingerprint, options.name());
		}
		EmnifyTokenProvider provider = builder.build();
		String token = provider.getToken().block(provider.getTokenTimeout());
		if (token == null) {
			throw new CliException("emnify answered the login without an auth token: run the command again.");
		}
		return token;
	}

	/**
	 * A fresh fingerprint: 256 random bits, URL-safe base64, so that it is as hard to
	 * guess as a strong password and fits an environment variable as it is.
	 * @return the fingerprint
	 */
	private String fingerprint() {
		byte[] bytes = new byte[FINGERPRINT_BYTES];
		this.random.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	private static String loginFailure(EmnifyAuthenticationException ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof CliException answer) {
				return answer.answer();
			}
		}
		// What a person typed wrong, said in their words; anything else in the library's,
		// with advice for the terminal.
		if (ex.getKind() == EmnifyFailureKind.USER_LOCKED) {
			return "emnify has locked this user for 5 minutes after three failed logins or MFA codes in a row:"
					+ " wait until the lock ends, then run the command again with the right password and a fresh code.";
		}
		if (ex.getKind() == EmnifyFailureKind.REJECTED && ex.getGrantType() == EmnifyGrantType.MFA) {
			return "emnify did not accept the MFA code; it counts a rejected code like a wrong password and locks"
					+ " the user after three in a row, so run the command again with a fresh code.";
		}
		if (ex.getKind() == EmnifyFailureKind.REJECTED && ex.getGrantType() == EmnifyGrantType.PASSWORD) {
			return "emnify did not accept the user name and password; it locks the user after three failed logins"
					+ " in a row, so check them before you run the command again.";
		}
		return "The emnify login failed: " + ex.getMessage();
	}

	// What the person at the terminal can do about a failure that reaches them in the
	// library's words: the advice that ends its message.
	private static String advise(EmnifyFailureKind kind, @Nullable EmnifyGrantType grantType,
			EmnifyMfaCodeSource.@Nullable Kind codeSource) {
		return switch (kind) {
			case REDIRECTED, UNEXPECTED_STATUS, TIMED_OUT, UNREACHABLE, UNREADABLE_ANSWER ->
				"Check --base-url (default " + DEFAULT_BASE_URL + ") and the network path to it, then run the command "
						+ "again.";
			case MFA_CODE_LATE -> "Run the command again and type the code within " + CODE_TIMEOUT.toMinutes()
					+ " minutes of the prompt.";
			default -> "Run the command again; if this persists, check emnify's status page.";
		};
	}

	/**
	 * The command line: a command, then options as {@code --option value} or
	 * {@code --option=value}.
	 *
	 * @param command the command
	 * @param baseUrl emnify's base URL
	 * @param name the name of the trusted device
	 */
	record Options(String command, URI baseUrl, String name) {

		static final String TRUST_DEVICE = "trust-device";

		static final String TOTP_KEY = "totp-key";

		static Options parse(String... args) {
			if (args.length == 0 || !(args[0].equals(TRUST_DEVICE) || args[0].equals(TOTP_KEY))) {
				throw new IllegalArgumentException(
						(args.length == 0) ? "No command given." : "Unknown command '" + args[0] + "'.");
			}
			URI baseUrl = DEFAULT_BASE_URL;
			String name = DEFAULT_DEVICE_NAME;
			for (int i = 1; i < args.length; i++) {
				String option = args[i];
				String value;
				int equals = option.indexOf('=');
				if (equals > 0) {
					value = option.substring(equals + 1);
					option = option.substring(0, equals);
				}
				else if (i + 1 < args.length) {
					value = args[++i];
				}
				else {
					throw new IllegalArgumentException("Option " + option + " needs a value.");
				}
				switch (option) {
					case "--base-url" -> baseUrl = baseUrl(value);
					case "--name" -> name = value;
					default -> throw new IllegalArgumentException("Unknown option '" + option + "'.");
				}
			}
			if (name.isBlank()) {
				throw new IllegalArgumentException("The device --name must not be empty.");
			}
			return new Options(args[0], baseUrl, name);
		}

		private static URI baseUrl(String value) {
			URI uri;
			try {
				uri = URI.create(value);
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalArgumentException("--base-url '" + value + "' is no URL.");
			}
			if (!uri.isAbsolute() || uri.getHost() == null) {
				throw new IllegalArgumentException(
						"--base-url '" + value + "' is no absolute URL, such as https://cdn.emnify.net.");
			}
			// The password goes there: in clear only to a simulator on this machine.
			if (!"https".equals(uri.getScheme()) && !("http".equals(uri.getScheme()) && isLoopback(uri.getHost()))) {
				throw new IllegalArgumentException("--base-url '" + value
						+ "' must use https (http only for a simulator on 127.0.0.1 or localhost).");
			}
			return uri;
		}

		private static boolean isLoopback(String host) {
			return host.equals("127.0.0.1") || host.equals("localhost") || host.equals("[::1]");
		}

	}

}
