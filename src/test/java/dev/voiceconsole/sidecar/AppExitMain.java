package dev.voiceconsole.sidecar;

import java.nio.file.Path;

/**
 * An "app" that starts a sidecar and then exits without stopping it (its shutdown hook must take the sidecar along),
 * or with argument {@code hang}, waits to be killed (the sidecar must notice its parent is gone).
 */
public final class AppExitMain {

    private AppExitMain() {}

    public static void main(String[] args) throws Exception {
        SidecarProcess sidecar =
                SidecarProcess.start(TestSidecars.launch(TestSidecars.scripted("serve"), Path.of("unused")));
        System.out.println(sidecar.pid());
        System.out.flush();
        if (args.length > 0 && args[0].equals("hang")) {
            new java.util.concurrent.CountDownLatch(1).await();
        }
        System.exit(0);
    }
}
