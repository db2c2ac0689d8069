"""What whisper.cpp 1.7.1 computes for a whisper model, in PyTorch: features, network and greedy decoding rules.

Every detail that changes a number at inference time follows whisper.cpp, not OpenAI's Python package:
- log-mel: 200 samples of reflection at the start, zeros after the audio, periodic Hann window, power spectrum
  through the file's mel filters, log10 clamped at 1e-10, then max-8 clamping and (x+4)/4 over the whole padded mel;
- the encoder window is sized the way engine.EncoderWindow sizes audio_ctx (the audio padded to 1.1 s first);
- GELU is ggml's tanh approximation; attention scales q and k by (d/h)^-1/4 each;
- decoding applies whisper_process_logits' rules (timestamp pairs, monotonic times, first timestamp <= 1 s,
  blank suppression, timestamps forced when their total probability beats every text token).
"""
import math

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

SAMPLE_RATE = 16_000
N_FFT = 400
HOP = 160
# engine.EncoderWindow
MIN_SAMPLES = 17_600
MARGIN_POSITIONS = 64
ROUND_TO = 64


def audio_ctx_for(n_samples, model_ctx=1500):
    n = max(n_samples, MIN_SAMPLES)
    positions = (n * 50 + SAMPLE_RATE - 1) // SAMPLE_RATE
    wanted = (positions + MARGIN_POSITIONS + ROUND_TO - 1) // ROUND_TO * ROUND_TO
    return model_ctx if wanted >= model_ctx else wanted


class LogMel:
    def __init__(self, filters):
        self.filters = torch.tensor(filters, dtype=torch.float32)  # [n_mel, 201]
        i = torch.arange(N_FFT, dtype=torch.float64)
        self.hann = (0.5 * (1.0 - torch.cos(2.0 * math.pi * i / N_FFT))).float()

    def __call__(self, samples, n_ctx):
        """samples: 1-D float tensor (already padded to the minimum); returns [n_mel, 2*n_ctx]."""
        n = samples.shape[0]
        n_frames = 2 * n_ctx
        # whisper.cpp pads 30 s of zeros; only the frames the encoder reads matter, plus enough for the max.
        need = (n_frames - 1) * HOP + N_FFT
        stage2 = N_FFT // 2
        padded = torch.zeros(max(need, n + 2 * stage2), dtype=torch.float32)
        padded[stage2:stage2 + n] = samples
        padded[:stage2] = torch.flip(samples[1:1 + stage2], dims=[0])
        frames = padded.unfold(0, N_FFT, HOP)  # [n_len, 400]
        spec = torch.fft.rfft(frames * self.hann, dim=1)
        power = spec.real ** 2 + spec.imag ** 2
        mel = torch.log10(torch.clamp(power @ self.filters.T, min=1e-10)).T  # [n_mel, n_len]
        mmax = max(mel.max().item(), -10.0) - 8.0
        mel = (torch.clamp(mel, min=mmax) + 4.0) / 4.0
        if mel.shape[1] >= n_frames:
            return mel[:, :n_frames]
        # never reached for whisper.cpp's 30-s padding; kept exact: padding frames are log10(1e-10) clamped
        fill = (max(-10.0, mmax) + 4.0) / 4.0
        return torch.cat([mel, torch.full((mel.shape[0], n_frames - mel.shape[1]), fill)], dim=1)

    def batch(self, clips, n_ctx):
        """The same for several clips of one encoder window at once: [b, n_mel, 2*n_ctx]."""
        n_frames = 2 * n_ctx
        stage2 = N_FFT // 2
        need = max([(n_frames - 1) * HOP + N_FFT] + [len(c) + 2 * stage2 for c in clips])
        padded = torch.zeros(len(clips), need, dtype=torch.float32)
        for i, c in enumerate(clips):
            padded[i, stage2:stage2 + len(c)] = c
            padded[i, :stage2] = torch.flip(c[1:1 + stage2], dims=[0])
        frames = padded.unfold(1, N_FFT, HOP)[:, :n_frames]  # frames past the window never raise the max
        spec = torch.fft.rfft(frames * self.hann, dim=2)
        power = spec.real ** 2 + spec.imag ** 2
        mel = torch.log10(torch.clamp(power @ self.filters.T, min=1e-10)).transpose(1, 2)
        mmax = torch.clamp(mel.amax(dim=(1, 2), keepdim=True), min=-10.0) - 8.0
        return (torch.maximum(mel, mmax) + 4.0) / 4.0


def gelu(x):
    return F.gelu(x, approximate="tanh")


