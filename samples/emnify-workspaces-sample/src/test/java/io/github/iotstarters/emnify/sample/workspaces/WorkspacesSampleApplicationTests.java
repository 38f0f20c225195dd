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

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import io.github.iotstarters.emnify.auth.test.LocalMailbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Runs the sample as a user would, with no credentials in the environment: against the
 * embedded simulator, whose user demands MFA by TOTP or, with {@code SAMPLE_MFA=email},
 * by a code mailed to the embedded mailbox.
 */
@ExtendWith(OutputCaptureExtension.class)
class WorkspacesSampleApplicationTests {

	@Test
	void logsInWithMfaListsWorkspacesAndMovesSimsAsADryRun(CapturedOutput output) {
		ByteArrayOutputStream summary = new ByteArrayOutputStream();
		WorkspacesSampleApplication.run(new String[0], Map.of(), new PrintStream(summary, true, StandardCharsets.UTF_8),
				LocalMailbox.forAddress(WorkspacesSampleApplication.DEMO_USERNAME));

		assertTourRan(output);
		assertThat(output).doesNotContain(WorkspacesSampleApplication.DEMO_TOTP_SECRET);
		assertThat(summary.toString(StandardCharsets.UTF_8))
			.contains("The simulator saw 1 password login(s) answered with an MFA demand, 1 MFA login(s), "
					+ "1 workspace switch(es) and 1 SIM migration request(s).")
			.doesNotContain("mailbox");
	}

	@Test
	void withSampleMfaEmailLogsInWithTheCodeItReadsFromTheEmbeddedMailbox(CapturedOutput output) {
		ByteArrayOutputStream summary = new ByteArrayOutputStream();
		LocalMailbox mailbox = LocalMailbox.forAddress(WorkspacesSampleApplication.DEMO_USERNAME);
		WorkspacesSampleApplication.run(new String[0], Map.of("SAMPLE_MFA", "email"),
				new PrintStream(summary, true, StandardCharsets.UTF_8), mailbox);

		assertTourRan(output);
		assertThat(output).contains("ImapCodeSource     : Read the MFA code from a mail received")
			.doesNotContain(mailbox.password());
		assertThat(summary.toString(StandardCharsets.UTF_8))
			.contains("with an email-MFA user whose codes go to the mailbox at imap://127.0.0.1:")
			.contains("The simulator saw 1 password login(s) answered with an MFA demand, 1 MFA login(s), "
					+ "1 workspace switch(es) and 1 SIM migration request(s).")
			.contains("The mailbox received 1 mail(s) with an MFA code.");
		assertThat(mailbox.isRunning()).isFalse();
	}

	@Test
	void anUnknownMfaModeIsRefusedBeforeAnythingStarts() {
		LocalMailbox mailbox = LocalMailbox.forAddress(WorkspacesSampleApplication.DEMO_USERNAME);

		assertThatIllegalArgumentException()
			.isThrownBy(() -> WorkspacesSampleApplication.run(new String[] { "--sample.mfa=sms" }, Map.of(), System.out,
					mailbox))
			.withMessage("sample.mfa (SAMPLE_MFA) must be totp or email, not 'sms'");
		assertThat(mailbox.isRunning()).isFalse();
	}

	private static void assertTourRan(CapturedOutput output) {
		assertThat(output).contains("1001     Demo Production")
			.contains("1002     Demo Staging")
			.contains("Workspace 1002 holds 12 SIMs (read with a token switched to it).")
			.contains("emnify answered 200:")
			.contains("\"dry_run\" : true")
			.contains("\"sim_count\" : 3");
	}

}
