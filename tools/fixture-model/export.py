"""Writes a trained checkpoint as a whisper.cpp 1.7.1 ggml model (q8_0), in the converted-checkpoint layout.

    /usr/bin/python3 export.py runs/main/last.pt OUT.bin [--reference OUT.tsv]

Layout as whisper.cpp's convert-pt-to-ggml writes it and its quantize tool rewrites it: OpenAI's tensor names,
dimensions innermost first, conv biases as [n, 1], positional embeddings, biases and norms f32, conv kernels f16,
every other 2-D weight q8_0 (ftype 7, stored with quantization version 2 as 2007). The full 51,864-row token
embedding is written with zeros in the rows the corpus never uses.

--reference writes the PyTorch model's greedy transcript of each held-out utterance, computed with the same
dequantized weights whisper.cpp will use: the Java parity test compares whisper.cpp's output with it.
"""
import argparse
import os
import struct

import numpy as np
import torch

import corpus
from ggml_io import MAGIC, SpecialTokens, read_header
from whisper_model import LogMel, Vocab, Whisper, audio_ctx_for, greedy_decode

F32, F16, Q8_0 = 0, 1, 8
FTYPE_Q8_0 = 7
QNT_VERSION = 2
# Decoder positions kept: a prompt may take half (192 tokens), far more than a dictation window needs, and the
# file stays under 10 MB (448 positions would add 33 KB more).
EXPORT_TEXT_CTX = 384


def exported_decoder_layers(trained):
    """whisper.cpp 1.7.1 takes any model with exactly 2 decoder layers for a first-release distil-whisper and then
    forces no_timestamps, which puts <|notimestamps|> into every prompt and suppresses every timestamp: the 2-layer
    model trained here would hear a prompt it never saw and give no segment times. A third block whose output
    projections are zero adds exactly nothing to the residual stream, so the file computes the trained model."""
    return trained + 1 if trained == 2 else trained


def quantize_q8_0(x):
    """ggml's block_q8_0: per 32 values an f16 scale amax/127 and 32 int8s. Returns (bytes, dequantized)."""
    rows = x.reshape(-1, 32).astype(np.float32)
    amax = np.abs(rows).max(axis=1)
    d = (amax / 127.0).astype(np.float16)
    inv = np.where(amax > 0, 127.0 / np.maximum(amax, 1e-30), 0.0)
    q = np.clip(np.sign(rows * inv[:, None]) * np.floor(np.abs(rows * inv[:, None]) + 0.5), -127, 127).astype(np.int8)
    blocks = np.zeros(len(rows), dtype=[("d", "<f2"), ("qs", "i1", (32,))])
    blocks["d"], blocks["qs"] = d, q
    deq = (d.astype(np.float32)[:, None] * q.astype(np.float32)).reshape(x.shape)
    return blocks.tobytes(), deq


