package dev.voiceconsole.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.voiceconsole.worker.policy.PolicySettings;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;

class SessionRegistryTest {

    private static final Executor DIRECT = Runnable::run;
    private static final WorkerSettings SETTINGS = WorkerSettings.defaults("w", "embedded", "1");

    private static Session session(String id) {
        SessionSpec spec = new SessionSpec(16000, 1, PolicySettings.liveDefaults(), Optional.empty());
        return new Session(
                id,
                spec,
                SETTINGS,
                new ScriptedPolicy(null),
                TestAudio.converters().create(16000, 1),
                DIRECT,
                s -> {},
                WorkerMetrics.NONE);
    }

    private static WorkerException.Reason reasonOf(Runnable r) {
        try {
            r.run();
        } catch (WorkerException e) {
            return e.reason();
        }
        throw new AssertionError("no WorkerException");
    }

    @Test
    void capacityDuplicatesAndMalformedIds() {
        SessionRegistry registry = new SessionRegistry(2, 10);
        registry.register("a", SessionRegistryTest::session);
        assertThat(reasonOf(() -> registry.register("a", SessionRegistryTest::session)))
                .isEqualTo(WorkerException.Reason.ALREADY_EXISTS);
        assertThat(registry.register("", SessionRegistryTest::session).id()).hasSize(36);
        assertThat(reasonOf(() -> registry.register("c", SessionRegistryTest::session)))
                .isEqualTo(WorkerException.Reason.RESOURCE_EXHAUSTED);
        assertThat(reasonOf(() -> registry.register("bad id with spaces", SessionRegistryTest::session)))
                .isEqualTo(WorkerException.Reason.INVALID_ARGUMENT);
    }

    @Test
    void releasedIdsAreRememberedBoundedAndNotFound() {
        SessionRegistry registry = new SessionRegistry(5, 2);
        for (String id : new String[] {"a", "b", "c"}) {
            registry.release(registry.register(id, SessionRegistryTest::session));
        }
        assertThat(registry.wasReleased("a")).isFalse(); // evicted: memory holds two
        assertThat(registry.wasReleased("b")).isTrue();
        assertThat(registry.wasReleased("c")).isTrue();
        assertThatThrownBy(() -> registry.require("c"))
                .isInstanceOf(WorkerException.class)
                .hasMessageContaining("was stopped");
        assertThatThrownBy(() -> registry.require("zzz"))
                .isInstanceOf(WorkerException.class)
                .hasMessageContaining("no session zzz");
        assertThat(registry.activeCount()).isZero();
    }

    @Test
    void releaseOfAStaleInstanceDoesNotFreeItsSuccessor() {
        SessionRegistry registry = new SessionRegistry(5, 5);
        Session old = registry.register("a", SessionRegistryTest::session);
        registry.release(old);
        Session fresh = registry.register("a", SessionRegistryTest::session);
        assertThat(registry.release(old)).isFalse();
        assertThat(registry.find("a")).contains(fresh);
        assertThat(registry.wasReleased("a")).isFalse();
    }

    @Test
    void onlySessionsWithoutStreamLongEnoughAreIdle() {
        SessionRegistry registry = new SessionRegistry(5, 5);
        Session s = registry.register("a", SessionRegistryTest::session);
        long now = System.nanoTime();
        assertThat(registry.idleSessions(Duration.ofHours(1).toNanos(), now)).isEmpty();
        assertThat(registry.idleSessions(0, now)).containsExactly(s);
    }

    @Test
    void settingsRejectInconsistentLimits() {
        assertThatThrownBy(() -> SETTINGS.withLimits(1024, 512))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least the max chunk size");
        assertThatThrownBy(() -> SETTINGS.withMaxSessions(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SETTINGS.withIdleReapAfter(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(SETTINGS.maxSessions()).isEqualTo(10);
        assertThat(SETTINGS.maxPendingBytes()).isEqualTo(10L * 1024 * 1024);
    }
}
