package dev.voiceconsole.ui.common;

import dev.voiceconsole.client.StreamListener;
import dev.voiceconsole.proto.v1.FinalSegment;
import java.util.List;

/** Where final text is kept the moment it is final (the journal); a recorder that keeps nothing is allowed. */
public interface TranscriptRecorder {

    /** One dictation or file: gets its events (finals are kept) and is ended once. */
    interface Recording extends StreamListener {
        void recordAll(List<FinalSegment> finals);

        void end();
    }

    /** Called off the FX thread; never null. */
    Recording begin(String source, String model, String mode);

    static TranscriptRecorder none() {
        return (source, model, mode) -> new Recording() {
            @Override
            public void onEvent(dev.voiceconsole.proto.v1.StreamEvent event) {}

            @Override
            public void recordAll(List<FinalSegment> finals) {}

            @Override
            public void end() {}
        };
    }
}
