"""Runs real `getent` commands against one NSS module inside a private mount namespace.

For one scenario the caller gives a fake libvirt dnsmasq directory (file name -> contents), an
nsswitch.conf and an /etc/hosts. Inside `unshare -m --propagation private` this file
(re-executed with --inner) mounts:

  overlay  <module dir>:/usr/lib/x86_64-linux-gnu  on /usr/lib/x86_64-linux-gnu
  tmpfs                                            on /var/lib
  bind     <fake dir>                              on /var/lib/libvirt/dnsmasq
  tmpfs                                            on /run
  bind     <fake published dir> (when given)       on /run/libvirt-nss
  bind     <nsswitch file>, <hosts file>           on /etc/nsswitch.conf, /etc/hosts

and runs the commands. Nothing outside the namespace changes: the real /etc, /usr and /var/lib
are never written.
"""

import dataclasses
import os
import pickle
import subprocess
import sys
import tempfile

SYSTEM_LIBDIR = "/usr/lib/x86_64-linux-gnu"
LEASE_DIR = "/var/lib/libvirt/dnsmasq"
PUBLISHED_DIR = "/run/libvirt-nss"   # libvirt-nss publish's records (src/LibvirtNss.Module/PublishedDirectoryPath.cs)
DEFAULT_NSSWITCH = "hosts: files libvirt libvirt_guest\n"
DEFAULT_HOSTS = "127.0.0.1 localhost\n::1 localhost ip6-localhost ip6-loopback\n"

# How the lease directory appears inside the namespace.
LEASE_DIR_PRESENT = "present"        # the fake directory, bound over LEASE_DIR
LEASE_DIR_MISSING = "missing"        # no LEASE_DIR at all (tmpfs /var/lib without it)
LEASE_DIR_IS_FILE = "file"           # a regular file where the directory should be
LEASE_DIR_UNREADABLE = "unreadable"  # mode 0700, owned by root; getent runs as nobody
LEASE_DIR_AS_NOBODY = "nobody"       # present and readable (0755); getent runs as nobody

RUN_AS_NOBODY = ["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups"]
COMMAND_TIMEOUT = 60


@dataclasses.dataclass
class Result:
    argv: list
    returncode: int
    stdout: str
    stderr: str


@dataclasses.dataclass
class Root:
    """What one scenario's namespace holds. File contents are str (UTF-8) or bytes."""
    files: dict
    lease_dir: str = LEASE_DIR_PRESENT
    nsswitch: str = DEFAULT_NSSWITCH
    hosts: str = DEFAULT_HOSTS
    published: dict = None      # the files of PUBLISHED_DIR (as `files`, and Owned, Fifo, Symlink); None: no such directory
    published_owner: int = 0
    published_mode: int = 0o755


class Directory:
    """A file name whose "contents" is an empty directory (say, a *.status that is a directory)."""


@dataclasses.dataclass
class Mode:
    """File contents written with a given mode (say 0o600, as libvirt writes <network>.conf)."""
    contents: object
    mode: int


@dataclasses.dataclass
class Owned:
    """File contents written with a given owner (say uid 1000)."""
    contents: object
    uid: int


class Fifo:
    """A file name that is a FIFO nobody writes to (a reader that opened it would wait)."""


@dataclasses.dataclass
class Symlink:
    """A file name that is a symbolic link to a root-owned file outside the directory, holding `contents`."""
    contents: object


class NamespaceError(RuntimeError):
    pass


