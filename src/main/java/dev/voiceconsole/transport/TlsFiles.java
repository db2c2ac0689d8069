package dev.voiceconsole.transport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * PEM files of a TLS server identity.
 *
 * @param certificateChain the server certificate (then its chain)
 * @param privateKey its private key, PKCS#8 PEM
 */
public record TlsFiles(Path certificateChain, Path privateKey) {

    public TlsFiles {
        Objects.requireNonNull(certificateChain, "certificateChain");
        Objects.requireNonNull(privateKey, "privateKey");
    }

    /**
     * Checks that both files can be read now, so a bad path fails at start-up rather than at the first connection.
     *
     * @throws IllegalArgumentException naming the file that cannot be read
     */
    public TlsFiles requireReadable() {
        for (Path p : new Path[] {certificateChain, privateKey}) {
            if (!Files.isReadable(p)) {
                throw new IllegalArgumentException(p + ": TLS file missing or not readable");
            }
        }
        return this;
    }
}
