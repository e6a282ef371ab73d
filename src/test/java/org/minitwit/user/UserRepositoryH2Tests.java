package org.minitwit.user;

import org.minitwit.support.UsesH2Database;

@UsesH2Database
class UserRepositoryH2Tests extends UserRepositoryTests {

}
