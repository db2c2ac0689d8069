package dev.voiceconsole.contract;

/** Version of the VoiceWorker wire contract; worker and client refuse to talk across different versions. */
public final class ProtocolVersion {

    public static final int CURRENT = 1;

    private ProtocolVersion() {}
}
