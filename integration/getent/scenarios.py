"""The getent scenarios: each one a fake dnsmasq directory, an nsswitch.conf, names to look up
and what our module must answer for `getent hosts NAME`.

`fix` is None for scenarios where Debian's C module (libnss-libvirt 9.0.0) must print exactly
what ours prints, for every command. The scenarios of the three deliberate fixes name the fix
and also say what the C module answers (`oracle`), so the test shows the difference:
  FIX_BUFFER    a short buffer is TRYAGAIN + ERANGE, glibc retries (upstream: ENOMEM, no answer)
  FIX_MALFORMED a bad entry or file is skipped, the rest resolves (upstream: every lookup fails)
  FIX_MAC_CASE  MACs compare case-insensitively (upstream: exact strcmp)
  FIX_GUEST_NAMES a guest's host name answers only where no one else owns the name and dnsmasq
                would publish it (docs/security.md; upstream answers any name a lease carries)
and ZONE_UNCHECKED marks the one difference kept for another reason (docs/upstream-differences.md).

`newest` says how the newest upstream module (the newest libnss-libvirt the Debian archive serves,
json-c; build/oracle-newest) answers where it does not answer as Debian 12's does: NEWEST_SAME
where it answers exactly as ours (upstream fixed what 9.0 failed), or a `Newest` with its own
category and answers. Without it the newest module is held to what the scenario says of Debian's.

`extension` marks the scenarios of features upstream's module does not have (reverse lookups,
network-domain FQDNs, reserved hosts, published records): only our answers are asserted, and some lookup of the
scenario must differ from Debian's module (which finds nothing there). Every other scenario is
still compared with Debian's module command by command.

Expectations map a name to the addresses `getent hosts NAME` prints, in order (IPv6 ones when the
name has any: getent asks AF_INET6 first), to None when getent finds nothing (exit code 2), or
to ... when only the comparison with Debian's module counts.
"""

import dataclasses
import os

import nsroot
from leasefiles import AGO, HOUR, In, NEVER, lease, mac, macs, raw, status

FIX_BUFFER = "fix 1: short buffer retried"
FIX_MALFORMED = "fix 2: malformed input skipped"
FIX_MAC_CASE = "fix 3: MACs case-insensitive"
FIX_GUEST_NAMES = "fix 4: guests cannot take names"
# Not a fix, and written down in docs/upstream-differences.md: upstream's getaddrinfo() looks a
# zone's interface name up (a socket and an ioctl); the module may open no socket, so it drops
# the zone without checking it.
ZONE_UNCHECKED = "documented: IPv6 zone not checked"
# Beyond upstream (docs/upstream-differences.md): our module only.
EXT_REVERSE = "extension: reverse lookups"
EXT_FQDN = "extension: network-domain FQDNs"
EXT_RESERVED = "extension: reserved hosts"
EXT_PUBLISHED = "extension: published records"
# The newest upstream module only (docs/upstream-differences.md).
DOC_BOOLEAN_HOSTNAME = "documented: a boolean host name is no name"


@dataclasses.dataclass
class Newest:
    """How the newest upstream module answers a scenario where not as Debian 12's: `category` is
    IDENTICAL (exactly as ours, every command) or a fix or documented difference, with the
    newest module's `getent hosts` (`oracle`), libvirt_guest and `ahosts` answers."""
    category: str
    oracle: dict = None
    oracle_guest: dict = None
    oracle_ahosts: dict = None


IDENTICAL = "identical"
NEWEST_SAME = Newest(IDENTICAL)


@dataclasses.dataclass
class Scenario:
    id: str
    files: dict
    expect: dict
    guest: dict = dataclasses.field(default_factory=dict)  # name -> `getent -s hosts:libvirt_guest hosts`
    lease_dir: str = nsroot.LEASE_DIR_PRESENT
    nsswitch: str = nsroot.DEFAULT_NSSWITCH
    hosts: str = nsroot.DEFAULT_HOSTS
    fix: str = None
    ahosts: dict = dataclasses.field(default_factory=dict)  # name -> addresses `getent ahosts` lists (any order)
    oracle: dict = None        # for a fix: name -> what the C module's `getent hosts NAME` prints
    oracle_guest: dict = None  # for a fix: name -> the C module's `getent -s hosts:libvirt_guest hosts`
    oracle_ahosts: dict = None  # for a fix: name -> the addresses the C module's `getent ahosts` lists
    extension: str = None      # a feature upstream lacks: our answers only (see above)
    newest: Newest = None      # the newest upstream module, where not as Debian 12's (see above)
    reverse: dict = dataclasses.field(default_factory=dict)        # IP -> names `getent hosts IP` prints
    reverse_guest: dict = dataclasses.field(default_factory=dict)  # IP -> names of `getent -s hosts:libvirt_guest hosts IP`
    published: dict = None     # the files of /run/libvirt-nss (nsroot.PUBLISHED_DIR); None: no such directory
    published_owner: int = 0
    published_mode: int = 0o755

    @property
    def names(self):
        return list(dict.fromkeys([*self.expect, *self.guest, *self.ahosts, *self.reverse, *self.reverse_guest]))

    def root(self, files, published=None):
        return nsroot.Root(files=files, lease_dir=self.lease_dir, nsswitch=self.nsswitch, hosts=self.hosts,
                           published=published, published_owner=self.published_owner, published_mode=self.published_mode)


def commands(name):
    """What every scenario runs for each name."""
    return [
        ["getent", "hosts", name],
        ["getent", "ahosts", name],
        ["getent", "ahostsv4", name],
        ["getent", "ahostsv6", name],
        ["getent", "-s", "hosts:libvirt", "hosts", name],
        ["getent", "-s", "hosts:libvirt_guest", "hosts", name],
    ]


def net(n, host):
    return f"192.168.{100 + n}.{host}"


def net6(n, host):
    return f"fd00:{n}::{host:x}"


