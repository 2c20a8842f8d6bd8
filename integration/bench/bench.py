"""make bench: this module beside two upstream C modules (libnss-libvirt), measured in the same run.

The upstream modules are Debian's package libnss-libvirt, unpacked by scripts/fetch-oracle.sh:
Debian 12's (build/oracle), the baseline the targets are set against, and the newest the Debian
archive serves (build/oracle-newest), so that every figure also says where the module stands
against upstream as it is today. The tables call them by the upstream versions in their VERSION
files ("C 9.0.0", "C 12.9.0"), and the ratio columns by the major and minor version ("ours/9.0").

Run by run-bench.sh inside a private mount namespace (unshare -m), as root: it mounts a tmpfs on
/var/lib, and for the whole-process figures an overlay on /usr/lib/x86_64-linux-gnu and a
bind-mounted /etc/nsswitch.conf; nothing outside the namespace changes.

Writes build/bench/results.md, build/bench/lookup-us.png, and prints the tables: first the
targets, each "met" or "NOT MET" against Debian 12's module (reported only: nothing here fails the
build), with the same figure against the newest beside it (informational: the targets are
Debian 12's baseline), then the figures behind them. Every figure is given for the three modules
from this run, with its ratio to each upstream module; the cold figures also as each module's own
cost, above a do-nothing module with the same exports (twin()).
"""
import csv
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

TOP = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BUILD = os.path.join(TOP, "build")
OUT = os.path.join(BUILD, "bench")
LEASE_DIR = "/var/lib/libvirt/dnsmasq"
SYSTEM_LIBDIR = "/usr/lib/x86_64-linux-gnu"
SIZES = [int(n) for n in os.environ.get("BENCH_SIZES", "1 100 1000 5000").split()]
COLD_LEASES = (1, 100)
COLD_RUNS = int(os.environ.get("BENCH_COLD_RUNS", "200"))
COLD_ROUNDS = 4
# The hosts lines of the cold figures: the targets are set on the first; the second is the line
# README.md recommends (a miss asks both module names).
TARGET_LINE, FULL_LINE = "files libvirt", "files libvirt libvirt_guest"
COLD_LINES = (TARGET_LINE, FULL_LINE)
THREAD_LEASES = (1, 1000)
THREAD_ROUNDS = 10
THREAD_SECONDS = 0.3
MIXED_LOOKUPS = int(os.environ.get("BENCH_MIXED_LOOKUPS", "1000000"))
MIXED_EARLY = 1000
MISS = "example.invalid"
STATUS_NAMES = {0: "NOTFOUND", 1: "SUCCESS", -1: "UNAVAIL", -2: "TRYAGAIN"}


def upstream_version(lib):
    """The upstream version of the package a module directory was unpacked from (the VERSION file that
    scripts/fetch-oracle.sh writes beside it), without epoch and Debian revision."""
    with open(os.path.join(os.path.dirname(lib), "VERSION")) as f:
        return f.read().strip().split(":")[-1].rsplit("-", 1)[0]


# The upstream modules: BASELINE, Debian 12's, is what the targets are set against; NEWEST, the newest
# the Debian archive serves, is measured beside it for information.
BASELINE, NEWEST = "debian", "newest"
ORACLES = (BASELINE, NEWEST)
ORACLE_LIBS = {BASELINE: os.path.join(BUILD, "oracle", "lib"), NEWEST: os.path.join(BUILD, "oracle-newest", "lib")}
VERSIONS = {oracle: upstream_version(lib) for oracle, lib in ORACLE_LIBS.items()}
LABELS = {"ours": "ours", **{oracle: f"C {version}" for oracle, version in VERSIONS.items()}}
# In ratio headers ("ours/9.0"): major and minor, unless that does not tell the two apart.
SHORT = {oracle: ".".join(version.split(".")[:2]) for oracle, version in VERSIONS.items()}
if len(set(SHORT.values())) < len(SHORT):
    SHORT = dict(VERSIONS)
# BENCH_BEFORE=REV (run-bench.sh): this module as REV built it, measured beside ours in every section,
# and ours against it in a table of its own (before_table()).
BEFORE = "before"
BEFORE_LIB, BEFORE_NAME = os.environ.get("BENCH_BEFORE_LIB"), os.environ.get("BENCH_BEFORE_NAME", "")
if BEFORE_LIB:
    LABELS[BEFORE] = f"ours {BEFORE_NAME}"
BEFORE_LIMIT = 1.05
# Private copies (a rebuild meanwhile changes nothing measured), made by main(), in the tables' order.
MODULES = {module: os.path.join(OUT, "modules", module)
           for module in ("ours",) + ((BEFORE,) if BEFORE_LIB else ()) + ORACLES}
# Each module's do-nothing twin (twin()), under the same file names: what any module with the same
# exports costs glibc to load and ask, so that what is left is the module's own.
TWINS = {module: os.path.join(OUT, "modules", f"{module}-twin") for module in MODULES}
ANSWERING_TWINS = {module: os.path.join(OUT, "modules", f"{module}-answering-twin") for module in MODULES}
OWN_COST_RUNS = int(os.environ.get("BENCH_OWN_COST_RUNS", "3"))
OWN_COST_LIMIT = 0.35
# The arguments of each NSS function before errnop and h_errnop (glibc's nss/nss_module.h).
NSS_LEADING_ARGS = {"gethostbyname_r": 4, "gethostbyname2_r": 5, "gethostbyname3_r": 5, "gethostbyname4_r": 4,
                    "gethostbyaddr_r": 6, "gethostbyaddr2_r": 6}


def run(args, **kw):
    return subprocess.run(args, check=True, capture_output=True, text=True, **kw)


def copy_modules():
    for directory in MODULES.values():
        shutil.rmtree(directory, ignore_errors=True)
        os.makedirs(directory)
    shutil.copy(os.path.join(BUILD, "lib", "libnss_libvirt.so.2"), MODULES["ours"])
    os.symlink("libnss_libvirt.so.2", os.path.join(MODULES["ours"], "libnss_libvirt_guest.so.2"))
    for oracle, lib in ORACLE_LIBS.items():
        for name in ("libnss_libvirt.so.2", "libnss_libvirt_guest.so.2"):
            shutil.copy(os.path.join(lib, name), MODULES[oracle])
    if BEFORE_LIB:
        shutil.copy(os.path.join(BEFORE_LIB, "libnss_libvirt.so.2"), MODULES[BEFORE])
        os.symlink("libnss_libvirt.so.2", os.path.join(MODULES[BEFORE], "libnss_libvirt_guest.so.2"))
    build_twins(TWINS)


