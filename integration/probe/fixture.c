/* Lease data for the probe (two networks, hostnames and domain MACs) and the answers it implies. */
#include "fixture.h"

#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

#define NEVER 0x7fffffffL       /* expiry-time 0: the lease never expires */
#define MANY 30                 /* manyvm: MANY IPv4 and MANY IPv6 leases */

struct lease {
    const char *file;           /* network: "default" or "net2" */
    const char *mac;
    const char *hostname;       /* NULL: the guest sent no hostname */
    const char *ip;
    long expires_in;            /* seconds from now; negative: expired; NEVER */
};

static const struct lease leases[] = {
    /* dualvm: two IPv4 and one IPv6 lease, an expired one, the same address again elsewhere */
    { "default", "52:54:00:10:00:01", "dualvm", "192.168.122.10", 3000 },
    { "default", "52:54:00:10:00:01", "dualvm", "fd00:122::10", 5000 },
    { "default", "52:54:00:10:00:02", "dualvm", "192.168.122.11", 1000 },
    { "default", "52:54:00:10:00:03", "dualvm", "192.168.122.99", -100 },
    { "net2", "52:54:00:10:00:04", "dualvm", "192.168.122.10", 2000 },
    /* aliasvm: a second name of dualvm's 192.168.122.11 (reverse lookups: an alias) */
    { "net2", "52:54:00:10:00:05", "aliasvm", "192.168.122.11", 500 },
    /* expiredvm: only expired leases, so not found */
    { "default", "52:54:00:20:00:01", "expiredvm", "192.168.122.30", -500 },
    /* v4vm: IPv4 only; v6vm: IPv6 only, never expiring */
    { "net2", "52:54:00:30:00:01", "v4vm", "192.168.100.20", 4000 },
    { "net2", "52:54:00:30:00:02", "v4vm", "192.168.100.21", 2500 },
    { "net2", "52:54:00:40:00:01", "v6vm", "fd00:100::30", NEVER },
    /* domains (see the .macs files): guest-dual has a NIC on each network */
    { "default", "52:54:00:aa:00:01", "g-dual-a", "192.168.122.50", 3500 },
    { "net2", "52:54:00:aa:00:02", "g-dual-b", "fd00:100::50", 4500 },
    { "net2", "52:54:00:aa:00:02", "g-dual-b", "192.168.100.50", 1500 },
    { "default", "52:54:00:bb:00:01", NULL, "192.168.122.60", 3000 },
    { "default", "52:54:00:cc:00:01", "g-v6", "fd00:122::60", 3000 },
};

static const char default_macs[] =
    "[\n"
    "  {\"domain\": \"guest-dual\", \"macs\": [\"52:54:00:aa:00:01\"]},\n"
    "  {\"domain\": \"guest-v4\", \"macs\": [\"52:54:00:bb:00:01\"]},\n"
    "  {\"domain\": \"guest-v6\", \"macs\": [\"52:54:00:cc:00:01\"]}\n"
    "]\n";

static const char net2_macs[] =
    "[\n"
    "  {\"domain\": \"guest-dual\", \"macs\": [\"52:54:00:aa:00:02\"]},\n"
    "  {\"domain\": \"guest-nolease\", \"macs\": [\"52:54:00:dd:00:01\"]}\n"
    "]\n";

/* manyvm lease i (0 <= i < 2*MANY): IPv4 and IPv6 alternate, each older than the one before. */
static void many_lease(int i, char *ip, size_t iplen, char *mac, size_t maclen, long *expires_in)
{
    if (i % 2 == 0)
        snprintf(ip, iplen, "10.1.0.%d", i / 2 + 1);
    else
        snprintf(ip, iplen, "fd00:ee::%x", i / 2 + 1);
    snprintf(mac, maclen, "52:54:00:ee:00:%02x", i);
    *expires_in = 10000 - 10L * i;
}

/* The expected answers, latest expiry first (what the table above implies). */
struct name_text {
    const char *name;
    bool guest;
    bool no_macs;
    const char *addresses[8];   /* NULL-terminated; manyvm is generated */
};

