"""Builds the files of a fake libvirt dnsmasq directory: *.status lease lists and *.macs maps.

Expiry times are relative to the moment a scenario runs: `In(3600)` is an hour from now,
`In(-3600)` an hour ago, `NEVER` (0) a lease that never expires. File contents are functions
of `now` so that both modules of one scenario read the very same bytes.
"""

import dataclasses
import json

NEVER = 0


class In:
    """An expiry time `seconds` from now (negative: in the past)."""

    def __init__(self, seconds):
        self.seconds = seconds

    def at(self, now):
        return now + self.seconds


HOUR = In(3600)
AGO = In(-3600)


def mac(network, host):
    return f"52:54:00:00:{network:02x}:{host:02x}"


def lease(ip, mac_address, hostname=None, expiry=HOUR, **extra):
    """One entry as libvirt_leaseshelper writes it; hostname=None leaves the key out."""
    entry = {"ip-address": ip, "mac-address": mac_address}
    if hostname is not None:
        entry["hostname"] = hostname
    entry["client-id"] = "01:" + mac_address
    entry["expiry-time"] = expiry
    entry.update(extra)
    return entry


def status(*entries):
    """A *.status file: a JSON array of lease entries (expiries resolved when the file is written)."""

    def render(now):
        resolved = []
        for entry in entries:
            entry = dict(entry)
            if isinstance(entry.get("expiry-time"), In):
                entry["expiry-time"] = entry["expiry-time"].at(now)
            resolved.append(entry)
        return json.dumps(resolved, indent=2)

    return render


def raw(text):
    """A file given as JSON text or bytes, written as is except that `{FUTURE}` and `{PAST}`
    become now+3600 and now-3600."""

    def render(now):
        if isinstance(text, bytes):
            return text.replace(b"{FUTURE}", str(now + 3600).encode()).replace(b"{PAST}", str(now - 3600).encode())
        return text.replace("{FUTURE}", str(now + 3600)).replace("{PAST}", str(now - 3600))

    return render


def macs(mapping):
    """A *.macs file: {"domain": [MAC, ...]} -> [{"domain": ..., "macs": [...]}, ...]."""
    return json.dumps([{"domain": domain, "macs": list(addresses)} for domain, addresses in mapping.items()])


def render(files, now):
    """File name -> contents (str or bytes) for one run; a wrapper of contents (nsroot.Mode,
    Owned, Symlink) keeps its kind, its contents rendered."""
    def one(contents):
        if callable(contents):
            return contents(now)
        if dataclasses.is_dataclass(contents) and callable(getattr(contents, "contents", None)):
            return dataclasses.replace(contents, contents=contents.contents(now))
        return contents
    return {name: one(contents) for name, contents in files.items()}
