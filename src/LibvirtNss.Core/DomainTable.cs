using System;

namespace LibvirtNss.Core;

/// <summary>
/// The domains of all <c>*.macs</c> files of a snapshot, in directory order then file order,
/// indexed by domain name (ASCII case ignored).
/// </summary>
internal sealed class DomainTable
{
    private readonly MacsFileDomains.Domain[] _domains;

    public DomainTable(MacsFileDomains[] files, SnapshotBudget budget)
    {
        int count = 0;
        foreach (MacsFileDomains file in files)
            count += file.Count;
        budget.Charge(2 * SnapshotBudget.ObjectBytes + 8L * count);
        _domains = new MacsFileDomains.Domain[count];
        int at = 0;
        foreach (MacsFileDomains file in files)
        {
            for (int i = 0; i < file.Count; i++)
                _domains[at++] = file[i];
        }
        ByName = new ByteKeyIndex(count, (int item, out ReadOnlySpan<byte> key) =>
        {
            key = _domains[item].Name;
            return true;
        }, ignoreCase: true, budget);
    }

    public ByteKeyIndex ByName { get; }

    public MacsFileDomains.Domain this[int item] => _domains[item];
}
