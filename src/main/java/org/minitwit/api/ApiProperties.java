package org.minitwit.api;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.StringUtils;

/**
 * The one account of the simulator API ({@code minitwit.api.*}). The API is on only while
 * the password has text: an empty password, as a compose file passes an unset variable,
 * keeps it off rather than opening it to anyone.
 */
@ConfigurationProperties("minitwit.api")
record ApiProperties(@DefaultValue("simulator") String user, String password) {

	boolean on() {
		return StringUtils.hasText(password);
	}

	/**
	 * Without the password, so that no log or failure report of the properties shows it.
	 */
	@Override
	public String toString() {
		return "ApiProperties[user=" + user + ", password=" + (on() ? "(hidden)" : "(unset)") + "]";
	}

}
