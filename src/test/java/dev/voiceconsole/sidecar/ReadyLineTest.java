package dev.voiceconsole.sidecar;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReadyLineTest {

    @Test
    void roundTripsThroughItsJsonLine() {
        ReadyLine line = new ReadyLine(43121, 4242, true, false, "sidecar-1a2b", 1);
        assertThat(line.toJson())
                .isEqualTo("{\"event\":\"ready\",\"port\":43121,\"pid\":4242,\"token_required\":true,"
                        + "\"tls\":false,\"worker_id\":\"sidecar-1a2b\",\"protocol_version\":1}");
        assertThat(ReadyLine.parse(line.toJson())).contains(line);
    }

    @Test
    void toleratesMissingOptionalFieldsAndSurroundingSpace() {
        assertThat(ReadyLine.parse("  {\"event\":\"ready\",\"port\":5000}  "))
                .contains(new ReadyLine(5000, -1, false, false, "", 0));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "ready",
                "{\"event\":\"ready\"",
                "{\"event\":\"starting\",\"port\":5000}",
                "{\"event\":\"ready\",\"port\":0}",
                "{\"event\":\"ready\",\"port\":70000}",
                "{\"event\":\"ready\",\"port\":\"x\"}",
                "[1,2]",
                "12:00:00.000 INFO {\"event\":\"ready\",\"port\":5000}"
            })
    void anythingElseIsNotTheReadyLine(String text) {
        assertThat(ReadyLine.parse(text)).isEmpty();
    }
}
