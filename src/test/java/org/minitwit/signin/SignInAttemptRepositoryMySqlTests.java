package org.minitwit.signin;

import org.minitwit.support.UsesMySqlDatabase;

@UsesMySqlDatabase
class SignInAttemptRepositoryMySqlTests extends SignInAttemptRepositoryTests {

}
