package io.github.iotstarters.emnify.sample.workspaces;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the sample as a user would, with no credentials in the environment: against the
 * embedded simulator, whose user demands MFA.
 */
@ExtendWith(OutputCaptureExtension.class)
class WorkspacesSampleApplicationTests {

	@Test
	void logsInWithMfaListsWorkspacesAndMovesSimsAsADryRun(CapturedOutput output) {
		ByteArrayOutputStream summary = new ByteArrayOutputStream();
		WorkspacesSampleApplication.run(new String[0], Map.of(),
				new PrintStream(summary, true, StandardCharsets.UTF_8));

		assertThat(output).contains("1001     Demo Production")
			.contains("1002     Demo Staging")
			.contains("Workspace 1002 holds 12 SIMs (read with a token switched to it).")
			.contains("emnify answered 200:")
			.contains("\"dry_run\" : true")
			.contains("\"sim_count\" : 3")
			.doesNotContain(WorkspacesSampleApplication.DEMO_TOTP_SECRET);
		assertThat(summary.toString(StandardCharsets.UTF_8))
			.contains("The simulator saw 1 password login(s) answered with an MFA demand, 1 MFA login(s), "
					+ "1 workspace switch(es) and 1 SIM migration request(s).");
	}

}
