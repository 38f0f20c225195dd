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

package io.github.iotstarters.emnify.auth.redis;

import java.nio.file.Path;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.syntax.ArchRuleDefinition;
import org.junit.jupiter.api.Test;

/**
 * The Redis store depends on the core's token lifecycle and on Spring Data Redis, the
 * rate-limit buckets on the core's bucket SPI and Bucket4j; nothing here on Spring Boot,
 * the MFA code sources or the auto-configuration. Users see the store, the buckets and
 * their builders, nothing else.
 */
class PackageDependencyTests {

	private static final String ROOT = "io.github.iotstarters.emnify.auth";

	private static final String RATE_LIMIT_BUCKETS = ROOT.replace(".", "\\.")
			+ "\\.redis\\.RedisEmnifyRateLimitBuckets(\\$.*)?";

	private static final JavaClasses REDIS = new ClassFileImporter().importPath(Path.of("target/classes"));

	@Test
	void everyClassLivesInTheRedisPackage() {
		ArchRuleDefinition.classes().should().resideInAPackage(ROOT + ".redis").check(REDIS);
	}

	@Test
	void dependsOnNoSpringBootMfaSourceOrAutoConfiguration() {
		ArchRuleDefinition.noClasses()
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("org.springframework.boot..", ROOT + ".mfa..", ROOT + ".autoconfigure..")
			.check(REDIS);
	}

	@Test
	void onlyTheRateLimitBucketsUseTheWebPackageAndBucket4j() {
		ArchRuleDefinition.noClasses()
			.that()
			.haveNameNotMatching(RATE_LIMIT_BUCKETS)
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage(ROOT + ".web..", "io.github.bucket4j..")
			.check(REDIS);
	}

	@Test
	void onlyTheStoreAndItsBuilderArePublic() {
		ArchRuleDefinition.classes()
			.that()
			.haveModifier(JavaModifier.PUBLIC)
			.should()
			.haveNameMatching(ROOT.replace(".", "\\.")
					+ "\\.redis\\.(RedisEmnifyTokenStore|RedisEmnifyRateLimitBuckets)(\\$Builder)?")
			.check(REDIS);
	}

}
