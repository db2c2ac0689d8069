package dev.voiceconsole.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void doublesFromTheInitialWaitUpToTheCapAndStaysThere() {
        Backoff b = new Backoff(Duration.ofMillis(50), Duration.ofMillis(300));
        assertThat(IntStream.of(1, 2, 3, 4, 5, 1_000).mapToObj(b::delay))
                .containsExactly(
                        Duration.ofMillis(50),
                        Duration.ofMillis(100),
                        Duration.ofMillis(200),
                        Duration.ofMillis(300),
                        Duration.ofMillis(300),
                        Duration.ofMillis(300));
    }

    @Test
    void refusesWhatCannotBeAWait() {
        assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofSeconds(1)))
                .hasMessageContaining("positive");
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .hasMessageContaining("below");
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(1)).delay(0))
                .hasMessageContaining("from 1");
    }
}
