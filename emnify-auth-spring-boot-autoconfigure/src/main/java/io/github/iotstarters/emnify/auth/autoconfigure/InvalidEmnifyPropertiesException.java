package io.github.iotstarters.emnify.auth.autoconfigure;

/**
 * Thrown at start-up when the {@code emnify.*} properties cannot work. Description and
 * action name properties, never their secret values.
 */
class InvalidEmnifyPropertiesException extends RuntimeException {

	private final String action;

	InvalidEmnifyPropertiesException(String description, String action) {
		super(description);
		this.action = action;
	}

	String getAction() {
		return this.action;
	}

}
