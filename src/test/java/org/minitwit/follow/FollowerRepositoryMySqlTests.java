package org.minitwit.follow;

import org.minitwit.support.UsesMySqlDatabase;

@UsesMySqlDatabase
class FollowerRepositoryMySqlTests extends FollowerRepositoryTests {

}
