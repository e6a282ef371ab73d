package org.minitwit.user;

import org.minitwit.support.UsesMySqlDatabase;

@UsesMySqlDatabase
class SignInAttemptRepositoryMySqlTests extends SignInAttemptRepositoryTests {

}