def run(module_dir, root, commands):
    """Runs each argv of `commands` (lists of str/bytes) inside a namespace built for `root`
    with the NSS modules of `module_dir`; returns one Result per command."""
    if not os.path.isfile(os.path.join(module_dir, "libnss_libvirt.so.2")):
        raise NamespaceError(f"{module_dir}: no libnss_libvirt.so.2")
    with tempfile.TemporaryDirectory(prefix="getent-nsroot-") as tmp:
        leases = os.path.join(tmp, "dnsmasq")
        os.mkdir(leases)
        _fill(leases, root.files, tmp)
        published = None
        if root.published is not None:
            published = os.path.join(tmp, "published")
            os.mkdir(published)
            _fill(published, root.published, tmp)
            os.chown(published, root.published_owner, -1)
            os.chmod(published, root.published_mode)
        if root.lease_dir == LEASE_DIR_UNREADABLE:
            os.chmod(leases, 0o700)
        nsswitch = os.path.join(tmp, "nsswitch.conf")
        _write(nsswitch, root.nsswitch)
        hosts = os.path.join(tmp, "hosts")
        _write(hosts, root.hosts)
        spec = {
            "module_dir": os.path.abspath(module_dir),
            "leases": leases,
            "lease_dir": root.lease_dir,
            "published": published,
            "nsswitch": nsswitch,
            "hosts": hosts,
            "commands": [[os.fsencode(a) if isinstance(a, str) else a for a in argv] for argv in commands],
            "results": os.path.join(tmp, "results.pickle"),
        }
        spec_path = os.path.join(tmp, "spec.pickle")
        with open(spec_path, "wb") as f:
            pickle.dump(spec, f)
        proc = subprocess.run(
            ["unshare", "-m", "--propagation", "private", sys.executable, os.path.abspath(__file__),
             "--inner", spec_path],
            capture_output=True, timeout=COMMAND_TIMEOUT * (len(commands) + 1))
        if proc.returncode != 0 or not os.path.exists(spec["results"]):
            raise NamespaceError(f"namespace setup failed ({proc.returncode}): "
                                 f"{proc.stderr.decode(errors='replace')}")
        with open(spec["results"], "rb") as f:
            return [Result(*fields) for fields in pickle.load(f)]


def _fill(directory, files, tmp):
    for name, contents in files.items():
        path = os.path.join(directory, name)
        if isinstance(contents, Directory):
            os.mkdir(path)
        elif isinstance(contents, Mode):
            _write(path, contents.contents)
            os.chmod(path, contents.mode)
        elif isinstance(contents, Owned):
            _write(path, contents.contents)
            os.chown(path, contents.uid, -1)
        elif isinstance(contents, Fifo):
            os.mkfifo(path, 0o644)
        elif isinstance(contents, Symlink):
            target = os.path.join(tmp, "link-target-" + name)
            _write(target, contents.contents)
            os.symlink(target, path)
        else:
            _write(path, contents)


def _write(path, contents):
    with open(path, "wb") as f:
        f.write(contents.encode() if isinstance(contents, str) else contents)


def _mount(*args):
    subprocess.run(["mount", *args], check=True)


def _inner(spec_path):
    """Inside the new mount namespace: build the view, run the commands, store the results."""
    with open(spec_path, "rb") as f:
        spec = pickle.load(f)
    _mount("-t", "overlay", "overlay", "-o", f"lowerdir={spec['module_dir']}:{SYSTEM_LIBDIR}", SYSTEM_LIBDIR)
    _mount("-t", "tmpfs", "tmpfs", "/var/lib")
    os.makedirs(os.path.dirname(LEASE_DIR))
    mode = spec["lease_dir"]
    if mode in (LEASE_DIR_PRESENT, LEASE_DIR_UNREADABLE, LEASE_DIR_AS_NOBODY):
        os.mkdir(LEASE_DIR)
        _mount("--bind", spec["leases"], LEASE_DIR)
    elif mode == LEASE_DIR_IS_FILE:
        _write(LEASE_DIR, "")
    elif mode != LEASE_DIR_MISSING:
        raise ValueError(f"unknown lease directory mode {mode}")
    # No publisher's directory but the scenario's: the host's own (if it has one) stays out of sight.
    _mount("-t", "tmpfs", "tmpfs", "/run")
    if spec["published"] is not None:
        os.mkdir(PUBLISHED_DIR)
        _mount("--bind", spec["published"], PUBLISHED_DIR)
    _mount("--bind", spec["nsswitch"], "/etc/nsswitch.conf")
    _mount("--bind", spec["hosts"], "/etc/hosts")
    if os.path.isdir("/run/nscd"):
        _mount("-t", "tmpfs", "tmpfs", "/run/nscd")  # no cache daemon may answer in the module's place

    env = {"PATH": "/usr/sbin:/usr/bin:/sbin:/bin", "LC_ALL": "C"}
    prefix = RUN_AS_NOBODY if mode in (LEASE_DIR_UNREADABLE, LEASE_DIR_AS_NOBODY) else []
    results = []
    for argv in spec["commands"]:
        proc = subprocess.run([os.fsencode(p) for p in prefix] + argv, env=env, capture_output=True,
                              timeout=COMMAND_TIMEOUT)
        results.append(([os.fsdecode(a) for a in argv], proc.returncode,
                        proc.stdout.decode("utf-8", errors="surrogateescape"),
                        proc.stderr.decode("utf-8", errors="surrogateescape")))
    with open(spec["results"], "wb") as f:
        pickle.dump(results, f)


if __name__ == "__main__" and len(sys.argv) == 3 and sys.argv[1] == "--inner":
    _inner(sys.argv[2])
