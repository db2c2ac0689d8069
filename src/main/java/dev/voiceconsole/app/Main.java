package dev.voiceconsole.app;

import dev.voiceconsole.capture.source.AudioSources;
import dev.voiceconsole.capture.source.MicrophoneAudioSource;
import dev.voiceconsole.cli.VoiceConsoleCommand;
import dev.voiceconsole.desktop.NativeHookLibrary;
import dev.voiceconsole.ui.shell.UiLauncher;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * Entry point of the jar and the installers. Deliberately not a JavaFX {@code Application}: with JavaFX on the
 * class path (not the module path) the launcher refuses to start an Application subclass directly.
 */
public final class Main {

    private Main() {}

    public static void main(String[] args) {
        NativeHookLibrary.unpackIntoUserCache(); // before any class of the keyboard hook is touched
        if (args.length == 0) { // no arguments: the desktop console; any argument: the command line
            System.exit(UiLauncher.launch(
                    new LocalWorkerProvider(), AudioSources.withFiles(MicrophoneAudioSource.factory())));
        }
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        int code = VoiceConsoleCommand.create(out, err).execute(args);
        out.flush();
        err.flush();
        System.exit(code);
    }
}
