package org.minitwit.api;

import org.junit.jupiter.api.Test;
import org.minitwit.support.MiniTwitJdbcSlice;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

@MiniTwitJdbcSlice
@Import(LatestRepository.class)
abstract class LatestRepositoryTests {

	@Autowired
	LatestRepository latest;

	@Test
	void noneBeforeTheFirstValueThenTheLastOneSetWhateverItWas() {
		assertThat(latest.get()).isEqualTo(LatestRepository.NONE);

		latest.set(7);
		assertThat(latest.get()).isEqualTo(7);
		latest.set(7);
		assertThat(latest.get()).as("the same value again").isEqualTo(7);
		latest.set(3);
		assertThat(latest.get()).as("a smaller value").isEqualTo(3);
		latest.set(Long.MIN_VALUE);
		assertThat(latest.get()).isEqualTo(Long.MIN_VALUE);
	}

}
