package dev.voiceconsole.worker;

/** A reserved session and the limits its client must respect. */
public record CreatedSession(String sessionId, String workerId, int maxChunkBytes, long maxPendingBytes) {}
