package org.minitwit.database;

import org.minitwit.support.UsesH2Database;

@UsesH2Database
class DatabaseSchemaH2Tests extends DatabaseSchemaTests {

}
