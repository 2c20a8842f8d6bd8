using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using Xunit;
using LibvirtNss.Core.Records;

namespace LibvirtNss.Core.Tests.Lookups;

/// <summary>
/// The subset's lookups against the reference resolver's over the real fixtures: nssdata/networks as it is,
/// every nssdata/files fixture and every fuzz-corpus input as a lease file and as a MAC file
/// beside those networks, and directories that cannot be listed.
/// </summary>
public sealed class LookupReplayTests
{
    private static string Corpus => Path.Combine(AppContext.BaseDirectory, "fuzz-corpus");

    /// <summary>The fixtures' guests and the vocabulary's, in the forms a lookup may ask.</summary>
    private static readonly byte[][] Names = Vocabulary.Hosts
        .Concat(new[] { "arch", "Arch", "ALPINE", "nohost", "twin.example.lan", "alpine.", "vm1.d1.lan.", "", "my vm" })
        .Select(Encoding.UTF8.GetBytes).ToArray();

    private static void AskEverything(TempLeaseDirectory dir, string context)
    {
        LookupRuns.Forward(dir.Path, Names, 17, context);
        var spec = new LeaseDirectorySpec(Directory.GetFiles(dir.Path)
            .Select(p => new DirectoryEntry(Path.GetFileName(p), EntryShape.Regular, File.ReadAllBytes(p))).ToArray());
        QueryAddress[] addresses = LookupQueries.Spelled(spec, 16);
        Assert.NotEmpty(addresses);
        LookupRuns.Reverse(dir.Path, addresses.Append(new QueryAddress(AddressFamilies.Inet, new byte[] { 10, 9, 9, 9 })).ToArray(), 0, context);
    }

    private static TempLeaseDirectory Networks()
    {
        var dir = new TempLeaseDirectory();
        foreach (string file in Directory.GetFiles(Fixtures.Networks))
            File.Copy(file, Path.Combine(dir.Path, Path.GetFileName(file)));
        return dir;
    }

    [Fact]
    public void The_networks_fixture_answers_as_the_oracle()
    {
        using TempLeaseDirectory dir = Networks();
        AskEverything(dir, "nssdata/networks");
    }

    public static TheoryData<string> Inputs()
    {
        var data = new TheoryData<string>();
        foreach (string path in Directory.GetFiles(Path.Combine(Fixtures.NssData, "files")).Order(StringComparer.Ordinal))
            data.Add("nssdata/files/" + Path.GetFileName(path));
        foreach (string path in Directory.GetFiles(Corpus).Order(StringComparer.Ordinal))
            data.Add("fuzz-corpus/" + Path.GetFileName(path));
        return data;
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public void A_fixture_as_lease_and_MAC_file_answers_as_the_oracle(string input)
    {
        string source = input.StartsWith("fuzz-corpus/", StringComparison.Ordinal)
            ? Path.Combine(Corpus, input["fuzz-corpus/".Length..])
            : Path.Combine(Fixtures.NssData, input["nssdata/".Length..]);
        byte[] contents = File.ReadAllBytes(source);
        using TempLeaseDirectory dir = Networks();
        dir.Write("fixture.status", contents);
        dir.Write("fixture.macs", contents);
        dir.Write("default.conf", "interface=fixture\ninterface=virbr0\ndomain=example.lan\n");
        AskEverything(dir, input);
    }

    /// <summary>
    /// Missing, a file, below a file. Not the empty path, a known difference: reference answers EIO
    /// (the ArgumentException .NET throws for it), the subset ENOENT (what opendir says).
    /// </summary>
    [Fact]
    public void A_directory_that_cannot_be_listed_answers_as_the_oracle()
    {
        using var dir = new TempLeaseDirectory();
        string file = dir.Write("virbr0.status", "[]");
        foreach (string path in new[] { Path.Combine(dir.Path, "missing"), file, Path.Combine(file, "below") })
        {
            LookupRuns.Forward(path, new[] { "vm1"u8.ToArray() }, 17, path);
            LookupRuns.Reverse(path, AddressFamilies.Inet, new byte[] { 192, 168, 122, 2 }, path);
        }
    }

    /// <summary>
    /// Files over the readers' limits: one value more than 65,536 skips a file whole, and so does
    /// a MAC file of more than 65,536 strings (its budget); the other files still answer.
    /// </summary>
    [Fact]
    public void Files_over_the_readers_limits_answer_as_the_oracle()
    {
        static string Array(int count, string value) => "[" + string.Join(",", Enumerable.Repeat(value, count)) + "]";
        using var dir = new TempLeaseDirectory();
        dir.Write("over.status", Array(65_537, "{}"));
        dir.Write("over.macs", Array(65_537, "{}"));
        dir.Write("strings.macs", "[{\"domain\":\"vm1\",\"macs\":[" + string.Join(",", Enumerable.Repeat("\"52:54:00:00:00:01\"", 70_000)) + "]}]");
        dir.Write("virbr0.status", "[" + Fixtures.Lease("192.168.122.2", "52:54:00:00:00:01", "vm1", 0) + "]");
        dir.Write("virbr0.macs", "[{\"domain\":\"vm1\",\"macs\":[\"52:54:00:00:00:01\"]}]");
        foreach (LookupKind kind in LookupRuns.Kinds)
        {
            BothLookups.Answer answer = BothLookups.NewForward(dir.Path, kind, "vm1"u8.ToArray(), 0, Vocabulary.Now);
            Assert.Equal(nameof(LookupOutcome.Addresses), answer.Outcome);
            Assert.Contains(answer.Lines, l => l.EndsWith("over.status: skipped: more than 65536 leases", StringComparison.Ordinal));
            if (kind == LookupKind.DomainName)
                Assert.Contains(answer.Lines, l => l.Contains("strings.macs: skipped: more than 65536 strings", StringComparison.Ordinal));
        }
        LookupRuns.Forward(dir.Path, "vm1"u8.ToArray(), AddressFamilies.Unspecified, "the limits");
        LookupRuns.Reverse(dir.Path, AddressFamilies.Inet, new byte[] { 192, 168, 122, 2 }, "the limits");
    }

    [Fact]
    public void An_empty_directory_answers_as_the_oracle()
    {
        using var dir = new TempLeaseDirectory();
        AskEverythingOf(dir.Path);
    }

    private static void AskEverythingOf(string path)
    {
        LookupRuns.Forward(path, Names, 17, path);
        LookupRuns.Reverse(path, new[] { new QueryAddress(AddressFamilies.Inet6, new byte[16]) }, 0, path);
    }
}
