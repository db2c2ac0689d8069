package dev.voiceconsole.ui.common;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The file names a save dialog suggests: what was said and when ("meeting 2026-12-07 1432.txt"), so saving twice
 * does not overwrite the first file under one fixed name.
 */
public final class SuggestedNames {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HHmm", Locale.ROOT);

    private SuggestedNames() {}

    /** {@code base} without its extension and the characters file systems refuse, then the time, then ".txt". */
    public static String of(String base, Instant at, ZoneId zone) {
        String name = base.replaceFirst("\\.[A-Za-z0-9]{1,4}$", "")
                .replaceAll("[\\\\/:*?\"<>|\\p{Cntrl}]", "_")
                .strip();
        return (name.isEmpty() ? "transcript" : name) + " "
                + STAMP.withZone(zone).format(at) + ".txt";
    }
}
