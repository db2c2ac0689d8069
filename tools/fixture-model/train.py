"""Trains the fixture model on the synthesized pool, with checkpoints to resume from.

    /usr/bin/python3 train.py --data data --run runs/main [--steps 12000] [--resume]

Each step composes fresh utterances from the pool (whole sentences, words strung together, several sentences
with pauses, utterances cut mid-way as a live buffer is, noise alone), augments them (gain, noise, reverberation),
computes whisper.cpp's features for the encoder window engine.EncoderWindow would choose, and trains on
whisper-style targets with timestamp tokens, sometimes after a prompt as DecodeContext sends one. An auxiliary
CTC loss on the encoder speeds up learning to listen; it is not exported.
"""
import argparse
import glob
import json
import math
import os
import random
import time

import numpy as np
import torch
import torch.nn.functional as F

import corpus
from ggml_io import SpecialTokens, read_header
from whisper_model import LogMel, Vocab, Whisper, audio_ctx_for, greedy_decode, output_logits

SR = corpus.SAMPLE_RATE
DEFAULT_HEADER = os.path.join(corpus.HERE, "..", "..", "..", "shared", "eval", "for-tests-ggml-tiny.en.bin")


def wer_counts(ref, hyp):
    r, h = ref.split(), hyp.split()
    d = list(range(len(h) + 1))
    for i in range(1, len(r) + 1):
        prev, d[0] = d[0], i
        for j in range(1, len(h) + 1):
            cur = min(d[j] + 1, d[j - 1] + 1, prev + (r[i - 1] != h[j - 1]))
            prev, d[j] = d[j], cur
    return d[len(h)], len(r)


class Pool:
    def __init__(self, data_dir):
        s = np.load(os.path.join(data_dir, "sentences.npz"))
        self.s_audio, self.s_off, self.s_text = s["audio"], s["offsets"], [str(t) for t in s["texts"]]
        self.s_nwords = np.array([len(t.split()) for t in self.s_text])
        w = np.load(os.path.join(data_dir, "words.npz"))
        self.w_audio, self.w_off, self.w_word, self.w_voice = w["audio"], w["offsets"], w["word"], w["voice"]
        self.by_voice = {}
        for i, v in enumerate(self.w_voice):
            self.by_voice.setdefault(int(v), {})[int(self.w_word[i])] = i

    def sentence(self, i):
        return self.s_audio[self.s_off[i]:self.s_off[i + 1]].astype(np.float32) / 32768.0, self.s_text[i]

    def word(self, i):
        return self.w_audio[self.w_off[i]:self.w_off[i + 1]].astype(np.float32) / 32768.0


