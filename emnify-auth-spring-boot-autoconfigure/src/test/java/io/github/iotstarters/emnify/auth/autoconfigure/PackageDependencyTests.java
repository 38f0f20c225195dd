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

package io.github.iotstarters.emnify.auth.autoconfigure;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.syntax.ArchRuleDefinition;
import com.tngtech.archunit.library.Architectures;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The layering of the library across its modules, as the auto-configuration sees it on
 * its classpath: the auto-configuration (this module) on the Redis store and the web
 * filters ({@code emnify-auth-redis}, {@code emnify-auth-core}), those on the token
 * lifecycle, that on the MFA code sources; the Redis rate-limit buckets on the web
 * package's bucket SPI too; Spring Boot only in the auto-configuration; every package in
 * one module.
 */
class PackageDependencyTests {

	private static final String ROOT = "io.github.iotstarters.emnify.auth";

	private static final JavaClasses LIBRARY = new ClassFileImporter()
		.withImportOption(new ImportOption.DoNotIncludeTests())
		.withImportOption((location) -> !location.contains("emnify-auth-spring-boot-test")
				&& !location.contains("emnify-auth-test-support"))
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
			.mayOnlyBeAccessedByLayers("redis", "auto-configuration")
			.whereLayer("token lifecycle")
			.mayOnlyBeAccessedByLayers("redis", "web", "auto-configuration")
			.whereLayer("mfa")
			.mayOnlyBeAccessedByLayers("token lifecycle", "auto-configuration")
			.check(LIBRARY);
	}

	@Test
	void onlyTheAutoConfigurationKnowsSpringBoot() {
		ArchRuleDefinition.noClasses()
			.that()
			.resideOutsideOfPackage(ROOT + ".autoconfigure..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("org.springframework.boot..")
			.check(LIBRARY);
	}

	@Test
	void autoConfigurationClassesArePublicAndFinal() {
		ArchRuleDefinition.classes()
			.that()
			.areAnnotatedWith(AutoConfiguration.class)
			.should()
			.haveModifier(JavaModifier.PUBLIC)
			.andShould()
			.haveModifier(JavaModifier.FINAL)
			.check(LIBRARY);
	}

	@Test
	void noPackageSpansTwoModules() {
		Map<String, Set<String>> sources = new TreeMap<>();
		for (JavaClass javaClass : LIBRARY) {
			String source = javaClass.getSource()
				.map((classSource) -> jarOrDirectory(classSource.getUri().toString()))
				.orElse("unknown");
			sources.computeIfAbsent(javaClass.getPackageName(), (name) -> new TreeSet<>()).add(source);
		}
		assertThat(sources).containsKeys(ROOT, ROOT + ".mfa", ROOT + ".web", ROOT + ".redis", ROOT + ".autoconfigure");
		assertThat(sources).allSatisfy(
				(packageName, locations) -> assertThat(locations).as("modules that hold %s", packageName).hasSize(1));
	}

	// A class inside a jar (jar:file:/…/x.jar!/a/B.class) or a directory
	// (file:/…/target/classes/a/B.class).
	private static String jarOrDirectory(String uri) {
		int bang = uri.indexOf("!/");
		if (bang >= 0) {
			return uri.substring(0, bang);
		}
		int classes = uri.indexOf("/target/classes/");
		return (classes >= 0) ? uri.substring(0, classes) : uri;
	}

}
