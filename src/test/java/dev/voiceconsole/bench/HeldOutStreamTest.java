package dev.voiceconsole.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HeldOutStreamTest {

    private static final int RATE = HeldOutStream.RATE;

    private static HeldOutSentence sentence(String id, String text) {
        return new HeldOutSentence(id, "en-us", "f3", 160, 50, text);
    }

    private static float[] tone(int samples, float value) {
        float[] x = new float[samples];
        Arrays.fill(x, value);
        return x;
    }

    @Test
    void sentencesFollowAHalfSecondLeadWithPausesOfOneToTwoSeconds() {
        List<HeldOutSentence> sentences =
                List.of(sentence("a", "one"), sentence("b", "two"), sentence("c", "three"), sentence("d", "four"));
        HeldOutStream stream = HeldOutStream.join(
                sentences, List.of(tone(RATE, 0.1f), tone(RATE / 2, 0.2f), tone(RATE, 0.3f), tone(RATE / 4, 0.4f)));

        assertThat(stream.spans()).extracting(HeldOutStream.Span::startS).containsExactly(0.5, 2.5, 4.5, 7.5);
        assertThat(stream.spans()).extracting(HeldOutStream.Span::endS).containsExactly(1.5, 3.0, 5.5, 7.75);
        // the last sentence is followed by a pause too (1.0 s, the pattern starting again), so the VAD closes it
        assertThat(stream.seconds()).isEqualTo(8.75);
        assertThat(stream.speech(1)).containsOnly(0.2f).hasSize(RATE / 2);
        assertThat(stream.samples()[RATE / 2 - 1]).isZero();
        assertThat(stream.samples()[(int) (1.5 * RATE)]).isZero();
        assertThat(stream.referenceWords())
                .containsExactly(List.of("one"), List.of("two"), List.of("three"), List.of("four"));
    }

    @Test
    void aSentenceAloneIsPaddedAsInTraining() {
        HeldOutStream stream = HeldOutStream.join(List.of(sentence("a", "one")), List.of(tone(RATE, 0.1f)));
        SpokenUtterance alone = stream.alone(0);
        assertThat(alone.samples()).hasSize((int) (0.3 * RATE) + RATE + (int) (0.4 * RATE));
        assertThat(alone.speechStartS()).isEqualTo(0.3);
        assertThat(alone.speechEndS()).isEqualTo(1.3);
        assertThat(alone.sentence().id()).isEqualTo("a");
    }

    @Test
    void aSegmentBelongsToTheSentenceItOverlapsMostOrElseTheNearest() {
        HeldOutStream stream = HeldOutStream.join(
                List.of(sentence("a", "one"), sentence("b", "two")), List.of(tone(RATE, 0.1f), tone(RATE, 0.1f)));
        // spans: 0.5-1.5 s and 2.5-3.5 s
        assertThat(stream.sentenceAt(0.4, 1.6)).isZero();
        assertThat(stream.sentenceAt(1.2, 2.6)).isZero();
        assertThat(stream.sentenceAt(1.4, 3.0)).isEqualTo(1);
        assertThat(stream.sentenceAt(1.7, 1.9)).isZero();
        assertThat(stream.sentenceAt(2.2, 2.4)).isEqualTo(1);
        assertThat(stream.sentenceAt(9, 10)).isEqualTo(1);
    }

    @Test
    void theHeldOutListIsReadWithItsVoices(@TempDir Path dir) throws IOException {
        Path tsv = Files.writeString(
                dir.resolve("heldout.tsv"),
                HeldOutSet.HEADER + "\n"
                        + "h000\ten-us\tf3\t165\t54\thello world new line\n\n"
                        + "h001\ten-gb-x-rp\tm4\t152\t68\tplease send the report\n");
        HeldOutSet set = HeldOutSet.read(tsv);
        assertThat(set.sentences())
                .containsExactly(
                        new HeldOutSentence("h000", "en-us", "f3", 165, 54, "hello world new line"),
                        new HeldOutSentence("h001", "en-gb-x-rp", "m4", 152, 68, "please send the report"));
        assertThat(set.sentences().get(1).voice()).isEqualTo("en-gb-x-rp+m4");
        assertThat(set.first(1).sentences()).hasSize(1);
        assertThat(set.first(5).sentences()).hasSize(2);
    }

    @Test
    void theCommittedHeldOutListReads() throws IOException {
        assertThat(HeldOutSet.read(Path.of("src/test/fixtures/fixture-model/heldout.tsv"))
                        .sentences())
                .hasSize(100);
    }

    @Test
    void aMalformedListNamesTheLine(@TempDir Path dir) throws IOException {
        Path noHeader = Files.writeString(dir.resolve("a.tsv"), "h000\ten-us\tf3\t165\t54\thello\n");
        assertThatThrownBy(() -> HeldOutSet.read(noHeader))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("line 1");
        Path badSpeed =
                Files.writeString(dir.resolve("b.tsv"), HeldOutSet.HEADER + "\nh000\ten-us\tf3\tfast\t54\thello\n");
        assertThatThrownBy(() -> HeldOutSet.read(badSpeed))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("line 2");
        Path fewFields = Files.writeString(dir.resolve("c.tsv"), HeldOutSet.HEADER + "\nh000\ten-us\thello\n");
        assertThatThrownBy(() -> HeldOutSet.read(fewFields))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("line 2")
                .hasMessageContaining("6 tab-separated fields");
        Path empty = Files.writeString(dir.resolve("d.tsv"), HeldOutSet.HEADER + "\n");
        assertThatThrownBy(() -> HeldOutSet.read(empty))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("no sentences");
    }
}
