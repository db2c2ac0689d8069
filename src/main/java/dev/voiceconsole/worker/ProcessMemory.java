package dev.voiceconsole.worker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Resident set size of this process, for health. */
final class ProcessMemory {

    private static final Path STATUS = Path.of("/proc/self/status");

    private ProcessMemory() {}

    /** VmRSS on Linux; elsewhere the JVM's committed memory is the closest portable figure. */
    static long residentBytes() {
        if (Files.isReadable(STATUS)) {
            try {
                List<String> lines = Files.readAllLines(STATUS);
                for (String line : lines) {
                    if (line.startsWith("VmRSS:")) {
                        String[] parts = line.substring(6).trim().split("\\s+", -1);
                        return Long.parseLong(parts[0]) * 1024L; // reported in kB
                    }
                }
            } catch (IOException | RuntimeException e) {
                // fall through to the portable estimate
            }
        }
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory();
    }

    static long heapUsedBytes() {
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }
}
