package dev.voiceconsole.sidecar;

import java.nio.file.Path;

/** An "app" that starts a sidecar and exits without stopping it: its shutdown hook must take the sidecar along. */
public final class AppExitMain {

    private AppExitMain() {
    }

    public static void main(String[] args) throws Exception {
        SidecarProcess sidecar = SidecarProcess.start(TestSidecars.launch(TestSidecars.scripted("serve"), Path.of("unused")));
        System.out.println(sidecar.pid());
        System.out.flush();
        System.exit(0);
    }
}