def ggml_tensors(model, vocab, n_vocab):
    """(name, numpy array, ggml type) in OpenAI's names; the model's compact embedding scattered to full rows."""
    sd = {k: v.detach().numpy().astype(np.float32) for k, v in model.state_dict().items()}
    d = model.dims["d"]
    out = []

    def add(name, arr, kind):
        out.append((name, arr, kind))

    add("encoder.positional_embedding", model.enc_pos.numpy().astype(np.float32), F32)
    for i in (1, 2):
        add(f"encoder.conv{i}.weight", sd[f"conv{i}.weight"], F16)
        add(f"encoder.conv{i}.bias", sd[f"conv{i}.bias"].reshape(-1, 1), F32)

    def block(prefix, src, cross):
        parts = [("attn_ln", "attn_ln"), ("mlp_ln", "mlp_ln")] + ([("cross_attn_ln", "cross_attn_ln")] if cross else [])
        for ln, s in parts:
            add(f"{prefix}.{ln}.weight", sd[f"{src}.{s}.weight"], F32)
            add(f"{prefix}.{ln}.bias", sd[f"{src}.{s}.bias"], F32)
        for att in ["attn"] + (["cross_attn"] if cross else []):
            for p in ("query", "key", "value", "out"):
                add(f"{prefix}.{att}.{p}.weight", sd[f"{src}.{att}.{p}.weight"], Q8_0)
                if p != "key":
                    add(f"{prefix}.{att}.{p}.bias", sd[f"{src}.{att}.{p}.bias"], F32)
        for m in ("0", "2"):
            add(f"{prefix}.mlp.{m}.weight", sd[f"{src}.mlp.{m}.weight"], Q8_0)
            add(f"{prefix}.mlp.{m}.bias", sd[f"{src}.mlp.{m}.bias"], F32)

    for i in range(model.dims["enc_layers"]):
        block(f"encoder.blocks.{i}", f"enc_blocks.{i}", False)
    add("encoder.ln_post.weight", sd["ln_post.weight"], F32)
    add("encoder.ln_post.bias", sd["ln_post.bias"], F32)
    add("decoder.positional_embedding", sd["dec_pos"][:EXPORT_TEXT_CTX], F32)
    te = np.zeros((n_vocab, d), np.float32)
    te[vocab.compact] = sd["token_embedding.weight"]
    add("decoder.token_embedding.weight", te, Q8_0)
    for i in range(model.dims["dec_layers"]):
        block(f"decoder.blocks.{i}", f"dec_blocks.{i}", True)
    for i in range(model.dims["dec_layers"], exported_decoder_layers(model.dims["dec_layers"])):
        identity_block(add, f"decoder.blocks.{i}", d)
    add("decoder.ln.weight", sd["ln.weight"], F32)
    add("decoder.ln.bias", sd["ln.bias"], F32)
    return out


def identity_block(add, prefix, d):
    """A pre-LayerNorm decoder block that returns its input: every output projection and its bias is zero (q8_0
    stores zero exactly), so self-attention, cross-attention and the MLP each add 0."""
    for ln in ("attn_ln", "cross_attn_ln", "mlp_ln"):
        add(f"{prefix}.{ln}.weight", np.ones(d, np.float32), F32)
        add(f"{prefix}.{ln}.bias", np.zeros(d, np.float32), F32)
    for att in ("attn", "cross_attn"):
        for p in ("query", "key", "value", "out"):
            add(f"{prefix}.{att}.{p}.weight", np.zeros((d, d), np.float32), Q8_0)
            if p != "key":
                add(f"{prefix}.{att}.{p}.bias", np.zeros(d, np.float32), F32)
    add(f"{prefix}.mlp.0.weight", np.zeros((4 * d, d), np.float32), Q8_0)
    add(f"{prefix}.mlp.0.bias", np.zeros(4 * d, np.float32), F32)
    add(f"{prefix}.mlp.2.weight", np.zeros((d, 4 * d), np.float32), Q8_0)
    add(f"{prefix}.mlp.2.bias", np.zeros(d, np.float32), F32)


def write_model(path, model, vocab, hp, filters, stored):
    dims = model.dims
    tensors = ggml_tensors(model, vocab, hp["n_vocab"])
    dequantized = {}
    with open(path, "wb") as f:
        f.write(struct.pack("<I", MAGIC))
        f.write(struct.pack("<11i", hp["n_vocab"], dims["n_audio_ctx"], dims["d"], dims["heads"], dims["enc_layers"],
                            EXPORT_TEXT_CTX, dims["d"], dims["heads"], exported_decoder_layers(dims["dec_layers"]),
                            dims["n_mels"],
                            FTYPE_Q8_0 + 1000 * QNT_VERSION))
        f.write(struct.pack("<2i", *filters.shape))
        f.write(filters.astype("<f4").tobytes())
        f.write(struct.pack("<i", len(stored)))
        for t in stored:
            f.write(struct.pack("<I", len(t)))
            f.write(t)
        for name, arr, kind in tensors:
            raw = name.encode()
            f.write(struct.pack("<3i", arr.ndim, len(raw), kind))
            f.write(struct.pack(f"<{arr.ndim}i", *reversed(arr.shape)))
            f.write(raw)
            if kind == F32:
                f.write(arr.astype("<f4").tobytes())
                dequantized[name] = arr
            elif kind == F16:
                f.write(arr.astype("<f2").tobytes())
                dequantized[name] = arr.astype(np.float16).astype(np.float32)
            else:
                data, deq = quantize_q8_0(arr)
                f.write(data)
                dequantized[name] = deq
    return len(tensors), dequantized


