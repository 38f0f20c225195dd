package io.github.iotstarters.emnify.auth.fleet;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;

import io.github.iotstarters.emnify.auth.EmnifyTokenProvider;

/**
 * One instance of a service that uses the starter: nothing but auto-configuration. Run
 * as a separate JVM by the test that kills a lease holder mid-login, it asks for a token
 * and so starts a login.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class FleetInstance {

	public static void main(String[] args) {
		ConfigurableApplicationContext context = SpringApplication.run(FleetInstance.class, args);
		System.out.println("fleet instance: logging in");
		context.getBean(EmnifyTokenProvider.class).getToken().block();
		System.out.println("fleet instance: logged in");
		context.close();
	}

}
