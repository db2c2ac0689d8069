package dev.voiceconsole.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import dev.voiceconsole.bench.HeldOutSentence;
import dev.voiceconsole.engine.whispercpp.ContextParams;
import dev.voiceconsole.engine.whispercpp.FullParams;
import dev.voiceconsole.engine.whispercpp.TokenData;
import dev.voiceconsole.engine.whispercpp.WhisperCppLibrary;
import dev.voiceconsole.testing.ModelTest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JNA layouts of whisper.cpp 1.7.1's structs, proven against the library itself: defaults read through the
 * binding are the values whisper.cpp's source sets (a shifted field would read another field's bytes), and fields
 * set through it, early, middle and late in the struct, change the trained fixture model's decode as they should.
 */
@ModelTest
class WhisperCppBindingTest {
    @TempDir
    static Path dir;

    static WhisperCppLibrary whisper;
    static Pointer context;
    static Pointer state;
    static float[] twoSentences;
    static List<String> spoken = new ArrayList<>();

    @BeforeAll
    static void load() throws Exception {
        whisper = NativeWhisperLibrary.load().whisper();
        Pointer defaults = whisper.whisper_context_default_params_by_ref();
        context = whisper.whisper_init_from_file_with_params_no_state(
                HeldOutSpeech.MODEL.toString(), new ContextParams(defaults));
        whisper.whisper_free_context_params(defaults);
        state = whisper.whisper_init_state(context);
        // two held-out sentences with a second of silence between them: two segments, several words each
        List<HeldOutSentence> entries = HeldOutSpeech.entries().subList(0, 2);
        float[] first = HeldOutSpeech.utterance(entries.get(0), dir).samples();
        float[] second = HeldOutSpeech.utterance(entries.get(1), dir).samples();
        twoSentences = new float[first.length + 16_000 + second.length];
        System.arraycopy(first, 0, twoSentences, 0, first.length);
        System.arraycopy(second, 0, twoSentences, first.length + 16_000, second.length);
        entries.forEach(e -> spoken.addAll(HeldOutSpeech.words(e.text())));
    }

    @AfterAll
    static void free() {
        if (whisper != null) {
            whisper.whisper_free_state(state);
            whisper.whisper_free(context);
        }
    }

    @Test
    void contextDefaultsReadAsWhisperCppSetsThem() {
        Pointer p = whisper.whisper_context_default_params_by_ref();
        try {
            ContextParams params = new ContextParams(p);
            assertThat(params.use_gpu).isEqualTo((byte) 1);
            assertThat(params.flash_attn).isZero();
            assertThat(params.gpu_device).isZero();
            assertThat(params.dtw_token_timestamps).isZero();
            assertThat(params.dtw_aheads_preset).isZero();
            assertThat(params.dtw_n_top).isEqualTo(-1);
            assertThat(params.dtw_aheads_n_heads.longValue()).isZero();
            assertThat(params.dtw_aheads_heads).isNull();
            assertThat(params.dtw_mem_size.longValue()).isEqualTo(128L * 1024 * 1024);
            assertThat(params.size()).isEqualTo(Native.POINTER_SIZE == 8 ? 48 : 32);
        } finally {
            whisper.whisper_free_context_params(p);
        }
    }

    @Test
    void fullDefaultsReadAsWhisperCppSetsThemForGreedy() {
        Pointer p = whisper.whisper_full_default_params_by_ref(FullParams.SAMPLING_GREEDY);
        try {
            FullParams params = new FullParams(p);
            assertThat(params.strategy).isEqualTo(FullParams.SAMPLING_GREEDY);
            assertThat(params.n_threads).isBetween(1, 4);
            assertThat(params.n_max_text_ctx).isEqualTo(16384);
            assertThat(params.no_context).isEqualTo((byte) 1);
            assertThat(params.print_progress).isEqualTo((byte) 1);
            assertThat(params.print_timestamps).isEqualTo((byte) 1);
            assertThat(params.token_timestamps).isZero();
            assertThat(params.thold_pt).isEqualTo(0.01f);
            assertThat(params.thold_ptsum).isEqualTo(0.01f);
            assertThat(params.max_len).isZero();
            assertThat(params.audio_ctx).isZero();
            assertThat(params.suppress_regex).isNull();
            assertThat(params.initial_prompt).isNull();
            assertThat(params.language).isEqualTo("en");
            assertThat(params.suppress_blank).isEqualTo((byte) 1);
            assertThat(params.suppress_non_speech_tokens).isZero();
            assertThat(params.temperature).isZero();
            assertThat(params.max_initial_ts).isEqualTo(1.0f);
            assertThat(params.length_penalty).isEqualTo(-1.0f);
            assertThat(params.temperature_inc).isEqualTo(0.2f);
            assertThat(params.entropy_thold).isEqualTo(2.4f);
            assertThat(params.logprob_thold).isEqualTo(-1.0f);
            assertThat(params.no_speech_thold).isEqualTo(0.6f);
            assertThat(params.greedy_best_of).isEqualTo(5);
            assertThat(params.beam_search_beam_size).isEqualTo(-1);
            assertThat(params.beam_search_patience).isEqualTo(-1.0f);
            assertThat(params.new_segment_callback).isNull();
            assertThat(params.logits_filter_callback_user_data).isNull();
            assertThat(params.grammar_rules).isNull();
            assertThat(params.n_grammar_rules.longValue()).isZero();
            assertThat(params.grammar_penalty).isEqualTo(100.0f);
        } finally {
            whisper.whisper_free_params(p);
        }
    }

