package org.minitwit.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * deploy/aws/rds-truststore.sh turns a PEM bundle of CA certificates into the PKCS12
 * trust store the image gives Connector/J, which opens it without a password (none is
 * configured).
 */
class RdsTrustStoreTests {

	@TempDir
	Path dir;

	@Test
	void everyCertificateOfTheBundleIsTrustedAndReadableWithoutPassword() throws Exception {
		StringBuilder bundle = new StringBuilder();
		for (String name : List.of("first", "second", "third")) {
			bundle.append(caCertificate(name));
		}
		Path pem = Files.writeString(dir.resolve("bundle.pem"), bundle);
		Path store = dir.resolve("truststore.p12");

		String output = run("bash", DeployFiles.path("deploy/aws/rds-truststore.sh").toString(), pem.toString(),
				store.toString());

		assertThat(output).contains("3 certificates");
		KeyStore trustStore = KeyStore.getInstance("PKCS12");
		try (InputStream in = Files.newInputStream(store)) {
			// As Connector/J loads it when trustCertificateKeyStorePassword is not set.
			trustStore.load(in, null);
		}
		List<String> subjects = new ArrayList<>();
		for (String alias : Collections.list(trustStore.aliases())) {
			assertThat(trustStore.isCertificateEntry(alias)).as(alias).isTrue();
			subjects.add(((X509Certificate) trustStore.getCertificate(alias)).getSubjectX500Principal().getName());
		}
		assertThat(subjects).containsExactlyInAnyOrder("CN=first", "CN=second", "CN=third");
	}

	@Test
	void aBundleWithoutCertificatesFailsTheBuild() throws Exception {
		Path pem = Files.writeString(dir.resolve("empty.pem"), "<html>not found</html>\n");
		Process process = new ProcessBuilder("bash", DeployFiles.path("deploy/aws/rds-truststore.sh").toString(),
				pem.toString(), dir.resolve("truststore.p12").toString())
			.redirectErrorStream(true)
			.start();
		assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).isNotZero();
		assertThat(dir.resolve("truststore.p12")).doesNotExist();
	}

	/** A self-signed CA certificate in PEM, made by keytool as the image's JDK would. */
	private String caCertificate(String name) throws Exception {
		String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
		String keystore = dir.resolve(name + ".p12").toString();
		run(keytool, "-genkeypair", "-alias", name, "-keyalg", "EC", "-dname", "CN=" + name, "-ext", "bc:c",
				"-validity", "2", "-storetype", "PKCS12", "-keystore", keystore, "-storepass", "changeit");
		return run(keytool, "-exportcert", "-rfc", "-alias", name, "-keystore", keystore, "-storepass", "changeit");
	}

	private static String run(String... command) throws IOException, InterruptedException {
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes());
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).as(output).isZero();
		return output;
	}

}
