package org.minitwit;

import java.io.IOException;
import java.util.Arrays;

import jakarta.servlet.ServletException;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.RemoteIpValve;
import org.apache.catalina.valves.ValveBase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.servlet.context.ServletWebServerApplicationContext;
import org.minitwit.support.MiniTwitOverHttp;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Only a trusted proxy may say who the client is (X-Forwarded-For), and by default that
 * is a proxy on this machine: any other peer, in a private range or not, is the client
 * itself, or any host of a shared network could choose its own address for every limit
 * per address. Asked of the running server's own remote-address valve, since no test
 * connection can come from a private-range address of another host.
 */
@MiniTwitOverHttp
class TrustedProxiesHttpTests {

	private static final String CLAIMED = "203.0.113.9";

	@Autowired
	private ServletWebServerApplicationContext context;

	@ParameterizedTest
	@CsvSource({ "127.0.0.1, true", "127.10.0.1, true", "0:0:0:0:0:0:0:1, true", "10.0.0.1, false", "172.16.0.1, false",
			"172.31.255.254, false", "192.168.1.1, false", "100.64.0.1, false", "169.254.0.1, false",
			"192.0.2.2, false", "fd00:0:0:0:0:0:0:1, false" })
	void onlyALoopbackPeerMayNameTheClient(String peer, boolean trusted) throws Exception {
		assertThat(clientSeenFrom(peer)).isEqualTo(trusted ? CLAIMED : peer);
	}

	/**
	 * The client address that MiniTwit sees when {@code peer} sends a request claiming to
	 * forward one from {@link #CLAIMED}.
	 */
	private String clientSeenFrom(String peer) throws IOException, ServletException {
		var tomcat = ((TomcatWebServer) context.getWebServer()).getTomcat();
		var valve = (RemoteIpValve) Arrays.stream(tomcat.getEngine().getPipeline().getValves())
			.filter(RemoteIpValve.class::isInstance)
			.findFirst()
			.orElseThrow(() -> new AssertionError("no RemoteIpValve: X-Forwarded-For is not read at all"));
		var probe = new RemoteIpValve();
		probe.setInternalProxies(valve.getInternalProxies());
		probe.setTrustedProxies(valve.getTrustedProxies());
		probe.setRemoteIpHeader(valve.getRemoteIpHeader());
		var seen = new String[1];
		probe.setNext(new ValveBase() {
			@Override
			public void invoke(Request request, Response response) {
				seen[0] = request.getRemoteAddr();
			}
		});
		var coyote = new org.apache.coyote.Request();
		coyote.getMimeHeaders().addValue("X-Forwarded-For").setString(CLAIMED);
		var request = new Request(tomcat.getConnector(), coyote);
		request.setRemoteAddr(peer);
		request.setRemoteHost(peer);
		probe.invoke(request, new Response(new org.apache.coyote.Response()));
		return seen[0];
	}

}
