package dev.voiceconsole.models;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/** A digest its publisher gave for a file ("SHA-1" from whisper.cpp's model list, "SHA-256" from Hugging Face). */
public record Checksum(String algorithm, String hex) {

    public Checksum {
        hex = hex.toLowerCase(Locale.ROOT);
        try {
            MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalArgumentException("unknown digest algorithm " + algorithm, e);
        }
    }

    /** The same digest over a file, read in 1-MiB blocks. */
    public Checksum of(Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        byte[] block = new byte[1 << 20];
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(block)) > 0) {
                digest.update(block, 0, n);
            }
        }
        return new Checksum(algorithm, HexFormat.of().formatHex(digest.digest()));
    }

    @Override
    public String toString() {
        return algorithm + " " + hex;
    }
}
