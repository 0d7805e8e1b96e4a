"""PyTorch's column of `npm run bench`: the same workloads, shapes and timing rules as bench/run.ts
(one thread, float32, warm-up, median of >= 5 samples of process CPU time). Prints one JSON object.

python3 bench/torch_bench.py [--quick] [--sizes 64,256] [--memory-steps 1000]
"""
import argparse
import json
import re
import resource
import statistics
import time

import torch

p = argparse.ArgumentParser()
p.add_argument("--quick", action="store_true")
p.add_argument("--sizes", default="64,128,256,512,1024")
p.add_argument("--memory-steps", type=int, default=1000)
p.add_argument("--threads", type=int, default=1)
args = p.parse_args()

torch.set_num_threads(args.threads)
torch.manual_seed(0)
SAMPLE, COUNT, WARM_RUNS, WARM_S = (0.03, 5, 2, 0.03) if args.quick else (0.25, 7, 3, 0.5)


# One thread: process CPU time (robust to other processes); several: wall clock (CPU time would
# count every thread).
clock = time.process_time if args.threads == 1 else time.perf_counter


def timed(run):
    """Median seconds per run, as bench/lib.ts `time`."""
    t0, runs, last = time.perf_counter(), 0, 0.0
    while runs < WARM_RUNS or time.perf_counter() - t0 < WARM_S:
        s = clock()
        run()
        last = clock() - s
        runs += 1
        if last > SAMPLE * 2 and runs >= 2:
            break
    reps = max(1, round(SAMPLE / max(last, 1e-7)))
    samples = []
    for _ in range(max(5, COUNT)):
        s = clock()
        for _ in range(reps):
            run()
        samples.append((clock() - s) / reps)
    return statistics.median(samples)


def linear(fan_in, fan_out):
    return torch.nn.Linear(fan_in, fan_out)  # PyTorch's default init, the scale the JS side copies


def tutorial(batch):
    net = torch.nn.Sequential(linear(4096, 120), torch.nn.ReLU(), linear(120, 10), torch.nn.Sigmoid())
    x, y = torch.rand(batch, 4096) * 2 - 1, torch.rand(batch, 10) * 2 - 1
    crit, opt = torch.nn.MSELoss(), torch.optim.SGD(net.parameters(), lr=0.01)

    def step():
        opt.zero_grad()
        crit(net(x), y).backward()
        opt.step()
    return step


def mnist(batch):
    net = torch.nn.Sequential(linear(784, 256), torch.nn.ReLU(), linear(256, 10))
    x, y = torch.rand(batch, 784) * 2 - 1, torch.randint(0, 10, (batch,))
    crit, opt = torch.nn.CrossEntropyLoss(), torch.optim.Adam(net.parameters(), lr=1e-3)

    def step():
        opt.zero_grad()
        crit(net(x), y).backward()
        opt.step()
    return step


N = 1 << 20
figures = {}
with torch.no_grad():
    for n in [int(s) for s in args.sizes.split(",")]:
        a, b = torch.rand(n, n), torch.rand(n, n)
        figures[f"matmul_{n}"] = 2 * n ** 3 / timed(lambda: torch.mm(a, b)) / 1e9
    a, b = torch.rand(N), torch.rand(N)
    figures["sigmoid_1M"] = 8 * N / timed(lambda: torch.sigmoid(a)) / 1e9
    figures["add_1M"] = 12 * N / timed(lambda: torch.add(a, b)) / 1e9
figures["tutorial_10"] = 1 / timed(tutorial(10))
figures["tutorial_256"] = 1 / timed(tutorial(256))
figures["mnist_64"] = 1 / timed(mnist(64))

memory = None
if args.memory_steps > 0:
    # Workload 2, batch 10; ru_maxrss is the whole process's peak (kilobytes on Linux).
    step = tutorial(10)
    step()
    rss0 = int(open("/proc/self/statm").read().split()[1]) * resource.getpagesize()
    for _ in range(args.memory_steps):
        step()
    rss1 = int(open("/proc/self/statm").read().split()[1]) * resource.getpagesize()
    memory = {"steps": args.memory_steps, "rss_peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
              "rss_growth_mb": (rss1 - rss0) / 1048576}

config = torch.__config__.show()
blas = re.search(r"BLAS_INFO=(\w+)", config)
blas = blas.group(1) if blas else "unknown"
try:  # Debian's torch links libblas.so.3: which implementation the alternatives system points at
    for line in open("/proc/self/maps"):
        m = re.search(r"(/\S*/lib(?:open)?blas[^/\s]*\.so[^/\s]*)$", line.strip())
        if m:
            blas += f" -> {m.group(1)}"
            break
except OSError:
    pass
print(json.dumps({"version": torch.__version__, "blas": blas, "threads": torch.get_num_threads(),
                  "figures": figures, "memory": memory}))
