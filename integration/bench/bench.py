"""make bench: this module beside Debian's C module (libnss-libvirt), measured in the same run.

Run by run-bench.sh inside a private mount namespace (unshare -m), as root: it mounts a tmpfs on
/var/lib, and for the whole-process figures an overlay on /usr/lib/x86_64-linux-gnu and a
bind-mounted /etc/nsswitch.conf; nothing outside the namespace changes.

Writes build/bench/results.md, build/bench/lookup-us.png, and prints the tables. Every figure
is also given as a ratio to the C module's figure from this run. Nothing here is asserted.
"""
import csv
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

TOP = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BUILD = os.path.join(TOP, "build")
OUT = os.path.join(BUILD, "bench")
OURS = os.path.join(BUILD, "lib")
THEIRS = os.path.join(BUILD, "oracle", "lib")
LEASE_DIR = "/var/lib/libvirt/dnsmasq"
SYSTEM_LIBDIR = "/usr/lib/x86_64-linux-gnu"
SIZES = [int(n) for n in os.environ.get("BENCH_SIZES", "1 100 1000 5000").split()]
COLD_LEASES = (1, 100)
COLD_RUNS = int(os.environ.get("BENCH_COLD_RUNS", "200"))
COLD_ROUNDS = 4
COLD_VARIANTS = {"files": "files", "ours": "files libvirt libvirt_guest", "C": "files libvirt libvirt_guest"}
MISS = "example.invalid"
MODULES = {"ours": OURS, "C": THEIRS}
STATUS_NAMES = {0: "NOTFOUND", 1: "SUCCESS", -1: "UNAVAIL", -2: "TRYAGAIN"}


def run(args, **kw):
    return subprocess.run(args, check=True, capture_output=True, text=True, **kw)


