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

package io.github.iotstarters.emnify.sample.workspaces;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.core.env.SimpleCommandLinePropertySource;
import org.springframework.util.StringUtils;

import io.github.iotstarters.emnify.auth.test.EmnifySimulator;
import io.github.iotstarters.emnify.auth.test.EmnifySimulatorBuilder;
import io.github.iotstarters.emnify.auth.test.LocalMailbox;
import io.github.iotstarters.emnify.auth.test.SimulatorCounters;

/**
 * Logs in as an emnify user with multi-factor authentication, lists the user's
 * workspaces, counts the SIMs in another workspace through a workspace-scoped
 * {@code WebClient}, and asks emnify to move three SIMs there as a dry run.
 * <p>
 * With {@code EMNIFY_USERNAME} and {@code EMNIFY_PASSWORD} (and
 * {@code EMNIFY_MFA_TOTP_SECRET}) in the environment it talks to the real emnify; set
 * {@code SAMPLE_TARGET_WORKSPACE_ID} there. Without, it starts an embedded simulator with
 * a user whose account demands MFA: by TOTP, or with {@code SAMPLE_MFA=email} (or
 * {@code --sample.mfa=email}) by email, emnify's default method, with the codes mailed to
 * an embedded mailbox that the sample reads over IMAP ({@code emnify.mfa.email.*}).
 */
@SpringBootApplication
public class WorkspacesSampleApplication {

	static final String DEMO_USERNAME = "mfa-demo@example.org";

	static final String DEMO_PASSWORD = "demo-password";

	static final String DEMO_TOTP_SECRET = "JBSWY3DPEHPK3PXP";

	private static final String MFA_MODE = "sample.mfa";

	public static void main(String[] args) {
		run(args, System.getenv(), System.out, LocalMailbox.forAddress(DEMO_USERNAME));
	}

	/**
	 * Runs the sample.
	 * @param args the command line
	 * @param environment the environment variables
	 * @param out where the summary of the simulator's counts goes
	 * @param mailbox the mailbox the codes go to with {@code sample.mfa=email}, started
	 * and stopped here, and not used otherwise
	 */
	static void run(String[] args, Map<String, String> environment, PrintStream out, LocalMailbox mailbox) {
		if (StringUtils.hasText(environment.get("EMNIFY_USERNAME"))) {
			SpringApplication.run(WorkspacesSampleApplication.class, args).close();
			return;
		}
		String mode = new SimpleCommandLinePropertySource(args).getProperty(MFA_MODE);
		mode = (mode != null) ? mode : environment.getOrDefault("SAMPLE_MFA", "totp");
		if ("email".equals(mode)) {
			try (LocalMailbox running = mailbox.start()) {
				runAgainstSimulator(args, out, demoSimulator(running), running.emailMfaProperties(),
						"an email-MFA user whose codes go to the mailbox at imap://" + running.host() + ":"
								+ running.imapPort());
				out.printf("The mailbox received %d mail(s) with an MFA code.%n", running.receivedMails());
			}
		}
		else if ("totp".equals(mode)) {
			runAgainstSimulator(args, out, demoSimulator(), Map.of("emnify.mfa.totp-secret", DEMO_TOTP_SECRET),
					"an MFA user");
		}
		else {
			throw new IllegalArgumentException(MFA_MODE + " (SAMPLE_MFA) must be totp or email, not '" + mode + "'");
		}
	}

	private static void runAgainstSimulator(String[] args, PrintStream out, EmnifySimulator demoSimulator,
			Map<String, ?> mfaProperties, String user) {
		try (EmnifySimulator simulator = demoSimulator.start()) {
			out.println(
					"No EMNIFY_USERNAME set: using the emnify simulator at " + simulator.baseUrl() + " with " + user);
			Map<String, Object> properties = new LinkedHashMap<>(mfaProperties);
			properties.putAll(Map.of("emnify.base-url", simulator.baseUrl(), "emnify.username", DEMO_USERNAME,
					"emnify.password", DEMO_PASSWORD, "sample.target-workspace-id", "1002"));
			SpringApplication application = new SpringApplication(WorkspacesSampleApplication.class);
			application.setDefaultProperties(properties);
			application.run(args).close();
			SimulatorCounters counters = simulator.counters();
			out.printf(
					"The simulator saw %d password login(s) answered with an MFA demand, %d MFA login(s), "
							+ "%d workspace switch(es) and %d SIM migration request(s).%n",
					counters.mfaChallenges(), counters.mfaLogins(), counters.workspaceSwitches(),
					counters.simMigrations());
		}
	}

	static EmnifySimulator demoSimulator() {
		return demoWorkspaces().userWithMfa(DEMO_USERNAME, DEMO_PASSWORD, DEMO_TOTP_SECRET, 1001, 1002).build();
	}

	static EmnifySimulator demoSimulator(LocalMailbox mailbox) {
		return demoWorkspaces().userWithEmailMfa(DEMO_USERNAME, DEMO_PASSWORD, mailbox, 1001, 1002).build();
	}

	private static EmnifySimulatorBuilder demoWorkspaces() {
		return EmnifySimulator.builder().workspace(1001, "Demo Production").workspace(1002, "Demo Staging", 5, 12);
	}

}
