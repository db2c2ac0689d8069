package dev.voiceconsole.transcript;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The file formats a transcript can be saved as. */
public enum TranscriptFormat {
    TXT("txt"),
    JSON("json"),
    SRT("srt"),
    VTT("vtt");

    private static final ObjectMapper JSON_MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final String extension;

    TranscriptFormat(String extension) {
        this.extension = extension;
    }

    public String extension() {
        return extension;
    }

    /** Parses a user's format name ("srt", "SRT"); the message lists the valid ones. */
    public static TranscriptFormat parse(String name) {
        for (TranscriptFormat f : values()) {
            if (f.extension.equalsIgnoreCase(name)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown format '" + name + "' (use txt, json, srt or vtt)");
    }

    /** The format a file name's extension names; no extension means plain text. */
    public static TranscriptFormat forFileName(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? TXT : parse(name.substring(dot + 1));
    }

    /** The transcript in this format; SRT and WebVTT cues laid out as {@link CueLayout#defaults()}. */
    public String render(List<TranscriptSegment> segments) {
        return render(segments, CueLayout.defaults());
    }

    /** The transcript in this format; {@code layout} shapes SRT and WebVTT cues and leaves TXT and JSON alone. */
    public String render(List<TranscriptSegment> segments, CueLayout layout) {
        return switch (this) {
            case TXT -> renderText(segments);
            case JSON -> renderJson(segments);
            case SRT -> renderCues(SubtitleCues.of(segments, layout), false);
            case VTT -> "WEBVTT\n\n" + renderCues(SubtitleCues.of(segments, layout), true);
        };
    }

    private static String renderText(List<TranscriptSegment> segments) {
        StringBuilder out = new StringBuilder();
        for (TranscriptSegment s : segments) {
            if (!s.text().isEmpty()) {
                out.append(s.text()).append('\n');
            }
        }
        return out.toString();
    }

    private static String renderJson(List<TranscriptSegment> segments) {
        List<Map<String, Object>> rows =
                segments.stream().map(TranscriptFormat::jsonRow).toList();
        try {
            return JSON_MAPPER.writeValueAsString(Map.of("segments", rows)) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot render transcript as JSON", e);
        }
    }

    /** One segment as JSON; its words (word, start, end, probability) only where the engine gave them. */
    private static Map<String, Object> jsonRow(TranscriptSegment s) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", s.id());
        row.put("start", s.startS());
        row.put("end", s.endS());
        row.put("text", s.text());
        if (!s.words().isEmpty()) {
            row.put(
                    "words",
                    s.words().stream()
                            .map(w -> {
                                Map<String, Object> word = new LinkedHashMap<>();
                                word.put("word", w.text());
                                word.put("start", w.startS());
                                word.put("end", w.endS());
                                word.put("probability", w.probability());
                                return word;
                            })
                            .toList());
        }
        return row;
    }

    /**
     * WebVTT cue text with each word after the first preceded by its start as a cue timestamp (the karaoke form
     * players use to highlight the word being spoken); the plain lines where there are no words. The timestamps stay
     * inside the cue and never go back, as WebVTT requires; {@code & < >} are escaped, as cue text requires.
     */
    private static String vttText(SubtitleCue cue) {
        if (cue.words().isEmpty()) {
            return vttEscape(cue.text());
        }
        StringBuilder text = new StringBuilder();
        double last = cue.startS();
        int index = 0;
        for (List<String> line : cue.lines()) {
            if (index > 0) {
                text.append('\n');
            }
            for (int i = 0; i < line.size(); i++, index++) {
                if (index > 0) {
                    last = Math.min(Math.max(cue.words().get(index).startS(), last), cue.endS());
                    text.append(i > 0 ? " <" : "<")
                            .append(timestamp(last, true))
                            .append('>');
                }
                text.append(vttEscape(line.get(i)));
            }
        }
        return text.toString();
    }

    private static String vttEscape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String renderCues(List<SubtitleCue> cues, boolean vtt) {
        StringBuilder out = new StringBuilder();
        int number = 1;
        for (SubtitleCue cue : cues) {
            out.append(number++)
                    .append('\n')
                    .append(timestamp(cue.startS(), vtt))
                    .append(" --> ")
                    .append(timestamp(cue.endS(), vtt))
                    .append('\n')
                    .append(vtt ? vttText(cue) : cue.text())
                    .append("\n\n");
        }
        return out.toString();
    }

    /** SRT wants a comma before the milliseconds, WebVTT a dot. */
    static String timestamp(double seconds, boolean vtt) {
        long ms = Math.round(Math.max(0, seconds) * 1000);
        return String.format(
                Locale.ROOT,
                "%02d:%02d:%02d%s%03d",
                ms / 3_600_000,
                (ms / 60_000) % 60,
                (ms / 1000) % 60,
                vtt ? "." : ",",
                ms % 1000);
    }
}