def dynamic_exports(library):
    """The defined dynamic symbols of a shared library, as (name, version or "") sorted; not the symbol
    GNU ld adds for each version node (lld adds none)."""
    out = run(["nm", "-D", "--defined-only", "--with-symbol-versions", library]).stdout
    exports = []
    for line in out.splitlines():
        symbol = line.split()[-1]
        name, _, version = symbol.partition("@@") if "@@" in symbol else symbol.partition("@")
        exports.append((name, version))
    versions = {version for _, version in exports}
    return sorted((name, version) for name, version in exports if version or name not in versions)


TWIN_PROLOGUE = """#include <errno.h>
#include <netdb.h>
#include <nss.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/socket.h>

static enum nss_status not_found(int *errnop, int *h_errnop)
{
    *errnop = ESRCH;
    *h_errnop = HOST_NOT_FOUND;
    return NSS_STATUS_NOTFOUND;
}
"""
# The answering twin's gethostbyname4_r: ANSWER_NAME's one IPv4 address, ANSWER_ADDRESS (network
# order), as the modules answer a guest with one lease; every other name is not found.
TWIN_ANSWER = """
static const char answer_name[] = ANSWER_NAME;

static int is_answer(const char *name)
{
    const char *a = answer_name;
    while (*name && *name == *a)
        name++, a++;
    return *name == *a;
}

static enum nss_status answer(const char *name, struct gaih_addrtuple **pat, char *buffer, size_t buflen,
                              int *errnop, int *h_errnop, int32_t *ttlp)
{
    size_t skip = (size_t)-(uintptr_t)buffer % _Alignof(struct gaih_addrtuple);
    if (!is_answer(name))
        return not_found(errnop, h_errnop);
    if (buflen < skip + sizeof(struct gaih_addrtuple) + sizeof answer_name) {
        *errnop = ERANGE;
        *h_errnop = NETDB_INTERNAL;
        return NSS_STATUS_TRYAGAIN;
    }
    struct gaih_addrtuple *tuple = (struct gaih_addrtuple *)(buffer + skip);
    char *copy = (char *)(tuple + 1);
    for (size_t i = 0; i < sizeof answer_name; i++)
        copy[i] = answer_name[i];
    tuple->next = NULL;
    tuple->name = copy;
    tuple->family = AF_INET;
    tuple->addr[0] = ANSWER_ADDRESS;
    tuple->addr[1] = tuple->addr[2] = tuple->addr[3] = 0;
    tuple->scopeid = 0;
    *pat = tuple;
    if (ttlp)
        *ttlp = 0;
    *errnop = 0;
    *h_errnop = NETDB_SUCCESS;
    return NSS_STATUS_SUCCESS;
}
"""


def twin(original, path, answer=None):
    """A do-nothing module with the same dynamic exports (names and version nodes) and soname as
    `original`: every function answers NOTFOUND (errno ESRCH, HOST_NOT_FOUND, as the modules do on
    a miss), except, given `answer` (name, IPv4 address), gethostbyname4_r for that name, which
    answers the address as the modules do. Built with nothing else in it (no start files, no
    library, no relocation), so that it is the least any module with these exports (and that
    answer) can cost, and checked export for export."""
    exports = dynamic_exports(original)
    sources = os.path.dirname(path) + "-source"  # beside the twins' directory, not in the overlay
    os.makedirs(sources, exist_ok=True)
    source = os.path.join(sources, os.path.basename(path) + ".c")
    script = os.path.join(sources, os.path.basename(path) + ".ver")
    with open(source, "w") as f:
        f.write(TWIN_PROLOGUE)
        if answer:
            address = int.from_bytes(bytes(int(part) for part in answer[1].split(".")), "little")
            f.write(f'\n#define ANSWER_NAME "{answer[0]}"\n#define ANSWER_ADDRESS {address:#x}u\n' + TWIN_ANSWER)
        for name, _ in exports:
            suffix = re.sub(r"^_nss_[a-z_]*?_(?=gethostby)", "", name)
            if suffix not in NSS_LEADING_ARGS:
                raise RuntimeError(f"twin: {original} exports {name}, not an NSS host function")
            if answer and suffix == "gethostbyname4_r":
                f.write(f"\nenum nss_status {name}(const char *name, struct gaih_addrtuple **pat, char *buffer, "
                        "size_t buflen, int *errnop, int *h_errnop, int32_t *ttlp)\n"
                        "{\n    return answer(name, pat, buffer, buflen, errnop, h_errnop, ttlp);\n}\n")
                continue
            leading = "".join(f"void *a{i}, " for i in range(NSS_LEADING_ARGS[suffix]))
            f.write(f"\nenum nss_status {name}({leading}int *errnop, int *h_errnop)\n"
                    "{\n    return not_found(errnop, h_errnop);\n}\n")
    versions = sorted({version for _, version in exports})
    with open(script, "w") as f:
        for version in versions:
            names = "".join(f" {name};" for name, v in exports if v == version)
            f.write(f"{version} {{ global:{names} local: *; }};\n")
    soname = re.search(r"\(SONAME\).*\[(.*)\]", run(["readelf", "-d", original]).stdout)
    run(["cc", "-shared", "-fPIC", "-O2", "-fno-builtin", "-fno-tree-loop-distribute-patterns", "-nostdlib",
         "-Wl,-z,defs", f"-Wl,--version-script={script}"]
        + ([f"-Wl,-soname,{soname.group(1)}"] if soname else []) + ["-o", path, source])
    if dynamic_exports(path) != exports:
        raise RuntimeError(f"twin: {path} exports {dynamic_exports(path)}, {original} {exports}")


def build_twins(directories, answer=None):
    """Each module's twin (twin()) into directories[module], under the module's own file names."""
    for module, directory in directories.items():
        shutil.rmtree(directory, ignore_errors=True)
        os.makedirs(directory)
        for name in sorted(os.listdir(MODULES[module])):
            original = os.path.join(MODULES[module], name)
            if os.path.islink(original):
                os.symlink(os.readlink(original), os.path.join(directory, name))
            else:
                twin(original, os.path.join(directory, name), answer)


def guest_address(i, count):
    """The IPv4 address of guest i of `count` (write_leases)."""
    return f"10.{0 if i < (count + 1) // 2 else 1}.{i >> 8 & 255}.{i & 255}"


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
            leases.append({"ip-address": guest_address(i, count), "mac-address": mac,
                           "hostname": f"vm-{i}", "client-id": "01:" + mac, "expiry-time": now + 3600 + i})
            macs.append({"domain": f"dom-{i}", "macs": [mac]})
        with open(f"{LEASE_DIR}/net{net}.status", "w") as f:
            json.dump(leases, f, indent=2)
        with open(f"{LEASE_DIR}/net{net}.macs", "w") as f:
            json.dump(macs, f, indent=2)
    time.sleep(0.2)  # past the lease snapshot's settling time (docs/lease-cache.md): warm means cached


