package dev.voiceconsole.settings;

import java.util.List;
import java.util.regex.Pattern;

/**
 * How the voice worker runs beyond its mode: the GPU, the sidecar's memory ceiling, and the remote workers.
 *
 * @param gpu             decode on the GPU (needs a GPU build of whisper.cpp; docs/runbook.md)
 * @param sidecarMaxRssMb replace the sidecar at the next pause once its resident memory passes this; 0 = no ceiling
 * @param remoteTargets   remote mode: the workers as HOST:PORT; each dictation goes to the healthiest, least loaded
 * @param tlsCaFile       remote mode: PEM certificate to trust (TLS); empty = plaintext, which only loopback allows
 * @param tokenFile       remote mode: file holding the workers' bearer token (the token itself is never stored here)
 */
public record WorkerOptions(
        boolean gpu, int sidecarMaxRssMb, List<String> remoteTargets, String tlsCaFile, String tokenFile) {

    private static final Pattern TARGET = Pattern.compile("[^\\s:]+:\\d{1,5}|\\[[0-9a-fA-F:]+]:\\d{1,5}");

    public WorkerOptions {
        remoteTargets = remoteTargets == null
                ? List.of()
                : remoteTargets.stream()
                        .map(String::strip)
                        .filter(t -> !t.isEmpty())
                        .toList();
        tlsCaFile = tlsCaFile == null ? "" : tlsCaFile.strip();
        tokenFile = tokenFile == null ? "" : tokenFile.strip();
        if (sidecarMaxRssMb != 0 && (sidecarMaxRssMb < 128 || sidecarMaxRssMb > 1_048_576)) {
            throw new InvalidSettingsException(
                    "Memory ceiling", "must be 0 (none) or 128..1048576 MB, was " + sidecarMaxRssMb);
        }
        for (String target : remoteTargets) {
            if (!TARGET.matcher(target).matches()) {
                throw new InvalidSettingsException("Remote workers", "'" + target + "' is not HOST:PORT");
            }
        }
    }

    public static WorkerOptions defaults() {
        return new WorkerOptions(false, 0, List.of(), "", "");
    }
}
