using System;

namespace LibvirtNss.Core;

/// <summary>
/// The domains of all <c>*.macs</c> files of a snapshot, numbered in directory order then file
/// order, indexed by domain name (ASCII case ignored).
/// </summary>
internal sealed class DomainTable
{
    private readonly MacsFileDomains[] _files;
    private readonly ItemNumbering _numbering;

    public DomainTable(MacsFileDomains[] files, SnapshotBudget budget)
    {
        _files = files;
        budget.Charge(SnapshotBudget.ObjectBytes + 8L * files.Length);
        _numbering = new ItemNumbering(Array.ConvertAll(files, file => file.Count), budget);
        int count = _numbering.Count;
        ByName = new ByteKeyIndex(count, (int item, out ReadOnlySpan<byte> key) =>
        {
            key = File(item, out int index).Name(index);
            return true;
        }, ignoreCase: true, budget);
    }

    public ByteKeyIndex ByName { get; }

    public int Count => _numbering.Count;

    public ReadOnlySpan<byte> Name(int item) => File(item, out int index).Name(index);

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
        index = _numbering.IndexInFile(item, out int file);
        return _files[file];
    }
}
