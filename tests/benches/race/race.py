#!/usr/bin/env python3
"""Races this generator against progenitor on progenitor's own input (issue 16, point 6).

    python3 tests/benches/race/race.py [--rounds 3] [--document DOC] [--work DIR]

Both tools turn the same OpenAPI document (by default Oxide's nexus sample, 193 operations)
into a crate, in rounds that alternate which tool goes first. Each round measures, for each
tool:

- generation: this project's `generator import` + `generator generate` (two processes), and
  `cargo progenitor` (one), as wall time of the processes;
- generated lines: the lines of the `.rs` files written (and of `src/` alone);
- first debug build: `cargo build` of the crate in a target directory of its own, dependencies
  included (the registry already fetched);
- crate-only rebuild: after `touch src/lib.rs` (incremental cache warm), and after
  `cargo clean -p <crate>` (the crate's cache gone, dependencies kept).

It prints a Markdown table of medians and ratios (progenitor / this project) for BENCHMARKS.md.
progenitor 0.15.1 is installed with `cargo install` into this folder's `tools/` (not a
dependency of the workspace); this project's generator is built in release mode.
"""

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", "..", ".."))
PROGENITOR_VERSION = "0.15.1"


def run(cmd, cwd=None, env=None):
    """Runs `cmd`, failing loudly; returns its wall time in seconds."""
    start = time.perf_counter()
    done = subprocess.run(cmd, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed ({done.returncode}):\n{done.stdout.decode(errors='replace')[-4000:]}")
    return elapsed


def progenitor():
    """cargo-progenitor, installed into tools/ if it is not there yet."""
    binary = os.path.join(HERE, "tools", "bin", "cargo-progenitor")
    if not os.path.exists(binary):
        run(["cargo", "install", "cargo-progenitor", "--version", PROGENITOR_VERSION,
             "--root", os.path.join(HERE, "tools"), "--locked"])
    return binary


def generator():
    run(["cargo", "build", "--release", "-p", "generator"], cwd=ROOT)
    return os.path.join(ROOT, "target", "release", "generator")


def lines(crate):
    """(all .rs lines, .rs lines under src/) of a crate directory."""
    total = in_src = 0
    for base, _, files in os.walk(crate):
        if os.sep + "target" in base:
            continue
        for name in files:
            if name.endswith(".rs"):
                with open(os.path.join(base, name), encoding="utf-8") as f:
                    n = sum(1 for _ in f)
                total += n
                if os.path.relpath(base, crate).split(os.sep)[0] == "src":
                    in_src += n
    return total, in_src


def generate(tool, binary, document, out):
    if os.path.exists(out):
        shutil.rmtree(out)
    if tool == "ours":
        os.makedirs(out)
        spec = os.path.join(out, "nexus.yaml")
        t = run([binary, "import", document, "--out", spec, "--name", "nexus", "--fresh"])
        crate = os.path.join(out, "crate")
        t += run([binary, "generate", spec, "--out", crate])
        return t, crate, "generated-sdk"
    t = run([binary, "progenitor", "-i", document, "-o", out, "-n", "nexus", "-v", "0.1.0"])
    return t, out, "nexus"


def build(crate, name, target):
    env = dict(os.environ, CARGO_TARGET_DIR=target, CARGO_INCREMENTAL="1")
    if os.path.exists(target):
        shutil.rmtree(target)
    first = run(["cargo", "build", "--quiet"], cwd=crate, env=env)
    os.utime(os.path.join(crate, "src", "lib.rs"))
    touched = run(["cargo", "build", "--quiet"], cwd=crate, env=env)
    run(["cargo", "clean", "--quiet", "-p", name], cwd=crate, env=env)
    cleaned = run(["cargo", "build", "--quiet"], cwd=crate, env=env)
    return first, touched, cleaned


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--document", default=os.path.join(ROOT, "..", "shared", "specs", "progenitor-sample-nexus.json"))
    # Outside the workspace: a crate under it would be taken for a member.
    parser.add_argument("--work", default=os.path.join(tempfile.gettempdir(), "sdk-race"))
    args = parser.parse_args()
    document = os.path.abspath(args.document)
    binaries = {"ours": generator(), "progenitor": progenitor()}
    results = {tool: {"generation": [], "first": [], "touched": [], "cleaned": []} for tool in binaries}
    sizes = {}
    for round_ in range(args.rounds):
        order = ["ours", "progenitor"] if round_ % 2 == 0 else ["progenitor", "ours"]
        for tool in order:
            out = os.path.join(args.work, tool)
            t, crate, name = generate(tool, binaries[tool], document, out)
            results[tool]["generation"].append(t)
            sizes[tool] = lines(crate)
            first, touched, cleaned = build(crate, name, os.path.join(args.work, f"target-{tool}"))
            results[tool]["first"].append(first)
            results[tool]["touched"].append(touched)
            results[tool]["cleaned"].append(cleaned)
            print(f"round {round_ + 1} {tool}: generation {t:.2f} s, first build {first:.1f} s, "
                  f"rebuild after touch {touched:.1f} s, after clean -p {cleaned:.1f} s", flush=True)
    med = {tool: {k: statistics.median(v) for k, v in r.items()} for tool, r in results.items()}
    print()
    print(f"| nexus ({args.rounds} rounds, medians) | this project | progenitor {PROGENITOR_VERSION} | progenitor / this project |")
    print("|---|---|---|---|")
    rows = [
        ("import + generate", "generation", "s", 3),
        ("first debug build (dependencies included)", "first", "s", 1),
        ("crate-only rebuild, after `touch src/lib.rs`", "touched", "s", 1),
        ("crate-only rebuild, after `cargo clean -p`", "cleaned", "s", 1),
    ]
    for label, key, unit, digits in rows:
        ours, theirs = med["ours"][key], med["progenitor"][key]
        print(f"| {label} | {ours:.{digits}f} {unit} | {theirs:.{digits}f} {unit} | {theirs / ours:.2f}x |")
    for label, i in (("generated Rust lines, all", 0), ("generated Rust lines, `src/`", 1)):
        ours, theirs = sizes["ours"][i], sizes["progenitor"][i]
        print(f"| {label} | {ours:,} | {theirs:,} | {theirs / ours:.2f}x |")
    for tool, r in results.items():
        print(f"\n{tool}: " + "; ".join(f"{k} " + ", ".join(f"{x:.2f}" for x in v) for k, v in r.items()))


if __name__ == "__main__":
    main()
