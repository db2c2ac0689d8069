package dev.voiceconsole.contract;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The languages a session may ask for: whisper.cpp 1.7.1's table ({@code g_lang} in whisper.cpp), code and English
 * name, in whisper's order. Clients check a user's choice against it before anything is loaded, so a typo is said at
 * once and with a suggestion rather than by the worker after the model has loaded.
 */
public final class SpokenLanguages {

    /** Lets a session detect the language itself. */
    public static final String AUTO = "auto";

    private static final Map<String, String> NAMES = names();

    private SpokenLanguages() {}

    /**
     * The code for what a user typed: {@code auto}, a code ({@code de}, with or without a region: {@code pt-BR} is
     * {@code pt}) or an English name ({@code German}), in any case; empty when whisper knows no such language.
     */
    public static Optional<String> codeFor(String input) {
        String typed = input.strip().toLowerCase(Locale.ROOT).replace('_', '-');
        if (typed.equals(AUTO)) {
            return Optional.of(AUTO);
        }
        String base = typed.contains("-") ? typed.substring(0, typed.indexOf('-')) : typed;
        if (NAMES.containsKey(base)) {
            return Optional.of(base);
        }
        return NAMES.entrySet().stream()
                .filter(e -> e.getValue().toLowerCase(Locale.ROOT).equals(typed))
                .map(Map.Entry::getKey)
                .findFirst();
    }

    /**
     * The language whose name is nearest to a mistyped one ("englsh" is English), if any is near. Codes are too short
     * for a guess: every two letters are one letter away from some code.
     */
    public static Optional<String> nearest(String input) {
        String typed = input.strip().toLowerCase(Locale.ROOT);
        if (typed.length() <= 3) {
            return Optional.empty();
        }
        record Candidate(String code, int distance) {}
        return NAMES.entrySet().stream()
                .map(e -> new Candidate(e.getKey(), distance(typed, e.getValue().toLowerCase(Locale.ROOT))))
                .filter(c -> c.distance() <= Math.max(1, typed.length() / 3))
                .min(Comparator.comparingInt(Candidate::distance))
                .map(Candidate::code);
    }

    /** Every code whisper knows, in whisper's order (English first). */
    public static List<String> codes() {
        return List.copyOf(NAMES.keySet());
    }

    /** The English name of a code ("German" for de); empty when whisper knows no such code. */
    public static Optional<String> name(String code) {
        return Optional.ofNullable(NAMES.get(code));
    }

    /** "de (German)". */
    public static String describe(String code) {
        return code + " (" + NAMES.get(code) + ")";
    }

    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    private static Map<String, String> names() {
        List<String> table = List.of(
                "en English",
                "zh Chinese",
                "de German",
                "es Spanish",
                "ru Russian",
                "ko Korean",
                "fr French",
                "ja Japanese",
                "pt Portuguese",
                "tr Turkish",
                "pl Polish",
                "ca Catalan",
                "nl Dutch",
                "ar Arabic",
                "sv Swedish",
                "it Italian",
                "id Indonesian",
                "hi Hindi",
                "fi Finnish",
                "vi Vietnamese",
                "he Hebrew",
                "uk Ukrainian",
                "el Greek",
                "ms Malay",
                "cs Czech",
                "ro Romanian",
                "da Danish",
                "hu Hungarian",
                "ta Tamil",
                "no Norwegian",
                "th Thai",
                "ur Urdu",
                "hr Croatian",
                "bg Bulgarian",
                "lt Lithuanian",
                "la Latin",
                "mi Maori",
                "ml Malayalam",
                "cy Welsh",
                "sk Slovak",
                "te Telugu",
                "fa Persian",
                "lv Latvian",
                "bn Bengali",
                "sr Serbian",
                "az Azerbaijani",
                "sl Slovenian",
                "kn Kannada",
                "et Estonian",
                "mk Macedonian",
                "br Breton",
                "eu Basque",
                "is Icelandic",
                "hy Armenian",
                "ne Nepali",
                "mn Mongolian",
                "bs Bosnian",
                "kk Kazakh",
                "sq Albanian",
                "sw Swahili",
                "gl Galician",
                "mr Marathi",
                "pa Punjabi",
                "si Sinhala",
                "km Khmer",
                "sn Shona",
                "yo Yoruba",
                "so Somali",
                "af Afrikaans",
                "oc Occitan",
                "ka Georgian",
                "be Belarusian",
                "tg Tajik",
                "sd Sindhi",
                "gu Gujarati",
                "am Amharic",
                "yi Yiddish",
                "lo Lao",
                "uz Uzbek",
                "fo Faroese",
                "ht Haitian Creole",
                "ps Pashto",
                "tk Turkmen",
                "nn Nynorsk",
                "mt Maltese",
                "sa Sanskrit",
                "lb Luxembourgish",
                "my Myanmar",
                "bo Tibetan",
                "tl Tagalog",
                "mg Malagasy",
                "as Assamese",
                "tt Tatar",
                "haw Hawaiian",
                "ln Lingala",
                "ha Hausa",
                "ba Bashkir",
                "jw Javanese",
                "su Sundanese",
                "yue Cantonese");
        Map<String, String> names = new LinkedHashMap<>();
        for (String row : table) {
            int space = row.indexOf(' ');
            names.put(row.substring(0, space), row.substring(space + 1));
        }
        return java.util.Collections.unmodifiableMap(names);
    }
}