static const struct name_text name_texts[] = {
    { "dualvm", false, false, { "fd00:122::10", "192.168.122.10", "192.168.122.11" } },
    { "DUALvm", false, false, { "fd00:122::10", "192.168.122.10", "192.168.122.11" } }, /* any case */
    { "v4vm", false, false, { "192.168.100.20", "192.168.100.21" } },
    { "v6vm", false, false, { "fd00:100::30" } },
    { "manyvm", false, false, { NULL } },
    { "expiredvm", false, false, { NULL } },
    { "nosuchvm", false, false, { NULL } },
    { "guest-dual", true, false, { "fd00:100::50", "192.168.122.50", "192.168.100.50" } },
    { "GUEST-Dual", true, false, { "fd00:100::50", "192.168.122.50", "192.168.100.50" } },
    { "guest-v4", true, false, { "192.168.122.60" } },
    { "guest-v6", true, false, { "fd00:122::60" } },
    { "guest-nolease", true, false, { NULL } },   /* MACs known, no lease */
    { "no-such-domain", true, true, { NULL } },
};

#define NAME_COUNT (sizeof(name_texts) / sizeof(name_texts[0]))
static struct fixture_name table[NAME_COUNT];

static void add_address(struct fixture_name *n, const char *text)
{
    struct fixture_address *a = &n->addresses[n->count++];
    memset(a, 0, sizeof(*a));
    a->family = strchr(text, ':') ? AF_INET6 : AF_INET;
    inet_pton(a->family, text, a->bytes);
}

size_t fixture_names(const struct fixture_name **names)
{
    for (size_t i = 0; i < NAME_COUNT; i++) {
        struct fixture_name *n = &table[i];
        n->name = name_texts[i].name;
        n->guest = name_texts[i].guest;
        n->no_macs = name_texts[i].no_macs;
        n->count = 0;
        for (size_t j = 0; name_texts[i].addresses[j]; j++)
            add_address(n, name_texts[i].addresses[j]);
        if (strcmp(n->name, "manyvm") == 0) {
            for (int k = 0; k < 2 * MANY; k++) {
                char ip[64], mac[32];
                long expires_in;
                many_lease(k, ip, sizeof(ip), mac, sizeof(mac), &expires_in);
                add_address(n, ip);
            }
        }
    }
    *names = table;
    return NAME_COUNT;
}

static void write_lease(FILE *f, bool *first, const char *mac, const char *hostname, const char *ip,
                        long expires_in, long now)
{
    long expiry = expires_in == NEVER ? 0 : now + expires_in;
    fprintf(f, "%s  {\n    \"ip-address\": \"%s\",\n    \"mac-address\": \"%s\",\n",
            *first ? "" : ",\n", ip, mac);
    if (hostname)
        fprintf(f, "    \"hostname\": \"%s\",\n", hostname);
    if (!strchr(ip, ':'))
        fprintf(f, "    \"client-id\": \"01:%s\",\n", mac);
    fprintf(f, "    \"expiry-time\": %ld\n  }", expiry);
    *first = false;
}

static int write_text(const char *dir, const char *file, const char *text)
{
    char path[4096];
    snprintf(path, sizeof(path), "%s/%s", dir, file);
    FILE *f = fopen(path, "w");
    if (!f || fputs(text, f) < 0 || fclose(f) != 0) {
        perror(path);
        return -1;
    }
    return 0;
}

static int write_status(const char *dir, const char *network, long now)
{
    char path[4096];
    snprintf(path, sizeof(path), "%s/%s.status", dir, network);
    FILE *f = fopen(path, "w");
    if (!f) {
        perror(path);
        return -1;
    }
    bool first = true;
    fputs("[\n", f);
    for (size_t i = 0; i < sizeof(leases) / sizeof(leases[0]); i++)
        if (strcmp(leases[i].file, network) == 0)
            write_lease(f, &first, leases[i].mac, leases[i].hostname, leases[i].ip, leases[i].expires_in, now);
    if (strcmp(network, "default") == 0) {
        for (int k = 0; k < 2 * MANY; k++) {
            char ip[64], mac[32];
            long expires_in;
            many_lease(k, ip, sizeof(ip), mac, sizeof(mac), &expires_in);
            write_lease(f, &first, mac, "manyvm", ip, expires_in, now);
        }
    }
    fputs("\n]\n", f);
    if (fclose(f) != 0) {
        perror(path);
        return -1;
    }
    return 0;
}

int fixture_write(const char *dir)
{
    long now = (long)time(NULL);
    if (write_status(dir, "default", now) < 0 || write_status(dir, "net2", now) < 0
        || write_text(dir, "default.macs", default_macs) < 0 || write_text(dir, "net2.macs", net2_macs) < 0)
        return -1;
    return 0;
}
