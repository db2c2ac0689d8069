package dev.voiceconsole.bench;

import dev.voiceconsole.engine.DecodeRequest;
import dev.voiceconsole.engine.DecodeResult;
import dev.voiceconsole.engine.EngineInfo;
import dev.voiceconsole.engine.SpeechEngine;
import java.util.List;

/** Answers every decode at once with nothing, so that a transport measurement measures only the transport. */
public final class NullSpeechEngine implements SpeechEngine {

    @Override
    public DecodeResult decode(float[] samples, DecodeRequest request) {
        return new DecodeResult(List.of(), 0);
    }

    @Override
    public EngineInfo info() {
        return new EngineInfo("null", "null", "none", "", "", 1, false);
    }

    @Override
    public void close() {
        // nothing held
    }
}
