package org.minitwit.api;

import org.minitwit.support.UsesMySqlDatabase;

@UsesMySqlDatabase
class LatestRepositoryMySqlTests extends LatestRepositoryTests {

}
