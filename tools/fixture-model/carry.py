"""Carries a training run from one machine to the next through the repository.

    /usr/bin/python3 carry.py save runs/main/last.pt checkpoints/main.pt      # at the end of a session
    /usr/bin/python3 carry.py restore checkpoints/main.pt runs/main/last.pt   # on a new machine, then train.py --resume

Every session here starts on a fresh machine, so a run that needs more hours than one session only goes on if its
weights travel with the code. The carried file keeps the weights (half precision: the size of the shipped q8_0
model, not of a training state), the step and the random state; it drops the optimizer's moments, which
train.py --resume rebuilds with a short warm-up.
"""
import argparse
import os

import torch


def save(src, dst):
    st = torch.load(src)
    half = lambda sd: {k: v.half() if v.is_floating_point() else v for k, v in sd.items()}
    carried = dict(compact=st["compact"], model=half(st["model"]), ctc=half(st["ctc"]), step=st["step"],
                   rng=st["rng"], dims=st["dims"])
    os.makedirs(os.path.dirname(os.path.abspath(dst)), exist_ok=True)
    torch.save(carried, dst)
    print(f"saved step {st['step']} to {dst} ({os.path.getsize(dst):,} bytes)")


def restore(src, dst):
    st = torch.load(src)
    full = lambda sd: {k: v.float() if v.is_floating_point() else v for k, v in sd.items()}
    st["model"], st["ctc"] = full(st["model"]), full(st["ctc"])
    os.makedirs(os.path.dirname(os.path.abspath(dst)), exist_ok=True)
    torch.save(st, dst)
    print(f"restored step {st['step']} to {dst}; train.py --resume goes on from there")


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("action", choices=["save", "restore"])
    ap.add_argument("src")
    ap.add_argument("dst")
    a = ap.parse_args()
    (save if a.action == "save" else restore)(a.src, a.dst)
