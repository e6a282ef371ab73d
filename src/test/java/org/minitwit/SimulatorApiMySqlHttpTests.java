package org.minitwit;

import org.minitwit.support.MiniTwitOverHttp;
import org.minitwit.support.UsesMySqlDatabase;

@MiniTwitOverHttp
@UsesMySqlDatabase
class SimulatorApiMySqlHttpTests extends SimulatorApiHttpTests {

}
