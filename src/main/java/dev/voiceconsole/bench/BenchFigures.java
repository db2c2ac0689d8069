package dev.voiceconsole.bench;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The measured figures of one bench run, by name, in the order they were measured. */
public final class BenchFigures {

    private final Map<String, Double> values = new LinkedHashMap<>();

    void put(String name, double value) {
        values.put(name, value);
    }

    public Map<String, Double> values() {
        return Collections.unmodifiableMap(values);
    }

    public String toJson() {
        return values.entrySet().stream()
                .map(e -> "  \"" + e.getKey() + "\": " + String.format(Locale.ROOT, "%.4f", e.getValue()))
                .collect(Collectors.joining(",\n", "{\n", "\n}\n"));
    }

    public String toTable() {
        int width = values.keySet().stream().mapToInt(String::length).max().orElse(10);
        StringBuilder out = new StringBuilder();
        values.forEach((k, v) -> out.append(String.format(Locale.ROOT, "%-" + width + "s  %12.3f%n", k, v)));
        return out.toString();
    }
}
