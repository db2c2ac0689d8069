package dev.voiceconsole.worker;

import dev.voiceconsole.proto.v1.AudioChunk;

/** The receiving side of one attached audio stream; the transport forwards the client's stream to it. */
public interface AudioStreamHandle {

    /** One chunk from the client; acknowledged at once on the sink. */
    void onChunk(AudioChunk chunk);

    /** The client half-closed: finalize what was received, send the finals, complete the stream. */
    void onEndOfAudio();

    /** The client cancelled or the connection broke: the session is released at once. */
    void onCancelled();
}
