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

package io.github.iotstarters.emnify.auth;

import java.nio.file.Path;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.syntax.ArchRuleDefinition;
import com.tngtech.archunit.library.Architectures;
import org.junit.jupiter.api.Test;

/**
 * The core's packages and the only dependencies allowed between them: MFA code sources
 * depend on nothing of the library, the token lifecycle at the root only on them, the web
 * filter and interceptor on the root. Nothing in the core knows Spring Boot, the Redis
 * store or the auto-configuration, and each optional library is named only where it is
 * used.
 */
class PackageDependencyTests {

	private static final String ROOT = "io.github.iotstarters.emnify.auth";

	// This module's own classes only: the test classpath holds the simulator and other
	// modules.
	private static final JavaClasses CORE = new ClassFileImporter().importPath(Path.of("target/classes"));

	@Test
	void packagesDependOnlyDownwards() {
		Architectures.layeredArchitecture()
			.consideringOnlyDependenciesInLayers()
			.layer("web")
			.definedBy(ROOT + ".web..")
			.layer("token lifecycle")
			.definedBy(ROOT)
			.layer("mfa")
			.definedBy(ROOT + ".mfa..")
			.whereLayer("web")
			.mayNotBeAccessedByAnyLayer()
			.whereLayer("token lifecycle")
			.mayOnlyBeAccessedByLayers("web")
			.whereLayer("mfa")
			.mayOnlyBeAccessedByLayers("token lifecycle")
			.check(CORE);
	}

	@Test
	void everyClassLivesInOneOfTheCorePackages() {
		ArchRuleDefinition.classes().should().resideInAnyPackage(ROOT, ROOT + ".mfa", ROOT + ".web").check(CORE);
	}

	@Test
	void nothingKnowsSpringBootTheRedisStoreOrTheAutoConfiguration() {
		ArchRuleDefinition.noClasses()
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("org.springframework.boot..", ROOT + ".redis..", ROOT + ".autoconfigure..",
					"org.springframework.data..")
			.check(CORE);
	}

	@Test
	void jakartaMailIsUsedOnlyByTheMfaCodeSources() {
		ArchRuleDefinition.noClasses()
			.that()
			.resideOutsideOfPackage(ROOT + ".mfa..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("jakarta.mail..")
			.check(CORE);
	}

	@Test
	void bucket4jIsUsedOnlyByBucket4jRateLimitBuckets() {
		ArchRuleDefinition.noClasses()
			.that()
			.haveNameNotMatching(ROOT.replace(".", "\\.") + "\\.web\\.Bucket4jRateLimitBuckets(\\$.*)?")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("io.github.bucket4j..")
			.check(CORE);
	}

	@Test
	void httpClientLibrariesAreUsedOnlyByEmnifyHttpClientBuilders() {
		ArchRuleDefinition.noClasses()
			.that()
			.haveNameNotMatching(ROOT.replace(".", "\\.") + "\\.EmnifyHttpClientBuilders(\\$.*)?")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("reactor.netty..", "org.eclipse.jetty..", "org.apache.hc..")
			.check(CORE);
	}

}
