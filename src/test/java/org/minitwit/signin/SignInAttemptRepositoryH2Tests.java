package org.minitwit.signin;

import org.minitwit.support.UsesH2Database;

@UsesH2Database
class SignInAttemptRepositoryH2Tests extends SignInAttemptRepositoryTests {

}
