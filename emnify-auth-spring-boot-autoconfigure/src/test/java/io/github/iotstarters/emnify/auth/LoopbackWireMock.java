package io.github.iotstarters.emnify.auth;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

/**
 * WireMock as the tests' emnify (or any other host): on a free port, bound to loopback
 * only, so no test ever listens beyond this machine.
 */
public final class LoopbackWireMock {

	private LoopbackWireMock() {
	}

	public static WireMockExtension extension() {
		return WireMockExtension.newInstance()
			.options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
			.build();
	}

}
