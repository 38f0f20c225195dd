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

import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;

/**
 * Runs an {@link EmnifySimulator} with a demo account set until the process is killed,
 * for trying clients and samples by hand. Arguments: {@code --port=8089} (the default).
 * <p>
 * Demo accounts:
 * <ul>
 * <li>workspaces 1001 "Demo Production" (25 endpoints, 40 SIMs) and 1002 "Demo Staging"
 * (5 endpoints, 12 SIMs);</li>
 * <li>application token {@value #APPLICATION_TOKEN} for workspace 1001;</li>
 * <li>user {@value #USERNAME} / {@value #PASSWORD} without MFA, home workspace 1001, may
 * enter 1002;</li>
 * <li>user {@value #MFA_USERNAME} / {@value #PASSWORD} with MFA, TOTP secret
 * {@value #MFA_SECRET}, home workspace 1001, may enter 1002.</li>
 * </ul>
 */
public final class EmnifySimulatorApplication {

	/**
	 * Port used unless {@code --port} says otherwise.
	 */
	public static final int DEFAULT_PORT = 8089;

	/**
	 * Application token of the demo account set, bound to workspace 1001.
	 */
	public static final String APPLICATION_TOKEN = "demo-application-token";

	/**
	 * Username of the demo user without MFA.
	 */
	public static final String USERNAME = "demo@example.org";

	/**
	 * Username of the demo user with MFA.
	 */
	public static final String MFA_USERNAME = "mfa-demo@example.org";

	/**
	 * Password of both demo users.
	 */
	public static final String PASSWORD = "demo-password";

	/**
	 * Base32 TOTP secret of the demo user with MFA, to add to an authenticator app.
	 */
	public static final String MFA_SECRET = "JBSWY3DPEHPK3PXP";

	private EmnifySimulatorApplication() {
	}

	/**
	 * Starts the demo simulator and waits until the process is killed.
	 * @param args {@code --port=<port>} optionally
	 * @throws InterruptedException if the main thread is interrupted
	 */
	public static void main(String[] args) throws InterruptedException {
		EmnifySimulator simulator = demo(port(args)).build().start();
		Runtime.getRuntime().addShutdownHook(new Thread(simulator::stop, "emnify-simulator-shutdown"));
		printUsage(simulator.baseUrl(), System.out);
		new CountDownLatch(1).await();
	}

	/**
	 * The demo account set on the given port.
	 * @param port the port to listen on; {@code 0} picks a free one
	 * @return a builder with the demo workspaces, application token and users
	 */
	static EmnifySimulatorBuilder demo(int port) {
		return EmnifySimulator.builder()
			.port(port)
			.workspace(1001, "Demo Production")
			.workspace(1002, "Demo Staging", 5, 12)
			.applicationToken(APPLICATION_TOKEN, 1001)
			.user(USERNAME, PASSWORD, 1001, 1002)
			.userWithMfa(MFA_USERNAME, PASSWORD, MFA_SECRET, 1001, 1002);
	}

	static int port(String[] args) {
		int port = DEFAULT_PORT;
		for (String arg : args) {
			if (!arg.startsWith("--port=")) {
				throw new IllegalArgumentException(
						"Unknown argument " + arg + "; usage: [--port=" + DEFAULT_PORT + "]");
			}
			port = Integer.parseInt(arg.substring("--port=".length()));
		}
		return port;
	}

	static void printUsage(String baseUrl, PrintStream out) {
		out.println("emnify simulator running on " + baseUrl);
		out.println();
		out.println("Workspaces: 1001 \"Demo Production\", 1002 \"Demo Staging\"");
		out.println("Application token: " + APPLICATION_TOKEN + " (workspace 1001)");
		out.println("User: " + USERNAME + " / " + PASSWORD + " (no MFA, may enter 1001 and 1002)");
		out.println("User: " + MFA_USERNAME + " / " + PASSWORD + " (MFA, TOTP secret " + MFA_SECRET + ")");
		out.println();
		out.println("Log in with the application token:");
		out.println("  curl -s -X POST " + baseUrl + "/api/v1/authenticate -H 'Content-Type: application/json' \\");
		out.println("    -d '{\"application_token\":\"" + APPLICATION_TOKEN + "\"}'");
		out.println("Log in as the user (the password is sent as its SHA-1 hex):");
		out.println("  curl -s -X POST " + baseUrl + "/api/v1/authenticate -H 'Content-Type: application/json' \\");
		out.println("    -d \"{\\\"username\\\":\\\"" + USERNAME + "\\\",\\\"password\\\":\\\"$(printf '%s' '"
				+ PASSWORD + "' | openssl sha1 | awk '{print $NF}')\\\"}\"");
		out.println("List SIMs, 10 per page:");
		out.println(
				"  curl -si '" + baseUrl + "/api/v1/sim?page=1&per_page=10' -H \"Authorization: Bearer $AUTH_TOKEN\"");
		out.println("Switch to workspace 1002 (user token only):");
		out.println("  curl -s -X POST " + baseUrl
				+ "/api/v1/authenticate/workspace -H \"Authorization: Bearer $AUTH_TOKEN\" \\");
		out.println("    -H 'Content-Type: application/json' -d '{\"target_organisation\":{\"id\":1002}}'");
		out.println();
		out.println("Stop with Ctrl+C.");
	}

}
