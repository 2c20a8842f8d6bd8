using System;

namespace LibvirtNss.Core;

/// <summary>
/// Numbers the items of several files one after another (directory order, then file order: the
/// order a lookup without a snapshot reads them in) and maps an item number back to its file and
/// its index in that file.
/// </summary>
internal sealed class ItemNumbering
{
    private readonly int[] _first;  // item number of each file's first item
    private readonly int[] _fileOf; // file of each item

    public ItemNumbering(int[] countPerFile, SnapshotBudget budget)
    {
        _first = new int[countPerFile.Length];
        int count = 0;
        for (int f = 0; f < countPerFile.Length; f++)
        {
            _first[f] = count;
            count += countPerFile[f];
        }
        budget.Charge(2 * SnapshotBudget.ObjectBytes + 4L * countPerFile.Length + 4L * count);
        _fileOf = new int[count];
        for (int f = 0; f < countPerFile.Length; f++)
            _fileOf.AsSpan(_first[f], countPerFile[f]).Fill(f);
    }

    public int Count => _fileOf.Length;

    public int FileOf(int item) => _fileOf[item];

    public int IndexInFile(int item, out int file)
    {
        file = _fileOf[item];
        return item - _first[file];
    }
}
