package dev.voiceconsole.ui.health;

import dev.voiceconsole.proto.v1.HealthResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** The health panel: the worker's last answer to GetHealth, formatted for people, plus a tail of warnings. */
public final class HealthViewModel {

    public static final int WARNING_TAIL = 100;

    private final ReadOnlyStringWrapper mode = new ReadOnlyStringWrapper("–");
    private final ReadOnlyStringWrapper state = new ReadOnlyStringWrapper("no worker");
    private final ReadOnlyStringWrapper sessions = new ReadOnlyStringWrapper("–");
    private final ReadOnlyStringWrapper buffered = new ReadOnlyStringWrapper("–");
    private final ReadOnlyStringWrapper memory = new ReadOnlyStringWrapper("–");
    private final ReadOnlyStringWrapper uptime = new ReadOnlyStringWrapper("–");
    private final ReadOnlyStringWrapper model = new ReadOnlyStringWrapper("–");
    /** Changes when a supervisor replaces a dead sidecar, so a crash is visible even if no poll caught it down. */
    private final ReadOnlyStringWrapper workerId = new ReadOnlyStringWrapper("–");

    private final ReadOnlyStringWrapper backend = new ReadOnlyStringWrapper("–");
    private final ReadOnlyStringWrapper version = new ReadOnlyStringWrapper("–");
    private final ObservableList<HealthWarning> warnings = FXCollections.observableArrayList();
    private final ObservableList<HealthWarning> readOnlyWarnings = FXCollections.unmodifiableObservableList(warnings);

    public void apply(HealthResponse h, String modeDescription) {
        mode.set(modeDescription == null || modeDescription.isBlank() ? h.getMode() : modeDescription);
        workerId.set(h.getWorkerId());
        state.set(
                switch (h.getState()) {
                    case SERVING -> "SERVING";
                    case DEGRADED -> "DEGRADED (at capacity)";
                    case NOT_SERVING -> "NOT_SERVING";
                    default -> "unknown";
                });
        sessions.set(h.getActiveSessions() + " of " + h.getMaxSessions() + " in use");
        buffered.set(bytes(h.getBufferedBytes()) + " of audio");
        memory.set("RSS " + bytes(h.getProcessRssBytes()) + ", heap " + bytes(h.getHeapUsedBytes()));
        uptime.set(duration(h.getUptimeMs()));
        model.set(h.getModelType().isBlank() ? h.getModelName() : h.getModelName() + " (" + h.getModelType() + ")");
        String kind =
                h.getBackend().getKind().isBlank() ? "unknown" : h.getBackend().getKind();
        backend.set(kind + ", " + h.getThreads() + " threads"
                + (h.getBackend().getLibraryDir().isBlank()
                        ? ""
                        : ", library " + h.getBackend().getLibraryDir()));
        version.set(h.getSoftwareVersion());
    }

    /** The worker did not answer (or there is none): say why instead of showing stale numbers. */
    public void unavailable(String reason) {
        state.set("NOT_SERVING (" + reason + ")");
        sessions.set("–");
        buffered.set("–");
    }

    public void addWarning(HealthWarning warning) {
        addWarnings(List.of(warning));
    }

    /** Appends warnings (oldest first), keeping the newest {@value #WARNING_TAIL}. */
    public void addWarnings(List<HealthWarning> lines) {
        warnings.addAll(lines);
        if (warnings.size() > WARNING_TAIL) {
            warnings.remove(0, warnings.size() - WARNING_TAIL);
        }
    }

    /** Every warning's details, one per line, oldest first: what "Copy details" puts on the clipboard. */
    public String details() {
        return warnings.stream()
                .map(HealthWarning::details)
                .collect(java.util.stream.Collectors.joining("\n", "", "\n"));
    }

    public ReadOnlyStringProperty modeProperty() {
        return mode.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty workerIdProperty() {
        return workerId.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty stateProperty() {
        return state.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty sessionsProperty() {
        return sessions.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty bufferedProperty() {
        return buffered.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty memoryProperty() {
        return memory.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty uptimeProperty() {
        return uptime.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty modelProperty() {
        return model.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty backendProperty() {
        return backend.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty versionProperty() {
        return version.getReadOnlyProperty();
    }

    public ObservableList<HealthWarning> warnings() {
        return readOnlyWarnings;
    }

    static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        if (n < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f KiB", n / 1024.0);
        }
        return String.format(Locale.ROOT, "%.1f MiB", n / (1024.0 * 1024));
    }

    static String duration(long ms) {
        Duration d = Duration.ofMillis(ms);
        return String.format(Locale.ROOT, "%d:%02d:%02d", d.toHours(), d.toMinutesPart(), d.toSecondsPart());
    }
}