def module_path(module, prefix):
    return os.path.join(MODULES[module], f"libnss_{prefix}.so.2")


# --- 1. warm lookups, one thread ---

def in_process(harness):
    """{(size, prefix, kind, function, module): (median ns, status)}"""
    results = {}
    now = int(time.time())
    for size in SIZES:
        write_leases(size, now)
        last = size - 1  # in the second network's file (the first when there is one guest)
        for prefix, hit in (("libvirt", f"vm-{last}"), ("libvirt_guest", f"dom-{last}")):
            for kind, name in (("hit", hit), ("miss", MISS)):
                for module in MODULES:
                    out = run([harness, module_path(module, prefix), prefix, name]).stdout.split()
                    results[(size, prefix, kind, "2_r", module)] = (float(out[0]), int(out[1]))
                    results[(size, prefix, kind, "4_r", module)] = (float(out[2]), int(out[3]))
        print(f"bench: in-process, {size} leases: done", file=sys.stderr)
    return results


# --- 2. warm lookups from 1 and 2 threads ---

def threads(harness):
    """{(leases, module): {threads: [lookups per second of each round]}, (leases, module, "cpu"): {threads: [CPU ns
    per lookup of each round]}, (leases, module, "spin"): {threads: [loops per second of a CPU-bound loop without
    the module, run in the same rounds]}}, rounds alternating 1 and 2 threads."""
    results = {}
    if (os.cpu_count() or 1) < 2:
        return results
    now = int(time.time())
    for leases in THREAD_LEASES:
        write_leases(leases, now)
        for module in MODULES:
            rounds, cpu, machine = {1: [], 2: []}, {1: [], 2: []}, {1: [], 2: []}
            for _ in range(THREAD_ROUNDS):
                for count in (1, 2):
                    out = run([harness, "--threads", str(count), "--seconds", str(THREAD_SECONDS),
                               module_path(module, "libvirt"), "libvirt", f"vm-{leases - 1}"]).stdout.split()
                    if int(out[1]) != 1 or int(out[2]) != 0:
                        raise RuntimeError(f"threads: {module}, {leases} leases: status {out[1]}, {out[2]} unlike")
                    rounds[count].append(float(out[0]))
                    cpu[count].append(float(out[3]))
                for count in (1, 2):  # the machine's own parallelism in the same moments: no module
                    out = run([harness, "--threads", str(count), "--seconds", str(THREAD_SECONDS / 3), "--spin"]).stdout.split()
                    machine[count].append(float(out[0]))
            results[(leases, module)] = rounds
            results[(leases, module, "cpu")] = cpu
            results[(leases, module, "spin")] = machine
        print(f"bench: threads, {leases} leases: done", file=sys.stderr)
    return results


# --- 3. mixed lookups, RSS ---

def mixed(host):
    """(rss after MIXED_EARLY kB, rss after MIXED_LOOKUPS kB, the host's figure lines, answers right)"""
    for name in os.listdir(LEASE_DIR):
        os.unlink(os.path.join(LEASE_DIR, name))
    out = run([host, module_path("ours", "libvirt"), LEASE_DIR, str(MIXED_LOOKUPS), "--rss-at", str(MIXED_EARLY),
               "--rewrite-every", "2000", "--settle-every", "2"]).stdout
    rss = re.search(r"rss after (\d+) lookups: (\d+) kB; after (\d+): (\d+) kB", out)
    right = re.search(r"^ok - all \d+ answers right", out, re.M) is not None
    figures = [line[2:] for line in out.splitlines() if line.startswith("# ")]
    print("bench: mixed lookups: done", file=sys.stderr)
    return int(rss.group(2)), int(rss.group(4)), figures, right


# --- 4. whole process, cold ---

def mount_variant(directory, nsswitch):
    """The modules of `directory` (none: None) over the system's, and `nsswitch` as /etc/nsswitch.conf."""
    if directory:
        subprocess.run(["mount", "-t", "overlay", "overlay", "-o",
                        f"lowerdir={directory}:{SYSTEM_LIBDIR}", SYSTEM_LIBDIR], check=True)
    subprocess.run(["mount", "--bind", nsswitch, "/etc/nsswitch.conf"], check=True)


def unmount_variant(directory):
    subprocess.run(["umount", "/etc/nsswitch.conf"], check=True)
    if directory:
        subprocess.run(["umount", "--lazy", SYSTEM_LIBDIR], check=True)  # busy: this process maps libraries from it


def write_nsswitch(tmp, line):
    nsswitch = os.path.join(tmp, "nsswitch.conf")
    with open(nsswitch, "w") as f:
        f.write(f"passwd: files\ngroup: files\nhosts: {line}\n")
    return nsswitch


