using System;
using LibvirtNss.Core.Diagnostics;
using LibvirtNss.Core.Entries;
using LibvirtNss.Core.Files;
using LibvirtNss.Core.Matches;
using LibvirtNss.Core.Memory;
using LibvirtNss.Core.Records;

namespace LibvirtNss.Core.Lookups;

/// <summary>
/// <c>libvirt_guest</c>: the MACs of the libvirt domains a looked-up name may stand for (the
/// name and its bare forms in every network's domains, <see cref="NameForms"/>), from the
/// domains of every <c>*.macs</c> file. At most <see cref="MaxMacs"/> a form: a guest has one per
/// interface; more is hostile data every lease would be compared with.
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
    private int _domains;

    public readonly int Count => _macs.Count;

    /// <summary>How many domains the name stands for (a domain may list no MAC).</summary>
    public readonly int Domains => _domains;

    public readonly ReadOnlySpan<byte> Text => _text.Bytes;

    /// <summary>
    /// Form by form, the domains of that name in directory and file order, their MACs up to the
    /// limit, with a debug line for each domain matched.
    /// </summary>
    /// <param name="formLengths">The name's forms in all domains (<see cref="NameForms.Of"/>).</param>
    /// <returns>false when the arena is full.</returns>
    public static bool TryCollect(in RecordSet records, ReadOnlySpan<byte> name, ReadOnlySpan<int> formLengths, ref Arena arena,
        DebugLog log, out DomainMacList found)
    {
        found = default;
        ref readonly DomainRecords domains = ref records.Domains;
        for (int f = 0; f < formLengths.Length; f++)
        {
            if (!records.TryDomainsNamed(name.Slice(0, formLengths[f]), ref arena, out ArenaList<int> items))
                return false;
            int kept = 0;
            for (int i = 0; i < items.Count; i++)
            {
                DomainRecord domain = domains.Domains[items[i]];
                found._domains++;
                LeaseFilePath file = records.Listing.Macs[domain.File];
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

    /// <summary>Whether <paramref name="mac"/> is one of the MACs (any ASCII case).</summary>
    public readonly bool Contains(scoped ReadOnlySpan<byte> mac)
    {
        if (mac.IsEmpty)
            return false;   // a lease without a MAC is no domain's
        for (int m = 0; m < _macs.Count; m++)
        {
            if (TextLineText.EqualsIgnoreCase(mac, _text.Of(_macs[m].Mac)))
                return true;
        }
        return false;
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
