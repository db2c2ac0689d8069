package dev.voiceconsole.sidecar;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * The bearer token that guards a sidecar. It travels in an environment variable or a file, never on the command
 * line, where every local user could read it from the process table.
 */
public final class SidecarToken {

    public static final String ENV_VAR = "VOICE_CONSOLE_TOKEN";
    private static final SecureRandom RANDOM = new SecureRandom();

    private SidecarToken() {}

    /** A fresh 256-bit token, URL-safe base64: one per launch, so a token seen once is worthless afterwards. */
    public static String generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /**
     * The token from {@code file} when given, else from the environment variable.
     *
     * @throws IOException when the file cannot be read
     */
    public static Optional<String> resolve(Path file, String environmentValue) throws IOException {
        String token = file != null ? Files.readString(file, StandardCharsets.UTF_8) : environmentValue;
        if (token == null || token.strip().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(token.strip());
    }
}