def _scenarios():
    s = []
    add = s.append

    # --- one and many networks -------------------------------------------------------------
    add(Scenario("one-lease-ipv4",
                 {"default.status": status(lease("192.168.122.10", mac(0, 10), "myvm"))},
                 {"myvm": ["192.168.122.10"], "nosuch": None}))
    add(Scenario("two-networks",
                 {"default.status": status(lease(net(0, 10), mac(0, 10), "vm-a")),
                  "isolated.status": status(lease(net(1, 20), mac(1, 20), "vm-b"))},
                 {"vm-a": [net(0, 10)], "vm-b": [net(1, 20)], "vm-c": None}))
    add(Scenario("twelve-networks",
                 {f"net{n:02d}.status": status(lease(net(n, 5), mac(n, 5), f"h{n}")) for n in range(12)},
                 {"h0": [net(0, 5)], "h5": [net(5, 5)], "h11": [net(11, 5)], "h12": None}))
    add(Scenario("same-hostname-in-two-networks",
                 {"default.status": status(lease(net(0, 10), mac(0, 10), "twin", In(1800))),
                  "isolated.status": status(lease(net(1, 10), mac(1, 10), "twin", In(7200)))},
                 {"twin": [net(1, 10), net(0, 10)]}))
    add(Scenario("status-and-other-files",
                 {"default.status": status(lease(net(0, 10), mac(0, 10), "myvm")),
                  "default.conf": "dhcp-range=192.168.100.2,192.168.100.254\n",
                  "default.hostsfile": "52:54:00:00:00:0a,192.168.100.99,myvm\n",
                  "default.status.new": "not json",
                  "status": "[]"},
                 {"myvm": [net(0, 10)]}))

    # --- expiry and order --------------------------------------------------------------------
    add(Scenario("expired-lease",
                 {"default.status": status(lease(net(0, 10), mac(0, 10), "gone", AGO),
                                           lease(net(0, 11), mac(0, 11), "here"))},
                 {"gone": None, "here": [net(0, 11)]}))
    add(Scenario("expired-beside-current",
                 {"default.status": status(lease(net(0, 10), mac(0, 10), "myvm", AGO),
                                           lease(net(0, 11), mac(0, 11), "myvm", HOUR))},
                 {"myvm": [net(0, 11)]}))
    add(Scenario("never-expiring",
                 {"default.status": status(lease(net(0, 10), mac(0, 10), "static", NEVER))},
                 {"static": [net(0, 10)]}))
    add(Scenario("never-expiring-listed-last",
                 {"default.status": status(lease(net(0, 10), mac(0, 10), "mixed", NEVER),
                                           lease(net(0, 11), mac(0, 11), "mixed", In(60)),
                                           lease(net(0, 12), mac(0, 12), "mixed", In(7200)))},
                 {"mixed": [net(0, 12), net(0, 11), net(0, 10)]}))
    add(Scenario("ordering-by-expiry-across-networks",
                 {"a.status": status(lease(net(0, 1), mac(0, 1), "multi", In(100)),
                                     lease(net(0, 2), mac(0, 2), "multi", In(400))),
                  "b.status": status(lease(net(1, 3), mac(1, 3), "multi", In(300)),
                                     lease(net(1, 4), mac(1, 4), "multi", In(200)))},
                 {"multi": [net(0, 2), net(1, 3), net(1, 4), net(0, 1)]}))
    add(Scenario("equal-expiry-keeps-file-order",
                 {"default.status": status(*[lease(net(0, h), mac(0, h), "tie", In(3000)) for h in (7, 3, 9, 1)])},
                 {"tie": [net(0, 7), net(0, 3), net(0, 9), net(0, 1)]}))

    # --- names -------------------------------------------------------------------------------
    add(Scenario("hostname-case",
                 {"default.status": status(lease(net(0, 10), mac(0, 10), "MyVM.Example"))},
                 {"myvm.example": [net(0, 10)], "MYVM.EXAMPLE": [net(0, 10)], "MyVM.Example": [net(0, 10)],
                  "myvm": None}))
    add(Scenario("trailing-dot",
                 {"default.status": status(lease(net(0, 10), mac(0, 10), "myvm"))},
                 {"myvm.": None, "myvm": [net(0, 10)]}))
    add(Scenario("name-is-a-prefix",
                 {"default.status": status(lease(net(0, 10), mac(0, 10), "webserver"))},
                 {"web": None, "webserver2": None, "webserver": [net(0, 10)]}))

    # --- families ----------------------------------------------------------------------------
    add(Scenario("ipv4-only",
                 {"default.status": status(lease(net(0, 10), mac(0, 10), "four"))},
                 {"four": [net(0, 10)]}))
    add(Scenario("ipv6-only",
                 {"v6.status": status(lease(net6(1, 0x10), mac(1, 0x10), "six"))},
                 {"six": [net6(1, 0x10)]}))
    add(Scenario("dual-stack",
                 {"default.status": status(lease(net(0, 10), mac(0, 10), "both", In(1000))),
                  "v6.status": status(lease(net6(1, 0x10), mac(0, 10), "both", In(2000)),
                                      lease(net6(1, 0x11), mac(0, 11), "both", In(3000)))},
                 {"both": [net6(1, 0x11), net6(1, 0x10)]}))
    add(Scenario("ipv4-mapped-ipv6-text",
                 {"default.status": status(lease("::ffff:192.168.122.30", mac(0, 30), "mapped"))},
                 {"mapped": ["::ffff:192.168.122.30"]}))
    add(Scenario("ipv4-text-forms",
                 {"default.status": status(lease("10.1", mac(0, 1), "short"),
                                           lease("0x0a.0.0.2", mac(0, 2), "hex"),
                                           lease("010.0.0.3", mac(0, 3), "octal"),
                                           lease("4294967295", mac(0, 4), "number"))},
                 {"short": ["10.0.0.1"], "hex": ["10.0.0.2"], "octal": ["8.0.0.3"], "number": ["255.255.255.255"]}))
    add(Scenario("ipv6-zone-dropped",
                 {"default.status": status(lease(net(0, 10), mac(0, 10), "zoned", In(100)),
                                           lease("fe80::5054:ff:fe00:a%lo", mac(0, 10), "zoned", In(200)),
                                           lease("fe80::5054:ff:fe00:b%1", mac(0, 11), "zoned", In(300)))},
                 {"zoned": ["fe80::5054:ff:fe00:b", "fe80::5054:ff:fe00:a"]},
                 ahosts={"zoned": [net(0, 10), "fe80::5054:ff:fe00:a", "fe80::5054:ff:fe00:b"]}))
    rejected = ["[fe80::1]", "10.0.0.1%lo", "fe80::2%", "::1]", " 10.0.0.3", "10.0.0.4 ", "1.2.3.4.5",
                "10.0.0.6/24", "10.0.0.256", "fe80:::7", "0x1.0x2.0x3.0x4.5", "", "localhost"]
    add(Scenario("ip-text-glibc-rejects",
                 {"default.status": status(*[lease(ip, mac(0, n), f"r{n}") for n, ip in enumerate(rejected)],
                                           lease(net(0, 10), mac(0, 99), "fine"))},
                 {**{f"r{n}": None for n in range(len(rejected))}, "fine": [net(0, 10)]}))
    accepted = ["::", "0", "1", "0x7f000001", "0XA.0.0.1", "::10.0.0.1", "1.2.3", "fe80::3%99", "FE80::4%1",
                "0177.0.0.1", "1:2:3:4:5:6:7:8", "::ffff:0a00:0001", "10.0.0.9%", "08.0.0.1", "1e.0.0.1"]
    add(Scenario("ip-text-forms-compared",
                 {"default.status": status(*[lease(ip, mac(1, n), f"a{n}") for n, ip in enumerate(accepted)])},
                 {f"a{n}": ... for n in range(len(accepted))}))
    add(Scenario("ipv6-zone-naming-no-interface",
                 {"default.status": status(lease(net(0, 10), mac(0, 10), "nozone"),
                                           lease("fe80::5054:ff:fe00:c%nosuchif0", mac(0, 12), "nozone"),
                                           lease(net(0, 11), mac(0, 11), "other"))},
                 {"nozone": ["fe80::5054:ff:fe00:c"], "other": [net(0, 11)]},
                 fix=ZONE_UNCHECKED, oracle={"nozone": None, "other": [net(0, 11)]}))
    add(Scenario("duplicate-addresses",
                 {"default.status": status(lease(net(0, 10), mac(0, 10), "dup", In(500)),
                                           lease(net(0, 10), mac(0, 11), "dup", In(900)),
                                           lease(net(0, 12), mac(0, 12), "dup", In(700))),
                  "other.status": status(lease(net(0, 12), mac(0, 12), "dup", In(700)),
                                         lease(net6(1, 1), mac(0, 13), "dup6"),
                                         lease("FD00:1::1", mac(0, 14), "dup6"))},
                 {"dup": [net(0, 12), net(0, 10)], "dup6": [net6(1, 1)]}))

    # --- guests (libvirt_guest: domain name -> MACs -> leases) ----------------------------------
    add(Scenario("guest-across-networks",
                 {"default.status": status(lease(net(0, 10), mac(0, 10), "webhost", In(100))),
                  "isolated.status": status(lease(net(1, 10), mac(1, 10), None, In(200))),
                  "default.macs": macs({"web": [mac(0, 10)], "db": [mac(0, 99)]}),
                  "isolated.macs": macs({"web": [mac(1, 10)]})},
                 {"web": [net(1, 10), net(0, 10)], "webhost.localdomain": None},
                 guest={"web": [net(1, 10), net(0, 10)], "db": None, "webhost": None}))
    add(Scenario("guest-domain-case",
                 {"default.status": status(lease(net(0, 10), mac(0, 10), "anything")),
                  "default.macs": macs({"WebServer": [mac(0, 10)]})},
                 {}, guest={"webserver": [net(0, 10)], "WEBSERVER": [net(0, 10)]}))
    add(Scenario("hostname-equals-another-domain",
                 {"default.status": status(lease(net(0, 10), mac(0, 10), "db"),
                                           lease(net(0, 20), mac(0, 20), "dbhost")),
                  "default.macs": macs({"web": [mac(0, 10)], "db": [mac(0, 20)]})},
                 {"db": [net(0, 20)], "web": [net(0, 10)], "dbhost": [net(0, 20)]},
                 guest={"db": [net(0, 20)], "web": [net(0, 10)], "dbhost": None},
                 reverse={net(0, 10): ["web"], net(0, 20): ["dbhost"]},   # web by its domain (libvirt_guest)
                 fix=FIX_GUEST_NAMES, oracle={"db": [net(0, 10)]}))
    add(Scenario("lease-without-hostname",
                 {"default.status": status(lease(net(0, 10), mac(0, 10), None)),
                  "default.macs": macs({"quiet": [mac(0, 10)]})},
                 {"quiet": [net(0, 10)]}, guest={"quiet": [net(0, 10)]}))
    add(Scenario("domain-without-leases",
                 {"default.status": status(lease(net(0, 10), mac(0, 10), "other")),
                  "default.macs": macs({"idle": [mac(0, 50)], "nomacs": []})},
                 {"idle": None, "nomacs": None, "other": [net(0, 10)]},
                 guest={"idle": None, "nomacs": None, "other": None}))
    add(Scenario("guest-dual-stack-and-expired",
                 {"default.status": status(lease(net(0, 10), mac(0, 10), None, In(100)),
                                           lease(net(0, 11), mac(0, 11), None, AGO)),
                  "v6.status": status(lease(net6(1, 0x10), mac(0, 10), None, In(50))),
                  "default.macs": macs({"vm": [mac(0, 10), mac(0, 11)]})},
                 {"vm": [net6(1, 0x10)]}, guest={"vm": [net6(1, 0x10)]}))

    # --- empty and missing -------------------------------------------------------------------
    add(Scenario("empty-directory", {}, {"myvm": None}, guest={"myvm": None}))
    add(Scenario("empty-status-file-beside-good",
                 {"empty.status": "", "default.status": status(lease(net(0, 10), mac(0, 10), "myvm"))},
                 {"myvm": [net(0, 10)]}))
    add(Scenario("empty-array-files",
                 {"empty.status": "[]", "empty.macs": "[]",
                  "default.status": status(lease(net(0, 10), mac(0, 10), "myvm")),
                  "default.macs": macs({"dom": [mac(0, 10)]})},
                 {"myvm": [net(0, 10)]}, guest={"dom": [net(0, 10)]}))
    add(Scenario("missing-directory", {}, {"myvm": None}, guest={"myvm": None},
                 lease_dir=nsroot.LEASE_DIR_MISSING))
    add(Scenario("lease-directory-is-a-file", {}, {"myvm": None}, guest={"myvm": None},
                 lease_dir=nsroot.LEASE_DIR_IS_FILE))
    add(Scenario("unreadable-directory",
                 {"default.status": status(lease(net(0, 10), mac(0, 10), "myvm"))},
                 {"myvm": None}, lease_dir=nsroot.LEASE_DIR_UNREADABLE))
    add(Scenario("readable-directory-as-nobody",
                 {"default.status": status(lease(net(0, 10), mac(0, 10), "myvm"))},
                 {"myvm": [net(0, 10)]}, lease_dir=nsroot.LEASE_DIR_AS_NOBODY))

    # --- nsswitch: fall through and the status each module reports ------------------------------
    add(Scenario("internet-name-falls-through-to-files",
                 {"default.status": status(lease(net(0, 10), mac(0, 10), "myvm"))},
                 {"www.example.org": ["198.51.100.7"], "myvm": [net(0, 10)], "nowhere.example": None},
                 nsswitch="hosts: libvirt libvirt_guest files\n",
                 hosts="127.0.0.1 localhost\n198.51.100.7 www.example.org\n"))
    add(Scenario("files-answer-first",
                 {"default.status": status(lease(net(0, 10), mac(0, 10), "myvm"))},
                 {"myvm": ["203.0.113.5"]},
                 hosts="127.0.0.1 localhost\n203.0.113.5 myvm\n"))
    # [UNAVAIL=return] stops on UNAVAIL; NOTFOUND goes on to files: the status becomes visible.
    status_hosts = "192.0.2.1 nosuch\n192.0.2.2 sixonly\n192.0.2.3 idle\n192.0.2.4 nomacs\n192.0.2.5 myvm\n"
    add(Scenario("status-hostname-module",
                 {"default.status": status(lease(net(0, 10), mac(0, 10), "myvm"),
                                           lease(net6(1, 2), mac(0, 11), "sixonly"))},
                 {"nosuch": ["192.0.2.1"], "myvm": [net(0, 10)], "sixonly": [net6(1, 2)]},
                 nsswitch="hosts: libvirt [UNAVAIL=return] files\n", hosts=status_hosts))
    add(Scenario("status-guest-module",
                 {"default.status": status(lease(net(0, 10), mac(0, 10), "myvm")),
                  "default.macs": macs({"idle": [mac(0, 50)], "nomacs": [], "myvm": [mac(0, 10)]})},
                 {"nosuch": None, "idle": ["192.0.2.3"], "nomacs": None, "myvm": [net(0, 10)]},
                 nsswitch="hosts: libvirt_guest [UNAVAIL=return] files\n", hosts=status_hosts))
    add(Scenario("status-guest-module-without-macs-files",
                 {"default.status": status(lease(net(0, 10), mac(0, 10), "myvm"))},
                 {"nosuch": None, "myvm": None},
                 nsswitch="hosts: libvirt_guest [UNAVAIL=return] files\n", hosts=status_hosts))
    add(Scenario("status-missing-directory", {},
                 {"nosuch": None, "myvm": None},
                 nsswitch="hosts: libvirt [UNAVAIL=return] files\n", hosts=status_hosts,
                 lease_dir=nsroot.LEASE_DIR_MISSING))
    add(Scenario("status-lease-directory-is-a-file", {},
                 {"nosuch": None, "myvm": None},
                 nsswitch="hosts: libvirt [UNAVAIL=return] files\n", hosts=status_hosts,
                 lease_dir=nsroot.LEASE_DIR_IS_FILE))
    add(Scenario("status-unreadable-directory",
                 {"default.status": status(lease(net(0, 10), mac(0, 10), "myvm"))},
                 {"nosuch": None, "myvm": None},
                 nsswitch="hosts: libvirt [UNAVAIL=return] files\n", hosts=status_hosts,
                 lease_dir=nsroot.LEASE_DIR_UNREADABLE))
    add(Scenario("status-readable-directory-as-nobody",
                 {"default.status": status(lease(net(0, 10), mac(0, 10), "myvm"))},
                 {"nosuch": ["192.0.2.1"], "myvm": [net(0, 10)]},
                 nsswitch="hosts: libvirt [UNAVAIL=return] files\n", hosts=status_hosts,
                 lease_dir=nsroot.LEASE_DIR_AS_NOBODY))
    add(Scenario("status-notfound-return",
                 {"default.status": status(lease(net(0, 10), mac(0, 10), "myvm"))},
                 {"nosuch": None, "myvm": [net(0, 10)]},
                 nsswitch="hosts: libvirt [NOTFOUND=return] files\n", hosts=status_hosts))

    # --- hostile strings (guests choose their DHCP hostname) ------------------------------------
    long_name = ".".join(["a" * 60] * 4)  # 243 bytes
    longer_name = "b" * 600
    add(Scenario("hostile-spaces",
                 {"default.status": status(lease(net(0, 10), mac(0, 10), "my vm"),
                                           lease(net(0, 11), mac(0, 11), " lead"))},
                 {"my vm": None, "my": None, " lead": None, "lead": None},
                 fix=FIX_GUEST_NAMES, oracle={"my vm": [net(0, 10)], "my": None, " lead": [net(0, 11)], "lead": None}))
    add(Scenario("hostile-long-names",
                 {"default.status": status(lease(net(0, 10), mac(0, 10), long_name),
                                           lease(net(0, 11), mac(0, 11), longer_name))},
                 {long_name: [net(0, 10)], longer_name: None, long_name[:-1]: None},
                 fix=FIX_GUEST_NAMES, oracle={long_name: [net(0, 10)], longer_name: [net(0, 11)]}))
    add(Scenario("hostile-non-ascii",
                 {"default.status": status(lease(net(0, 10), mac(0, 10), "vmé"),
                                           lease(net(0, 11), mac(0, 11), "ÄBC-Ω"))},
                 {"vmé": None, "VMé": None, "vmÉ": None, "ÄBC-Ω": None, "äbc-ω": None, "äBC-Ω": None},
                 fix=FIX_GUEST_NAMES, oracle={"vmé": [net(0, 10)], "VMé": [net(0, 10)], "vmÉ": None, "ÄBC-Ω": [net(0, 11)],
                                              "äbc-ω": None, "äBC-Ω": None}))
    thousand = "c" * 1000  # a label and a name longer than DNS allows: dnsmasq refuses it, the helper writes it
    add(Scenario("thousand-byte-hostname",
                 {"default.status": status(lease(net(0, 10), mac(0, 10), thousand))},
                 {thousand: None}, ahosts={thousand: None},
                 fix=FIX_GUEST_NAMES, oracle={thousand: [net(0, 10)]}))
    add(Scenario("hostile-json-escapes",
                 {"default.status": raw(
                     '[{"ip-address":"192.168.100.10","mac-address":"52:54:00:00:00:0a",'
                     '"hostname":"\\u0041lpha","expiry-time":{FUTURE}},'
                     '{"ip-address":"192.168.100.11","mac-address":"52:54:00:00:00:0b",'
                     '"hostname":"q\\"uote\\\\back\\/slash","expiry-time":{FUTURE}},'
                     '{"ip-address":"192.168.100.12","mac-address":"52:54:00:00:00:0c",'
                     '"hostname":"tab\\there","expiry-time":{FUTURE}},'
                     '{"ip-address":"192.168.100.13","mac-address":"52:54:00:00:00:0d",'
                     '"hostname":"caf\\u00e9","expiry-time":{FUTURE}}]')},
                 {"alpha": [net(0, 10)], 'q"uote\\back/slash': None, "tab\there": None, "café": None, "\\u0041lpha": None},
                 fix=FIX_GUEST_NAMES, oracle={"alpha": [net(0, 10)], 'q"uote\\back/slash': [net(0, 11)],
                                              "tab\there": [net(0, 12)], "café": [net(0, 13)]}))
    add(Scenario("hostile-embedded-nul",
                 {"default.status": raw(
                     '[{"ip-address":"192.168.100.10","mac-address":"52:54:00:00:00:0a",'
                     '"hostname":"nul\\u0000evil","expiry-time":{FUTURE}},'
                     '{"ip-address":"192.168.100.11\\u0000junk","mac-address":"52:54:00:00:00:0b",'
                     '"hostname":"ipnul","expiry-time":{FUTURE}}]')},
                 {"nul": [net(0, 10)], "nulevil": None, "ipnul": [net(0, 11)]}))
    add(Scenario("hostile-lone-surrogate",
                 {"default.status": raw(
                     '[{"ip-address":"192.168.100.10","mac-address":"52:54:00:00:00:0a",'
                     '"hostname":"sur\\ud800x","expiry-time":{FUTURE}},'
                     '{"ip-address":"192.168.100.11","mac-address":"52:54:00:00:00:0b",'
                     '"hostname":"good","expiry-time":{FUTURE}}]')},
                 {"good": [net(0, 11)], "sur?x": None},
                 fix=FIX_GUEST_NAMES, oracle={"good": [net(0, 11)], "sur?x": [net(0, 10)]},
                 newest=NEWEST_SAME))   # json-c does not decode the lone surrogate as `?`
    add(Scenario("unknown-fields-strings-and-literals",
                 {"default.status": status(lease(net(0, 10), mac(0, 10), "myvm", note="hello", iaid="7",
                                                 flag=True, unset=None))},
                 {"myvm": [net(0, 10)]}))
    add(Scenario("hostname-null-lease-counts-for-its-domain",
                 {"default.status": raw('[{"ip-address":"192.168.100.10","mac-address":"52:54:00:00:00:0a",'
                                        '"hostname":null,"expiry-time":{FUTURE}},'
                                        '{"ip-address":"192.168.100.11","mac-address":"52:54:00:00:00:0b",'
                                        '"hostname":false,"expiry-time":{FUTURE}}]'),
                  "default.macs": macs({"dom": [mac(0, 10)], "dom2": [mac(0, 11)]})},
                 {"null": None, "false": None, "dom": [net(0, 10)]}, guest={"dom": [net(0, 10)], "dom2": [net(0, 11)]},
                 # json-c gives a boolean's text: the newest module answers `false`.
                 newest=Newest(DOC_BOOLEAN_HOSTNAME, oracle={"false": [net(0, 11)], "null": None})))
    add(Scenario("twenty-leases-one-name",
                 {"default.status": status(*[lease(net(0, h), mac(0, h), "crowd", In(1000 + h)) for h in range(1, 21)])},
                 {"crowd": [net(0, h) for h in range(20, 0, -1)]}))

    # --- fix 1: a short buffer makes glibc retry ------------------------------------------------
    add(Scenario("two-hundred-leases-one-name",
                 {"default.status": status(*[lease(f"10.1.{h // 250}.{h % 250 + 1}", mac(h // 250, h % 250), "farm",
                                                   In(10000 - h)) for h in range(200)])},
                 {"farm": [f"10.1.{h // 250}.{h % 250 + 1}" for h in range(200)], "other": None},
                 ahosts={"farm": [f"10.1.{h // 250}.{h % 250 + 1}" for h in range(200)]},  # past getaddrinfo's first 1024 bytes
                 fix=FIX_BUFFER, oracle={"farm": None, "other": None}, oracle_ahosts={"farm": None}))

    # --- fix 2: malformed input is skipped, everything else resolves ------------------------------
    good = {"default.status": status(lease(net(0, 10), mac(0, 10), "myvm")),
            "default.macs": macs({"dom": [mac(0, 10)]})}
    add(Scenario("truncated-status-file-beside-good",
                 {**good, "broken.status": raw('[{"ip-address":"192.168.101.5","mac-address":"52:54:00:00:01:05",'
                                               '"hostname":"half","expiry-time":{FUTURE}},{"ip-addr')},
                 {"myvm": [net(0, 10)], "half": [net(1, 5)]}, guest={"dom": [net(0, 10)]},
                 fix=FIX_MALFORMED, oracle={"myvm": None, "half": None}, oracle_guest={"dom": None}))
    add(Scenario("garbage-status-file-beside-good",
                 {**good, "garbage.status": b"\x7fELF\x02\x01\x01\x00\xff\xfe not json"},
                 {"myvm": [net(0, 10)]}, guest={"dom": [net(0, 10)]},
                 fix=FIX_MALFORMED, oracle={"myvm": None}, oracle_guest={"dom": None}))
    add(Scenario("status-file-not-an-array",
                 {**good, "object.status": '{"ip-address":"192.168.101.5"}'},
                 {"myvm": [net(0, 10)]},
                 fix=FIX_MALFORMED, oracle={"myvm": None}))
    add(Scenario("entry-without-mac-address",
                 {"default.status": raw('[{"ip-address":"192.168.100.9","hostname":"nomac","expiry-time":{FUTURE}},'
                                        '{"ip-address":"192.168.100.10","mac-address":"52:54:00:00:00:0a",'
                                        '"hostname":"myvm","expiry-time":{FUTURE}}]')},
                 # A lease without a MAC answers its host name (libvirt), as the newest module's does.
                 {"myvm": [net(0, 10)], "nomac": ["192.168.100.9"]}, guest={"nomac": None},
                 fix=FIX_MALFORMED, oracle={"myvm": None, "nomac": None}, newest=NEWEST_SAME))
    add(Scenario("entry-without-expiry-time",
                 {"default.status": raw('[{"ip-address":"192.168.100.9","mac-address":"52:54:00:00:00:09",'
                                        '"hostname":"noexpiry"},'
                                        '{"ip-address":"192.168.100.10","mac-address":"52:54:00:00:00:0a",'
                                        '"hostname":"myvm","expiry-time":{FUTURE}}]')},
                 {"myvm": [net(0, 10)], "noexpiry": None},
                 fix=FIX_MALFORMED, oracle={"myvm": [net(0, 10)], "noexpiry": [net(0, 9)]},
                 # The newest module fails a lookup that reaches the lease without expiry-time
                 # (UNAVAIL): getent prints what it prints for ours, which skips the lease.
                 newest=NEWEST_SAME))
    add(Scenario("hostname-not-a-string",
                 {**good, "numbers.status": raw('[{"ip-address":"192.168.101.5","mac-address":"52:54:00:00:01:05",'
                                                '"hostname":12345,"expiry-time":{FUTURE}}]')},
                 {"myvm": [net(0, 10)], },
                 fix=FIX_MALFORMED, oracle={"myvm": None}, newest=NEWEST_SAME))
    add(Scenario("unknown-number-field",
                 {"default.status": status(lease(net(0, 10), mac(0, 10), "myvm", lease_time=3600))},
                 {"myvm": [net(0, 10)]},
                 fix=FIX_MALFORMED, oracle={"myvm": None}, newest=NEWEST_SAME))
    add(Scenario("invalid-utf8-entry-beside-good",
                 {**good, "bad.status": raw(b'[{"ip-address":"192.168.101.5","mac-address":"52:54:00:00:01:05",'
                                            b'"hostname":"bad\xff\xfe","expiry-time":{FUTURE}}]')},
                 {"myvm": [net(0, 10)]},
                 fix=FIX_MALFORMED, oracle={"myvm": None}))
    add(Scenario("unparsable-address-beside-good-lease",
                 {"default.status": status(lease(net(0, 10), mac(0, 10), "myvm", In(100)),
                                           lease("192.168.100.300", mac(0, 11), "myvm", In(200)),
                                           lease(net(0, 12), mac(0, 12), "bystander"))},
                 {"myvm": [net(0, 10)], "bystander": [net(0, 12)]},
                 fix=FIX_MALFORMED, oracle={"myvm": None, "bystander": [net(0, 12)]}))
    add(Scenario("status-path-is-a-directory",
                 {**good, "dir.status": nsroot.Directory()},
                 {"myvm": [net(0, 10)]}, guest={"dom": [net(0, 10)]},
                 fix=FIX_MALFORMED, oracle={"myvm": None}, oracle_guest={"dom": None}))
    add(Scenario("empty-macs-file-beside-good",
                 {**good, "empty.macs": ""},
                 {"myvm": [net(0, 10)]}, guest={"dom": [net(0, 10)]},
                 fix=FIX_MALFORMED, oracle={"myvm": [net(0, 10)]}, oracle_guest={"dom": None}, newest=NEWEST_SAME))
    add(Scenario("truncated-macs-file-beside-good",
                 {**good, "broken.macs": '[{"domain":"dom","macs":["52:54:00:00:00:0a"]},{"domain":"x'},
                 {"myvm": [net(0, 10)]}, guest={"dom": [net(0, 10)]},
                 fix=FIX_MALFORMED, oracle={"myvm": [net(0, 10)]}, oracle_guest={"dom": None}))
    add(Scenario("macs-entry-without-domain",
                 {**good, "nodomain.macs": '[{"macs":["52:54:00:00:00:0a"]}]'},
                 {"myvm": [net(0, 10)]}, guest={"dom": [net(0, 10)]},
                 fix=FIX_MALFORMED, oracle={"myvm": [net(0, 10)]}, oracle_guest={"dom": None}, newest=NEWEST_SAME))

    add(Scenario("macs-entry-without-domain-after-one-with",
                 {"default.status": status(lease(net(0, 10), mac(0, 10), None, HOUR),
                                           lease(net(0, 11), mac(0, 11), None, In(7200))),
                  "default.macs": '[{"domain":"dom","macs":["52:54:00:00:00:0a"]},{"macs":["52:54:00:00:00:0b"]}]'},
                 {}, guest={"dom": [net(0, 10)]},
                 fix=FIX_MALFORMED, oracle_guest={"dom": [net(0, 11), net(0, 10)]}, newest=NEWEST_SAME))

    # --- fix 3: MACs compare case-insensitively -------------------------------------------------
    add(Scenario("mac-case",
                 {"default.status": status(lease(net(0, 10), "52:54:00:ab:cd:ef", None)),
                  "default.macs": macs({"upper": ["52:54:00:AB:CD:EF"]})},
                 {"upper": [net(0, 10)]}, guest={"upper": [net(0, 10)]},
                 fix=FIX_MAC_CASE, oracle={"upper": None}, oracle_guest={"upper": None}))

    # --- fix 4: a guest's host name never answers for a name it does not own ---------------------
    s.extend(_guest_name_scenarios())
    s.extend(_extension_scenarios())
    s.extend(_published_scenarios())
    return s


def _guest_name_scenarios():
    """A second guest (MAC 0:66, address .66) names itself after what it does not own
    (docs/security.md): Debian's module answers its address, ours does not. Without `files` on
    the hosts line, so that /etc/hosts answers none of these names first."""
    attacker = net(0, 66)
    own = os.uname().nodename.split(".")[0]   # the tests run with their own (scripts/in-test-uts.sh)
    modules_only = "hosts: libvirt libvirt_guest\n"
    s = []

    def taken(id, name, expect, leases=(), files=None, guest=None, asked=None):
        add_files = {"default.status": status(*leases, lease(attacker, mac(0, 66), name)), **(files or {})}
        oracle = {a: [*(expect.get(a) or []), attacker] for a in (asked or [name])}
        s.append(Scenario(id, add_files, expect, guest=guest or {}, reverse={attacker: None}, nsswitch=modules_only,
                          fix=FIX_GUEST_NAMES, oracle=oracle))

    vm1 = lease(net(0, 10), mac(0, 10), "vm1")
    domains = {"default.macs": macs({"vm1": [mac(0, 10)], "vm2": [mac(0, 20)]})}
    taken("another-domains-name", "vm1", {"vm1": [net(0, 10)]}, leases=[vm1], files=domains)
    taken("another-domains-name-other-case", "VM1", {"vm1": [net(0, 10)]}, leases=[vm1], files=domains, asked=["vm1"])
    # vm2 is a domain whose guest holds no lease yet: its name is not free to take meanwhile.
    taken("a-domains-name-before-it-boots", "vm2", {"vm2": None}, leases=[vm1], files=domains, guest={"vm2": None})
    for name in ("wpad", "isatap", "localhost", "ip6-localhost", "ip6-loopback", own):
        taken(f"not-a-guests-name-{name}", name, {name: None})
    # A name a network reserves for another guest (<dhcp><host> by MAC) answers the reservation only.
    s.append(Scenario("a-name-reserved-for-another-guest",
                      {"default.status": status(lease(attacker, mac(0, 66), "printer")),
                       "default.hostsfile": "52:54:00:00:00:09,192.168.100.50,printer\n"},
                      {"printer": ["192.168.100.50"]}, reverse={attacker: None, "192.168.100.50": ["printer"]},
                      nsswitch=modules_only, fix=FIX_GUEST_NAMES, oracle={"printer": [attacker]}))
    # What stays as upstream answers it: a guest named as its own domain, guests sharing a name no domain has.
    s.append(Scenario("a-guest-named-as-its-own-domain-and-a-shared-name",
                      {"default.status": status(vm1, lease(net(0, 30), mac(0, 30), "ubuntu", In(200)),
                                                lease(net(0, 31), mac(0, 31), "ubuntu", In(100))),
                       **domains},
                      {"vm1": [net(0, 10)], "ubuntu": [net(0, 30), net(0, 31)]}))
    return s


def dnsmasq_conf(network, bridge, domain=None):
    """A <network>.conf as libvirt's networkDnsmasqConfContents writes it (the lines that matter here)."""
    lines = ["##WARNING:  THIS IS AN AUTO-GENERATED FILE. CHANGES TO IT ARE LIKELY TO BE",
             "## dnsmasq conf file created by libvirt", "strict-order"]
    if domain:
        lines += [f"domain={domain}", "expand-hosts"]
    lines += [f"pid-file=/run/libvirt/network/{network}.pid", "except-interface=lo", "bind-dynamic",
              f"interface={bridge}", "dhcp-range=192.168.122.2,192.168.122.254,255.255.255.0",
              f"dhcp-hostsfile=/var/lib/libvirt/dnsmasq/{network}.hostsfile",
              f"addn-hosts=/var/lib/libvirt/dnsmasq/{network}.addnhosts"]
    return "\n".join(lines) + "\n"


def _published_scenarios():
    """The publisher's directory, /run/libvirt-nss (docs/security.md, "Published records"): its
    *.status and *.macs files answer after libvirt's own, under the same policy, when it and they
    are root's and writable by root alone. Upstream never reads it: where ours ignores it, ours
    answers exactly as upstream does."""
    nat = lease(net(0, 10), mac(0, 10), "natvm")
    libvirt = {"default.status": status(nat), "default.macs": macs({"natdom": [mac(0, 10)]})}
    bridged = status(lease(net(5, 5), mac(5, 5), "bridged"))
    s = []
    add = s.append
    add(Scenario("published-records",
                 libvirt,
                 {"natvm": [net(0, 10)], "bridged": [net(5, 5)], "gone": None, "natdom": [net(0, 10)], "wpad": None,
                  "reserved": None},
                 guest={"natdom": [net(0, 10)], "bridgeddom": [net(5, 5)], "gonedom": None},
                 reverse={net(5, 5): ["bridged"], net(5, 6): None, net(5, 7): None},
                 reverse_guest={net(5, 5): ["bridgeddom"]},
                 published={"br0.status": status(lease(net(5, 5), mac(5, 5), "bridged"),
                                                 lease(net(5, 6), mac(5, 6), "gone", AGO),
                                                 # another domain's name and a name dnsmasq refuses: as from a lease, never answered
                                                 lease(net(5, 7), mac(5, 7), "natdom"),
                                                 lease(net(5, 8), mac(5, 8), "wpad")),
                            "br0.macs": macs({"bridgeddom": [mac(5, 5)], "gonedom": [mac(5, 6)]}),
                            # libvirt's network files only: never read here
                            "br0.hostsfile": f"{mac(5, 9)},{net(5, 9)},reserved\n"},
                 extension=EXT_PUBLISHED))
    add(Scenario("published-dir-owned-by-another-user",
                 libvirt, {"natvm": [net(0, 10)], "bridged": None},
                 published={"br0.status": bridged}, published_owner=1000))
    add(Scenario("published-dir-writable-by-others",
                 libvirt, {"natvm": [net(0, 10)], "bridged": None},
                 published={"br0.status": bridged}, published_mode=0o777))
    add(Scenario("published-files-only-root-could-write",
                 libvirt,
                 {"natvm": [net(0, 10)], "bridged": [net(5, 5)], "writable": None, "owned": None, "linked": None},
                 published={"br0.status": bridged,
                            "writable.status": nsroot.Mode(status(lease(net(5, 20), mac(5, 20), "writable")), 0o666),
                            "owned.status": nsroot.Owned(status(lease(net(5, 21), mac(5, 21), "owned")), 1000),
                            "linked.status": nsroot.Symlink(status(lease(net(5, 22), mac(5, 22), "linked"))),
                            "fifo.status": nsroot.Fifo(),
                            "fifo.macs": nsroot.Fifo()},
                 extension=EXT_PUBLISHED))
    return s


def _extension_scenarios():
    s = []
    add = s.append
    vm1 = lease("192.168.122.45", mac(0, 45), "vm1", In(3000))

    # --- reverse lookups: address -> hostname (libvirt) or domain name (libvirt_guest) ----------
    add(Scenario("reverse-ipv4-and-ipv6",
                 {"virbr0.status": status(vm1, lease("fd00:122::45", mac(0, 45), "vm1", In(2000)),
                                          lease("192.168.122.47", mac(0, 47), "old", AGO))},
                 {}, reverse={"192.168.122.45": ["vm1"], "fd00:122::45": ["vm1"], "192.168.122.47": None,
                              "192.168.122.250": None, "fd00:122::46": None},
                 extension=EXT_REVERSE))
    add(Scenario("reverse-two-names-latest-first",
                 {"virbr0.status": status(lease("192.168.122.50", mac(0, 50), "older", In(100)),
                                          lease("192.168.122.50", mac(0, 51), "newer", In(900)),
                                          lease("192.168.122.50", mac(0, 52), "NEWER", In(800)),
                                          lease("192.168.122.51", mac(0, 53), "my vm", In(900)),
                                          lease("192.168.122.51", mac(0, 54), "fine", NEVER))},
                 {}, reverse={"192.168.122.50": ["newer", "older"], "192.168.122.51": ["fine"]},
                 extension=EXT_REVERSE))
    add(Scenario("reverse-domain-names",
                 {"virbr0.status": status(vm1, lease("192.168.122.46", mac(0, 46), None)),
                  "virbr0.macs": macs({"dom1": [mac(0, 45)], "dom2": [mac(0, 46)], "idle": [mac(0, 99)]})},
                 {}, reverse={"192.168.122.45": ["vm1"], "192.168.122.46": ["dom2"]},
                 reverse_guest={"192.168.122.45": ["dom1"], "192.168.122.46": ["dom2"], "192.168.122.99": None},
                 extension=EXT_REVERSE))

    # --- FQDNs: vm1.<the network's domain> ---------------------------------------------------------
    add(Scenario("fqdn-network-domain",
                 {"virbr0.status": status(vm1),
                  "virbr0.macs": macs({"dom1": [mac(0, 45)]}),
                  "default.conf": dnsmasq_conf("default", "virbr0", "example.lan")},
                 {"vm1": ["192.168.122.45"], "vm1.example.lan": ["192.168.122.45"],
                  "vm1.example.lan.": ["192.168.122.45"], "VM1.Example.LAN": ["192.168.122.45"],
                  "vm1.example.com": None, "vm1.lan": None, "example.lan": None, ".example.lan": None,
                  "vm1.": None, "vm1.example.lan..": None},
                 guest={"dom1.example.lan": ["192.168.122.45"], "dom1.example.lan.": ["192.168.122.45"],
                        "dom1.other.lan": None},
                 extension=EXT_FQDN))
    add(Scenario("fqdn-domain-belongs-to-one-network",
                 {"virbr0.status": status(vm1),
                  "virbr1.status": status(lease("192.168.100.7", mac(1, 7), "vm2")),
                  "default.conf": dnsmasq_conf("default", "virbr0", "example.lan"),
                  "isolated.conf": dnsmasq_conf("isolated", "virbr1", "iso.test")},
                 {"vm1.example.lan": ["192.168.122.45"], "vm2.iso.test": ["192.168.100.7"],
                  "vm2.example.lan": None, "vm1.iso.test": None},
                 extension=EXT_FQDN))

    # --- reserved hosts: <network>.hostsfile and <network>.addnhosts ------------------------------
    add(Scenario("reserved-hosts-before-first-lease",
                 {"virbr0.status": "[]",
                  "virbr0.macs": macs({"resdom": [mac(0, 99)]}),
                  "default.conf": dnsmasq_conf("default", "virbr0", "example.lan"),
                  "default.hostsfile": ("52:54:00:00:00:63,192.168.122.99,resvm\n"
                                        "52:54:00:00:00:62,192.168.122.98\n"
                                        "named,192.168.122.97,infinite\n"
                                        "id:00:01:00:01:2c:2f:d0:12:52:54:00:00:00:63,resvm,[fd00:122::99]\n"
                                        "not a reservation line\n"),
                  "default.addnhosts": "192.168.122.200\tgateway\trouter\t\n"},
                 {"resvm": ["fd00:122::99"], "resvm.example.lan": ["fd00:122::99"],
                  "named": ["192.168.122.97"], "gateway": ["192.168.122.200"], "router.example.lan": ["192.168.122.200"],
                  "not": None},
                 guest={"resdom": ["192.168.122.99"]},
                 ahosts={"resvm": ["fd00:122::99", "192.168.122.99"], "resvm.example.lan.": ["fd00:122::99", "192.168.122.99"]},
                 reverse={"192.168.122.99": ["resvm"], "192.168.122.200": ["gateway", "router"],
                          "fd00:122::99": ["resvm"], "192.168.122.98": None},
                 reverse_guest={"192.168.122.99": ["resdom"]},
                 extension=EXT_RESERVED))
    add(Scenario("reserved-ranked-after-leases",
                 {"virbr0.status": status(vm1, lease("192.168.122.60", mac(0, 60), "vm1", In(100))),
                  "default.hostsfile": ("52:54:00:00:00:2d,192.168.122.88,vm1\n"   # vm1's MAC: its lease answers
                                        "vm1,192.168.122.89\n"),
                  "default.addnhosts": "192.168.122.45\tvm1\n192.168.122.90\tvm1\n"},
                 # The lease of another MAC that calls itself vm1 (.60) does not answer: vm1 is reserved (fix 4).
                 {"vm1": ["192.168.122.45", "192.168.122.89", "192.168.122.90"]},
                 reverse={"192.168.122.88": None, "192.168.122.89": ["vm1"]},
                 extension=EXT_RESERVED))
    # libvirt writes <network>.conf with mode 0600 (virFileWriteStr): a process that may not read
    # it resolves the bare names and the reserved hosts, not the network-domain names.
    add(Scenario("fqdn-conf-root-only-as-nobody",
                 {"virbr0.status": status(vm1),
                  "default.conf": nsroot.Mode(dnsmasq_conf("default", "virbr0", "example.lan"), 0o600),
                  "default.hostsfile": "resvm,192.168.122.99\n"},
                 {"vm1": ["192.168.122.45"], "vm1.example.lan": None, "resvm": ["192.168.122.99"]},
                 lease_dir=nsroot.LEASE_DIR_AS_NOBODY, extension=EXT_FQDN))
    return s


SCENARIOS = _scenarios()