def sinusoids(length, channels, max_timescale=10000):
    inc = math.log(max_timescale) / (channels // 2 - 1)
    inv = torch.exp(-inc * torch.arange(channels // 2))
    t = torch.arange(length)[:, None] * inv[None, :]
    return torch.cat([torch.sin(t), torch.cos(t)], dim=1)


class Attention(nn.Module):
    def __init__(self, d, heads):
        super().__init__()
        self.heads = heads
        self.query = nn.Linear(d, d)
        self.key = nn.Linear(d, d, bias=False)
        self.value = nn.Linear(d, d)
        self.out = nn.Linear(d, d)

    def forward(self, x, xa=None, causal=False):
        src = x if xa is None else xa
        q, k, v = self.query(x), self.key(src), self.value(src)
        b, t, d = q.shape
        h = self.heads
        q = q.view(b, t, h, d // h).transpose(1, 2)
        k = k.view(b, k.shape[1], h, d // h).transpose(1, 2)
        v = v.view(b, v.shape[1], h, d // h).transpose(1, 2)
        w = (q @ k.transpose(-1, -2)) / math.sqrt(d // h)
        if causal:
            mask = torch.ones(t, k.shape[2], dtype=torch.bool).triu(k.shape[2] - t + 1)
            w = w.masked_fill(mask, float("-inf"))
        w = torch.softmax(w, dim=-1)
        if xa is not None:
            self.last_weights = w  # read by train.attention_guide_loss
        y = w @ v
        return self.out(y.transpose(1, 2).reshape(b, t, d))


class Block(nn.Module):
    def __init__(self, d, heads, cross):
        super().__init__()
        self.attn_ln = nn.LayerNorm(d)
        self.attn = Attention(d, heads)
        self.cross = cross
        if cross:
            self.cross_attn_ln = nn.LayerNorm(d)
            self.cross_attn = Attention(d, heads)
        self.mlp_ln = nn.LayerNorm(d)
        self.mlp = nn.Sequential(nn.Linear(d, 4 * d), nn.Identity(), nn.Linear(4 * d, d))

    def forward(self, x, xa=None, causal=False):
        x = x + self.attn(self.attn_ln(x), causal=causal)
        if self.cross:
            x = x + self.cross_attn(self.cross_attn_ln(x), xa)
        m = self.mlp
        return x + m[2](gelu(m[0](self.mlp_ln(x))))


class Whisper(nn.Module):
    def __init__(self, n_mels=80, d=128, heads=4, enc_layers=3, dec_layers=2, n_audio_ctx=1500, n_text_ctx=448,
                 n_tokens=51864):
        super().__init__()
        self.dims = dict(n_mels=n_mels, d=d, heads=heads, enc_layers=enc_layers, dec_layers=dec_layers,
                         n_audio_ctx=n_audio_ctx, n_text_ctx=n_text_ctx, n_tokens=n_tokens)
        self.conv1 = nn.Conv1d(n_mels, d, 3, padding=1)
        self.conv2 = nn.Conv1d(d, d, 3, stride=2, padding=1)
        self.register_buffer("enc_pos", sinusoids(n_audio_ctx, d), persistent=False)
        self.enc_blocks = nn.ModuleList([Block(d, heads, False) for _ in range(enc_layers)])
        self.ln_post = nn.LayerNorm(d)
        # Only the rows of tokens the corpus uses exist here (Vocab.compact); export writes zeros for every other
        # id of the full vocabulary, so whisper.cpp computes logit exactly 0 for them.
        self.token_embedding = nn.Embedding(n_tokens, d)
        self.dec_pos = nn.Parameter(torch.randn(n_text_ctx, d) * 0.02)
        self.dec_blocks = nn.ModuleList([Block(d, heads, True) for _ in range(dec_layers)])
        self.ln = nn.LayerNorm(d)
        nn.init.normal_(self.token_embedding.weight, std=0.02)
        # PyTorch's default conv init leaves the front end's output ~20x smaller than the sinusoidal positions it is
        # added to, so the encoder first hears mostly positions; He init puts the audio on a par with them.
        for conv in (self.conv1, self.conv2):
            nn.init.kaiming_normal_(conv.weight, nonlinearity="relu")
            nn.init.zeros_(conv.bias)
        # whisper.cpp scores every id outside the corpus at logit exactly 0 (zero rows), ~50,000 of them: a model
        # whose own logits start near 0 first has to climb over log(50000) = 10.8 before any answer wins. One shared
        # direction (a final-norm bias met by a common component of every trained row) starts them at about +16.
        with torch.no_grad():
            self.token_embedding.weight[:, 0] = 4.0
            self.ln.bias[0] = 4.0
            self.ln.weight[0] = 0.0
            # The tied embedding's shared direction would also swamp the decoder's input (4 against ~0.02 for the
            # token and 0.01 for the position, so after LayerNorm every query looked alike and cross-attention
            # never learned where to look: session 5's plateau). The positions cancel it on the input side.
            self.dec_pos[:, 0] = -4.0

    def encode(self, mel):  # mel [b, n_mel, 2*ctx]
        x = gelu(self.conv1(mel))
        x = gelu(self.conv2(x)).transpose(1, 2)
        x = x + self.enc_pos[: x.shape[1]]
        for b in self.enc_blocks:
            x = b(x)
        return self.ln_post(x)

    def decode_hidden(self, tokens, xa, offset=0):
        x = self.token_embedding(tokens) + self.dec_pos[offset: offset + tokens.shape[1]]
        for b in self.dec_blocks:
            x = b(x, xa, causal=True)
        return self.ln(x)


class Vocab:
    """The corpus' token set over whisper's GPT-2 vocabulary, tokenized greedily like whisper.cpp's prompts."""

    def __init__(self, stored_tokens, specials, words):
        self.sp = specials
        self.text_to_id = {t: i for i, t in enumerate(stored_tokens)}
        self.stored = stored_tokens
        self.word_tokens = {w: self.tokenize_word(w) for w in words}
        ids = sorted({t for ts in self.word_tokens.values() for t in ts})
        self.text_ids = ids
        # logits the model trains: words' tokens, end of text, all 1501 timestamps
        self.out_ids = ids + [specials.eot] + list(range(specials.beg, specials.n_vocab))
        self.n_text_out = len(ids)
        # every other id keeps a zero embedding row, so whisper.cpp sees logit 0 there; those not suppressed
        # by its rules are ordinary text tokens
        self.n_zero = specials.eot - len(ids)
        # rows of the compact embedding: the output ids first, then the two input-only ids
        self.compact = self.out_ids + [specials.sot, specials.prev]
        self.cindex = {t: i for i, t in enumerate(self.compact)}
        self.n_out = len(self.out_ids)

    def tokenize_word(self, word):
        data = (" " + word).encode()
        out = []
        while data:
            for end in range(len(data), 0, -1):
                if data[:end] in self.text_to_id:
                    out.append(self.text_to_id[data[:end]])
                    data = data[end:]
                    break
            else:
                raise ValueError(f"cannot tokenize {word!r}")
        return out

    def encode(self, text):
        return [t for w in text.split() for t in self.word_tokens[w]]

    def decode(self, ids):
        return b"".join(self.stored[i] for i in ids if i < self.sp.eot).decode("utf-8", "replace").strip()


def output_logits(model, hidden, vocab):
    """Logits over the trained ids, plus one column standing for every zero-row id (log of their count)."""
    logits = hidden @ model.token_embedding.weight[: vocab.n_out].T
    zero = torch.full(logits.shape[:-1] + (1,), math.log(vocab.n_zero))
    return torch.cat([logits, zero], dim=-1)


@torch.no_grad()
def greedy_decode(model, vocab, mel, prompt_ids=(), max_tokens=96):
    """whisper.cpp's greedy decode of one window with timestamps; returns (segments, token ids).

    segments: list of (t0_s, t1_s, text). Mirrors whisper_full's token rules, not its seeking: one window.
    """
    sp = vocab.sp
    xa = model.encode(mel[None])
    prefix = ([sp.prev] + list(prompt_ids) if prompt_ids else []) + [sp.sot]
    tokens = list(prefix)
    out = []
    ids = vocab.out_ids
    n_text = vocab.n_text_out
    ts_lo = n_text + 1  # index of <|0.00|> in out_ids
    for _ in range(max_tokens):
        h = model.decode_hidden(torch.tensor([[vocab.cindex[t] for t in tokens]]), xa)[0, -1]
        logits = h @ model.token_embedding.weight[: vocab.n_out].T  # [n_out]
        full = torch.cat([logits, torch.tensor([0.0])])  # last column: any zero-row text token
        last_ts = len(out) > 0 and out[-1] >= sp.beg
        penult_ts = len(out) < 2 or out[-2] >= sp.beg
        if len(out) == 0:
            full[n_text] = float("-inf")  # suppress_blank: no end of text first
        if last_ts:
            if penult_ts:
                full[ts_lo:-1] = float("-inf")
            else:
                full[:n_text] = float("-inf")
                full[-1] = float("-inf")
        prev_ts = [t for t in out if t >= sp.beg]
        if prev_ts:
            # timestamps never go back; the same time again only to close a segment right after its text
            floor = prev_ts[-1] - sp.beg + (0 if last_ts else 1)
            full[ts_lo:ts_lo + floor] = float("-inf")
        if len(out) == 0:
            full[ts_lo + 51:-1] = float("-inf")  # max_initial_ts 1.0 s
        logp = torch.log_softmax(torch.cat([full[:-1], full[-1:] + math.log(vocab.n_zero)]), dim=0)
        ts_logp = torch.logsumexp(logp[ts_lo:-1], dim=0)
        text_max = torch.max(torch.cat([logp[:n_text], logp[-1:]]))
        if ts_logp > text_max:
            logp[:n_text] = float("-inf")
            logp[-1] = float("-inf")
        k = int(torch.argmax(logp))
        if k == len(ids):
            out.append(-1)  # a token outside the corpus: whisper.cpp would print some unrelated word
            break
        tid = int(ids[k])
        if tid == sp.eot:
            break
        out.append(tid)
        tokens.append(tid)
    segments, cur, t0 = [], [], None
    for t in out:
        if t >= sp.beg:
            ts = (t - sp.beg) * 0.02
            if t0 is None:
                t0 = ts
            elif cur:
                segments.append((t0, ts, vocab.decode(cur)))
                cur, t0 = [], ts
            else:
                t0 = ts
        elif t >= 0:
            cur.append(t)
        else:
            cur.append(0)
    return segments, out
