package dev.voiceconsole.bench;

import java.io.IOException;

/** espeak-ng (or the executable given instead) cannot be started: not installed, or not on the PATH. */
public final class SynthesizerMissingException extends IOException {
    public SynthesizerMissingException(String executable, IOException cause) {
        super(executable + " is not on the PATH (Debian: apt-get install espeak-ng)", cause);
    }
}
