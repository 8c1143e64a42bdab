"""Measured GPU epoch times for the autoencoder shapes of `./build.sh bench`, with PyTorch on CUDA.

The .NET library runs on CPU here (NuGet serves no CUDA TorchSharp package), so this script checks the GPU
projection of `./build.sh bench --only scale` (FLOPs / assumed throughput) against a measurement: the same network
(tied relu layers, identity output, masked MSE, Adam lr 1e-3, batch 128, one dense re-feeding step) on random
data of the same shape. Prints one JSON line per measurement. Usage: python3 torch_epoch.py [--epochs N]
"""
import argparse
import json
import time

import torch


class TiedAutoEncoder(torch.nn.Module):
    def __init__(self, sizes):
        super().__init__()
        self.weights = torch.nn.ParameterList(
            torch.nn.Parameter(torch.nn.init.xavier_uniform_(torch.empty(sizes[l + 1], sizes[l]))) for l in range(len(sizes) - 1))
        self.encoder_biases = torch.nn.ParameterList(torch.nn.Parameter(torch.zeros(s)) for s in sizes[1:])
        self.decoder_biases = torch.nn.ParameterList(torch.nn.Parameter(torch.zeros(s)) for s in reversed(sizes[:-1]))

    def forward(self, x):
        for w, b in zip(self.weights, self.encoder_biases):
            x = torch.relu(torch.nn.functional.linear(x, w, b))
        n = len(self.weights)
        for k, b in enumerate(self.decoder_biases):
            x = torch.nn.functional.linear(x, self.weights[n - 1 - k].t(), b)
            if k < n - 1:
                x = torch.relu(x)
        return x


def masked_mse(y, r):
    m = (r != 0).to(y.dtype)
    return ((y * m - r) ** 2).sum() / m.sum().clamp_min(1)


def flops_per_batch(sizes, batch, refeed=1):
    total = 0
    for l in range(len(sizes) - 1):
        layer = 2 * batch * sizes[l] * sizes[l + 1]
        total += 6 * layer - (layer if l == 0 else 0)  # encoder and decoder: fwd, wgrad, dgrad; the input needs no dgrad
    return total * (1 + refeed)


def synchronize(device):
    if device.type == "cuda":
        torch.cuda.synchronize()


def epoch(users, items, per_user, sizes, precision, device, batch=128, seed=0):
    g = torch.Generator(device=device).manual_seed(seed)
    columns = torch.randint(0, items, (users, per_user), device=device, generator=g)
    ratings = torch.randint(1, 6, (users, per_user), device=device, generator=g).float()
    torch.manual_seed(seed)
    model = TiedAutoEncoder(sizes).to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    order = torch.randperm(users, device=device, generator=g)
    dtype = torch.bfloat16 if precision == "bfloat16" else None

    def step(x, target):
        optimizer.zero_grad(set_to_none=True)
        with torch.autocast(device.type, dtype=dtype, enabled=dtype is not None):
            y = model(x)
        loss = masked_mse(y.float(), target)
        loss.backward()
        optimizer.step()
        return y.detach().float()

    def run(limit):
        for start in range(0, limit, batch):
            rows = order[start:start + batch]
            x = torch.zeros(len(rows), items, device=device).scatter_(1, columns[rows], ratings[rows])
            y = step(x, x)
            step(y, x)

    run(min(users, 20 * batch))  # warm-up (kernels, allocator)
    synchronize(device)
    clock = time.perf_counter()
    run(users)
    synchronize(device)
    seconds = time.perf_counter() - clock
    batches = (users + batch - 1) // batch
    return seconds, flops_per_batch(sizes, batch) * batches


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--epochs", type=int, default=2)
    args = parser.parse_args()
    device = torch.device("cuda")
    torch.backends.cuda.matmul.allow_tf32 = False
    shapes = [
        ("ml-latest-small reference", 610, 9559, 162, [9559, 512, 512, 1024]),
        ("MovieLens-25M scale", 162_000, 59_000, 154, [59_000, 256, 128]),
    ]
    for name, users, items, per_user, sizes in shapes:
        for precision in ["float32", "bfloat16"]:
            runs = [epoch(users, items, per_user, sizes, precision, device, seed=s) for s in range(args.epochs)]
            seconds = sorted(r[0] for r in runs)[len(runs) // 2]
            flops = runs[0][1]
            print(json.dumps({"name": "gpu_epoch", "shape": name, "users": users, "items": items, "layers": sizes,
                              "precision": precision, "median_seconds": round(seconds, 3), "runs": len(runs),
                              "tflop_per_epoch": round(flops / 1e12, 2), "achieved_tflops": round(flops / seconds / 1e12, 1),
                              "device": torch.cuda.get_device_name(0), "torch": torch.__version__}), flush=True)


if __name__ == "__main__":
    main()
