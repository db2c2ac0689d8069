package dev.voiceconsole.audio;

import java.io.IOException;

/**
 * An audio file that cannot be used, with a message meant for the person who chose the file
 * (e.g. "clip.wav uses compressed format 0x0055 (MP3); only PCM WAV is supported").
 */
public class InvalidAudioException extends IOException {

    public InvalidAudioException(String message) {
        super(message);
    }
}
