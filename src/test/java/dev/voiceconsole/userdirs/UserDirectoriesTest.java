package dev.voiceconsole.userdirs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UserDirectoriesTest {

    @Test
    void xdgVariablesWinAndBlankOrMissingOnesFallBackToTheHomeFolders() {
        UserDirectories set = UserDirectories.forUser(
                Map.of("XDG_DATA_HOME", "/d", "XDG_CONFIG_HOME", "/c", "XDG_CACHE_HOME", "/k"), "/home/u");
        assertThat(set)
                .isEqualTo(new UserDirectories(
                        Path.of("/d/voice-console"), Path.of("/c/voice-console"), Path.of("/k/voice-console")));
        UserDirectories unset = UserDirectories.forUser(Map.of("XDG_CACHE_HOME", " "), "/home/u");
        assertThat(unset)
                .isEqualTo(new UserDirectories(
                        Path.of("/home/u/.local/share/voice-console"),
                        Path.of("/home/u/.config/voice-console"),
                        Path.of("/home/u/.cache/voice-console")));
    }
}
