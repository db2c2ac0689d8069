package dev.voiceconsole.ui.common;

import java.util.Locale;

/** How the console writes a segment's start and end: {@code 0:03.2 – 0:05.9}. */
public final class SegmentTimes {

    private SegmentTimes() {}

    public static String of(double startS, double endS) {
        return String.format(Locale.ROOT, "%s – %s", clock(startS), clock(endS));
    }

    private static String clock(double seconds) {
        long tenths = Math.round(seconds * 10);
        return String.format(Locale.ROOT, "%d:%02d.%d", tenths / 600, (tenths / 10) % 60, tenths % 10);
    }
}
