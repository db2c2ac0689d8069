package dev.voiceconsole.models;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Free space where a download goes; tests give a smaller disk than the machine has. */
@FunctionalInterface
public interface DiskSpace {

    long usableBytes(Path directory) throws IOException;

    static DiskSpace fileStore() {
        return dir -> Files.getFileStore(dir).getUsableSpace();
    }
}
