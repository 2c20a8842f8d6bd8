using System;

namespace LibvirtNss.Core;

/// <summary>
/// The leases of all <c>*.status</c> files of a snapshot, numbered in directory order then file
/// order (the order a lookup without a snapshot reads them in), indexed by hostname and by MAC.
/// </summary>
internal sealed class LeaseTable
{
    private readonly StatusFileLeases[] _files;
    private readonly ItemNumbering _numbering;

    public LeaseTable(StatusFileLeases[] files, SnapshotBudget budget)
    {
        _files = files;
        budget.Charge(SnapshotBudget.ObjectBytes + 8L * files.Length);
        _numbering = new ItemNumbering(Array.ConvertAll(files, file => file.Count), budget);
        int count = _numbering.Count;
        ByHostname = new ByteKeyIndex(count, (int item, out ReadOnlySpan<byte> key) =>
            File(item, out int index).TryGetHostname(index, out key), ignoreCase: true, budget);
        ByMac = new ByteKeyIndex(count, (int item, out ReadOnlySpan<byte> key) =>
        {
            key = File(item, out int index).Mac(index);
            return true;
        }, ignoreCase: true, budget);
    }

    public int Count => _numbering.Count;

    /// <summary>Every lease whose hostname is the key (ASCII case ignored), as upstream compares.</summary>
    public ByteKeyIndex ByHostname { get; }

    /// <summary>Every lease whose MAC is the key (ASCII case ignored).</summary>
    public ByteKeyIndex ByMac { get; }

    /// <summary>The status file (index in directory order) an item comes from.</summary>
    public int FileOf(int item) => _numbering.FileOf(item);

    public LeaseEntry Entry(int item) => File(item, out int index).Entry(index);

    private StatusFileLeases File(int item, out int index)
    {
        index = _numbering.IndexInFile(item, out int file);
        return _files[file];
    }
}
