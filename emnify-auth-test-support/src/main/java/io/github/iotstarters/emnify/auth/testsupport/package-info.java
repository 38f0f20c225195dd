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

/**
 * What only this repository's tests use: a real {@code redis-server} and Redis Cluster on
 * loopback, a WireMock bound to loopback, and Netty leak detection. Not published; users
 * test against the simulator in {@code emnify-auth-spring-boot-test}.
 */
@NullMarked
package io.github.iotstarters.emnify.auth.testsupport;

import org.jspecify.annotations.NullMarked;
