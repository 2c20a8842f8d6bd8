using System;
using System.Collections.Generic;

namespace LibvirtNss.Core;

/// <summary>The <c>*.macs</c> files: the MACs of each libvirt domain on one network.</summary>
internal sealed class MacsFileKind : SnapshotFileKind
{
    public MacsFileKind() : base(".macs") { }

    public override ParsedFile Empty { get; } =
        new MacsFileDomains(Array.Empty<byte>(), Array.Empty<MacsFileDomains.Domain>(), Array.Empty<MacsFileDomains.Text>());

    public override ParsedFile Parse(string path, byte[] contents, SnapshotBudget budget, DecisionLog log) =>
        MacsFileDomains.Parse(path, contents, budget, log);
}

/// <summary>
/// The well-formed entries of one <c>*.macs</c> file, in file order, kept compact as
/// <see cref="StatusFileLeases"/> are: all strings in one byte array, offsets beside it.
/// </summary>
internal sealed class MacsFileDomains : ParsedFile
{
    /// <summary>Where a string lies in the text.</summary>
    internal readonly record struct Text(int Start, int Length);

    /// <summary>One entry: its name, and its MACs as a run of <see cref="Text"/>s.</summary>
    internal readonly record struct Domain(Text Name, int FirstMac, int MacCount);

    private const int DomainBytes = 16, TextBytes = 8;

    private readonly byte[] _text;
    private readonly Domain[] _domains;
    private readonly Text[] _macs;

    internal MacsFileDomains(byte[] text, Domain[] domains, Text[] macs)
    {
        _text = text;
        _domains = domains;
        _macs = macs;
    }

    public int Count => _domains.Length;

    public override long AccountedBytes =>
        3 * SnapshotBudget.ObjectBytes + _text.Length + (long)_domains.Length * DomainBytes + (long)_macs.Length * TextBytes;

    public ReadOnlySpan<byte> Name(int index) => Span(_domains[index].Name);

    public int MacCount(int index) => _domains[index].MacCount;

    public ReadOnlySpan<byte> Mac(int index, int mac) => Span(_macs[_domains[index].FirstMac + mac]);

    private ReadOnlySpan<byte> Span(Text text) => _text.AsSpan(text.Start, text.Length);

    public static MacsFileDomains Parse(string path, byte[] json, SnapshotBudget budget, DecisionLog log)
    {
        budget.Charge(3 * SnapshotBudget.ObjectBytes);
        var text = new TextBuffer();
        var domains = new List<Domain>();
        var macs = new List<Text>();
        Text Append(ReadOnlySpan<byte> value)
        {
            return new Text(text.Append(value), value.Length);
        }
        MacsFileParser.Parse(json, path, (name, entryMacs) =>
        {
            long bytes = DomainBytes + name.Length;
            foreach (byte[] mac in entryMacs)
                bytes += TextBytes + mac.Length;
            budget.Charge(bytes);
            domains.Add(new Domain(Append(name), macs.Count, entryMacs.Count));
            foreach (byte[] mac in entryMacs)
                macs.Add(Append(mac));
        }, log);
        return new MacsFileDomains(text.ToArray(), domains.ToArray(), macs.ToArray());
    }
}
