package dev.voiceconsole.ui.common;

import javafx.application.Platform;

/**
 * Where ViewModels publish property changes: the FX thread in the app, the calling thread in tests, so
 * ViewModels are testable without a window or a toolkit.
 */
@FunctionalInterface
public interface UiExecutor {

    void execute(Runnable action);

    static UiExecutor fxThread() {
        return action -> {
            if (Platform.isFxApplicationThread()) {
                action.run();
            } else {
                Platform.runLater(action);
            }
        };
    }

    static UiExecutor direct() {
        return Runnable::run;
    }
}
