package org.minitwit.timeline;

import org.minitwit.support.UsesH2Database;

@UsesH2Database
class MessageRepositoryH2Tests extends MessageRepositoryTests {

}
