package org.minitwit.api;

import org.minitwit.support.UsesH2Database;

@UsesH2Database
class LatestRepositoryH2Tests extends LatestRepositoryTests {

}