class Composer:
    """Makes one training example: audio and its segments [(t0, t1, text)] in seconds from the clip start."""

    def __init__(self, pool, words, rng, long_share=0.25):
        self.long_share = long_share
        self.pool, self.words, self.rng = pool, words, rng

    KINDS = ("white", "pink", "brown", "babble", "clicks", "hum")

    def _make_noise(self, n, kind):
        rng = self.rng
        if kind == "white":
            x = np.random.randn(n)
        elif kind in ("pink", "brown"):
            spec = np.fft.rfft(np.random.randn(n))
            f = np.maximum(np.arange(len(spec)), 1)
            spec /= np.sqrt(f) if kind == "pink" else f
            x = np.fft.irfft(spec, n)
        elif kind == "babble":  # overlapping speech of the training voices at low level
            x = np.zeros(n)
            for _ in range(int(n / SR * 1.5)):
                a, _ = self.pool.sentence(rng.randrange(len(self.pool.s_text)))
                start = rng.randrange(max(1, n))
                seg = a[: n - start]
                x[start:start + len(seg)] += seg
        elif kind == "clicks":  # keyboard-like
            x = np.zeros(n)
            for _ in range(int(n / SR * 5)):
                p = rng.randrange(n)
                ln = min(n - p, 300)
                x[p:p + ln] += np.random.randn(ln) * np.exp(-np.arange(ln) / 40)
        else:  # a music-like mix of tones, changing every second
            x = np.zeros(n)
            t = np.arange(SR) / SR
            for s0 in range(0, n, SR):
                chunk = sum(np.sin(2 * np.pi * rng.uniform(80, 900) * t + rng.uniform(0, 6)) for _ in range(3))
                x[s0:s0 + SR] = chunk[: n - s0]
        return (x / (np.sqrt(np.mean(x ** 2)) + 1e-9)).astype(np.float32)

    def noise(self, n, kind=None):
        """A random stretch of a precomputed 64-s bank per noise kind (computing noise per clip was the bottleneck)."""
        if not hasattr(self, "banks"):
            self.banks = {k: self._make_noise(1 << 20, k) for k in self.KINDS}
        bank = self.banks[kind or self.rng.choice(self.KINDS)]
        if n >= len(bank):
            return np.resize(bank, n)
        start = self.rng.randrange(len(bank) - n)
        return bank[start:start + n]

    def words_clip(self, n_words):
        """Words of one training voice strung together with short gaps: boundaries exactly known."""
        rng = self.rng
        voice = rng.choice(list(self.pool.by_voice))
        ids = [rng.randrange(len(self.words)) for _ in range(n_words)]
        parts, t = [], 0.0
        for k, wid in enumerate(ids):
            a = self.pool.word(self.pool.by_voice[voice][wid])
            if k:
                gap = np.zeros(int(rng.uniform(0.02, 0.18) * SR), np.float32)
                parts.append(gap)
            parts.append(a)
        audio = np.concatenate(parts)
        return audio, " ".join(self.words[i] for i in ids), ids, voice

    def truncated(self, level):
        """A live buffer cut during speech: only words that ended before the cut are targets."""
        rng = self.rng
        voice = rng.choice(list(self.pool.by_voice))
        n = rng.randint(2, 4 + round(6 * level))
        pieces, ends, t = [], [], 0
        words = []
        for k in range(n):
            wid = rng.randrange(len(self.words))
            a = self.pool.word(self.pool.by_voice[voice][wid])
            if k:
                g = int(rng.uniform(0.02, 0.18) * SR)
                pieces.append(np.zeros(g, np.float32))
                t += g
            pieces.append(a)
            t += len(a)
            ends.append(t)
            words.append(self.words[wid])
        audio = np.concatenate(pieces)
        cut = rng.randint(len(audio) // 3, len(audio) - 1)
        done = [w for w, e in zip(words, ends) if e <= cut]
        end = max([e for e in ends if e <= cut], default=0)
        return audio[:cut], " ".join(done), end / SR

    def piece(self, max_words=8):
        """A sentence of the pool (65 %) or words strung together: audio and text."""
        if self.rng.random() < 0.65:
            return self.pool.sentence(self.rng.randrange(len(self.pool.s_text)))
        a, text, _, _ = self.words_clip(self.rng.randint(1, max_words))
        return a, text

    def long_form(self):
        """A decode window as the batch path packs it: whole utterances with pauses of up to 1.5 s, filling up to
        30 s. Whisper.cpp then sees 5-10 sentences in one window; with only 2-4 in training the model merged
        sentences into one segment and dropped whole ones at a window's end (session 9)."""
        target = self.rng.uniform(12, 29.3) * SR
        pieces, total = [], 0
        while True:
            a, text = self.piece()
            if pieces and total + len(a) > target:
                return pieces
            pieces.append((a, text))
            total += len(a) + int(0.9 * SR)

    def example(self, level):
        """level 0..1 widens the examples from short clips (<= 4 words, two sentences) to the full range."""
        rng = self.rng
        lead = rng.uniform(0.05, 0.9)
        kind = rng.random()
        segs = []
        gaps = (0.5, 1.5)
        if kind < 0.05:
            body = np.zeros(int(rng.uniform(0.5, 6) * SR), np.float32)
            pieces = [(body, None)]
        elif kind < 0.13:
            a, text, end = self.truncated(level)
            pieces = [(a, (text, end))]
        elif kind < 0.9 - (self.long_share + 0.05) * level:
            if rng.random() < 0.65:
                cand = np.nonzero(self.pool.s_nwords <= 4 + round(11 * level))[0]
                a, text = self.pool.sentence(int(rng.choice(cand)))
            else:
                a, text, _, _ = self.words_clip(rng.randint(1, 4 + round(8 * level)))
            pieces = [(a, text)]
        elif kind < 1 - self.long_share * level:
            pieces = [self.piece() for _ in range(rng.randint(2, 2 + round(2 * level)))]
        else:
            pieces, gaps, lead = self.long_form(), (0.3, 1.5), rng.uniform(0.05, 0.5)
        parts = [np.zeros(int(lead * SR), np.float32)]
        t = len(parts[0])
        for k, (a, text) in enumerate(pieces):
            if k:
                gap = np.zeros(int(rng.uniform(*gaps) * SR), np.float32)
                parts.append(gap)
                t += len(gap)
            if text is None:
                pass
            elif isinstance(text, tuple):
                words, end = text
                if words:
                    segs.append((t / SR, t / SR + end, words))
            else:
                segs.append((t / SR, (t + len(a)) / SR, text))
            parts.append(a)
            t += len(a)
            if t > 29.5 * SR:
                break
        if not (segs and isinstance(pieces[-1][1], tuple)):
            parts.append(np.zeros(int(rng.uniform(0.1, 1.0) * SR), np.float32))
        audio = np.concatenate(parts)[: 30 * SR]
        segs = [s for s in segs if s[1] <= len(audio) / SR]
        return self.augment(audio), segs

    def augment(self, x):
        rng = self.rng
        if rng.random() < 0.3:
            n = int(rng.uniform(0.08, 0.4) * SR)
            ir = np.random.randn(n) * np.exp(-np.arange(n) / (n / 5))
            ir[0] = 1.0 / rng.uniform(0.3, 1.0)
            m = 1 << (len(x) + n - 1).bit_length()
            xt, irt = torch.from_numpy(x.astype(np.float32)), torch.from_numpy(ir.astype(np.float32))
            x = torch.fft.irfft(torch.fft.rfft(xt, m) * torch.fft.rfft(irt, m), m)[: len(x)].numpy()
        speech_rms = np.sqrt(np.mean(x[np.abs(x) > 1e-4] ** 2)) if np.any(np.abs(x) > 1e-4) else 0.1
        if rng.random() < 0.5:
            snr = rng.uniform(10, 40)
            x = x + self.noise(len(x)) * speech_rms * 10 ** (-snr / 20)
        elif speech_rms < 0.05 and rng.random() < 0.5:
            x = x + self.noise(len(x)) * 0.02 * 10 ** (-rng.uniform(0, 2))
        peak = np.max(np.abs(x)) + 1e-9
        x = x / peak * rng.uniform(0.05, 0.9)
        return (np.round(x * 32767) / 32767).astype(np.float32)


class Batcher:
    POSITIONS = 4096

    def __init__(self, composer, vocab, mel, words, rng):
        self.c, self.vocab, self.mel, self.words, self.rng = composer, vocab, mel, words, rng
        self.buckets = {}

    def targets(self, segs):
        """Target tokens with timestamps, and for each the encoder frame (50 a second) it is heard at: where its
        segment starts or ends for a timestamp, its share of the segment for a text token (the attention guide)."""
        sp = self.vocab.sp
        toks, frames = [], []
        if not segs:
            return [sp.beg, sp.eot], [0.0, 0.0]
        for t0, t1, text in segs:
            a = min(1500, max(0, int(round(t0 / 0.02))))
            b = min(1500, max(a + 1, int(round(t1 / 0.02))))
            words = self.vocab.encode(text)
            toks += [sp.beg + a] + words + [sp.beg + b]
            frames += [t0 * 50] + [(t0 + (k + 0.5) / len(words) * (t1 - t0)) * 50 for k in range(len(words))] + [t1 * 50]
        return toks + [sp.eot], frames + [segs[-1][1] * 50]

    def prompt(self, level):
        """Half the examples follow a prompt: random words, or (as the worker sends) the tail of the text said
        before, up to 60 words; a model trained on short random prompts only lost words after a 200-character one
        (held-out WER 0.06 -> 0.32, session 10)."""
        if self.rng.random() >= 0.5 * level:
            return []
        if self.rng.random() < 0.4:
            n = self.rng.randint(1, 25)
            return self.vocab.encode(" ".join(self.rng.choice(self.words) for _ in range(n)))
        n = self.rng.randint(2, 60)
        said = []
        while len(said) < n:
            said = self.c.pool.s_text[self.rng.randrange(len(self.c.pool.s_text))].split() + said
        return self.vocab.encode(" ".join(said[-n:]))

    def next(self, level):
        while True:
            audio, segs = self.c.example(level)
            ctx = audio_ctx_for(len(audio))
            self.buckets.setdefault(ctx, []).append((audio, segs))
            size = max(4, self.POSITIONS // ctx)
            if len(self.buckets[ctx]) >= size:
                items, self.buckets[ctx] = self.buckets[ctx], []
                return self.collate(items, ctx, level)

    def collate(self, items, ctx, level):
        sp, v = self.vocab.sp, self.vocab
        seqs, ctc, clips, guide = [], [], [], []
        for audio, segs in items:
            a = torch.from_numpy(audio)
            if len(a) < 17_600:
                a = torch.cat([a, torch.zeros(17_600 - len(a))])
            clips.append(a)
            prompt = self.prompt(level)
            prefix = ([sp.prev] + prompt if prompt else []) + [sp.sot]
            tgt, frames = self.targets(segs)
            seqs.append((prefix, tgt))
            guide.append((len(prefix) - 1, frames))
            ctc.append([v.text_index[t] for t in tgt if t < sp.eot])
        length = max(len(p) + len(t) for p, t in seqs)
        inp = torch.zeros(len(items), length - 1, dtype=torch.long)
        lab = torch.full((len(items), length - 1), -100, dtype=torch.long)
        for i, (p, t) in enumerate(seqs):
            full = p + t
            inp[i, : len(full) - 1] = torch.tensor([v.cindex[x] for x in full[:-1]])
            lab[i, len(p) - 1: len(full) - 1] = torch.tensor([v.out_index[x] for x in t])
        expected = torch.full(lab.shape, -1.0)
        for i, (start, frames) in enumerate(guide):
            expected[i, start: start + len(frames)] = torch.tensor(frames)
        return self.mel.batch(clips, ctx), inp, lab, ctc, expected


def attention_guide_loss(model, expected):
    """Guided attention (Tachibana et al. 2018): the first head of each decoder block's cross-attention is pulled
    towards the frame where the token it predicts is spoken. Without it the decoder sat on a plateau where
    attention never followed the words (session 5, 600 steps); with it alignment comes in a few hundred."""
    mask = expected >= 0
    if not mask.any():
        return torch.tensor(0.0)
    losses = []
    for block in model.dec_blocks:
        w = block.cross_attn.last_weights[:, 0]  # [b, tokens, frames]
        f = torch.arange(w.shape[-1], dtype=torch.float32)
        far = 1 - torch.exp(-((f[None, None, :] - expected[..., None]) ** 2) / (2 * 12.0 ** 2))
        losses.append((w * far).sum(-1)[mask].mean())
    return sum(losses) / len(losses)


def evaluate(model, vocab, mel, held, limit=None):
    model.eval()
    errs = n = 0
    shown = []
    for audio, text in held[:limit]:
        a = torch.from_numpy(audio)
        a = torch.cat([a, torch.zeros(max(0, 17_600 - len(a)))])
        segs, _ = greedy_decode(model, vocab, mel(a, audio_ctx_for(len(a))))
        hyp = " ".join(s[2] for s in segs)
        e, m = wer_counts(text, hyp)
        errs, n = errs + e, n + m
        if len(shown) < 3:
            shown.append(f"{text!r} -> {hyp!r}")
    model.train()
    return errs / max(1, n), shown


def evaluate_windows(model, vocab, mel, windows):
    """WER over packed windows of held-out sentences (the batch path's decode of a recording), prompted with the
    text of the window before, as OfflineTranscriptionPolicy prompts."""
    model.eval()
    errs = n = 0
    said = ""
    for audio, text in windows:
        prompt = vocab.encode(" ".join(said.split()[-35:]))
        segs, _ = greedy_decode(model, vocab, mel(torch.from_numpy(audio), audio_ctx_for(len(audio))), prompt, 300)
        e, m = wer_counts(text, " ".join(s[2] for s in segs))
        errs, n, said = errs + e, n + m, said + " " + text
    model.train()
    return errs / max(1, n)


def held_out_windows(held):
    """Held-out sentences packed into windows of at most 29 s with 1.0-1.5-s pauses, as bench speaks them."""
    rng = random.Random(7)
    windows, parts, texts, length = [], [], [], 0
    for audio, text in held:
        gap = np.zeros(int(rng.uniform(1.0, 1.5) * SR), np.float32)
        if parts and length + len(gap) + len(audio) > 29 * SR:
            windows.append((np.concatenate(parts), " ".join(texts)))
            parts, texts, length = [], [], 0
        parts += [gap, audio] if parts else [audio]
        texts.append(text)
        length += len(gap) + len(audio)
    windows.append((np.concatenate(parts), " ".join(texts)))
    return windows


def held_out_audio(count):
    words = corpus.load_words()
    entries = corpus.read_held_out_tsv(os.path.join(corpus.HERE, "heldout.tsv"))[:count]
    out = []
    for e in entries:
        a = corpus.trim(corpus.espeak_wav(e["text"], e["accent"], e["variant"], e["speed"], e["pitch"],
                                          corpus.app_resample))
        lead = np.zeros(int(0.3 * SR), np.float32)
        tail = np.zeros(int(0.4 * SR), np.float32)
        out.append((np.concatenate([lead, a, tail]), e["text"]))
    return out


def learning_rate(step, warm_from, args):
    """Constant after a linear warm-up (from the start, or from a resume without optimizer state), then a linear
    decay to 5 % from --decay-from."""
    lr = args.lr
    if step >= args.decay_from:
        lr *= max(0.05, 1 - (step - args.decay_from) / max(1, args.steps - args.decay_from))
    if step - warm_from < args.warmup:
        lr *= (step - warm_from + 1) / args.warmup
    return lr


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default=os.path.join(corpus.HERE, "data"))
    ap.add_argument("--run", default=os.path.join(corpus.HERE, "runs", "main"))
    ap.add_argument("--header", default=DEFAULT_HEADER, help="a ggml tiny.en file: vocabulary and mel filters")
    ap.add_argument("--steps", type=int, default=12000)
    ap.add_argument("--curriculum-steps", type=int, default=300, help="steps on short clips only")
    ap.add_argument("--ramp-steps", type=int, default=1200,
                    help="steps over which the examples then widen to the full range (a cliff undid the curriculum)")
    ap.add_argument("--lr", type=float, default=1.5e-3)
    ap.add_argument("--warmup", type=int, default=300)
    ap.add_argument("--decay-from", type=int, default=8000)
    ap.add_argument("--ctc-weight", type=float, default=0.3)
    ap.add_argument("--guide-steps", type=int, default=1500, help="steps with the attention guide loss")
    ap.add_argument("--guide-weight", type=float, default=1.0)
    ap.add_argument("--eval-every", type=int, default=250)
    ap.add_argument("--keep", default="150,300,500,800", help="early checkpoints kept for the guard fixture")
    ap.add_argument("--long-share", type=float, default=0.25,
                    help="share of full 30-s packed windows once the curriculum is done")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--resume", action="store_true")
    ap.add_argument("--eval-only", action="store_true", help="evaluate the resumed checkpoint and stop")
    ap.add_argument("--encoder", help="start the encoder and CTC head from pretrain.py's checkpoint")
    ap.add_argument("--threads", type=int, default=2)
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    np.random.seed(args.seed)
    rng = random.Random(args.seed)
    os.makedirs(args.run, exist_ok=True)

    hp, filters, stored = read_header(args.header)
    words = corpus.load_words()
    vocab = Vocab(stored, SpecialTokens(hp["n_vocab"], len(stored)), words)
    vocab.out_index = {t: i for i, t in enumerate(vocab.out_ids)}
    vocab.text_index = {t: i + 1 for i, t in enumerate(vocab.text_ids)}
    mel = LogMel(filters)
    model = Whisper(n_tokens=len(vocab.compact))
    ctc_head = torch.nn.Linear(model.dims["d"], len(vocab.text_ids) + 1)
    params = list(model.parameters()) + list(ctc_head.parameters())
    opt = torch.optim.AdamW(params, lr=args.lr, betas=(0.9, 0.98), weight_decay=0.01)
    step = 0
    warm_from = 0
    if args.encoder and not args.resume:
        st = torch.load(args.encoder)
        enc = {k: v for k, v in st["model"].items() if k.split(".")[0] in ("conv1", "conv2", "enc_blocks", "ln_post")}
        model.load_state_dict(enc, strict=False)
        ctc_head.load_state_dict(st["ctc"])
        print(f"encoder from {args.encoder} (step {st['step']}, {len(enc)} tensors)", flush=True)
    if args.resume:
        ckpts = sorted(glob.glob(os.path.join(args.run, "last.pt")))
        if ckpts:
            st = torch.load(ckpts[-1])
            model.load_state_dict(st["model"])
            ctc_head.load_state_dict(st["ctc"])
            step = st["step"]
            rng.setstate(st["rng"])
            if "opt" in st:
                opt.load_state_dict(st["opt"])
            else:
                warm_from = step  # carried weights (carry.py): fresh Adam moments, so warm up again
            print(f"resumed at step {step}" + ("" if "opt" in st else " (fresh optimizer state)"), flush=True)

    pool = Pool(args.data)
    batcher = Batcher(Composer(pool, words, rng, args.long_share), vocab, mel, words, rng)
    held = held_out_audio(60)
    windows = held_out_windows(held[30:])
    held = held[:30]
    keep = {int(k) for k in args.keep.split(",") if k}
    if args.eval_only:
        wer, shown = evaluate(model, vocab, mel, held)
        print(f"step {step}: held-out WER {wer:.3f}, in {len(windows)} windows "
              f"{evaluate_windows(model, vocab, mel, windows):.3f} | " + " | ".join(shown))
        return
    log = open(os.path.join(args.run, "log.jsonl"), "a")
    t_last, losses = time.time(), []
    while step < args.steps:
        level = min(1.0, max(0.0, (step - args.curriculum_steps) / max(1, args.ramp_steps)))
        mels, inp, lab, ctc_t, expected = batcher.next(level)
        lr = learning_rate(step, warm_from, args)
        for g in opt.param_groups:
            g["lr"] = lr
        xa = model.encode(mels)
        h = model.decode_hidden(inp, xa)
        logits = output_logits(model, h, vocab)
        ce = F.cross_entropy(logits.reshape(-1, logits.shape[-1]), lab.reshape(-1), ignore_index=-100)
        loss = ce
        ctc = torch.tensor(0.0)
        if args.ctc_weight > 0:
            lp = torch.log_softmax(ctc_head(xa), dim=-1).transpose(0, 1)  # [T, B, C]
            tl = torch.tensor([len(c) for c in ctc_t])
            flat = torch.tensor([x for c in ctc_t for x in c], dtype=torch.long)
            il = torch.full((len(ctc_t),), xa.shape[1], dtype=torch.long)
            ctc = F.ctc_loss(lp, flat, il, tl, blank=0, zero_infinity=True)
            loss = ce + args.ctc_weight * ctc
        guide = torch.tensor(0.0)
        if step < args.guide_steps:
            guide = attention_guide_loss(model, expected)
            loss = loss + args.guide_weight * guide
        opt.zero_grad()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(params, 1.0)
        opt.step()
        step += 1
        with torch.no_grad():
            mask = lab != -100
            acc = (logits.argmax(-1)[mask] == lab[mask]).float().mean().item()
        losses.append((ce.item(), acc, ctc.item(), guide.item()))
        if step % 25 == 0 or step <= 3:
            dt = (time.time() - t_last) / 25
            t_last = time.time()
            ce_m = np.mean([x[0] for x in losses])
            acc_m = np.mean([x[1] for x in losses])
            ctc_m = np.mean([x[2] for x in losses])
            guide_m = np.mean([x[3] for x in losses])
            losses = []
            print(f"step {step} ce {ce_m:.3f} tf_acc {acc_m:.3f} ctc {ctc_m:.3f} guide {guide_m:.3f} lr {lr:.2e} {dt:.2f}s/step", flush=True)
            log.write(json.dumps(dict(step=step, ce=ce_m, acc=acc_m, ctc=ctc_m, guide=guide_m, lr=lr, s_per_step=dt)) + "\n")
            log.flush()
        if step % args.eval_every == 0 or step in keep:
            state = dict(compact=vocab.compact, model=model.state_dict(), ctc=ctc_head.state_dict(), opt=opt.state_dict(), step=step,
                         rng=rng.getstate(), dims=model.dims)
            torch.save(state, os.path.join(args.run, "last.pt.tmp"))
            os.replace(os.path.join(args.run, "last.pt.tmp"), os.path.join(args.run, "last.pt"))
            if step in keep:
                torch.save(dict(compact=vocab.compact, model=model.state_dict(), step=step, dims=model.dims),
                           os.path.join(args.run, f"early-{step}.pt"))
            if step % args.eval_every == 0:
                wer, shown = evaluate(model, vocab, mel, held)
                wer_windows = evaluate_windows(model, vocab, mel, windows)
                print(f"eval step {step} held-out WER {wer:.3f}, in {len(windows)} windows {wer_windows:.3f} | "
                      + " | ".join(shown), flush=True)
                log.write(json.dumps(dict(step=step, heldout_wer=wer, windows_wer=wer_windows)) + "\n")
                log.flush()


if __name__ == "__main__":
    main()
