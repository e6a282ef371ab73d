package org.minitwit.follow;

import org.minitwit.support.UsesH2Database;

@UsesH2Database
class FollowerRepositoryH2Tests extends FollowerRepositoryTests {

}
