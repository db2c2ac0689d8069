package dev.voiceconsole.cli;

import dev.voiceconsole.sidecar.SidecarToken;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * Where a command finds the worker's bearer token: a file, else the environment, never the command line (where
 * other users of the machine can read it).
 */
final class TokenFileOption {

    @Option(
            names = "--token-file",
            paramLabel = "FILE",
            description = {"read the bearer token from FILE instead of", "$" + SidecarToken.ENV_VAR})
    Path tokenFile;

    Optional<String> token() {
        return CliInputs.token(tokenFile);
    }

    boolean given() {
        return tokenFile != null;
    }
}
