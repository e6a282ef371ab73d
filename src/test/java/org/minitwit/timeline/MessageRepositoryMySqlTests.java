package org.minitwit.timeline;

import org.minitwit.support.UsesMySqlDatabase;

@UsesMySqlDatabase
class MessageRepositoryMySqlTests extends MessageRepositoryTests {

}
