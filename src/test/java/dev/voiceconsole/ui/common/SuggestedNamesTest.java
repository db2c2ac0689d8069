package dev.voiceconsole.ui.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class SuggestedNamesTest {

    private static final Instant AT = Instant.parse("2026-12-07T14:32:09Z");

    @Test
    void theSourceLosesItsExtensionAndGainsTheTime() {
        assertThat(SuggestedNames.of("meeting.wav", AT, ZoneOffset.UTC)).isEqualTo("meeting 2026-12-07 1432.txt");
        assertThat(SuggestedNames.of("microphone", AT, ZoneOffset.ofHours(1)))
                .isEqualTo("microphone 2026-12-07 1532.txt");
    }

    @Test
    void charactersFileSystemsRefuseBecomeUnderscores() {
        assertThat(SuggestedNames.of("default [plughw:0,0]", AT, ZoneOffset.UTC))
                .isEqualTo("default [plughw_0,0] 2026-12-07 1432.txt");
        assertThat(SuggestedNames.of(" ", AT, ZoneOffset.UTC)).isEqualTo("transcript 2026-12-07 1432.txt");
    }
}
