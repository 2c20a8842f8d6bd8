using System;

namespace LibvirtNss.Core;

/// <summary>
/// The leases of all <c>*.status</c> files of a snapshot, numbered in directory order then file
/// order (the order a lookup without a snapshot reads them in), indexed by hostname and by MAC.
/// </summary>
internal sealed class LeaseTable
{
    private readonly StatusFileLeases[] _files;
    private readonly int[] _first;  // item number of each file's first lease
    private readonly int[] _fileOf; // file of each item

    public LeaseTable(StatusFileLeases[] files, SnapshotBudget budget)
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
        Count = count;
        ByHostname = new ByteKeyIndex(count, (int item, out ReadOnlySpan<byte> key) =>
            File(item, out int index).TryGetHostname(index, out key), ignoreCase: true, budget);
        ByMac = new ByteKeyIndex(count, (int item, out ReadOnlySpan<byte> key) =>
        {
            key = File(item, out int index).Mac(index);
            return true;
        }, ignoreCase: true, budget);
    }

    public int Count { get; }

    /// <summary>Every lease whose hostname is the key (ASCII case ignored), as upstream compares.</summary>
    public ByteKeyIndex ByHostname { get; }

    /// <summary>Every lease whose MAC is the key (ASCII case ignored).</summary>
    public ByteKeyIndex ByMac { get; }

    public LeaseEntry Entry(int item) => File(item, out int index).Entry(index);

    private StatusFileLeases File(int item, out int index)
    {
        int file = _fileOf[item];
        index = item - _first[file];
        return _files[file];
    }
}
