package org.minitwit.web;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.web.servlet.AbstractFilterRegistrationBean;
import org.springframework.boot.web.servlet.ServletContextInitializerBeans;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The filters the running application registers, in the order the servlet container runs
 * them.
 */
@SpringBootTest(properties = "minitwit.instance-id=pipeline")
class RequestPipelineTests {

	@Autowired
	private ListableBeanFactory beans;

	@Test
	void chainIsTheDocumentedOne() {
		var chain = new ServletContextInitializerBeans(beans).stream()
			.filter(AbstractFilterRegistrationBean.class::isInstance)
			.map(registration -> ((AbstractFilterRegistrationBean<?>) registration).getFilterName())
			.toList();

		assertThat(chain).isEqualTo(RequestPipeline.FILTERS);
	}

}
