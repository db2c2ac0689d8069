"""Synthesizes the training pool (never committed): whole sentences and single words in the training voices.

    /usr/bin/python3 prepare.py --out data [--sentences 10000] [--word-voices 40] [--jobs 2]

Writes data/sentences.npz (int16 audio, offsets, texts) and data/words.npz (one clip per word and voice), and
heldout.tsv beside this file (the committed test list).
"""
import argparse
import multiprocessing as mp
import os
import random

import numpy as np

import corpus


def _synth(job):
    text, accent, variant, speed, pitch = job
    x = corpus.trim(corpus.espeak_wav(text, accent, variant, speed, pitch))
    return np.clip(np.round(x * 32767), -32768, 32767).astype(np.int16)


def _pack(clips):
    offsets = np.cumsum([0] + [len(c) for c in clips]).astype(np.int64)
    return np.concatenate(clips), offsets


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default=os.path.join(corpus.HERE, "data"))
    ap.add_argument("--sentences", type=int, default=10000)
    ap.add_argument("--word-voices", type=int, default=40)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    words = corpus.load_words()
    held = corpus.held_out_entries(words)
    corpus.write_held_out_tsv(os.path.join(corpus.HERE, "heldout.tsv"), held)
    held_keys = {corpus.sentence_key(e["text"]) for e in held}
    voices = corpus.training_voices()
    rng = random.Random(args.seed)

    jobs, texts = [], []
    while len(jobs) < args.sentences:
        text = corpus.random_sentence(rng, words)
        if corpus.sentence_key(text) in held_keys:
            continue
        accent, variant = rng.choice(voices)
        jobs.append((text, accent, variant, rng.randint(*corpus.SPEED_WPM), rng.randint(*corpus.PITCH)))
        texts.append(text)
    word_jobs, word_ids, word_voice = [], [], []
    for k in range(args.word_voices):
        accent, variant = voices[(k * 7) % len(voices)] if k < len(voices) else rng.choice(voices)
        speed, pitch = rng.randint(*corpus.SPEED_WPM), rng.randint(*corpus.PITCH)
        for i, w in enumerate(words):
            word_jobs.append((w, accent, variant, speed, pitch))
            word_ids.append(i)
            word_voice.append(k)

    with mp.Pool(args.jobs) as pool:
        clips = pool.map(_synth, jobs, chunksize=64)
        audio, offsets = _pack(clips)
        np.savez(os.path.join(args.out, "sentences.npz"), audio=audio, offsets=offsets, texts=np.array(texts),
                 voices=np.array([f"{j[1]}+{j[2]}" for j in jobs]))
        print(f"sentences: {len(clips)}, {len(audio) / corpus.SAMPLE_RATE / 3600:.2f} h", flush=True)
        wclips = pool.map(_synth, word_jobs, chunksize=64)
        waudio, woffsets = _pack(wclips)
        np.savez(os.path.join(args.out, "words.npz"), audio=waudio, offsets=woffsets, word=np.array(word_ids),
                 voice=np.array(word_voice))
        print(f"words: {len(wclips)} clips", flush=True)


if __name__ == "__main__":
    main()
