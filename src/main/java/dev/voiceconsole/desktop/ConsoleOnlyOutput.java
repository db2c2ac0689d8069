package dev.voiceconsole.desktop;

/** Text stays in the console window only. */
final class ConsoleOnlyOutput implements TextOutput {

    @Override
    public void send(String text) {
        // the console already shows every segment; nothing more to do
    }

    @Override
    public String description() {
        return "console only";
    }
}
