package org.minitwit;

import java.util.Arrays;

import org.minitwit.database.InitDbCommand;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Starts the web application, or runs one sub-command ({@code initdb}) and exits.
 * Arguments starting with {@code --} are Spring properties and may follow either form.
 */
// Users are MiniTwit's own (UserRepository); Boot's default in-memory user would only log
// a password.
@SpringBootApplication(exclude = UserDetailsServiceAutoConfiguration.class)
@ConfigurationPropertiesScan
public class MiniTwitApplication {

	static final String USAGE = "usage: java -jar minitwit.jar [initdb] [--spring.property=value ...]";

	public static void main(String[] args) {
		if (args.length == 0 || args[0].startsWith("--")) {
			SpringApplication.run(MiniTwitApplication.class, args);
			return;
		}
		String[] options = Arrays.copyOfRange(args, 1, args.length);
		if (args[0].equals("initdb")) {
			System.exit(InitDbCommand.run(options));
		}
		System.err.println("Unknown command '" + args[0] + "'.");
		System.err.println(USAGE);
		System.exit(2);
	}

}
