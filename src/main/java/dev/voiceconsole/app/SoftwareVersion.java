package dev.voiceconsole.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The version Maven stamped into the jar; health, {@code --version} and the sidecar handshake report it. */
public final class SoftwareVersion {

    private SoftwareVersion() {}

    public static String current() {
        try (InputStream in = SoftwareVersion.class.getResourceAsStream("/voiceconsole-version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties props = new Properties();
            props.load(in);
            return props.getProperty("version", "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the version resource", e);
        }
    }
}
