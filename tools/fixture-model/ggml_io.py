"""Reads the parts of a whisper.cpp ggml model file the fixture needs: hparams, mel filters and the vocabulary."""
import struct

import numpy as np

MAGIC = 0x67676D6C
HPARAM_NAMES = ("n_vocab", "n_audio_ctx", "n_audio_state", "n_audio_head", "n_audio_layer",
                "n_text_ctx", "n_text_state", "n_text_head", "n_text_layer", "n_mels", "ftype")


def read_header(path):
    """Returns (hparams dict, mel filters [n_mel, n_fft] float32, vocab list of bytes)."""
    with open(path, "rb") as f:
        (magic,) = struct.unpack("<I", f.read(4))
        if magic != MAGIC:
            raise ValueError(f"{path}: not a ggml whisper model (magic {magic:#x})")
        hp = dict(zip(HPARAM_NAMES, struct.unpack("<11i", f.read(44))))
        n_mel, n_fft = struct.unpack("<2i", f.read(8))
        filters = np.frombuffer(f.read(4 * n_mel * n_fft), dtype="<f4").reshape(n_mel, n_fft).copy()
        (n_tokens,) = struct.unpack("<i", f.read(4))
        vocab = []
        for _ in range(n_tokens):
            (length,) = struct.unpack("<I", f.read(4))
            vocab.append(f.read(length))
    return hp, filters, vocab


class SpecialTokens:
    """whisper.cpp 1.7.1's ids for an English-only model: eot is the last stored text token; the specials follow it
    (whisper_model_load assigns them from n_vocab, it does not read them from the file)."""

    def __init__(self, n_vocab, n_stored):
        if n_vocab != 51864 or n_stored != 50257:
            raise ValueError(f"expected an English-only vocabulary (51864 ids, 50257 stored), got {n_vocab}/{n_stored}")
        self.eot = 50256
        self.sot = 50257
        self.translate = 50357
        self.transcribe = 50358
        self.solm = 50359
        self.prev = 50360
        self.nosp = 50361
        self.notimestamps = 50362
        self.beg = 50363  # <|0.00|>; one id per 20 ms up to 30.00 s
        self.n_vocab = n_vocab

    def timestamp(self, seconds):
        return self.beg + int(round(seconds / 0.02))
