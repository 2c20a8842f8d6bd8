using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using LibvirtNss.Core.Entries;
using LibvirtNss.Core.Matches;
using Xunit;

namespace LibvirtNss.Core.Tests.Matches;

/// <summary>NameForms (subset) gives the reference resolver's QueryName forms, in the same order, and matches as it does.</summary>
public class NameFormsProperties
{
    private static readonly Gen<string> Label = Gen.Elements("vm1", "VM1", "example", "Example", "lan", "LAN", "a", "", "x.y");

    private static readonly Gen<string> Domain = Gen.Choose(0, 3).SelectMany(n => Label.ArrayOf(n)).Select(l => string.Join(".", l));

    private static readonly Gen<string> Name =
        from host in Label
        from domain in Domain
        from dot in Gen.Elements("", ".", "..")
        from sep in Gen.Elements(".", "", "..")
        select host + (domain.Length > 0 ? sep + domain : "") + dot;

    [Property(MaxTest = 5000)]
    public Property Same_forms_and_matches_as_QueryName() => Prop.ForAll(Name.ToArbitrary(),
        Gen.Choose(0, 8).SelectMany(n => Domain.ArrayOf(n)).ToArbitrary(), Name.ToArbitrary(), (name, domains, candidate) =>
    {
        byte[] nameBytes = Encoding.ASCII.GetBytes(name);
        List<byte[]> reference = QueryName.Forms(nameBytes, domains.Select(Encoding.ASCII.GetBytes).ToList());

        byte[] text = Encoding.ASCII.GetBytes(string.Concat(domains));
        var ranges = new List<TextRange>();
        int at = 0;
        foreach (string d in domains)
        {
            ranges.Add(new TextRange(at, d.Length));
            at += d.Length;
        }
        Span<int> lengths = stackalloc int[16];
        int count = NameForms.Of(nameBytes, text, ranges.ToArray(), lengths);
        Assert.Equal(reference.Select(Encoding.ASCII.GetString), lengths.Slice(0, count).ToArray().Select(l => name[..l]));

        byte[] candidateBytes = Encoding.ASCII.GetBytes(candidate);
        Assert.Equal(QueryName.MatchesAny(candidateBytes, reference), NameForms.MatchesAny(candidateBytes, nameBytes, lengths.Slice(0, count)));
        Assert.Equal(QueryName.MatchesAny(nameBytes, reference), NameForms.MatchesAny(nameBytes, nameBytes, lengths.Slice(0, count)));
    });
}
