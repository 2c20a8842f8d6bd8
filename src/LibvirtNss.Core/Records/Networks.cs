using System;
using LibvirtNss.Core.Diagnostics;
using LibvirtNss.Core.Entries;
using LibvirtNss.Core.Files;
using LibvirtNss.Core.Memory;

namespace LibvirtNss.Core.Records;

/// <summary>One reserved host, its name and MAC in <see cref="Networks.Text"/> (empty when it has none).</summary>
public struct ReservedHost
{
    public IpAddress Address;
    public TextRange Name;
    public TextRange Mac;
    /// <summary>From a hostsfile (a DHCP host: may have a MAC) or an addnhosts file (a DNS host: never has one).</summary>
    public bool IsDhcpHost;
    public int Network;

    public readonly bool HasMac => Mac.Length > 0;
}

/// <summary>One network: its name, its bridges and domains (from its conf), and its reserved hosts.</summary>
public struct NetworkEntry
{
    public TextRange Name;
    public int FirstInterface, InterfaceCount;
    public int FirstDomain, DomainCount;
    /// <summary>Whether its conf was read (the interfaces and domains are its).</summary>
    public bool HasConf;
    public int HostCount;
    /// <summary>1 + the order in which a hosts file of the network was first listed; 0 when it has none.</summary>
    public int HostRank;
}

/// <summary>
/// The networks of the lease directory as their dnsmasq files describe them: a network's <c>&lt;network&gt;.conf</c> names its bridge
/// (<c>interface=</c>), which ties it to <c>&lt;bridge&gt;.status</c> and
/// <c>&lt;bridge&gt;.macs</c>, and its domains (<c>domain=</c>); its <c>.hostsfile</c> and
/// <c>.addnhosts</c> hold its reserved hosts. What is kept is copied into the lookup's arena, so
/// each file's contents are freed as soon as it is read.
/// </summary>
public unsafe struct Networks
{
    public ArenaText Text;
    public ArenaList<NetworkEntry> Entries;
    public ArenaList<TextRange> Interfaces;
    public ArenaList<TextRange> Domains;
    /// <summary>Every domain of every network, no two the same (ASCII case).</summary>
    public ArenaList<TextRange> AllDomains;
    /// <summary>Network by network in the order their files were listed (hostsfiles, then addnhosts), each network's hostsfile lines first.</summary>
    public ArenaList<ReservedHost> Hosts;
    private int _hostRanks;

    /// <param name="readConfs">false leaves the <c>*.conf</c> files unread (their domains only matter to a name with a dot).</param>
    /// <returns>false when the arena is full.</returns>
    public static bool TryRead(in LeaseFiles files, bool readConfs, ref LookupMemory memory, DebugLog log, out Networks networks)
    {
        networks = default;
        if (readConfs)
        {
            for (int i = 0; i < files.Conf.Count; i++)
            {
                if (!networks.TryAddConf(files.Conf[i], ref memory, log))
                    return false;
            }
        }
        // Each network's hosts together: the hostsfile of a network, then its addnhosts.
        for (int i = 0; i < files.Hostsfile.Count; i++)
        {
            if (!networks.TryAddHosts(files.Hostsfile[i], LeaseFileKind.Hostsfile, ref memory, log))
                return false;
        }
        for (int i = 0; i < files.Addnhosts.Count; i++)
        {
            if (!networks.TryAddHosts(files.Addnhosts[i], LeaseFileKind.Addnhosts, ref memory, log))
                return false;
        }
        return networks.GroupHostsByNetwork(ref memory.Kept);
    }

    public readonly ReadOnlySpan<byte> Of(TextRange range) => Text.Of(range);

    /// <summary>The networks copied into <paramref name="arena"/>, each list at its exact size (what a snapshot keeps).</summary>
    /// <returns>false when the arena has no room.</returns>
    public readonly bool TryCopyTo(ref Arena arena, out Networks copy)
    {
        copy = this;
        return Text.TryCopyTo(ref arena, out copy.Text)
            && Entries.TryCopyTo(ref arena, out copy.Entries)
            && Interfaces.TryCopyTo(ref arena, out copy.Interfaces)
            && Domains.TryCopyTo(ref arena, out copy.Domains)
            && AllDomains.TryCopyTo(ref arena, out copy.AllDomains)
            && Hosts.TryCopyTo(ref arena, out copy.Hosts);
    }

