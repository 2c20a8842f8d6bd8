using System;
using System.Collections.Generic;

namespace LibvirtNss.Core;

/// <summary>The <c>*.macs</c> files: the MACs of each libvirt domain on one network.</summary>
internal sealed class MacsFileKind : SnapshotFileKind
{
    public MacsFileKind() : base(".macs") { }

    public override ParsedFile Empty { get; } = new MacsFileDomains(Array.Empty<MacsFileDomains.Domain>());

    public override ParsedFile Parse(string path, byte[] contents, SnapshotBudget budget, DecisionLog log) =>
        MacsFileDomains.Parse(path, contents, budget, log);
}

/// <summary>The well-formed entries of one <c>*.macs</c> file, in file order.</summary>
internal sealed class MacsFileDomains : ParsedFile
{
    /// <summary>One entry: a domain name (unescaped UTF-8) and its MACs.</summary>
    internal sealed record Domain(byte[] Name, byte[][] Macs);

    private readonly Domain[] _domains;
    private readonly long _bytes;

    internal MacsFileDomains(Domain[] domains)
    {
        _domains = domains;
        _bytes = SnapshotBudget.ObjectBytes;
        foreach (Domain domain in domains)
            _bytes += BytesOf(domain.Name.Length, domain.Macs);
    }

    public int Count => _domains.Length;

    public Domain this[int index] => _domains[index];

    public override long AccountedBytes => _bytes;

    private static long BytesOf(int nameLength, IReadOnlyCollection<byte[]> macs)
    {
        long bytes = 4L * SnapshotBudget.ObjectBytes + nameLength + 8L * macs.Count;
        foreach (byte[] mac in macs)
            bytes += SnapshotBudget.ObjectBytes + mac.Length;
        return bytes;
    }

    public static MacsFileDomains Parse(string path, byte[] json, SnapshotBudget budget, DecisionLog log)
    {
        var domains = new List<Domain>();
        budget.Charge(SnapshotBudget.ObjectBytes);
        MacsFileParser.Parse(json, path, (name, macs) =>
        {
            budget.Charge(BytesOf(name.Length, macs));
            domains.Add(new Domain(name.ToArray(), macs.ToArray()));
        }, log);
        return new MacsFileDomains(domains.ToArray());
    }
}
