"""Teaches the encoder to listen before the decoder exists: CTC alone, on clean short clips first.

    /usr/bin/python3 pretrain.py --data data --out runs/encoder [--steps 1600]

Trained end to end from scratch, the model never left the plateau where the decoder predicts word frequencies and
the encoder carries nothing (two runs, session 4). A CTC-only encoder on clean strung words does leave it, after
~500 steps, so this stage runs first: clean strung words of 1-4 words, then sentences and longer strings with mild
noise. train.py --encoder starts from the result.
"""
import argparse
import os
import random
import time

import numpy as np
import torch
import torch.nn.functional as F

import corpus
from ggml_io import SpecialTokens, read_header
from train import DEFAULT_HEADER, Composer, Pool
from whisper_model import LogMel, Vocab, Whisper, audio_ctx_for

SR = corpus.SAMPLE_RATE
MIN_SAMPLES = 17_600


def encoder_params(model, head):
    return (list(model.conv1.parameters()) + list(model.conv2.parameters()) + list(model.enc_blocks.parameters())
            + list(model.ln_post.parameters()) + list(head.parameters()))


def clip(comp, rng, step, clean_steps):
    """One example: audio and its text. Clean strung words until clean_steps, then a mix with mild noise."""
    if step < clean_steps or rng.random() < 0.4:
        a, text, _, _ = comp.words_clip(rng.randint(1, 4 if step < clean_steps else 8))
    else:
        cand = np.nonzero(comp.pool.s_nwords <= 10)[0]
        a, text = comp.pool.sentence(int(rng.choice(cand)))
    lead, tail = (np.zeros(int(rng.uniform(0.05, 0.4) * SR), np.float32) for _ in range(2))
    a = np.concatenate([lead, a, tail])
    if step >= clean_steps and rng.random() < 0.4:
        rms = np.sqrt(np.mean(a[np.abs(a) > 1e-4] ** 2)) if np.any(np.abs(a) > 1e-4) else 0.1
        a = a + comp.noise(len(a)) * rms * 10 ** (-rng.uniform(15, 40) / 20)
    a = a / (np.abs(a).max() + 1e-9) * rng.uniform(0.1, 0.9)
    return torch.from_numpy(a.astype(np.float32)), text


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default=os.path.join(corpus.HERE, "data"))
    ap.add_argument("--out", default=os.path.join(corpus.HERE, "runs", "encoder"))
    ap.add_argument("--header", default=DEFAULT_HEADER)
    ap.add_argument("--steps", type=int, default=1600)
    ap.add_argument("--clean-steps", type=int, default=800)
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--lr", type=float, default=1e-3)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--threads", type=int, default=2)
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    np.random.seed(args.seed)
    rng = random.Random(args.seed)
    os.makedirs(args.out, exist_ok=True)

    hp, filters, stored = read_header(args.header)
    words = corpus.load_words()
    vocab = Vocab(stored, SpecialTokens(hp["n_vocab"], len(stored)), words)
    index = {t: i + 1 for i, t in enumerate(vocab.text_ids)}
    comp = Composer(Pool(args.data), words, rng)
    mel = LogMel(filters)
    model = Whisper(n_tokens=len(vocab.compact))
    head = torch.nn.Linear(model.dims["d"], len(vocab.text_ids) + 1)
    params = encoder_params(model, head)
    opt = torch.optim.AdamW(params, lr=args.lr)
    t0, losses = time.time(), []
    for step in range(1, args.steps + 1):
        clips, targets = [], []
        for _ in range(args.batch):
            a, text = clip(comp, rng, step, args.clean_steps)
            clips.append(torch.cat([a, torch.zeros(max(0, MIN_SAMPLES - len(a)))]))
            targets.append([index[t] for t in vocab.encode(text)])
        x = model.encode(mel.batch(clips, max(audio_ctx_for(len(c)) for c in clips)))
        lp = torch.log_softmax(head(x), -1).transpose(0, 1)
        loss = F.ctc_loss(lp, torch.tensor([t for g in targets for t in g]), torch.full((len(clips),), x.shape[1]),
                          torch.tensor([len(g) for g in targets]), zero_infinity=True)
        opt.zero_grad()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(params, 1.0)
        opt.step()
        losses.append(loss.item())
        if step % 25 == 0:
            path = lp[:, 0].argmax(-1).tolist()
            hyp, prev = [], 0
            for k in path:
                if k != prev and k:
                    hyp.append(vocab.text_ids[k - 1])
                prev = k
            ref = vocab.decode([vocab.text_ids[t - 1] for t in targets[0]])
            print(f"step {step} ctc {np.mean(losses):.3f} {time.time() - t0:.0f}s | {ref!r} -> {vocab.decode(hyp)!r}",
                  flush=True)
            losses = []
        if step % 100 == 0 or step == args.steps:
            torch.save(dict(model=model.state_dict(), ctc=head.state_dict(), step=step, dims=model.dims),
                       os.path.join(args.out, "encoder.pt.tmp"))
            os.replace(os.path.join(args.out, "encoder.pt.tmp"), os.path.join(args.out, "encoder.pt"))


if __name__ == "__main__":
    main()
