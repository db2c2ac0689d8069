package dev.voiceconsole.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The measured figures of one bench run, by name, in the order they were measured, and the goals checked on them. */
public final class BenchFigures {

    /** A goal checked on the figures: {@code rule} says it in words, {@code met} whether this run met it. */
    public record Goal(String name, String rule, boolean met) {}

    private final Map<String, Double> values = new LinkedHashMap<>();
    private final List<Goal> goals = new ArrayList<>();

    void put(String name, double value) {
        values.put(name, value);
    }

    void goal(Goal goal) {
        goals.add(goal);
    }

    public Map<String, Double> values() {
        return Collections.unmodifiableMap(values);
    }

    public List<Goal> goals() {
        return List.copyOf(goals);
    }

    /** One flat object: the figures as numbers, then each goal as {@code "goal_NAME_met": true|false}. */
    public String toJson() {
        return Stream.concat(
                        values.entrySet().stream()
                                .map(e -> "  \"" + e.getKey() + "\": "
                                        + String.format(Locale.ROOT, "%.4f", e.getValue())),
                        goals.stream().map(g -> "  \"goal_" + g.name() + "_met\": " + g.met()))
                .collect(Collectors.joining(",\n", "{\n", "\n}\n"));
    }

    public String toTable() {
        int width = Stream.concat(values.keySet().stream(), goals.stream().map(g -> "goal " + g.name()))
                .mapToInt(String::length)
                .max()
                .orElse(10);
        StringBuilder out = new StringBuilder();
        values.forEach((k, v) -> out.append(String.format(Locale.ROOT, "%-" + width + "s  %12.3f%n", k, v)));
        goals.forEach(g -> out.append(String.format(
                Locale.ROOT,
                "%-" + width + "s  %12s  %s%n",
                "goal " + g.name(),
                g.met() ? "met" : "MISSED",
                g.rule())));
        return out.toString();
    }
}
