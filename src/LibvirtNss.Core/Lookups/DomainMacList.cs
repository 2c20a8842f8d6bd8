using System;
using LibvirtNss.Core.Diagnostics;
using LibvirtNss.Core.Entries;
using LibvirtNss.Core.Files;
using LibvirtNss.Core.Matches;
using LibvirtNss.Core.Memory;
using LibvirtNss.Core.Snapshot;

namespace LibvirtNss.Core.Lookups;

/// <summary>
/// <c>libvirt_guest</c>: the MACs of the libvirt domains a looked-up name may stand for (the
/// name and its bare forms in every network's domains, <see cref="NameForms"/>), from every
/// <c>*.macs</c> file (the .NET-only DomainMacs). At most <see cref="MaxMacs"/> a form: a guest has
/// one per interface; more is hostile data every lease would be compared with.
/// </summary>
public unsafe struct DomainMacList
{
    public const int MaxMacs = 256;

    private struct FormMac
    {
        public TextRange Mac;
        public int FormLength;
    }

    private ArenaText _text;
    private ArenaList<FormMac> _macs;

    public readonly int Count => _macs.Count;

    public readonly ReadOnlySpan<byte> Text => _text.Bytes;

    /// <param name="formLengths">The name's forms in all domains (<see cref="NameForms.Of"/>).</param>
    /// <returns>false when the arena is full.</returns>
    public static bool TryCollect(in LeaseFiles files, ReadOnlySpan<byte> name, ReadOnlySpan<int> formLengths,
        ref LookupMemory memory, DebugLog log, out DomainMacList found)
    {
        found = default;
        for (int i = 0; i < files.Macs.Count; i++)
        {
            bool kept = found.TryCollectFile(files.Macs[i], name, formLengths, ref memory, log);
            memory.File.Release();
            if (!kept)
                return false;
        }
        return true;
    }

    private bool TryCollectFile(in LeaseFilePath file, ReadOnlySpan<byte> name, ReadOnlySpan<int> formLengths,
        ref LookupMemory memory, DebugLog log)
    {
        if (!FileLines.TryRead(file, ref memory.File, log, out ReadOnlySpan<byte> json))
            return true;
        // Without debug lines to write, a file that cannot hold a domain of the name's forms
        // (all prefixes of the name: the shortest is in every one) is not parsed.
        if (!log.Enabled && !RawTextSearch.MayHoldEscapes(json)
            && !RawTextSearch.ContainsIgnoreCase(json, name.Slice(0, NameForms.Shortest(formLengths))))
            return true;
        if (!FileLines.TryScratch(file, ref memory.File, json.Length, log, out Span<byte> scratch))
            return true;
        // Form by form, as today (each form reads the file: the debug lines say so once a form).
        for (int f = 0; f < formLengths.Length; f++)
        {
            ReadOnlySpan<byte> form = name.Slice(0, formLengths[f]);
            int kept = 0;
            for (int m = 0; m < _macs.Count; m++)
            {
                if (_macs[m].FormLength == formLengths[f])
                    kept++;
            }
            var reader = new MacsFileReader(json, scratch);
            while (JsonFileEntries.NextDomain(ref reader, file, log, out MacsEntry entry))
            {
                if (!TextLineText.EqualsIgnoreCase(entry.Domain, form))
                    continue;
                int room = MaxMacs - kept;
                if (entry.MacCount > room && log.Enabled)
                    FileLines.Write(log, file, "domain matched, "u8, entry.MacCount - (room > 0 ? room : 0), " MACs ignored: more than 256 in all"u8);
                int taken = 0;
                foreach (ReadOnlySpan<byte> mac in entry.Macs)
                {
                    if (taken >= room)
                        break;
                    var record = new FormMac { FormLength = formLengths[f] };
                    if (!_text.TryAppend(ref memory.Kept, mac, out record.Mac) || !_macs.Add(ref memory.Kept, record))
                        return false;
                    taken++;
                }
                kept += taken;
                if (log.Enabled)
                    FileLines.Write(log, file, "domain matched, "u8, entry.MacCount, " MACs"u8);
            }
        }
        return true;
    }

    /// <summary>
    /// The same MACs from a snapshot's domains: form by form, the domains of that name in
    /// directory and file order, with the same limit and debug lines as when read from the files.
    /// </summary>
    public static bool TryCollect(in DomainRecords domains, in LeaseFiles files, ReadOnlySpan<byte> name,
        ReadOnlySpan<int> formLengths, ref Arena arena, DebugLog log, out DomainMacList found)
    {
        found = default;
        for (int f = 0; f < formLengths.Length; f++)
        {
            ReadOnlySpan<byte> form = name.Slice(0, formLengths[f]);
            // The index gives a name's domains last first: collect them, then take them in order.
            var items = new ArenaList<int>();
            for (int item = domains.ByName.First(form); item >= 0; item = domains.ByName.Next(item))
            {
                if (KeyIndex.Matches(domains.Of(domains.Domains[item].Name), form) && !items.Add(ref arena, item))
                    return false;
            }
            int kept = 0;
            for (int i = items.Count - 1; i >= 0; i--)
            {
                DomainRecord domain = domains.Domains[items[i]];
                LeaseFilePath file = files.Macs[domain.File];
                int room = MaxMacs - kept;
                if (domain.MacCount > room && log.Enabled)
                    FileLines.Write(log, file, "domain matched, "u8, domain.MacCount - (room > 0 ? room : 0), " MACs ignored: more than 256 in all"u8);
                ReadOnlySpan<TextRange> macs = domains.MacsOf(domain);
                for (int m = 0; m < macs.Length && m < room; m++)
                {
                    var record = new FormMac { FormLength = formLengths[f] };
                    if (!found._text.TryAppend(ref arena, domains.Of(macs[m]), out record.Mac) || !found._macs.Add(ref arena, record))
                        return false;
                    kept++;
                }
                if (log.Enabled)
                    FileLines.Write(log, file, "domain matched, "u8, domain.MacCount, " MACs"u8);
            }
        }
        return true;
    }

    /// <summary>
    /// The MACs of the forms among <paramref name="formLengths"/> (a network's forms of the name:
    /// every form is a prefix of the name, so a form is its length), as ranges in <see cref="Text"/>.
    /// </summary>
    /// <returns>false when the arena is full.</returns>
    public readonly bool TrySelect(scoped ReadOnlySpan<int> formLengths, ref Arena arena, out TextRange* macs, out int count)
    {
        macs = null;
        count = 0;
        var selected = new ArenaList<TextRange>();
        for (int m = 0; m < _macs.Count; m++)
        {
            bool wanted = false;
            for (int f = 0; f < formLengths.Length; f++)
                wanted |= _macs[m].FormLength == formLengths[f];
            if (wanted && !selected.Add(ref arena, _macs[m].Mac))
                return false;
        }
        count = selected.Count;
        fixed (TextRange* first = selected.AsSpan())
            macs = first;
        return true;
    }
}
