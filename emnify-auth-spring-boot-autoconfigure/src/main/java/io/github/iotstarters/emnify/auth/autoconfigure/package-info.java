/**
 * Auto-configuration for the emnify REST API client.
 */
@NullMarked
package io.github.iotstarters.emnify.auth.autoconfigure;

import org.jspecify.annotations.NullMarked;
