package dev.voiceconsole.worker;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The worker's session slots. Besides the live sessions it remembers a bounded number of recently released
 * ids, so that StopSession stays idempotent while a stream naming a stopped session is still refused.
 */
public final class SessionRegistry {

    private static final Pattern VALID_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private final int capacity;
    private final Map<String, Session> active = new LinkedHashMap<>();
    private final Map<String, Boolean> recentlyReleased;

    public SessionRegistry(int capacity, int recentlyReleasedMemory) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive, was " + capacity);
        }
        this.capacity = capacity;
        this.recentlyReleased = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > recentlyReleasedMemory;
            }
        };
    }

    /**
     * Reserves a slot. An empty {@code requestedId} gets a fresh random id.
     *
     * @throws WorkerException INVALID_ARGUMENT (malformed id), ALREADY_EXISTS, RESOURCE_EXHAUSTED (full)
     */
    public synchronized Session register(String requestedId, Function<String, Session> factory) {
        String id =
                requestedId == null || requestedId.isEmpty() ? UUID.randomUUID().toString() : requestedId;
        if (!VALID_ID.matcher(id).matches()) {
            throw new WorkerException(
                    WorkerException.Reason.INVALID_ARGUMENT,
                    "session id must be 1..128 characters of letters, digits and . _ : -, was \"" + id + "\"");
        }
        if (active.containsKey(id)) {
            throw new WorkerException(WorkerException.Reason.ALREADY_EXISTS, "session " + id + " already exists");
        }
        if (active.size() >= capacity) {
            throw new WorkerException(
                    WorkerException.Reason.RESOURCE_EXHAUSTED,
                    "worker is at capacity: " + active.size() + " of " + capacity + " sessions in use");
        }
        Session session = factory.apply(id);
        active.put(id, session);
        recentlyReleased.remove(id); // the id is live again
        return session;
    }

    /**
     * The active session with this id.
     *
     * @throws WorkerException NOT_FOUND for unknown and for stopped sessions (the message says which)
     */
    public synchronized Session require(String id) {
        Session session = active.get(id);
        if (session != null) {
            return session;
        }
        if (recentlyReleased.containsKey(id)) {
            throw new WorkerException(WorkerException.Reason.NOT_FOUND, "session " + id + " was stopped");
        }
        throw new WorkerException(WorkerException.Reason.NOT_FOUND, "no session " + id);
    }

    public synchronized Optional<Session> find(String id) {
        return Optional.ofNullable(active.get(id));
    }

    public synchronized boolean wasReleased(String id) {
        return recentlyReleased.containsKey(id);
    }

    /** Frees the slot of exactly this session (not of a newer one that reuses its id); true if it was active. */
    public synchronized boolean release(Session session) {
        if (active.get(session.id()) != session) {
            return false;
        }
        active.remove(session.id());
        recentlyReleased.put(session.id(), Boolean.TRUE);
        return true;
    }

    public synchronized List<Session> sessions() {
        return new ArrayList<>(active.values());
    }

    public synchronized int activeCount() {
        return active.size();
    }

    public int capacity() {
        return capacity;
    }

    /** Sessions that have had no stream for at least {@code idleNanos}. */
    public synchronized List<Session> idleSessions(long idleNanos, long nowNanos) {
        return active.values().stream()
                .filter(s -> s.idleLongerThan(idleNanos, nowNanos))
                .toList();
    }
}
