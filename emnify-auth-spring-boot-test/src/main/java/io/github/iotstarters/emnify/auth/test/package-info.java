/**
 * A stateful simulator of the emnify REST API for tests and demos: authentication with
 * application tokens, user credentials, MFA and refresh tokens, workspace switches, paged
 * endpoint and SIM lists, SIM migration, lockouts, rate limits and switchable faults.
 *
 * @see io.github.iotstarters.emnify.auth.test.EmnifySimulator
 * @see io.github.iotstarters.emnify.auth.test.EmnifySimulatorExtension
 */
@NullMarked
package io.github.iotstarters.emnify.auth.test;

import org.jspecify.annotations.NullMarked;
