using System;
using System.Collections.Generic;
using System.Linq;
using FsCheck.Fluent;
using Xunit;

namespace LibvirtNss.Core.Tests.Lookups;

/// <summary>
/// The generated directories and questions reach every outcome and every kind of decision the
/// lookups log (through the subset's lookups, which the properties hold to reference's), so that
/// the differential properties are not vacuous.
/// </summary>
public sealed class LookupGeneratorReach
{
    // A fixed sample: the rarest decisions (an oversized or FIFO file where a lookup reads it)
    // come a few times in a hundred directories, and a drawn sample would now and then miss one.
    private const ulong Seed = 20_270_115;
    private const int Samples = 120;

    private static readonly string[] Outcomes =
    {
        "forward Hostname Addresses", "forward Hostname NoMatch", "forward Hostname NoAddressOfFamily",
        "forward DomainName Addresses", "forward DomainName NoMatch", "forward DomainName NoAddressOfFamily",
        "forward DomainName DomainWithoutMacs", "reverse Hostname Addresses", "reverse Hostname NoMatch",
        "reverse DomainName Addresses", "reverse DomainName NoMatch",
    };

    /// <summary>A piece of each kind of debug line the lookups and their readers write.</summary>
    private static readonly string[] Decisions =
    {
        " status, ", " entries read", " reserved hosts", ": interfaces [", " MACs", "domain matched, ",
        "MACs ignored: more than 256 in all", " matched, expiry ", "skipped: expired at ", "skipped: not an IP address",
        "matched, other family", "matched, address already listed", "(DhcpHost) matched", "(DnsHost) matched",
        "skipped: its MAC holds a lease", "address already listed", "lease of ", " names", "skipped: not a host name",
        "malformed JSON at byte ", "empty, no leases", "empty, no domains", "skipped: not a JSON array", ": skipped: \"",
        "skipped: not a regular file", "skipped: cannot read: ", " bytes is more than ", "skipped: not an interface name",
        "skipped: not a domain name", "skipped: two names",
        // Who may answer for a name (docs/security.md): a lease refused for each verdict, and a
        // reverse name refused by each check.
        "refused: not a name dnsmasq gives a guest", "refused: the host's own name", "refused: another domain's name",
        "refused: reserved for another guest", "skipped: not a name dnsmasq gives a guest", "skipped: a name no address answers",
        "skipped: its forward lookup does not give the address",
    };

    [Fact]
    public void The_generated_directories_reach_every_outcome_and_decision()
    {
        var outcomes = new HashSet<string>();
        var decisions = new HashSet<string>();
        void Note(string what, BothLookups.Answer answer)
        {
            outcomes.Add($"{what} {answer.Outcome}");
            foreach (string line in answer.Lines)
                decisions.UnionWith(Decisions.Where(d => line.Contains(d, StringComparison.Ordinal)));
        }

        foreach (bool hostile in new[] { false, true })
        {
            foreach (LookupDifferentialProperties.ForwardCase c in LookupDifferentialProperties.ForwardCases(hostile).Sample(50, new FsCheck.Rnd(Seed), Samples))
            {
                using TempLeaseDirectory dir = c.Directory.Create();
                foreach (byte[] name in c.Names.Take(3))
                {
                    foreach (LookupKind kind in LookupRuns.Kinds)
                    {
                        foreach (int family in LookupQueries.ForwardFamilies)
                            Note($"forward {kind}", BothLookups.NewForward(dir.Path, kind, name, family, Vocabulary.Now));
                    }
                }
                foreach (QueryAddress address in LookupQueries.Spelled(c.Directory, 3))
                {
                    foreach (LookupKind kind in LookupRuns.Kinds)
                        Note($"reverse {kind}", BothLookups.NewReverse(dir.Path, kind, address.Family, address.Bytes, Vocabulary.Now));
                }
            }
        }
        Assert.Empty(Outcomes.Except(outcomes));
        Assert.Empty(Decisions.Except(decisions));
    }
}
