#!/usr/bin/python3
"""Dump the peer PyTorch reference's starting point and its first training steps, for bench/reference-parity/run.sh.

Imports the reference module (its loader, pivot, model and loss; nothing is re-implemented here), builds the
reference configuration [n_items, 512, 512, 1024] with --seed, and writes to --out:
  ratings.bin  float32 [users x items] training matrix (the reference's own pivot, row-major)
  w0.bin ...   float32 encoder weights as initialised (the decoder is tied; all biases start at zero)
  order.bin    int32 the epoch-1 user order (torch.randperm with the reference's generator)
  shape.txt    "users items"
  steps.tsv    batch, loss of the ordinary step, loss of the re-feeding step, for --batches batches
"""
import argparse
import importlib.util
import os
import sys

ap = argparse.ArgumentParser()
ap.add_argument("--reference", required=True)
ap.add_argument("--data", required=True)
ap.add_argument("--out", required=True)
ap.add_argument("--seed", type=int, default=0)
ap.add_argument("--batches", type=int, default=5)
args = ap.parse_args()

spec = importlib.util.spec_from_file_location("seed_reference", args.reference)
ref = importlib.util.module_from_spec(spec)
sys.argv = [args.reference, "--threads", "2"]
spec.loader.exec_module(ref)
import numpy as np
import torch

torch.set_num_threads(2)
torch.manual_seed(args.seed)
train, valid, uc, ic, rc, _, _ = ref.load_ml_small(args.data, "corrected")
R, *_ = ref.build_matrices(train, valid, uc, ic, rc)
model = ref.AutoEncoder([R.shape[1], 512, 512, 1024])
os.makedirs(args.out, exist_ok=True)
R.astype(np.float32).tofile(os.path.join(args.out, "ratings.bin"))
for k, w in enumerate(model.encode_w):
    w.detach().numpy().astype(np.float32).tofile(os.path.join(args.out, "w%d.bin" % k))
R_t = torch.from_numpy(R)
order = torch.randperm(R_t.shape[0], generator=torch.Generator().manual_seed(args.seed))
order.numpy().astype(np.int32).tofile(os.path.join(args.out, "order.bin"))
with open(os.path.join(args.out, "shape.txt"), "w") as f:
    f.write("%d %d\n" % R.shape)
opt = torch.optim.Adam(model.parameters(), lr=0.001)
with open(os.path.join(args.out, "steps.tsv"), "w") as f:
    for b in range(args.batches):
        x = R_t[order[b * 128:(b + 1) * 128]]
        opt.zero_grad(); y = model(x); loss = ref.masked_mse(y, x); loss.backward(); opt.step()
        opt.zero_grad(); y2 = model(y.detach()); loss2 = ref.masked_mse(y2, x); loss2.backward(); opt.step()
        f.write("%d\t%.6f\t%.6f\n" % (b, loss.item(), loss2.item()))