    @Test
    void defaultsHearBothSentencesAsSegmentsOfWords() {
        List<List<String>> segments = decode(p -> {});

        assertThat(segments).hasSizeGreaterThanOrEqualTo(2);
        assertThat(segments.stream().flatMap(List::stream).toList()).isEqualTo(spoken);
    }

    @Test
    void singleSegmentMakesOneSegment() {
        assertThat(decode(p -> p.single_segment = 1)).hasSize(1);
    }

    @Test
    void maxLengthOneSplitsOnEveryWord() {
        List<List<String>> segments = decode(p -> {
            p.token_timestamps = 1;
            p.max_len = 1;
            p.split_on_word = 1;
        });

        assertThat(segments)
                .hasSize(spoken.size())
                .allSatisfy(words -> assertThat(words).hasSize(1));
    }

    @Test
    void offsetSkipsTheFirstSentence() {
        int secondStartsMs = (twoSentences.length / 16 - 1000) / 2;
        List<List<String>> segments = decode(p -> p.offset_ms = secondStartsMs + 500);

        List<String> heard = segments.stream().flatMap(List::stream).toList();
        assertThat(heard).isNotEmpty().doesNotContainSequence(spoken.subList(0, 2));
    }

    @Test
    void tokenDataCarriesProbabilitiesAndTimestampsWhenAskedFor() {
        decode(p -> p.token_timestamps = 1);
        int eot = whisper.whisper_token_eot(context);
        List<TokenData> text = new ArrayList<>();
        for (int s = 0; s < whisper.whisper_full_n_segments_from_state(state); s++) {
            for (int t = 0; t < whisper.whisper_full_n_tokens_from_state(state, s); t++) {
                TokenData data = whisper.whisper_full_get_token_data_from_state(state, s, t);
                if (data.id < eot) {
                    text.add(data);
                }
            }
        }
        assertThat(text).isNotEmpty().allSatisfy(d -> {
            assertThat(d.p).isBetween(0f, 1f);
            assertThat(d.plog).isLessThanOrEqualTo(0f);
            assertThat(Math.exp(d.plog)).isCloseTo(d.p, org.assertj.core.data.Offset.offset(1e-3));
            assertThat(d.t0).isNotNegative();
            assertThat(d.t1).isGreaterThanOrEqualTo(d.t0);
        });
        // a confident model: most text tokens above one half
        assertThat(text.stream().filter(d -> d.p > 0.5f).count()).isGreaterThan(text.size() / 2);
    }

    private static List<List<String>> decode(Consumer<FullParams> change) {
        Pointer p = whisper.whisper_full_default_params_by_ref(FullParams.SAMPLING_GREEDY);
        try {
            FullParams params = new FullParams(p);
            params.print_progress = 0;
            params.print_timestamps = 0;
            params.n_threads = 2;
            change.accept(params);
            assertThat(whisper.whisper_full_with_state(context, state, params, twoSentences, twoSentences.length))
                    .isZero();
        } finally {
            whisper.whisper_free_params(p);
        }
        List<List<String>> segments = new ArrayList<>();
        for (int s = 0; s < whisper.whisper_full_n_segments_from_state(state); s++) {
            Pointer text = whisper.whisper_full_get_segment_text_from_state(state, s);
            List<String> words = HeldOutSpeech.words(text.getString(0, "UTF-8"));
            if (!words.isEmpty()) {
                segments.add(words);
            }
        }
        return segments;
    }
}