def instructions(args, profile="/dev/null"):
    out = subprocess.run(["valgrind", "--tool=callgrind", "--dump-instr=no", f"--callgrind-out-file={profile}"]
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


def cold_configs():
    """(config, module, hosts line): `files` alone, then each module with each line."""
    configs = [("files", "files", "files")]
    for line in COLD_LINES:
        for module in MODULES:
            configs.append((f"{module}, {line}", module, line))
    return configs


def whole_process(tmp, leases):
    """{(config, name): (instructions, median wall µs, fastest wall µs)} for getent ahosts in a fresh process,
    and the guest's name. Wall times are taken in rounds, the configurations in turn, so that a busy
    moment of the machine falls on all of them alike; the median is over every round's runs. The
    callgrind profiles of the target line are kept (build/bench/callgrind/) for the breakdown."""
    write_leases(leases, int(time.time()))
    vm = f"vm-{leases // 2}"
    names = [MISS, vm]
    configs = cold_configs()
    samples = {(config, name): [] for config, _, _ in configs for name in names}
    counts = {}
    profiles = os.path.join(OUT, "callgrind")
    os.makedirs(profiles, exist_ok=True)
    for round_ in range(COLD_ROUNDS):
        for config, module, line in configs:
            mount_variant(MODULES.get(module), write_nsswitch(tmp, line))
            try:
                walls = wall_samples([f"getent ahosts {name}" for name in names], COLD_RUNS // COLD_ROUNDS)
                for name, times in zip(names, walls):
                    samples[(config, name)] += times
                if round_ == 0:
                    for name in names:
                        keep = line in ("files", TARGET_LINE)
                        profile = os.path.join(profiles, f"{module}-{leases}-{'miss' if name == MISS else 'hit'}.out")
                        counts[(config, name)] = instructions(["getent", "ahosts", name], profile if keep else "/dev/null")
            finally:
                unmount_variant(MODULES.get(module))
    print(f"bench: whole process, {leases} leases: done", file=sys.stderr)
    return {key: (counts[key], statistics.median(times), min(times)) for key, times in samples.items()}, vm


def own_cost(tmp, leases):
    """{(hosts line, "miss" or "hit", module): ((median, fewest, most) instructions of the module, the same of its
    twin)} for getent ahosts in a fresh process, OWN_COST_RUNS runs each under callgrind, and the guest's name.
    A hit's twin answers the guest's address (ANSWERING_TWINS)."""
    write_leases(leases, int(time.time()))
    os.makedirs(os.path.join(OUT, "callgrind"), exist_ok=True)
    names = {"miss": MISS, "hit": f"vm-{leases // 2}"}
    build_twins(ANSWERING_TWINS, (names["hit"], guest_address(leases // 2, leases)))
    counts, answers = {}, {}
    for line in COLD_LINES:
        nsswitch = write_nsswitch(tmp, line)
        for kind, name in names.items():
            for module in MODULES:
                for directory in (MODULES[module], (TWINS if kind == "miss" else ANSWERING_TWINS)[module]):
                    mount_variant(directory, nsswitch)
                    try:
                        answer = subprocess.run(["getent", "ahosts", name], capture_output=True, text=True)
                        profile = own_cost_profile(module, directory == MODULES[module], leases, kind)
                        runs = [instructions(["getent", "ahosts", name], profile if line == TARGET_LINE and i == 0
                                             else "/dev/null") for i in range(OWN_COST_RUNS)]
                    finally:
                        unmount_variant(directory)
                    answers.setdefault((line, kind, module), []).append((answer.returncode, answer.stdout))
                    counts.setdefault((line, kind, module), []).append(
                        (int(statistics.median(runs)), min(runs), max(runs)))
                module_answer, twin_answer = answers[(line, kind, module)]
                if module_answer != twin_answer:  # then the difference would be more than the module's own work
                    raise RuntimeError(f"own cost: {module} and its twin answer `getent ahosts {name}` unlike: "
                                       f"{module_answer} against {twin_answer}")
    print(f"bench: own cost, {leases} leases: done", file=sys.stderr)
    return {key: tuple(value) for key, value in counts.items()}, names["hit"]


def own_cost_profile(module, itself, leases, kind):
    """Where own_cost() keeps the callgrind profile of the module or its twin (target line, first run)."""
    return os.path.join(OUT, "callgrind", f"own-{module}{'' if itself else '-twin'}-{leases}-{kind}.out")


def own_cost_parts(costs):
    """{(leases, kind, module): (dlopen, dlsym, the rest)}: the module's own instructions split as glibc spends
    them, each the module's figure less its twin's: `dlopen` (mapping, relocating: its imports bound, its
    dependencies and their versions checked), the `dlsym` calls of module_load (a name the module lacks is
    also looked for in its dependencies), and the rest (the lookup)."""
    parts = {}
    for leases, (results, _) in costs.items():
        for kind in ("miss", "hit"):
            for module in MODULES:
                mine, twins = (module_load_parts(own_cost_profile(module, itself, leases, kind))
                               for itself in (True, False))
                dlopen = mine.get("__libc_dlopen_mode", 0) - twins.get("__libc_dlopen_mode", 0)
                dlsym = mine.get("__libc_dlsym", 0) - twins.get("__libc_dlsym", 0)
                parts[(leases, kind, module)] = (dlopen, dlsym, own(results[(TARGET_LINE, kind, module)]) - dlopen - dlsym)
    return parts


def own(counts):
    """The module's own instructions: its median less its twin's."""
    module, twin_ = counts
    return module[0] - twin_[0]


def own_cost_targets(costs):
    """Rows (target, measured, met or NOT MET, the same against the newest): on the target line, the miss and
    the hit at each lease count."""
    rows = []
    for kind in ("miss", "hit"):
        for leases, (results, vm) in costs.items():
            o = own(results[(TARGET_LINE, kind, "ours")])
            c, n = (own(results[(TARGET_LINE, kind, oracle)]) for oracle in ORACLES)
            name = MISS if kind == "miss" else vm
            rows.append((f"cold own cost (instructions above a do-nothing module with the same exports) of "
                         f"`getent ahosts {name}`, `hosts: {TARGET_LINE}`, {leases} lease{'s' * (leases > 1)}: "
                         f"ours ≤ {OWN_COST_LIMIT}× {LABELS[BASELINE]}", f"{o / c:.2f} ({o:,} / {c:,})",
                         met(o / c <= OWN_COST_LIMIT), f"{o / n:.2f} ({o:,} / {n:,})"))
    return rows


def targets_table(rows):
    """The Targets section: `rows` as targets() and own_cost_targets() give them."""
    base, newest = LABELS[BASELINE], LABELS[NEWEST]
    lines = ["## Targets", "",
             f"Set against Debian 12's C module ({base}): the baseline of the targets. The last column is the same "
             f"figure against the newest upstream module ({newest}) from this run, for information (nothing is met "
             f"or not met against it; - where the target does not compare with C).", "",
             f"| target | measured, against {base} | | the same against {newest} (informational) |",
             "|---|---|---|---|"]
    return lines + [f"| {t} | {m} | {ok} | {n} |" for t, m, ok, n in rows]


def own_cost_table(costs):
    lines = ["", "## 4b. Cold own cost: above a do-nothing module with the same exports", "",
             "Each module beside its twin: a shared object with the same dynamic exports (names, version node, "
             "soname, under the same file names) whose functions do nothing but answer NOTFOUND, built with "
             "nothing else in it (`cc -shared -nostdlib`); for a hit, its gethostbyname4_r answers the guest's "
             "one address, as the modules do. What the twin costs, any module with these exports (and that "
             "answer) costs glibc and getent: `dlopen` of a file, `module_load`'s asprintf and dlsym for each "
             "function glibc knows, the calls, getaddrinfo's work on the answer and its printing. The "
             "difference is the module's own: mapping and relocating itself, and finding the answer. "
             f"`getent ahosts NAME` in a fresh process, callgrind, median of {OWN_COST_RUNS} runs (fewest–most "
             "in brackets when they differ). The last columns: the module's own cost over each upstream module's.", "",
             "| leases | name | hosts | module | instructions | its twin's | own | "
             + " | ".join(f"own /{SHORT[oracle]}" for oracle in ORACLES) + " |",
             "|---:|---|---|---|---:|---:|---:|" + "---:|" * len(ORACLES)]

    def count(figures):
        median, low, high = figures
        return f"{median:,}" + (f" ({low:,}–{high:,})" if low != high else "")

    for leases, (results, vm) in costs.items():
        for kind, name in (("miss", MISS), ("hit", vm)):
            for line in COLD_LINES:
                for module in MODULES:
                    m = results[(line, kind, module)]
                    lines.append(f"| {leases} | {name} | {line} | {LABELS[module]} | {count(m[0])} | {count(m[1])} | "
                                 f"{own(m):,} | "
                                 + " | ".join(ratio(own(m), own(results[(line, kind, oracle)])) for oracle in ORACLES)
                                 + " |")

    lines += ["", f"### Where the own cost goes (`hosts: {TARGET_LINE}`, the module's callgrind profile less its twin's)", "",
              "`dlopen`: mapping and relocating the library: each imported function bound by a symbol lookup "
              "(glibc's NSS opens modules with RTLD_NOW, so every import, called or not), the dependencies and "
              "their symbol versions checked. `dlsym`: module_load's dlsym calls; a name the module lacks is "
              "also looked for in each library it depends on. The rest: the lookup (and, for a hit, nothing "
              "else: the twin answers the same).", "",
              "| leases | name | module | own | dlopen | dlsym | the rest (the lookup) |", "|---:|---|---|---:|---:|---:|---:|"]
    parts = own_cost_parts(costs)
    for leases, (results, vm) in costs.items():
        for kind, name in (("miss", MISS), ("hit", vm)):
            for module in MODULES:
                dlopen, dlsym, rest = parts[(leases, kind, module)]
                lines.append(f"| {leases} | {name} | {LABELS[module]} | {own(results[(TARGET_LINE, kind, module)]):,} | "
                             f"{dlopen:,} | {dlsym:,} | {rest:,} |")
    return lines


def module_load_parts(profile):
    """glibc's module_load (loading one NSS module by name), inclusive, and its callees: {name: instructions}."""
    text = run(["callgrind_annotate", "--inclusive=yes", "--tree=calling", profile]).stdout
    parts, inside = {}, False
    for line in text.splitlines():
        m = re.match(r"\s*([\d,]+) \([^)]*\)\s+(\*|>)\s+(\S+)", line)
        if not m:
            if inside:
                break
            continue
        count, mark, function = int(m.group(1).replace(",", "")), m.group(2), m.group(3)
        if mark == "*":
            if inside:
                break
            if function.endswith(":module_load"):
                inside, parts["module_load"] = True, count
        elif inside:
            short = function.split(":")[-1]
            parts[short] = parts.get(short, 0) + count
    return parts


# --- 5. footprint, size ---

def footprint(program):
    """{module: (threads, VmRSS kB, VmSize kB)} added by the first lookup (median of 5 hosts)."""
    results = {}
    for module in MODULES:
        runs = [tuple(int(x) for x in run([program, module_path(module, "libvirt"), "libvirt"]).stdout.split())
                for _ in range(5)]
        results[module] = tuple(statistics.median(r[i] for r in runs) for i in range(3))
    return results


def module_size():
    """{module: bytes of libnss_libvirt.so.2, stripped (each alike, whatever its build left in it)}."""
    sizes = {}
    for module in MODULES:
        stripped = os.path.join(OUT, f"libnss_libvirt.{module}.stripped")
        run(["strip", "-o", stripped, module_path(module, "libvirt")])
        sizes[module] = os.path.getsize(stripped)
    return sizes


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
        file_bytes = sizes[leases][1 if row["Method"].endswith("CollectDomainMacs") else 0]
        median_ns = number(median)
        rows.append((row["Method"], leases, file_bytes, median_ns, file_bytes / median_ns * 1e9 if median_ns else 0,
                     number(allocated)))
    return rows


# --- the tables ---

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


def machine_ratio(spin):
    return max(spin[2]) / max(spin[1])


def met(ok):
    return "met" if ok else "**NOT MET**"


def times(r):
    """A ratio of many times (C/ours): whole from 10 on, else one decimal."""
    return f"{r:.0f}" if r >= 10 else f"{r:.1f}"


def cold_instructions(results, name, oracle):
    """(ours/oracle, the figure as the Targets table gives it): instructions of `getent ahosts name`, target line."""
    o, c = results[(f"ours, {TARGET_LINE}", name)][0], results[(f"{oracle}, {TARGET_LINE}", name)][0]
    return o / c, f"{o / c:.2f} ({o:,} / {c:,})"


def warm_cases(lookups, size, oracle):
    """(ours/oracle, oracle/ours, case) of warm gethostbyname4_r at `size` leases: both module names, hit and miss."""
    cases = []
    for prefix in ("libvirt", "libvirt_guest"):
        for kind in ("hit", "miss"):
            o, c = lookups[(size, prefix, kind, "4_r", "ours")][0], lookups[(size, prefix, kind, "4_r", oracle)][0]
            cases.append((o / c, c / o, f"{prefix} {kind}"))
    return cases


def warm_ratio(lookups, size, oracle):
    """(the figure the target is on, as the Targets table gives it): at 1 lease the worst ours/C, else the worst
    C/ours (the fewest times faster), of every case."""
    cases = warm_cases(lookups, size, oracle)
    if size == 1:
        worst = max(cases)
        low, high = min(r for r, _, _ in cases), worst[0]
        return high, f"{low:.2f}–{high:.2f} (worst: {worst[2]})"
    worst = min(cases, key=lambda case: case[1])
    low, high = worst[1], max(s for _, s, _ in cases)
    return low, f"{times(low)}–{times(high)}× (worst: {worst[2]})"


def targets(lookups, thread_rounds, mixed_rss, cold, sizes):
    """Rows (target, measured against BASELINE, met or NOT MET, the same measured against NEWEST or "-")."""
    rows = []
    base = SHORT[BASELINE]
    for leases, limit in ((1, 0.8), (100, 0.5)):
        if leases in cold:
            results, _ = cold[leases]
            r, measured = cold_instructions(results, MISS, BASELINE)
            rows.append((f"cold `getent ahosts {MISS}`, `hosts: {TARGET_LINE}`, {leases} lease{'s' * (leases > 1)}: "
                         f"instructions ours/{base} ≤ {limit}", measured, met(r <= limit),
                         cold_instructions(results, MISS, NEWEST)[1]))
    for leases in COLD_LEASES:
        if leases in cold:
            results, vm = cold[leases]
            r, measured = cold_instructions(results, vm, BASELINE)
            rows.append((f"cold hit `getent ahosts {vm}`, `hosts: {TARGET_LINE}`, {leases} lease{'s' * (leases > 1)}: "
                         f"instructions ours/{base} ≤ 1.0", measured, met(r <= 1.0),
                         cold_instructions(results, vm, NEWEST)[1]))
    for size, text, limit in ((1, f"ours/{base} ≤ 0.5", 0.5), (1000, f"{base}/ours ≥ 30", 30),
                              (5000, f"{base}/ours ≥ 150", 150)):
        if size not in SIZES:
            rows.append((f"warm gethostbyname4_r, {size} leases: {text}", "not measured (BENCH_SIZES)", "-", "-"))
            continue
        r, measured = warm_ratio(lookups, size, BASELINE)
        newest = warm_ratio(lookups, size, NEWEST)[1]
        if size == 1:
            rows.append((f"warm gethostbyname4_r, 1 lease: {text} (every case: both module names, hit and miss)",
                         measured, met(r <= limit), newest))
        else:
            rows.append((f"warm gethostbyname4_r, {size:,} leases: {text} (every case)", measured, met(r >= limit),
                         newest))
    for leases in THREAD_LEASES:
        if (leases, "ours") not in thread_rounds:
            rows.append((f"2 threads ≥ 1.7× one thread, {leases} lease{'s' * (leases > 1)}", "not measured (one CPU)",
                         "-", "-"))
            continue
        r, cpu = thread_rounds[(leases, "ours")], thread_rounds[(leases, "ours", "cpu")]
        best, med = max(r[2]) / max(r[1]), statistics.median(r[2]) / statistics.median(r[1])
        rows.append((f"warm lookups (libvirt hit, {leases:,} lease{'s' * (leases > 1)}) from 2 threads on 2 cores: "
                     "≥ 1.7× the throughput of one thread (ours)",
                     f"{best:.2f}× (best round of each: {max(r[2]):,.0f} vs {max(r[1]):,.0f}/s; medians: {med:.2f}×; "
                     f"CPU per lookup {statistics.median(cpu[2]):,.0f} ns with 2 threads, "
                     f"{statistics.median(cpu[1]):,.0f} with 1; the machine itself, a loop without the module "
                     f"in the same rounds: {machine_ratio(thread_rounds[(leases, 'ours', 'spin')]):.2f}×)", met(best >= 1.7),
                     "-"))
    early, late, _, right = mixed_rss
    rows.append((f"{MIXED_LOOKUPS:,} mixed lookups in one process: RSS after them within 256 kB of RSS after {MIXED_EARLY:,}",
                 f"{early:,} kB after {MIXED_EARLY:,}, {late:,} kB after {MIXED_LOOKUPS:,} ({late - early:+,} kB)"
                 + ("" if right else "; SOME ANSWERS WRONG"), met(late - early <= 256 and right), "-"))
    rows.append(("stripped module ≤ 128 KB (131,072 bytes)", f"{sizes['ours']:,} bytes", met(sizes["ours"] <= 131072), "-"))
    return rows


def per_oracle(header):
    """One column header per upstream module: `header` with {} its short version."""
    return " | ".join(header.format(SHORT[oracle]) for oracle in ORACLES)


def tables(lookups, thread_rounds, mixed_rss, cold, costs, breakdown, feet, sizes, core, load):
    base, newest = LABELS[BASELINE], LABELS[NEWEST]
    lines = [f"# make bench: libvirt-nss (ours) beside Debian 12's C module ({base}) and the newest upstream C module "
             f"({newest}), libnss-libvirt, same run", "",
             f"Machine: {os.cpu_count()} CPUs; load average {load[0]} at the start, {load[1]} at the end "
             "(other work on the machine slows the timed figures, not the instruction counts).", ""]
    lines += targets_table(targets(lookups, thread_rounds, mixed_rss, cold, sizes) + own_cost_targets(costs))

    lines += ["", "## 1. Warm lookups in one process (µs per call, median; C harness, dlopen)", "",
              "Two networks, guests vm-0 ... vm-N-1 (domains dom-i); hit = the last guest, miss = "
              f"`{MISS}`. ours/C below 1 is faster; in brackets C/ours = how many times faster.", "",
              "| leases | module name | entry point | lookup | "
              + " | ".join(f"{LABELS[module]} µs" for module in MODULES) + " | "
              + per_oracle("ours/{0} ({0}/ours)") + " | status (" + ", ".join(LABELS[m] for m in MODULES) + ") |",
              "|---:|---|---|---|" + "---:|" * (len(MODULES) + len(ORACLES)) + "---|"]
    for size in SIZES:
        for prefix in ("libvirt", "libvirt_guest"):
            for function in ("4_r", "2_r"):
                for kind in ("hit", "miss"):
                    figures = {module: lookups[(size, prefix, kind, function, module)] for module in MODULES}
                    o = figures["ours"][0]
                    lines.append(f"| {size} | {prefix} | gethostbyname{function[0]}_r | {kind} | "
                                 + " | ".join(us(figures[module][0]) for module in MODULES) + " | "
                                 + " | ".join(f"{ratio(o, figures[oracle][0])} ({speedup(o, figures[oracle][0])})"
                                              for oracle in ORACLES) + " | "
                                 + ", ".join(status(figures[module][1]) for module in MODULES) + " |")

    lines += ["", "## 2. Warm lookups from 1 and 2 threads (lookups per second, all threads)", "",
              f"`lookup-bench --threads N`: libvirt gethostbyname4_r of the last guest, thread i pinned to CPU i, "
              f"{THREAD_SECONDS} s per run, {THREAD_ROUNDS} rounds alternating 1 and 2 threads; the ratio of the "
              "best rounds (the least disturbed by other work) and of the medians.", "",
              "CPU ns per lookup: the threads' CPU time (CLOCK_THREAD_CPUTIME_ID) over their lookups, median of the "
              "rounds; the same figure with 2 threads as with 1 means no contention between them, whatever else "
              "runs on the machine.", "",
              "Machine 2/1: the same ratio (best rounds) for a CPU-bound loop without the module, run between "
              "the module's runs of the same rounds: what parallelism the machine gave at the time (2.00× on two "
              "idle cores).", "",
              "| leases | module | 1 thread, best | 2 threads, best | 2/1 best | 1 thread, median | 2 threads, median | 2/1 median "
              "| CPU ns per lookup, 1 thread | 2 threads | machine 2/1 |",
              "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    if not thread_rounds:
        lines.append("| - | (not measured: one CPU) | | | | | | | | | |")
    for key in ((leases, module) for leases in THREAD_LEASES for module in MODULES if (leases, module) in thread_rounds):
        r, cpu = thread_rounds[key], thread_rounds[key + ("cpu",)]
        b1, b2, m1, m2 = max(r[1]), max(r[2]), statistics.median(r[1]), statistics.median(r[2])
        lines.append(f"| {key[0]} | {LABELS[key[1]]} | {b1:,.0f} | {b2:,.0f} | {b2 / b1:.2f}× | {m1:,.0f} | {m2:,.0f} "
                     f"| {m2 / m1:.2f}× | {statistics.median(cpu[1]):,.0f} | {statistics.median(cpu[2]):,.0f} "
                     f"| {machine_ratio(thread_rounds[key + ('spin',)]):.2f}× |")

    early, late, figures, right = mixed_rss
    lines += ["", "## 3. Mixed lookups in one process (ours; `integration/memory/memory-host.c`)", "",
              "Hits, misses, reverse lookups, both module names, buffers too small; a lease file rewritten (by "
              "rename or in place) or a network added or removed every 2,000 lookups, a 60 ms pause after every "
              "second change (so that lookups also answer from a published snapshot). Every answer is checked.", ""]
    lines += [f"- {figure}" for figure in figures]
    lines += [f"- VmRSS after {MIXED_EARLY:,} lookups: {early:,} kB; after {MIXED_LOOKUPS:,}: {late:,} kB "
              f"({late - early:+,} kB); answers {'all right' if right else 'NOT all right'}"]

    lines += ["", "## 4. Whole process, cold: `getent ahosts NAME`", "",
              "Instructions: valgrind --tool=callgrind (deterministic). Wall: hyperfine, median of "
              f"{COLD_RUNS} runs taken in {COLD_ROUNDS} rounds, the configurations in turn. `files` = `hosts: files` "
              "alone. The guest is vm-N/2 of the directory; a miss reads every file. With "
              f"`{FULL_LINE}` a miss asks both module names. /{SHORT[BASELINE]}, /{SHORT[NEWEST]}: the figure "
              f"over the same figure of {base}, of {newest} (same name and hosts line; for `files`, over the "
              f"module's with `hosts: {TARGET_LINE}`).", "",
              "| leases | name | hosts | module | instructions | " + per_oracle("/{}") + " | wall µs, median | "
              + per_oracle("/{}") + " | wall µs, fastest | " + per_oracle("/{}") + " |",
              "|---:|---|---|---|" + ("---:|" * (1 + len(ORACLES))) * 3]

    def cold_row(results, leases, name, line, module, figures, against):
        cells = []
        for i, figure in enumerate(figures):
            cells.append(f"{figure:,}" if i == 0 else f"{figure:.0f}")
            cells += [ratio(figure, results[(f"{oracle}, {against}", name)][i]) for oracle in ORACLES]
        return f"| {leases} | {name} | {line} | {module} | " + " | ".join(cells) + " |"

    for leases, (results, vm) in cold.items():
        for name in (MISS, vm):
            for line in COLD_LINES:
                for module in MODULES:
                    lines.append(cold_row(results, leases, name, line, LABELS[module], results[(f"{module}, {line}", name)],
                                          line))
            lines.append(cold_row(results, leases, name, "files", "-", results[("files", name)], TARGET_LINE))

    lines += own_cost_table(costs)

    lines += ["", f"### Where the cold miss goes (`hosts: {TARGET_LINE}`, callgrind_annotate --inclusive=yes)", "",
              "`module_load` is glibc loading one NSS module by name (nss/nss_module.c): `dlopen` (mapping, "
              "relocation), then one `asprintf` and one `dlsym` for each `_nss_libvirt_*` function glibc knows, "
              "found or not; the asprintf and dlsym calls cost about the same for any module. The rest is the "
              "lookup and what differs elsewhere in the process.", "",
              "| leases | module | whole | above `files` | module_load | of it, dlopen | of it, asprintf + dlsym | the rest above `files` |",
              "|---:|---|---:|---:|---:|---:|---:|---:|"]
    for leases, parts_of in breakdown.items():
        files = cold[leases][0][("files", MISS)][0]
        for module in MODULES:
            whole = cold[leases][0][(f"{module}, {TARGET_LINE}", MISS)][0]
            p = parts_of[module]
            fixed = p.get("asprintf", 0) + p.get("__libc_dlsym", 0)
            lines.append(f"| {leases} | {LABELS[module]} | {whole:,} | {whole - files:,} | {p.get('module_load', 0):,} | "
                         f"{p.get('__libc_dlopen_mode', 0):,} | {fixed:,} | {whole - files - p.get('module_load', 0):,} |")
        floor = files + parts_of["ours"].get("asprintf", 0) + parts_of["ours"].get("__libc_dlsym", 0)
        lines.append(f"| {leases} | any module (`files` + asprintf + dlsym) | {floor:,} | | | | | "
                     + ", ".join(f"{floor / cold[leases][0][(f'{oracle}, {TARGET_LINE}', MISS)][0]:.2f}× {LABELS[oracle]}"
                                 for oracle in ORACLES) + " |")

    lines += ["", "## 5. Footprint in a C host (added from before dlopen to after the first lookup, a miss, 1 lease; median of 5)", "",
              "| module | threads | VmRSS kB | VmSize kB | size bytes (stripped) |", "|---|---:|---:|---:|---:|"]
    for module in MODULES:
        t, r, v = feet[module]
        lines.append(f"| {LABELS[module]} | {t:.0f} | {r:.0f} | {v:.0f} | {sizes[module]:,} |")
    t, r, v = feet["ours"]
    for oracle in ORACLES:
        ct, cr, cv = feet[oracle]
        lines.append(f"| ours/{SHORT[oracle]} | {t - ct:+.0f} | {ratio(r, cr)} | {ratio(v, cv)} | "
                     f"{ratio(sizes['ours'], sizes[oracle])} |")

    lines += ["", "## 6. Core's readers alone (BenchmarkDotNet, short job: 5 warm-up + 5 iterations of 200 ms, in process)", "",
              "In the .NET world: Subset* are Core's subset readers, which the module (measured whole in sections 1 to 4) "
              "and the command run; the others the oracle's .NET-only parsers (LeaseFileParser, LeaseCollector, "
              "MacsFileParser) that the tests compare them with.", ""]
    if core:
        lines += ["| benchmark | leases | file bytes | median µs | MB/s | allocated B |", "|---|---:|---:|---:|---:|---:|"]
        for method, leases, file_bytes, median_ns, rate, allocated in core:
            lines.append(f"| {method} | {leases} | {file_bytes:,} | {median_ns / 1000:.1f} | {rate / 1e6:.0f} | "
                         f"{allocated:,.0f} |")
    else:
        lines.append("(not run: BENCH_CORE=0, or its build failed: build/bench/bdn.log)")
    return "\n".join(lines) + "\n"


def before_table(lookups=None, cold=None, costs=None, feet=None, sizes=None):
    """The section BENCH_BEFORE adds: ours over ours as the earlier revision built it, measured in this run
    (each figure as sections 1, 4, 4b and 5 give it), with the change's limit: within 5 % (≤ 1.05×)."""
    if not BEFORE_LIB:
        return []
    before = LABELS[BEFORE]
    lines = ["", f"## Ours against {before} (BENCH_BEFORE={BEFORE_NAME}): what the change costs", "",
             f"Each figure of ours over the same figure of {before}, both from this run; within "
             f"{BEFORE_LIMIT - 1:.0%} is ≤ {BEFORE_LIMIT:.2f}×. Instructions are deterministic; µs vary with the "
             "machine's load, so the warm rows give the median and the range over the cases.", "",
             f"| figure | cases | ours/before | within {BEFORE_LIMIT - 1:.0%} |", "|---|---:|---|---|"]

    def row(figure, ratios, deciding):
        ratios = sorted(ratios)
        shown = (f"{statistics.median(ratios):.3f}× median ({ratios[0]:.3f}–{ratios[-1]:.3f})" if len(ratios) > 1
                 else f"{ratios[0]:.3f}×")
        lines.append(f"| {figure} | {len(ratios)} | {shown} | {met(deciding(ratios) <= BEFORE_LIMIT)} |")

    if lookups:
        for size in SIZES:
            ratios = [lookups[(size, prefix, kind, function, "ours")][0] / lookups[(size, prefix, kind, function, BEFORE)][0]
                      for prefix in ("libvirt", "libvirt_guest") for function in ("4_r", "2_r") for kind in ("hit", "miss")]
            row(f"warm lookup µs (section 1), {size:,} lease{'s' * (size > 1)}: both module names, both entry points, "
                "hit and miss; met on the median", ratios, statistics.median)
    if cold:
        for leases, (results, vm) in cold.items():
            for i, what in ((0, "instructions"), (1, "wall µs, median")):
                ratios = [results[(f"ours, {line}", name)][i] / results[(f"{BEFORE}, {line}", name)][i]
                          for name in (MISS, vm) for line in COLD_LINES]
                row(f"cold `getent ahosts` (section 4), {leases} lease{'s' * (leases > 1)}, {what}: miss and hit, "
                    f"both hosts lines; met on {'every case' if i == 0 else 'the median'}", ratios,
                    max if i == 0 else statistics.median)
    if costs:
        for leases, (results, _) in costs.items():
            ratios = [own(results[(line, kind, "ours")]) / own(results[(line, kind, BEFORE)])
                      for kind in ("miss", "hit") for line in COLD_LINES]
            row(f"cold own cost (section 4b), {leases} lease{'s' * (leases > 1)}, instructions: miss and hit, both "
                "hosts lines; met on every case", ratios, max)
    if feet:
        # VmRSS counts the module's pages resident at the time, which other work moves: between two
        # builds of the same bytes it has differed by 15 %. VmSize, the mappings, does not move.
        row(f"footprint after the first lookup (section 5), VmSize added (VmRSS: {feet['ours'][1]:.0f} against "
            f"{feet[BEFORE][1]:.0f} kB, which moves with the machine's page cache)", [feet["ours"][2] / feet[BEFORE][2]], max)
    if sizes:
        row("stripped size (section 5)", [sizes["ours"] / sizes[BEFORE]], max)
    return lines


def chart(lookups):
    """lookup-us.png: warm libvirt gethostbyname4_r by lease count, hit and miss, a line for each module (ours
    solid, the upstream modules dashed and dotted)."""
    data = os.path.join(OUT, "lookup-us.dat")
    columns = [(kind, module) for kind in ("hit", "miss") for module in MODULES]
    with open(data, "w") as f:
        f.write("# leases " + " ".join(f"{module}-{kind}" for kind, module in columns)
                + " (µs, libvirt gethostbyname4_r; " + ", ".join(f"{m} = {LABELS[m]}" for m in ORACLES) + ")\n")
        for size in SIZES:
            f.write(f"{size} " + " ".join(str(lookups[(size, "libvirt", kind, "4_r", module)][0] / 1000)
                                          for kind, module in columns) + "\n")
    png = os.path.join(OUT, "lookup-us.png")
    dashes = {module: i + 1 for i, module in enumerate(MODULES)}  # 1 solid, 2 dashed, 3 dotted, 4 dash-dot
    colours = iter(["#9400d3", "#009e73", "#56b4e9", "#e69f00", "#0072b2", "#d55e00", "#cc79a7", "#000000"])  # dark enough on white
    plots = [f"'{data}' using 1:{i + 2} with linespoints lw 2 dt {dashes[module]} lc rgb '{next(colours)}' "
             f"title '{LABELS[module]}, {kind}'" for module in MODULES for i, (kind, m) in enumerate(columns) if m == module]
    script = f"""
set terminal pngcairo size 900,600 noenhanced
set output '{png}'
set logscale xy
set title 'warm lookup, libvirt gethostbyname4_r: libvirt-nss vs the C modules {" and ".join(VERSIONS[o] for o in ORACLES)}'
set xlabel 'leases (2 networks)'
set ylabel 'µs per lookup (median)'
set key top left
set grid
plot {", ".join(plots)}
"""
    subprocess.run(["gnuplot"], input=script, text=True, check=True)
    return png


def load_average():
    return open("/proc/loadavg").read().split()[0]


def main():
    os.makedirs(OUT, exist_ok=True)
    harness, program, host = sys.argv[1], sys.argv[2], sys.argv[3]
    load_start = load_average()
    copy_modules()
    subprocess.run(["mount", "-t", "tmpfs", "tmpfs", "/var/lib"], check=True)
    os.makedirs(LEASE_DIR)
    if os.environ.get("BENCH_ONLY") == "own-cost":  # the cold own cost alone (a minute or two)
        with tempfile.TemporaryDirectory() as tmp:
            costs = {leases: own_cost(tmp, leases) for leases in COLD_LEASES}
        print("\n".join(targets_table(own_cost_targets(costs)) + own_cost_table(costs) + before_table(costs=costs)))
        return
    with tempfile.TemporaryDirectory() as tmp:
        lookups = in_process(harness)
        thread_rounds = threads(harness)
        mixed_rss = mixed(host)
        cold = {leases: whole_process(tmp, leases) for leases in COLD_LEASES}
        costs = {leases: own_cost(tmp, leases) for leases in COLD_LEASES}
    breakdown = {leases: {module: module_load_parts(os.path.join(OUT, "callgrind", f"{module}-{leases}-miss.out"))
                          for module in MODULES} for leases in COLD_LEASES}
    write_leases(1, int(time.time()))
    feet = footprint(program)
    sizes = module_size()
    text = tables(lookups, thread_rounds, mixed_rss, cold, costs, breakdown, feet, sizes, core_benchmarks(),
                  (load_start, load_average()))
    before = before_table(lookups, cold, costs, feet, sizes)
    if before:
        text += "\n".join(before) + "\n"
    png = chart(lookups)
    with open(os.path.join(OUT, "results.md"), "w") as f:
        f.write(text + f"\nChart: {os.path.basename(png)}\n")
    print(text)
    print(f"written: {os.path.join(OUT, 'results.md')}, {png}")


if __name__ == "__main__":
    main()