    /// <summary>The domains of the network (empty when its conf was not read).</summary>
    public readonly ReadOnlySpan<TextRange> DomainsOf(int network)
    {
        NetworkEntry entry = Entries[network];
        return Domains.AsSpan().Slice(entry.FirstDomain, entry.DomainCount);
    }

    /// <summary>The domains of the network whose conf names this bridge (<c>interface=</c>), or none.</summary>
    public readonly ReadOnlySpan<TextRange> DomainsOfBridge(ReadOnlySpan<byte> bridge)
    {
        for (int n = 0; n < Entries.Count; n++)
        {
            NetworkEntry entry = Entries[n];
            for (int i = 0; i < entry.InterfaceCount; i++)
            {
                if (Of(Interfaces[entry.FirstInterface + i]).SequenceEqual(bridge))
                    return DomainsOf(n);
            }
        }
        return default;
    }

    private int FindNetwork(ReadOnlySpan<byte> name)
    {
        for (int n = 0; n < Entries.Count; n++)
        {
            if (Of(Entries[n].Name).SequenceEqual(name))
                return n;
        }
        return -1;
    }

    private bool TryNetwork(ref Arena arena, ReadOnlySpan<byte> name, out int network)
    {
        network = FindNetwork(name);
        if (network >= 0)
            return true;
        if (!Text.TryAppend(ref arena, name, out TextRange range)
            || !Entries.Add(ref arena, new NetworkEntry { Name = range }))
            return false;
        network = Entries.Count - 1;
        return true;
    }

    private bool TryAddConf(in LeaseFilePath file, ref LookupMemory memory, DebugLog log)
    {
        bool kept = TryAddConfFile(file, ref memory, log);
        memory.File.Reset();
        return kept;
    }

    private bool TryAddConfFile(in LeaseFilePath file, ref LookupMemory memory, DebugLog log)
    {
        if (!FileLines.TryRead(file, ref memory.File, log, out ReadOnlySpan<byte> contents))
            return true;
        Span<TextRange> interfaces = stackalloc TextRange[ConfFileReader.MaxValues];
        Span<TextRange> domains = stackalloc TextRange[ConfFileReader.MaxValues];
        var reader = new ConfFileReader(contents, interfaces, domains);
        TextLineResult result;
        while ((result = reader.Next(out ConfValue _, out TextLineSkipped skip)) != TextLineResult.End)
        {
            if (result == TextLineResult.Skipped && log.TakesSkips)
                FileSkips.Report(log, FileSkip.TextLine(file, contents, skip));
        }
        if (log.Enabled)
            ConfLine(log, file, contents, reader);

        // A second conf of the same network's name replaces the first: libvirt writes one a network, and the last read is the one in force.
        if (!TryNetwork(ref memory.Kept, file.BaseName, out int network))
            return false;
        NetworkEntry entry = Entries[network];
        entry.HasConf = true;
        entry.FirstInterface = Interfaces.Count;
        entry.InterfaceCount = reader.InterfaceCount;
        entry.FirstDomain = Domains.Count;
        entry.DomainCount = reader.DomainCount;
        for (int i = 0; i < reader.InterfaceCount; i++)
        {
            if (!Text.TryAppend(ref memory.Kept, TextLineText.Of(contents, reader.Interface(i)), out TextRange range)
                || !Interfaces.Add(ref memory.Kept, range))
                return false;
        }
        for (int i = 0; i < reader.DomainCount; i++)
        {
            ReadOnlySpan<byte> domain = TextLineText.Of(contents, reader.Domain(i));
            if (!Text.TryAppend(ref memory.Kept, domain, out TextRange range) || !Domains.Add(ref memory.Kept, range))
                return false;
            bool known = false;
            for (int d = 0; d < AllDomains.Count; d++)
                known |= TextLineText.EqualsIgnoreCase(Of(AllDomains[d]), domain);
            if (!known && !AllDomains.Add(ref memory.Kept, range))
                return false;
        }
        Entries[network] = entry;
        return true;
    }

