/**
 * Token lifecycle and request authentication for the emnify REST API.
 *
 * @see io.github.iotstarters.emnify.auth.EmnifyTokenProvider
 * @see io.github.iotstarters.emnify.auth.EmnifyAuthenticationFilter
 */
@NullMarked
package io.github.iotstarters.emnify.auth;

import org.jspecify.annotations.NullMarked;
