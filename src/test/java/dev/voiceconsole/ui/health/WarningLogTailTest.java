package dev.voiceconsole.ui.health;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import dev.voiceconsole.capture.source.AudioSources;
import dev.voiceconsole.settings.SettingsStore;
import dev.voiceconsole.ui.common.BackgroundTasks;
import dev.voiceconsole.ui.common.UiExecutor;
import dev.voiceconsole.ui.shell.ConsoleViewModel;
import dev.voiceconsole.ui.shell.ToneWorkerProvider;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** Warnings logged anywhere in the app show in the health panel's tail while the console runs. */
class WarningLogTailTest {

    private static final String ELSEWHERE = "dev.voiceconsole.elsewhere.Supervisor";

    @TempDir
    Path dir;

    private ConsoleViewModel console;

    @AfterEach
    void close() {
        if (console != null) {
            console.close();
        }
    }

    private List<String> linesFrom(String loggerSimpleName) {
        return warningsFrom(loggerSimpleName).stream()
                .map(HealthWarning::details)
                .toList();
    }

    private List<HealthWarning> warningsFrom(String loggerSimpleName) {
        return console.health().warnings().stream()
                .filter(w -> w.details().contains("  " + loggerSimpleName + ": "))
                .toList();
    }

    @Test
    void warningsAndErrorsLoggedElsewhereAppearInTheHealthPanelUntilTheConsoleCloses() {
        console = new ConsoleViewModel(
                new ToneWorkerProvider(),
                AudioSources.noMicrophone(),
                new SettingsStore(dir.resolve("settings.json")),
                UiExecutor.direct(),
                BackgroundTasks.threads());
        console.initialize();
        org.slf4j.Logger log = LoggerFactory.getLogger(ELSEWHERE);

        log.info("routine news");
        log.warn("sidecar did not answer for {} ms", 3000, new IOException("broken pipe"));
        log.error("sidecar restarts exhausted");

        assertThat(linesFrom("Supervisor"))
                .satisfiesExactly(
                        l -> assertThat(l)
                                .matches("\\d\\d:\\d\\d:\\d\\d  WARN  Supervisor: sidecar did not answer for 3000 ms"
                                        + " \\(IOException: broken pipe\\)"),
                        l -> assertThat(l)
                                .matches("\\d\\d:\\d\\d:\\d\\d  ERROR  Supervisor: sidecar restarts exhausted"));
        // What the panel shows: sentences, the cause said in words, errors marked; the rest is in the details.
        assertThat(warningsFrom("Supervisor"))
                .extracting(HealthWarning::sentence, HealthWarning::serious)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("Sidecar did not answer for 3000 ms: broken pipe.", false),
                        org.assertj.core.groups.Tuple.tuple("Sidecar restarts exhausted.", true));

        console.close();
        log.warn("after the window closed");
        assertThat(linesFrom("Supervisor")).hasSize(2);
    }

    @Test
    void aBurstCostsOnePublishAndKeepsTheNewestLines() {
        List<Runnable> scheduled = new ArrayList<>();
        List<List<HealthWarning>> published = new ArrayList<>();
        LoggerContext context = new LoggerContext();
        WarningLogTail tail = new WarningLogTail(100, scheduled::add, published::add);
        tail.setContext(context);
        tail.start();
        Logger log = context.getLogger("dev.voiceconsole.capture.MicrophoneCapture");
        log.addAppender(tail);

        IntStream.range(0, 250).forEach(i -> log.warn("overrun #{}", i));
        assertThat(scheduled).as("one UI update for the whole burst").hasSize(1);
        scheduled.remove(0).run();
        assertThat(published).singleElement().satisfies(lines -> {
            assertThat(lines).hasSize(100);
            assertThat(lines.get(0).details()).endsWith("MicrophoneCapture: overrun #150");
            assertThat(lines.get(99).details()).endsWith("MicrophoneCapture: overrun #249");
        });

        context.getLogger("dev.voiceconsole.ui.dictation.DictationViewModel").addAppender(tail);
        context.getLogger("dev.voiceconsole.ui.dictation.DictationViewModel").warn("shown in the error line already");
        assertThat(scheduled)
                .as("the console's own warnings reach the panel through its error line")
                .isEmpty();

        log.warn("later");
        assertThat(scheduled).hasSize(1);
        tail.detach();
        scheduled.remove(0).run();
        assertThat(published).as("nothing is published once detached").hasSize(1);
    }
}