    // "PATH: interfaces [virbr0, virbr1], 1 domains": composed piece by piece, as it lists a
    // varying number of interfaces (DebugLog.Write takes a fixed number of values).
    private static void ConfLine(DebugLog log, in LeaseFilePath file, ReadOnlySpan<byte> contents, in ConfFileReader reader)
    {
        DebugLine line = FileLines.Start(log, file, stackalloc byte[256]);
        line.AppendLiteral("interfaces ["u8);
        for (int i = 0; i < reader.InterfaceCount; i++)
        {
            if (i > 0)
                line.AppendLiteral(", "u8);
            line.Append(TextLineText.Of(contents, reader.Interface(i)));
        }
        line.AppendLiteral("], "u8);
        line.Append(reader.DomainCount);
        line.AppendLiteral(" domains"u8);
        line.End();
    }

    private bool TryAddHosts(in LeaseFilePath file, LeaseFileKind kind, ref LookupMemory memory, DebugLog log)
    {
        bool kept = TryAddHostsFile(file, kind, ref memory, log);
        memory.File.Reset();
        return kept;
    }

    private bool TryAddHostsFile(in LeaseFilePath file, LeaseFileKind kind, ref LookupMemory memory, DebugLog log)
    {
        if (!FileLines.TryRead(file, ref memory.File, log, out ReadOnlySpan<byte> contents))
            return true;
        if (!TryNetwork(ref memory.Kept, file.BaseName, out int network))
            return false;
        if (Entries[network].HostRank == 0)
            Entries[network].HostRank = ++_hostRanks;
        int added = 0;
        bool dhcp = kind == LeaseFileKind.Hostsfile;
        var hostsfile = new HostsFileReader(dhcp ? contents : default);
        var addnhosts = new AddnHostsFileReader(dhcp ? default : contents);
        while (true)
        {
            TextLineResult result = dhcp
                ? hostsfile.Next(out HostsFileReservation found, out TextLineSkipped skip)
                : addnhosts.Next(out found, out skip);
            if (result == TextLineResult.End)
                break;
            if (result == TextLineResult.Skipped)
            {
                if (log.TakesSkips)
                    FileSkips.Report(log, FileSkip.TextLine(file, contents, skip));
                continue;
            }
            var host = new ReservedHost { Address = found.Address, IsDhcpHost = dhcp, Network = network };
            if (!Text.TryAppend(ref memory.Kept, TextLineText.Of(contents, found.Name), out host.Name)
                || !Text.TryAppend(ref memory.Kept, TextLineText.Of(contents, found.Mac), out host.Mac)
                || !Hosts.Add(ref memory.Kept, host))
                return false;
            added++;
        }
        if (log.Enabled)
            FileLines.Write(log, file, added, " reserved hosts"u8);
        ref NetworkEntry entry = ref Entries[network];
        entry.HostCount += added;
        return true;
    }

    /// <summary>
    /// The answer order of reserved hosts: network by network, in the order a hosts file of each
    /// was first listed, each network's hosts in the order read (its hostsfile, then its addnhosts).
    /// </summary>
    private bool GroupHostsByNetwork(ref Arena arena)
    {
        bool grouped = true;
        for (int i = 1; i < Hosts.Count; i++)
            grouped &= Entries[Hosts[i - 1].Network].HostRank <= Entries[Hosts[i].Network].HostRank;
        if (grouped)
            return true;
        var sorted = new ArenaList<ReservedHost>();
        for (int rank = 1; rank <= _hostRanks; rank++)
        {
            for (int i = 0; i < Hosts.Count; i++)
            {
                if (Entries[Hosts[i].Network].HostRank == rank && !sorted.Add(ref arena, Hosts[i]))
                    return false;
            }
        }
        Hosts = sorted;
        return true;
    }
}
