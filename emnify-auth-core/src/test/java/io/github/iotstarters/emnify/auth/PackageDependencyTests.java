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

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.syntax.ArchRuleDefinition;
import com.tngtech.archunit.library.Architectures;
import org.junit.jupiter.api.Test;

/**
 * The packages of the starter's code and the only dependencies allowed between them: MFA
 * code sources depend on nothing of the starter, the token lifecycle at the root only on
 * them, the web filter and interceptor and the Redis store on the root, and nothing but
 * the auto-configuration on the auto-configuration. No cycle can form. Only the
 * auto-configuration depends on Spring Boot, so that the rest serves any application.
 */
class PackageDependencyTests {

	private static final String ROOT = "io.github.iotstarters.emnify.auth";

	private static final JavaClasses CLASSES = new ClassFileImporter()
		.withImportOption(new ImportOption.DoNotIncludeTests())
		.importPackages(ROOT);

	@Test
	void packagesDependOnlyDownwards() {
		Architectures.layeredArchitecture()
			.consideringOnlyDependenciesInLayers()
			.layer("auto-configuration")
			.definedBy(ROOT + ".autoconfigure..")
			.layer("redis")
			.definedBy(ROOT + ".redis..")
			.layer("web")
			.definedBy(ROOT + ".web..")
			.layer("token lifecycle")
			.definedBy(ROOT)
			.layer("mfa")
			.definedBy(ROOT + ".mfa..")
			.whereLayer("auto-configuration")
			.mayNotBeAccessedByAnyLayer()
			.whereLayer("redis")
			.mayOnlyBeAccessedByLayers("auto-configuration")
			.whereLayer("web")
			.mayOnlyBeAccessedByLayers("auto-configuration")
			.whereLayer("token lifecycle")
			.mayOnlyBeAccessedByLayers("redis", "web", "auto-configuration")
			.whereLayer("mfa")
			.mayOnlyBeAccessedByLayers("token lifecycle", "auto-configuration")
			.check(CLASSES);
	}

	@Test
	void onlyTheAutoConfigurationDependsOnSpringBoot() {
		ArchRuleDefinition.noClasses()
			.that()
			.resideOutsideOfPackage(ROOT + ".autoconfigure..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("org.springframework.boot..")
			.check(CLASSES);
	}

}
