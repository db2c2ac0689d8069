"""The fixture model's corpus: a fixed vocabulary spoken by espeak-ng, with voices and sentences held out for testing.

Everything here is deterministic for a given seed. Audio is 16 kHz mono float32 in [-1, 1].
"""
import hashlib
import math
import os
import random
import subprocess
import tempfile
import wave

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
SAMPLE_RATE = 16_000

ACCENTS = ["en", "en-us", "en-gb-scotland", "en-gb-x-rp", "en-029", "en-gb-x-gbclan", "en-gb-x-gbcwmd", "en-us-nyc"]
VARIANTS = ["m1", "m2", "m3", "m4", "m5", "m6", "m7", "f1", "f2", "f3", "f4", "klatt", "klatt2", "klatt3", "croak"]
# Voice/variant combinations never heard in training: the held-out set is spoken by these only.
HELD_OUT_VOICES = [("en-us", "f3"), ("en-gb-x-rp", "m4")]
SPEED_WPM = (140, 200)
PITCH = (30, 70)
# Sentences the acceptance tests dictate by name; held out like the random ones.
FIXED_TEST_SENTENCES = [
    "hello world new line second line period",
    "please send the report with David tomorrow morning",
    "scratch that",
    "the meeting is on Friday at ten",
    "call my sister after lunch comma please",
]


def load_words():
    with open(os.path.join(HERE, "words.txt"), encoding="utf-8") as f:
        return [w.strip() for w in f if w.strip()]


def training_voices():
    return [(a, v) for a in ACCENTS for v in VARIANTS if (a, v) not in HELD_OUT_VOICES]


def random_sentence(rng, words, min_words=1, max_words=15):
    n = rng.choice(range(min_words, max_words + 1))
    return " ".join(rng.choice(words) for _ in range(n))


def held_out_sentences(words, count=100, seed=1234):
    rng = random.Random(seed)
    out = list(FIXED_TEST_SENTENCES)
    while len(out) < count:
        s = random_sentence(rng, words, 2, 12)
        if s not in out:
            out.append(s)
    return out


def sentence_key(text):
    return hashlib.sha1(text.lower().encode()).hexdigest()


def espeak_wav(text, accent, variant, speed, pitch, resampler=None):
    """Synthesizes text with espeak-ng; returns 16-kHz float32 audio (espeak speaks at 22,050 Hz), resampled by
    resampler (default: the spectral resample() the training data was made with)."""
    with tempfile.NamedTemporaryFile(suffix=".wav") as tmp:
        subprocess.run(["espeak-ng", "-v", f"{accent}+{variant}", "-s", str(speed), "-p", str(pitch),
                        "-w", tmp.name, text], check=True, capture_output=True)
        with wave.open(tmp.name) as w:
            rate = w.getframerate()
            x = np.frombuffer(w.readframes(w.getnframes()), dtype="<i2").astype(np.float32) / 32768.0
    return (resampler or resample)(x, rate, SAMPLE_RATE)


def resample(x, src, dst):
    """Band-limited resampling through the spectrum (exact for these short clips, no extra dependency)."""
    if src == dst:
        return x
    n_out = int(round(len(x) * dst / src))
    spec = np.fft.rfft(x)
    keep = n_out // 2 + 1
    out_spec = np.zeros(keep, dtype=np.complex128)
    m = min(keep, len(spec))
    out_spec[:m] = spec[:m]
    return (np.fft.irfft(out_spec, n_out) * (n_out / len(x))).astype(np.float32)


def app_resample(x, src, dst, attenuation_db=80.0):
    """The app's audio.Resampler (a Kaiser-windowed sinc, pass band to 7/16 of the lower rate, stop band from half
    of it; output n is the input at time n * src / dst, silence before and after), for a whole clip at once.
    The tests hear espeak-ng through it, so the parity reference must too: the spectral resample() differs by up to
    0.2 in a sample near transients, enough to flip a word in a tenth of the held-out set."""
    if src == dst:
        return x
    g = math.gcd(src, dst)
    up, down = dst // g, src // g
    if up > 2048:
        raise ValueError("irregular rate ratios (interpolated phases) are not reproduced here")
    lower = min(src, dst)
    cutoff = (0.4375 + 0.5) / 2 * lower / src
    transition = (0.5 - 0.4375) * lower / src
    half = int(math.ceil((attenuation_db - 7.95) / (14.36 * transition) / 2))
    taps = 2 * half
    beta = 0.1102 * (attenuation_db - 8.7)
    tau = np.arange(up)[:, None] / up + half - 1 - np.arange(taps)[None, :]
    u = tau / half
    inside = np.abs(u) < 1
    window = np.i0(beta * np.sqrt(np.clip(1 - u * u, 0, None))) / np.i0(beta)
    rows = np.where(inside, 2 * cutoff * np.sinc(2 * cutoff * tau) * window, 0.0)
    table = (rows / rows.sum(axis=1, keepdims=True)).astype(np.float32)
    n_out = -(-len(x) * up // down)
    n = np.arange(n_out, dtype=np.int64)
    base, phase = (n * down) // up, (n * down) % up
    padded = np.concatenate([np.zeros(half, np.float32), x.astype(np.float32), np.zeros(half, np.float32)])
    # input index base - half + 1 + m sits at padded[base + 1 + m]
    idx = base[:, None] + 1 + np.arange(taps)[None, :]
    return (padded[idx] * table[phase]).sum(axis=1, dtype=np.float32)


def trim(x, threshold=0.004, margin=0.005):
    """The speech span of a synthesized clip: first to last sample above threshold, with a few ms of margin."""
    idx = np.nonzero(np.abs(x) > threshold)[0]
    if len(idx) == 0:
        return x[:0]
    pad = int(margin * SAMPLE_RATE)
    return x[max(0, idx[0] - pad): idx[-1] + pad + 1]


def held_out_entries(words):
    """The committed test list: each held-out sentence with the voice that speaks it."""
    rng = random.Random(99)
    entries = []
    for i, text in enumerate(held_out_sentences(words)):
        accent, variant = HELD_OUT_VOICES[i % len(HELD_OUT_VOICES)]
        entries.append(dict(id=f"h{i:03d}", text=text, accent=accent, variant=variant,
                            speed=rng.randint(*SPEED_WPM), pitch=rng.randint(*PITCH)))
    return entries


def write_held_out_tsv(path, entries):
    with open(path, "w", encoding="utf-8") as f:
        f.write("id\taccent\tvariant\tspeed\tpitch\ttext\n")
        for e in entries:
            f.write(f"{e['id']}\t{e['accent']}\t{e['variant']}\t{e['speed']}\t{e['pitch']}\t{e['text']}\n")


def read_held_out_tsv(path):
    with open(path, encoding="utf-8") as f:
        lines = f.read().splitlines()[1:]
    out = []
    for line in lines:
        i, a, v, s, p, t = line.split("\t")
        out.append(dict(id=i, accent=a, variant=v, speed=int(s), pitch=int(p), text=t))
    return out
