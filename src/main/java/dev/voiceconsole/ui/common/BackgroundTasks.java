package dev.voiceconsole.ui.common;

import com.google.common.util.concurrent.MoreExecutors;
import com.google.common.util.concurrent.ThreadFactoryBuilder;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Where ViewModels run what must not run on the FX thread (disk, the journal's database, the sound system, the
 * worker). It is injected, so the app owns every background thread in one place and a test can run the work on
 * its own thread instead. A ViewModel asks for its lanes once and shuts them down when it closes.
 */
public interface BackgroundTasks {

    /** A lane: its tasks run one at a time, in the order they were given (a save never overtakes an earlier one). */
    ExecutorService lane(String name);

    /** A lane that also runs periodic work (health polls, chart refreshes). */
    ScheduledExecutorService scheduledLane(String name);

    /** The app's: each lane is one daemon thread named after it. */
    static BackgroundTasks threads() {
        return new BackgroundTasks() {
            @Override
            public ExecutorService lane(String name) {
                return Executors.newSingleThreadExecutor(factory(name));
            }

            @Override
            public ScheduledExecutorService scheduledLane(String name) {
                return Executors.newSingleThreadScheduledExecutor(factory(name));
            }
        };
    }

    /**
     * For tests: a task runs on the thread that gives it, before the call returns, so a test sees its effect at
     * once. Periodic work needs a clock and a thread; a test asks for {@link #threads()} for that.
     */
    static BackgroundTasks callerRuns() {
        return new BackgroundTasks() {
            @Override
            public ExecutorService lane(String name) {
                return MoreExecutors.newDirectExecutorService();
            }

            @Override
            public ScheduledExecutorService scheduledLane(String name) {
                throw new UnsupportedOperationException(
                        "periodic work (lane " + name + ") needs BackgroundTasks.threads()");
            }
        };
    }

    private static java.util.concurrent.ThreadFactory factory(String name) {
        return new ThreadFactoryBuilder().setNameFormat(name).setDaemon(true).build();
    }
}
