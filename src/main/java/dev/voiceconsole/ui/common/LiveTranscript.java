package dev.voiceconsole.ui.common;

import dev.voiceconsole.proto.v1.FinalSegment;
import dev.voiceconsole.proto.v1.StreamEvent;
import java.util.List;

/** Where dictation and file transcription put text for the window to show; called on the UI thread only. */
public interface LiveTranscript {

    /** A new dictation session starts: its stream times start at 0 again. */
    void sessionStarted();

    /** A dictation's partial or final. */
    void accept(StreamEvent event);

    /** A whole session's finals at once (a transcribed file), placed after what is already there. */
    void appendSession(List<FinalSegment> segments);
}
