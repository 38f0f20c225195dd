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

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * JUnit Jupiter extension that runs an {@link EmnifySimulator} for a test class: started
 * before all tests, {@link EmnifySimulator#resetKeepingSessions() reset} before each
 * (issued tokens stay valid for application contexts cached across tests), stopped after
 * all. Register it on a static field of one test class; its {@code @Nested} classes share
 * it. One extension must not serve test classes that run in parallel (JUnit's parallel
 * execution): it checks whether the simulator runs and starts it in two steps, the class
 * that started it stops it while the others may still use it, and each test resets the
 * state the others see.
 *
 * <pre class="code">
 * &#64;RegisterExtension
 * static EmnifySimulatorExtension emnify = EmnifySimulatorExtension.of(EmnifySimulator.builder()
 *         .workspace(100, "Production")
 *         .applicationToken("app-token", 100));
 *
 * &#64;DynamicPropertySource
 * static void emnifyProperties(DynamicPropertyRegistry registry) {
 *     emnify.registerProperties(registry);
 * }
 * </pre>
 *
 * A user with email MFA declared with a {@link LocalMailbox} gets a real mailbox: the
 * extension starts it before the simulator, empties it before each test and stops it
 * after all tests. Name that user as the default credential, and
 * {@link #registerProperties(DynamicPropertyRegistry)} points the starter at the mailbox
 * too, so that it logs in with the codes it reads there over IMAP:
 *
 * <pre class="code">
 * &#64;RegisterExtension
 * static EmnifySimulatorExtension emnify = EmnifySimulatorExtension.of(EmnifySimulator.builder()
 *         .workspace(100, "Production")
 *         .userWithEmailMfa("ops@example.org", "secret", LocalMailbox.forAddress("ops@example.org"), 100)
 *         .defaultCredential("ops@example.org"));
 * </pre>
 *
 * {@link #mailbox()} gives its host, IMAP port, login and password, and what it received.
 * The mailbox needs GreenMail ({@code com.icegreen:greenmail-junit5}) on the class path;
 * {@link #registerProperties(DynamicPropertyRegistry)} needs {@code spring-test};
 * everything else needs only JUnit.
 */
public final class EmnifySimulatorExtension implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {

	// What a user logs in with, and the starter refuses beside an application token.
	private static final List<String> USER_CREDENTIALS = List.of("emnify.username", "emnify.password",
			"emnify.password-sha1", "emnify.workspace-id", "emnify.mfa.totp-secret",
			"emnify.mfa.trusted-device.fingerprint", "emnify.mfa.email.host", "emnify.mfa.email.username",
			"emnify.mfa.email.password");

	// A user's MFA settings other than the ones a LocalMailbox hands over: an
	// application's
	// own would clash with the simulator's user (a TOTP secret beside a mailbox, or a
	// placeholder of a production secret).
	private static final List<String> OTHER_MFA = List.of("emnify.mfa.totp-secret", "emnify.mfa.email.host",
			"emnify.mfa.email.username", "emnify.mfa.email.password");

	private final EmnifySimulator simulator;

	/**
	 * Unique id of the test class that started the simulator, so that nested classes,
	 * which see the same extension, do not stop it early.
	 */
	private volatile @Nullable String startedBy;

	/**
	 * Mailboxes this extension started, and so stops.
	 */
	private final List<LocalMailbox> startedMailboxes = new ArrayList<>();

	private EmnifySimulatorExtension(EmnifySimulator simulator) {
		this.simulator = simulator;
	}

	/**
	 * Creates the extension with a simulator built from the given builder.
	 * @param builder describes the simulator
	 * @return the extension
	 */
	public static EmnifySimulatorExtension of(EmnifySimulatorBuilder builder) {
		return new EmnifySimulatorExtension(builder.build());
	}

	/**
	 * The simulator, for its faults, counters, journal and base URL.
	 * @return the simulator
	 */
	public EmnifySimulator simulator() {
		return this.simulator;
	}

	/**
	 * Base URL of the running simulator.
	 * @return the base URL
	 * @throws IllegalStateException if the simulator is not running
	 */
	public String baseUrl() {
		return this.simulator.baseUrl();
	}

	/**
	 * The mailbox of the simulator's only user declared with a {@link LocalMailbox}.
	 * @return the mailbox
	 * @throws IllegalStateException if no user or more than one was declared with a
	 * mailbox
	 */
	public LocalMailbox mailbox() {
		Collection<LocalMailbox> mailboxes = this.simulator.mailboxes().values();
		if (mailboxes.isEmpty()) {
			throw new IllegalStateException("No user is declared with a LocalMailbox: declare one with "
					+ "userWithEmailMfa(username, password, LocalMailbox.forAddress(address), workspaceId)");
		}
		if (mailboxes.size() > 1) {
			throw new IllegalStateException(mailboxes.size() + " users are declared with a LocalMailbox, "
					+ "so name the user: simulator().mailbox(username)");
		}
		return mailboxes.iterator().next();
	}

	/**
	 * Points Spring at the simulator: sets {@code emnify.base-url} and, from the
	 * builder's default credential, either {@code emnify.application-token} or
	 * {@code emnify.username} and {@code emnify.password}, and for a user with a
	 * {@link LocalMailbox} its {@link LocalMailbox#emailMfaProperties()
	 * emnify.mfa.email.* properties}. The credentials of the other kind are set blank,
	 * which the starter reads as unset, so that an application's own
	 * {@code application.yml} cannot make the test's credentials ambiguous. Values are
	 * read lazily, once the simulator has started.
	 * @param registry the registry of a {@code @DynamicPropertySource} method
	 */
	public void registerProperties(DynamicPropertyRegistry registry) {
		registry.add("emnify.base-url", this.simulator::baseUrl);
		DefaultCredential credential = this.simulator.defaultCredential().orElse(null);
		if (credential == null) {
			return;
		}
		if (credential.applicationToken() != null) {
			registry.add("emnify.application-token", credential::applicationToken);
			USER_CREDENTIALS.forEach((name) -> registry.add(name, () -> ""));
		}
		else {
			registry.add("emnify.application-token", () -> "");
			registry.add("emnify.username", credential::username);
			registry.add("emnify.password", credential::password);
			registry.add("emnify.password-sha1", () -> "");
			Map<String, Supplier<Object>> mailboxProperties = new LinkedHashMap<>();
			LocalMailbox mailbox = credential.mailbox();
			if (mailbox != null) {
				mailbox.emailMfaPropertySuppliers().forEach((name, value) -> mailboxProperties.put(name, value::get));
			}
			OTHER_MFA.forEach((name) -> mailboxProperties.putIfAbsent(name, () -> ""));
			mailboxProperties.forEach(registry::add);
		}
	}

	@Override
	public void beforeAll(ExtensionContext context) {
		if (!this.simulator.isRunning()) {
			// Mailboxes first: the simulator mails a code as soon as a login asks for
			// one.
			for (LocalMailbox mailbox : this.simulator.mailboxes().values()) {
				if (!mailbox.isRunning()) {
					this.startedMailboxes.add(mailbox.start());
				}
			}
			try {
				this.simulator.start();
			}
			catch (RuntimeException ex) {
				stopStartedMailboxes();
				throw ex;
			}
			this.startedBy = context.getUniqueId();
		}
	}

	@Override
	public void beforeEach(ExtensionContext context) {
		if (!this.simulator.isRunning()) {
			throw new ExtensionConfigurationException(
					"EmnifySimulatorExtension must be registered on a static field to start before all tests");
		}
		this.simulator.resetKeepingSessions();
		for (LocalMailbox mailbox : this.simulator.mailboxes().values()) {
			if (mailbox.isRunning()) {
				mailbox.clear();
			}
		}
	}

	@Override
	public void afterAll(ExtensionContext context) {
		if (context.getUniqueId().equals(this.startedBy)) {
			this.simulator.stop();
			this.startedBy = null;
			stopStartedMailboxes();
		}
	}

	private void stopStartedMailboxes() {
		this.startedMailboxes.forEach(LocalMailbox::stop);
		this.startedMailboxes.clear();
	}

}
