package io.github.iotstarters.emnify.auth.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Reports invalid {@code emnify.*} properties with what is wrong and what to set.
 */
class InvalidEmnifyPropertiesFailureAnalyzer extends AbstractFailureAnalyzer<InvalidEmnifyPropertiesException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidEmnifyPropertiesException cause) {
		return new FailureAnalysis(cause.getMessage(), cause.getAction(), cause);
	}

}