def write_leases(count, now):
    """`count` guests over two networks: hostname vm-i, domain dom-i, one MAC and one IPv4 each."""
    for name in os.listdir(LEASE_DIR):
        os.unlink(os.path.join(LEASE_DIR, name))
    networks = [[], []]
    for i in range(count):
        networks[0 if i < (count + 1) // 2 else 1].append(i)
    for net, guests in enumerate(networks):
        leases, macs = [], []
        for i in guests:
            mac = f"52:54:00:{i >> 16 & 255:02x}:{i >> 8 & 255:02x}:{i & 255:02x}"
            leases.append({"ip-address": f"10.{net}.{i >> 8 & 255}.{i & 255}", "mac-address": mac,
                           "hostname": f"vm-{i}", "client-id": "01:" + mac, "expiry-time": now + 3600 + i})
            macs.append({"domain": f"dom-{i}", "macs": [mac]})
        with open(f"{LEASE_DIR}/net{net}.status", "w") as f:
            json.dump(leases, f, indent=2)
        with open(f"{LEASE_DIR}/net{net}.macs", "w") as f:
            json.dump(macs, f, indent=2)


def module_path(module, prefix):
    return os.path.join(MODULES[module], f"libnss_{prefix}.so.2")


def in_process(harness):
    """{(size, prefix, kind, function, module): (median ns, status)}"""
    results = {}
    now = int(time.time())
    for size in SIZES:
        write_leases(size, now)
        time.sleep(0.2)  # past the lease snapshot's settling time (docs/lease-cache.md): warm means cached
        last = size - 1  # in the second network's file (the first when there is one guest)
        for prefix, hit in (("libvirt", f"vm-{last}"), ("libvirt_guest", f"dom-{last}")):
            for kind, name in (("hit", hit), ("miss", MISS)):
                for module in MODULES:
                    out = run([harness, module_path(module, prefix), prefix, name]).stdout.split()
                    results[(size, prefix, kind, "2_r", module)] = (float(out[0]), int(out[1]))
                    results[(size, prefix, kind, "4_r", module)] = (float(out[2]), int(out[3]))
        print(f"bench: in-process, {size} leases: done", file=sys.stderr)
    return results


def mount_variant(module, nsswitch):
    if module in MODULES:
        subprocess.run(["mount", "-t", "overlay", "overlay", "-o",
                        f"lowerdir={MODULES[module]}:{SYSTEM_LIBDIR}", SYSTEM_LIBDIR], check=True)
    subprocess.run(["mount", "--bind", nsswitch, "/etc/nsswitch.conf"], check=True)


def unmount_variant(module):
    subprocess.run(["umount", "/etc/nsswitch.conf"], check=True)
    if module in MODULES:
        subprocess.run(["umount", "--lazy", SYSTEM_LIBDIR], check=True)  # busy: this process maps libraries from it


def instructions(args):
    out = subprocess.run(["valgrind", "--tool=callgrind", "--dump-instr=no", "--callgrind-out-file=/dev/null"]
                         + args, capture_output=True, text=True)
    for line in out.stderr.splitlines():
        if "Collected :" in line:
            return int(line.split(":")[-1])
    raise RuntimeError("callgrind: no total in\n" + out.stderr)


def wall_samples(commands, runs):
    """hyperfine's individual wall times (µs) of each command."""
    with tempfile.NamedTemporaryFile(suffix=".json") as export:
        run(["hyperfine", "-N", "-i", "--warmup", "10", "--runs", str(runs), "--export-json", export.name]
            + commands)
        data = json.load(open(export.name))
    return [[t * 1e6 for t in r["times"]] for r in data["results"]]


def variant_conf(tmp, variant):
    nsswitch = os.path.join(tmp, f"nsswitch-{variant}.conf")
    with open(nsswitch, "w") as f:
        f.write(f"passwd: files\ngroup: files\nhosts: {COLD_VARIANTS[variant]}\n")
    return nsswitch


def whole_process(tmp, leases):
    """{(variant, name): (instructions, median wall µs, fastest wall µs)} for getent ahosts in a fresh process.
    Wall times are taken in rounds, the variants in turn, so that a busy moment of the machine
    falls on all of them alike; the median is over every round's runs."""
    write_leases(leases, int(time.time()))
    vm = f"vm-{leases // 2}"
    names = [MISS, vm]
    samples = {(variant, name): [] for variant in COLD_VARIANTS for name in names}
    counts = {}
    for round_ in range(COLD_ROUNDS):
        for variant in COLD_VARIANTS:
            mount_variant(variant, variant_conf(tmp, variant))
            try:
                walls = wall_samples([f"getent ahosts {name}" for name in names], COLD_RUNS // COLD_ROUNDS)
                for name, times in zip(names, walls):
                    samples[(variant, name)] += times
                if round_ == 0:
                    for name in names:
                        counts[(variant, name)] = instructions(["getent", "ahosts", name])
            finally:
                unmount_variant(variant)
    print(f"bench: whole process, {leases} leases: done", file=sys.stderr)
    return {key: (counts[key], statistics.median(times), min(times)) for key, times in samples.items()}, vm


def footprint(program):
    """{module: (threads, VmRSS kB, VmSize kB)} added by the first lookup (median of 5 hosts)."""
    results = {}
    for module in MODULES:
        runs = [tuple(int(x) for x in run([program, module_path(module, "libvirt"), "libvirt"]).stdout.split())
                for _ in range(5)]
        results[module] = tuple(statistics.median(r[i] for r in runs) for i in range(3))
    return results


def module_size():
    stripped = os.path.join(OUT, "libnss_libvirt.stripped")
    run(["strip", "-o", stripped, os.path.join(OURS, "libnss_libvirt.so.2")])
    return os.path.getsize(stripped), os.path.getsize(os.path.join(THEIRS, "libnss_libvirt.so.2"))


def core_benchmarks():
    """Rows of BenchmarkDotNet's CSV (written by run-bench.sh before this script), with bytes/s."""
    directory = os.path.join(OUT, "bdn")
    report = os.path.join(directory, "results", "LibvirtNss.Core.Benchmarks.CoreBenchmarks-report.csv")
    if not os.path.exists(report):
        return []
    sizes = {}
    for line in open(os.path.join(directory, "file-sizes.txt")):
        leases, status, macs = (int(x) for x in line.split())
        sizes[leases] = (status, macs)

    def number(text):
        text = text.replace(",", "").split()[0] if text.strip() else "0"
        try:
            return float(text)
        except ValueError:
            return 0.0

    rows = []
    for row in csv.DictReader(open(report)):
        median = next(v for k, v in row.items() if k.startswith("Median"))
        allocated = next((v for k, v in row.items() if k.startswith("Allocated")), "0")
        leases = int(row["Leases"])
        file_bytes = sizes[leases][1 if row["Method"] == "CollectDomainMacs" else 0]
        median_ns = number(median)
        rows.append((row["Method"], leases, file_bytes, median_ns, file_bytes / median_ns * 1e9 if median_ns else 0,
                     number(allocated)))
    return rows


def ratio(a, b):
    if not b:
        return "-"
    r = a / b
    return f"{r:.2f}×" if r >= 0.1 else f"{r:.4f}×"


def speedup(ours, c):
    return f"{c / ours:.1f}×" if ours else "-"


def us(ns):
    return f"{ns / 1000:.2f}" if ns < 100_000 else f"{ns / 1000:.0f}"


def status(code):
    return STATUS_NAMES.get(code, str(code))


def tables(lookups, cold, feet, sizes, core):
    lines = ["# make bench: libvirt-nss (ours) beside Debian's C module (libnss-libvirt 9.0.0), same run", ""]
    lines += ["## 1. Warm lookups in one process (µs per call, median; C harness, dlopen)", "",
              "Two networks, guests vm-0 ... vm-N-1 (domains dom-i); hit = the last guest, miss = "
              f"`{MISS}`. ours/C below 1 is faster; C/ours = how many times faster.", "",
              "| leases | module | entry point | lookup | ours µs | C µs | ours/C | C/ours | status (ours, C) |",
              "|---:|---|---|---|---:|---:|---:|---:|---|"]
    for size in SIZES:
        for prefix in ("libvirt", "libvirt_guest"):
            for function in ("4_r", "2_r"):
                for kind in ("hit", "miss"):
                    o, os_ = lookups[(size, prefix, kind, function, "ours")]
                    c, cs = lookups[(size, prefix, kind, function, "C")]
                    lines.append(f"| {size} | {prefix} | gethostbyname{function[0]}_r | {kind} | {us(o)} | {us(c)} | "
                                 f"{ratio(o, c)} | {speedup(o, c)} | {status(os_)}, {status(cs)} |")
    lines += ["", "## 2. Whole process, cold: `getent ahosts NAME`, `hosts: files libvirt libvirt_guest`", "",
              "Instructions: valgrind --tool=callgrind (deterministic). Wall: hyperfine, median of "
              f"{COLD_RUNS} runs taken in {COLD_ROUNDS} rounds, the variants in turn. `files` = `hosts: files` "
              "alone. The guest is vm-N/2 of the directory; a miss reads every file in both modules.", "",
              "| leases | name | variant | instructions | /C | wall µs, median | /C | wall µs, fastest | /C |",
              "|---:|---|---|---:|---:|---:|---:|---:|---:|"]
    for leases, (results, vm) in cold.items():
        for name in (MISS, vm):
            ci, cw, cf = results[("C", name)]
            for variant in ("ours", "C", "files"):
                i, w, f = results[(variant, name)]
                lines.append(f"| {leases} | {name} | {variant} | {i:,} | {ratio(i, ci)} | {w:.0f} | {ratio(w, cw)} | "
                             f"{f:.0f} | {ratio(f, cf)} |")
    lines += ["", "## 3. Footprint in a C host (added from before dlopen to after the first lookup, a miss, 1 lease; median of 5)", "",
              "| module | threads | VmRSS kB | VmSize kB | size bytes (stripped) |", "|---|---:|---:|---:|---:|"]
    for module in MODULES:
        t, r, v = feet[module]
        size = sizes[0] if module == "ours" else sizes[1]
        lines.append(f"| {module} | {t:.0f} | {r:.0f} | {v:.0f} | {size:,} |")
    t, r, v = feet["ours"]
    ct, cr, cv = feet["C"]
    lines.append(f"| ours/C | +{t - ct:.0f} | {ratio(r, cr)} | {ratio(v, cv)} | {ratio(sizes[0], sizes[1])} |")
    lines += ["", "## 4. Core alone (BenchmarkDotNet, short job: 5 warm-up + 5 iterations of 200 ms, in process)", ""]
    if core:
        lines += ["The C module has no separable parser, so these have no C ratio; section 1 compares whole lookups.", "",
                  "| benchmark | leases | file bytes | median µs | MB/s | allocated B |", "|---|---:|---:|---:|---:|---:|"]
        for method, leases, file_bytes, median_ns, rate, allocated in core:
            lines.append(f"| {method} | {leases} | {file_bytes:,} | {median_ns / 1000:.1f} | {rate / 1e6:.0f} | "
                         f"{allocated:,.0f} |")
    else:
        lines.append("(not run: BENCH_CORE=0)")
    return "\n".join(lines) + "\n"


def chart(lookups):
    data = os.path.join(OUT, "lookup-us.dat")
    with open(data, "w") as f:
        f.write("# leases ours-hit C-hit ours-miss C-miss (µs, libvirt gethostbyname4_r)\n")
        for size in SIZES:
            row = [lookups[(size, "libvirt", kind, "4_r", module)][0] / 1000
                   for kind in ("hit", "miss") for module in ("ours", "C")]
            f.write(f"{size} {row[0]} {row[1]} {row[2]} {row[3]}\n")
    png = os.path.join(OUT, "lookup-us.png")
    script = f"""
set terminal pngcairo size 900,600 noenhanced
set output '{png}'
set logscale xy
set title 'warm lookup, libvirt gethostbyname4_r: libvirt-nss vs Debian C module'
set xlabel 'leases (2 networks)'
set ylabel 'µs per lookup (median)'
set key top left
set grid
plot '{data}' using 1:2 with linespoints lw 2 title 'ours, hit', \\
     '{data}' using 1:4 with linespoints lw 2 title 'ours, miss', \\
     '{data}' using 1:3 with linespoints lw 2 dt 2 title 'C, hit', \\
     '{data}' using 1:5 with linespoints lw 2 dt 2 title 'C, miss'
"""
    subprocess.run(["gnuplot"], input=script, text=True, check=True)
    return png


def main():
    os.makedirs(OUT, exist_ok=True)
    harness, program = sys.argv[1], sys.argv[2]
    subprocess.run(["mount", "-t", "tmpfs", "tmpfs", "/var/lib"], check=True)
    os.makedirs(LEASE_DIR)
    with tempfile.TemporaryDirectory() as tmp:
        lookups = in_process(harness)
        cold = {leases: whole_process(tmp, leases) for leases in COLD_LEASES}
    write_leases(1, int(time.time()))
    feet = footprint(program)
    text = tables(lookups, cold, feet, module_size(), core_benchmarks())
    png = chart(lookups)
    with open(os.path.join(OUT, "results.md"), "w") as f:
        f.write(text + f"\nChart: {os.path.basename(png)}\n")
    print(text)
    print(f"written: {os.path.join(OUT, 'results.md')}, {png}")


if __name__ == "__main__":
    main()
