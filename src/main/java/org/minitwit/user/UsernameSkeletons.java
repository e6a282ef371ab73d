package org.minitwit.user;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Gives the users registered before names were unique by their look-alike key
 * ({@link Usernames#lookAlikeKey}) theirs, at start-up, oldest first, since no SQL
 * migration can compute it. Of two such users whose names read alike, both keep their
 * names and can sign in; the older one holds the key, which keeps every further
 * look-alike out, and the clash is logged for an operator to look at. Instances starting
 * together each try every row; the unique index lets one key through, and the other finds
 * the row done.
 */
@Component
class UsernameSkeletons implements ApplicationRunner {

	private static final Log log = LogFactory.getLog(UsernameSkeletons.class);

	private static final int BATCH = 500;

	private final UserRepository users;

	UsernameSkeletons(UserRepository users) {
		this.users = users;
	}

	@Override
	public void run(ApplicationArguments arguments) {
		fillIn();
	}

	/**
	 * @return how many clashes were found
	 */
	int fillIn() {
		int clashes = 0;
		long after = 0;
		for (var batch = users.withoutLookAlikeKey(after, BATCH); !batch.isEmpty(); batch = users
			.withoutLookAlikeKey(after, BATCH)) {
			for (var user : batch) {
				String key = Usernames.lookAlikeKey(user.username());
				if (!users.setLookAlikeKey(user.userId(), key)) {
					clashes++;
					log.warn("User " + user.userId() + " has a name that reads like the name of user "
							+ users.holderOfLookAlikeKey(key).map(String::valueOf).orElse("?")
							+ ", registered earlier; both keep their names");
				}
				after = user.userId();
			}
		}
		return clashes;
	}

}
