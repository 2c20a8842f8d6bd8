using System;
using System.Collections.Generic;
using System.IO;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace LibvirtNss.Core;

/// <summary>
/// One lookup over libvirt's dnsmasq directory: every <c>*.status</c> and <c>*.macs</c> file in
/// directory order, then the networks' reserved hosts (<see cref="DnsmasqNetworks"/>,
/// <see cref="ReservedHosts"/>), ranked after the leases. By host name, a lease answers only
/// where no one else owns its name (<see cref="NameOwners"/>). A file that cannot be read or
/// parsed is skipped with a debug line; the other files still answer.
/// This reads every file on every call, as upstream does: <see cref="LeaseCache"/> answers the
/// same from a snapshot, and comes here when it cannot keep one (no statx, or leases over its budget).
/// </summary>
public static class LeaseDirectory
{
    /// <summary>libvirt's directory; fixed, as no environment may redirect what sudo resolves.</summary>
    public const string SystemPath = "/var/lib/libvirt/dnsmasq";

    /// <summary>
    /// Files larger than this are not lease files libvirt wrote (about 150 bytes a lease: some
    /// 28,000 leases); they are skipped. Well below the module's managed heap limit, so that a
    /// file of this size is read and parsed whole.
    /// </summary>
    public const int MaxFileBytes = Files.LeaseFileContents.MaxFileBytes;

    private const int ENOENT = 2, EIO = 5, EACCES = 13, ENOTDIR = 20;

    internal static readonly EnumerationOptions DirectoryOrder = new()
    {
        RecurseSubdirectories = false,
        IgnoreInaccessible = false,
        AttributesToSkip = 0,
        MatchType = MatchType.Simple,
        ReturnSpecialDirectories = false,
    };

    public static LookupResult Lookup(string directory, LookupKind kind, byte[] name, int family, long now,
        DecisionLog log)
    {
        var none = new List<LeaseAddress>();
        if (!AddressFamilies.IsSupported(family))
            return new LookupResult(LookupOutcome.FamilyNotSupported, none, errno: Os.Errno.EAFNOSUPPORT);

        if (!TryListFiles(directory, out DirectoryListing files, out int errno, log))
            return new LookupResult(LookupOutcome.DirectoryUnreadable, none, errno);

        // Network domains only matter to a name with a dot (vm1.example.lan): QueryName.
        var networks = DnsmasqNetworks.Read(files, readConfigs: Array.IndexOf(name, (byte)'.') >= 0, log);
        Func<string, LeaseQuery> queryOf;
        ReservedHosts.MacsOfForms? domainMacs = null;
        // The domains of the name, in every network's forms: libvirt_guest's MACs, or (libvirt)
        // the owners of a name no other guest may answer for.
        var macsOfForm = DomainMacs.Collect(files.Macs, QueryName.Forms(name, networks.AllDomains), log);
        if (kind == LookupKind.DomainName)
        {
            if (log.Enabled) log.Write($"domain {AsciiText.Printable(name)}: {macsOfForm.Count} MACs");
            if (macsOfForm.Count == 0)
                return new LookupResult(LookupOutcome.DomainWithoutMacs, none);
            domainMacs = macsOfForm.Of;
            queryOf = path => LeaseQuery.ByMacs(macsOfForm.Of(QueryName.Forms(name, networks.DomainsOfBridgeFile(path))));
        }
        else
        {
            queryOf = path => LeaseQuery.ByHostnames(QueryName.Forms(name, networks.DomainsOfBridgeFile(path)));
        }

        List<Reservation> reserved = ReservedHosts.Matching(networks, kind, name, domainMacs, log);
        var live = new LiveMacs(LiveMacs.MacsOf(reserved), now);
        var collector = new LeaseCollector(LeaseQuery.ByHostname(name), family, now, log);
        if (kind == LookupKind.Hostname)
            collector.Judge = new NameOwners(macsOfForm.Domains, macsOfForm.All, reserved, GuestNames.NodeName()).Refusal;
        ForEachFile(files.Status, (path, json) =>
        {
            collector.Query = queryOf(path);
            int entries = LeaseFileParser.Parse(json, path, (in LeaseEntry entry) =>
            {
                collector.Offer(entry);
                live.Offer(entry);
            }, log);
            if (log.Enabled) log.Write($"{path}: {entries} entries read");
        }, log);
        ReservedHosts.OfferTo(collector, reserved, live, log);

        return collector.Result();
    }

