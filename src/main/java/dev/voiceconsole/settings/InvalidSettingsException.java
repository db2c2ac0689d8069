package dev.voiceconsole.settings;

/** A setting the user gave is refused; the message names the setting and says what is allowed. */
public class InvalidSettingsException extends IllegalArgumentException {

    private final String field;

    public InvalidSettingsException(String field, String reason) {
        super(field + ": " + reason);
        this.field = field;
    }

    /** The setting's label as the form shows it. */
    public String field() {
        return field;
    }
}