def load_dequantized(model, vocab, deq):
    """Puts the weights whisper.cpp reads back into the PyTorch model (for the parity reference)."""
    sd = model.state_dict()
    for key in sd:
        if key == "token_embedding.weight":
            sd[key] = torch.from_numpy(deq["decoder.token_embedding.weight"][vocab.compact])
            continue
        name = key.replace("enc_blocks", "encoder.blocks").replace("dec_blocks", "decoder.blocks")
        if key.startswith("conv"):
            name = "encoder." + key
        elif key.startswith("ln_post"):
            name = "encoder." + key
        elif key == "dec_pos":
            sd[key] = sd[key].clone()
            sd[key][:EXPORT_TEXT_CTX] = torch.from_numpy(deq["decoder.positional_embedding"])
            continue
        elif key.startswith("ln."):
            name = "decoder." + key
        sd[key] = torch.from_numpy(deq[name].reshape(sd[key].shape).copy())
    model.load_state_dict(sd)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("checkpoint")
    ap.add_argument("out")
    ap.add_argument("--header", default=os.path.join(corpus.HERE, "..", "..", "..", "shared", "eval",
                                                     "for-tests-ggml-tiny.en.bin"))
    ap.add_argument("--reference", help="write PyTorch greedy transcripts of the held-out set here (TSV)")
    args = ap.parse_args()
    hp, filters, stored = read_header(args.header)
    vocab = Vocab(stored, SpecialTokens(hp["n_vocab"], len(stored)), corpus.load_words())
    st = torch.load(args.checkpoint)
    if st["compact"] != vocab.compact:
        raise SystemExit("checkpoint was trained with another vocabulary")
    model = Whisper(**{k: v for k, v in st["dims"].items()})
    model.load_state_dict(st["model"])
    n, deq = write_model(args.out, model, vocab, hp, filters, stored)
    print(f"{args.out}: {n} tensors, {os.path.getsize(args.out):,} bytes (step {st['step']})")
    if args.reference:
        load_dequantized(model, vocab, deq)
        model.eval()
        mel = LogMel(filters)
        with open(args.reference, "w", encoding="utf-8") as f:
            f.write("id\ttranscript\n")
            for e in corpus.read_held_out_tsv(os.path.join(corpus.HERE, "heldout.tsv")):
                a = torch.from_numpy(heldout_clip(e))
                a = torch.cat([a, torch.zeros(max(0, 17_600 - len(a)))])
                segs, _ = greedy_decode(model, vocab, mel(a, audio_ctx_for(len(a))))
                f.write(f"{e['id']}\t{' '.join(s[2] for s in segs)}\n")


def heldout_clip(e):
    """A held-out utterance exactly as the tests feed it: espeak's speech through the app's resampler, trimmed,
    0.3 s before and 0.4 s after."""
    a = corpus.trim(corpus.espeak_wav(e["text"], e["accent"], e["variant"], e["speed"], e["pitch"],
                                      corpus.app_resample))
    sr = corpus.SAMPLE_RATE
    return np.concatenate([np.zeros(int(0.3 * sr), np.float32), a, np.zeros(int(0.4 * sr), np.float32)])


if __name__ == "__main__":
    main()
