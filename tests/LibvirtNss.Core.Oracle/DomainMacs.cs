using System;
using System.Collections.Generic;

namespace LibvirtNss.Core;

/// <summary>
/// The MACs of the libvirt domains a looked-up name may stand for (the name itself and its bare
/// forms, <see cref="QueryName"/>), read from every <c>*.macs</c> file.
/// </summary>
public sealed class DomainMacs
{
    private readonly List<(byte[] Form, List<byte[]> Macs)> _byForm = new();

    private DomainMacs() { }

    /// <summary>All MACs found, for every form.</summary>
    public int Count { get; private set; }

    /// <summary>How many domains the forms name, for every form (a domain may list no MAC).</summary>
    public int Domains { get; private set; }

    /// <summary>The MACs of every form.</summary>
    public List<byte[]> All
    {
        get
        {
            var macs = new List<byte[]>();
            foreach ((_, List<byte[]> formMacs) in _byForm)
                macs.AddRange(formMacs);
            return macs;
        }
    }

    /// <summary>Reads every <c>*.macs</c> file for the domains named by <paramref name="forms"/>.</summary>
    public static DomainMacs Collect(List<string> macsFiles, List<byte[]> forms, DecisionLog log)
    {
        var found = new DomainMacs();
        foreach (byte[] form in forms)
            found._byForm.Add((form, new List<byte[]>()));
        LeaseDirectory.ForEachFile(macsFiles, (path, json) =>
        {
            foreach ((byte[] form, List<byte[]> macs) in found._byForm)
            {
                found.Count += MacsFileParser.CollectMacs(json, form, macs, path, log, out int domains);
                found.Domains += domains;
            }
        }, log);
        return found;
    }

    /// <summary>
    /// Adds the MACs of the domains of one name to a form's list (for a source that is not the
    /// files, such as an index), up to <see cref="MacsFileParser.MaxMacs"/> in the list as the files' reader keeps.
    /// </summary>
    /// <returns>How many domains carry the name.</returns>
    public delegate int MacsOfDomain(byte[] domain, List<byte[]> into);

    public static DomainMacs Collect(List<byte[]> forms, MacsOfDomain macsOf)
    {
        var found = new DomainMacs();
        foreach (byte[] form in forms)
        {
            var macs = new List<byte[]>();
            found.Domains += macsOf(form, macs);
            found.Count += macs.Count;
            found._byForm.Add((form, macs));
        }
        return found;
    }

    /// <summary>The MACs of the domains named by <paramref name="forms"/>.</summary>
    public List<byte[]> Of(List<byte[]> forms)
    {
        var macs = new List<byte[]>();
        foreach ((byte[] form, List<byte[]> formMacs) in _byForm)
        {
            if (QueryName.MatchesAny(form, forms))
                macs.AddRange(formMacs);
        }
        return macs;
    }
}
