package io.github.iotstarters.emnify.auth.autoconfigure;

import java.time.Clock;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.context.annotation.Bean;

import io.github.iotstarters.emnify.auth.EmnifyTokenProvider;
import io.github.iotstarters.emnify.auth.EmnifyTokenStore;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration Auto-configuration}
 * of the {@code emnify} health indicator.
 */
@AutoConfiguration(after = EmnifyAuthAutoConfiguration.class)
@ConditionalOnClass(ReactiveHealthIndicator.class)
@ConditionalOnBean(EmnifyTokenProvider.class)
@ConditionalOnEnabledHealthIndicator("emnify")
public final class EmnifyHealthAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "emnifyHealthIndicator")
	ReactiveHealthIndicator emnifyHealthIndicator(EmnifyTokenProvider emnifyTokenProvider,
			ObjectProvider<EmnifyTokenStore> emnifyTokenStore) {
		return new EmnifyHealthIndicator(emnifyTokenProvider, emnifyTokenStore.getIfAvailable(), Clock.systemUTC());
	}

}
