package dev.voiceconsole.models;

import java.net.URI;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A whisper.cpp model the catalog knows.
 *
 * @param disk     size as its publisher states it ("142 MiB"); empty when not published
 * @param checksum the publisher's digest; empty means the download cannot be verified, and is marked so
 */
public record CatalogModel(String name, URI url, Optional<String> disk, Optional<Checksum> checksum) {

    private static final Pattern DISK = Pattern.compile("(\\d+(?:\\.\\d+)?) (MiB|GiB)");

    public String fileName() {
        return "ggml-" + name + ".bin";
    }

    /** whisper.cpp's convention: names with ".en" are English-only, all others multilingual (99 languages). */
    public boolean englishOnly() {
        return name.contains(".en");
    }

    /** "q5_0", "q5_1", "q8_0", or empty for the full-precision file. */
    public Optional<String> quantization() {
        int dash = name.lastIndexOf("-q");
        return dash < 0 ? Optional.empty() : Optional.of(name.substring(dash + 1));
    }

    /**
     * How fast and how accurate, next to the others, in a few words: the sizes' well-known trade-off (whisper.cpp's
     * README: each size up is several times slower and makes fewer mistakes). A quantized file is smaller and a
     * little less accurate; small.en-tdrz also marks speaker turns.
     */
    public String speedAndAccuracy() {
        String family = name.replaceFirst("[.-].*$", "");
        String size = switch (family) {
            case "tiny" -> "fastest · roughest";
            case "base" -> "fast · good for dictation";
            case "small" -> "moderate · more accurate";
            case "medium" -> "slow on a CPU · accurate";
            case "large" -> name.contains("turbo") ? "fast on a GPU · near the best" : "slowest · most accurate";
            default -> "";
        };
        String what = name.contains("tdrz") ? size + " · marks speaker turns" : size;
        return quantization().map(q -> what + " · smaller (" + q + ")").orElse(what);
    }

    public String languages() {
        return englishOnly() ? "English" : "multilingual (99)";
    }

    /** The published size in bytes ("142 MiB", "1.5 GiB"), approximate as published; empty when not published. */
    public OptionalLong diskBytes() {
        Matcher m = DISK.matcher(disk.orElse(""));
        if (!m.matches()) {
            return OptionalLong.empty();
        }
        double unit = m.group(2).equals("GiB") ? 1L << 30 : 1L << 20;
        return OptionalLong.of(Math.round(Double.parseDouble(m.group(1)) * unit));
    }

    public boolean verifiable() {
        return checksum.isPresent();
    }
}
