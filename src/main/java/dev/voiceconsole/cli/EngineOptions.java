package dev.voiceconsole.cli;

import dev.voiceconsole.engine.WhisperEngineSettings;
import picocli.CommandLine.Option;

/** How the commands that load a model run whisper.cpp: one set of options, one meaning, wherever they appear. */
final class EngineOptions {

    @Option(names = "--threads", paramLabel = "N", description = "inference threads (default: up to 4)")
    Integer threads;

    @Option(
            names = "--gpu",
            description = {
                "decode on the GPU: needs a GPU build of whisper.cpp",
                "in the directory named by",
                "-Dio.github.givimad.whisperjni.libdir",
                "(docs/runbook.md); health says which backend runs"
            })
    boolean gpu;

    WhisperEngineSettings settings() {
        return CliInputs.engine(threads, gpu);
    }
}
