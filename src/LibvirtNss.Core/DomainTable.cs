using System;

namespace LibvirtNss.Core;

/// <summary>
/// The domains of all <c>*.macs</c> files of a snapshot, numbered in directory order then file
/// order, indexed by domain name (ASCII case ignored).
/// </summary>
internal sealed class DomainTable
{
    private readonly MacsFileDomains[] _files;
    private readonly int[] _first;  // item number of each file's first domain
    private readonly int[] _fileOf; // file of each item

    public DomainTable(MacsFileDomains[] files, SnapshotBudget budget)
    {
        _files = files;
        _first = new int[files.Length];
        int count = 0;
        for (int f = 0; f < files.Length; f++)
        {
            _first[f] = count;
            count += files[f].Count;
        }
        budget.Charge(3 * SnapshotBudget.ObjectBytes + 12L * files.Length + 4L * count);
        _fileOf = new int[count];
        for (int f = 0; f < files.Length; f++)
            _fileOf.AsSpan(_first[f], files[f].Count).Fill(f);
        ByName = new ByteKeyIndex(count, (int item, out ReadOnlySpan<byte> key) =>
        {
            key = File(item, out int index).Name(index);
            return true;
        }, ignoreCase: true, budget);
    }

    public ByteKeyIndex ByName { get; }

    /// <summary>The MACs of one domain, as the query by MACs takes them.</summary>
    public byte[][] Macs(int item)
    {
        MacsFileDomains file = File(item, out int index);
        var macs = new byte[file.MacCount(index)][];
        for (int i = 0; i < macs.Length; i++)
            macs[i] = file.Mac(index, i).ToArray();
        return macs;
    }

    private MacsFileDomains File(int item, out int index)
    {
        int file = _fileOf[item];
        index = item - _first[file];
        return _files[file];
    }
}