    public delegate void FileContents(string path, byte[] json);

    /// <summary>
    /// Reads and handles each file in turn. A file whose contents exhaust the memory the lookup
    /// may use (hostile input: a small file of very many tiny strings) is skipped like any other
    /// bad file, so the other files still answer.
    /// </summary>
    public static void ForEachFile(List<string> paths, FileContents handle, DecisionLog log)
    {
        foreach (string path in paths)
        {
            try
            {
                if (TryRead(path, out byte[] json, log))
                    handle(path, json);
            }
            catch (OutOfMemoryException)
            {
                if (log.Enabled) log.Write($"{path}: skipped: more than the lookup's memory can hold");
            }
        }
    }

    public static bool TryListFiles(string directory, out List<string> statusFiles, out List<string> macsFiles,
        out int errno, DecisionLog log)
    {
        bool listed = TryListFiles(directory, out DirectoryListing files, out errno, log);
        statusFiles = files.Status;
        macsFiles = files.Macs;
        return listed;
    }

    public static bool TryListFiles(string directory, out DirectoryListing files, out int errno, DecisionLog log)
    {
        files = new DirectoryListing();
        errno = 0;
        DirectoryFileNames.ResetErrno();
        try
        {
            using var names = new DirectoryFileNames(directory, DirectoryOrder);
            while (names.MoveNext())
                files.Add(names.Current);
            if (log.Enabled)
                log.Write($"{directory}: {files.Status.Count} status files, {files.Macs.Count} macs files, " +
                          $"{files.Conf.Count} conf, {files.Hostsfile.Count} hostsfile, {files.Addnhosts.Count} addnhosts files");
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            errno = DirectoryFileNames.LastErrno != 0 ? DirectoryFileNames.LastErrno : e switch
            {
                DirectoryNotFoundException => ENOENT,
                UnauthorizedAccessException => EACCES,
                IOException io when io.HResult == ENOTDIR => ENOTDIR,
                _ => EIO,
            };
            if (log.Enabled) log.Write($"{directory}: cannot read the lease directory: {e.Message}");
            return false;
        }
    }

    public static bool TryRead(string path, out byte[] contents, DecisionLog log) =>
        TryRead(path, out contents, out _, log);

    /// <param name="identity">
    /// The identity of the file opened, taken before reading it (so a change while reading shows
    /// as a later change); <see cref="FileIdentity.Unavailable"/> when it could not be opened or stat()ed.
    /// </param>
    internal static bool TryRead(string path, out byte[] contents, out FileIdentity identity, DecisionLog log)
    {
        contents = Array.Empty<byte>();
        identity = FileIdentity.Unavailable;
        try
        {
            // Never blocks: a FIFO (or socket, terminal) named *.status is refused, not waited on.
            using SafeFileHandle? handle = LeaseFileOpen.TryOpen(path, out int errno);
            long length = 0;
            if (handle is null || !LeaseFileOpen.TryGetSize(handle, out length, out errno))
            {
                if (log.Enabled)
                    log.Write(errno == LeaseFileOpen.ESPIPE ? $"{path}: skipped: not a regular file"
                        : $"{path}: skipped: cannot read: {Marshal.GetPInvokeErrorMessage(errno)}");
                return false;
            }
            FileStatus.TryGet(handle, out identity);
            if (length > MaxFileBytes)
            {
                if (log.Enabled) log.Write($"{path}: skipped: {length} bytes is more than {MaxFileBytes}");
                return false;
            }
            var buffer = new byte[length];
            int total = 0;
            while (total < buffer.Length)
            {
                int read = RandomAccess.Read(handle, buffer.AsSpan(total), total);
                if (read == 0)
                    break;
                total += read;
            }
            contents = total == buffer.Length ? buffer : buffer.AsSpan(0, total).ToArray();
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            if (log.Enabled) log.Write($"{path}: skipped: cannot read: {e.Message}");
            return false;
        }
    }
}
