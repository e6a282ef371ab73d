package org.minitwit;

import org.minitwit.support.MiniTwitOverHttp;

@MiniTwitOverHttp
class SimulatorApiH2HttpTests extends SimulatorApiHttpTests {

}
