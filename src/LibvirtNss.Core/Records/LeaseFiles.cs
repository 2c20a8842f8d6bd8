using System;
using LibvirtNss.Core.Diagnostics;
using LibvirtNss.Core.Files;
using LibvirtNss.Core.Memory;

namespace LibvirtNss.Core.Records;

/// <summary>Which of libvirt's files a name of the lease directory is.</summary>
public enum LeaseFileKind
{
    Status,
    Macs,
    Conf,
    Hostsfile,
    Addnhosts,
}

/// <summary>One file of the listing: its kind, its NUL-terminated path and the part of it that names its network or bridge.</summary>
public unsafe struct LeaseFilePath
{
    public byte* Path;
    public int Length;
    public int BaseStart;
    public int BaseLength;
    public LeaseFileKind Kind;
    /// <summary>
    /// In the publisher's directory (<c>/run/libvirt-nss</c>): its leases belong to no libvirt
    /// network, whatever the file's base name, so no network's domains give their names other forms.
    /// </summary>
    public bool Published;

    public readonly ReadOnlySpan<byte> Text => new(Path, Length);

    /// <summary>"virbr0" for ".../virbr0.status", "default" for ".../default.conf".</summary>
    public readonly ReadOnlySpan<byte> BaseName => new(Path + BaseStart, BaseLength);
}

/// <summary>
/// The files of libvirt's dnsmasq directory the module reads, by kind, in directory order
/// (getdents64), subdirectories left out: <c>&lt;bridge&gt;.status</c> (leases),
/// <c>&lt;bridge&gt;.macs</c> (domain MACs), <c>&lt;network&gt;.conf</c> (dnsmasq
/// configuration), <c>&lt;network&gt;.hostsfile</c> and <c>&lt;network&gt;.addnhosts</c>
/// (reserved hosts). The paths live in the lookup's arena.
/// </summary>
public unsafe struct LeaseFiles
{
    public ArenaList<LeaseFilePath> Status, Macs, Conf, Hostsfile, Addnhosts;

    /// <param name="directory">NUL-terminated, without a trailing '/'.</param>
    /// <returns>false when the directory cannot be listed (<paramref name="errno"/> says why) or the arena is full (ENOMEM).</returns>
    [System.Runtime.CompilerServices.SkipLocalsInit]  // the entries' buffer: getdents64 writes what is read
    public static bool TryList(byte* directory, ref Arena arena, DebugLog log, out LeaseFiles files, out int errno)
    {
        files = default;
        var dir = new ReadOnlySpan<byte>(directory, CStringLength(directory));
        // A lease directory's entries, some twenty bytes of name each, a few reads of this buffer.
        if (!DirectoryEntries.TryOpen(directory, stackalloc byte[1024], out DirectoryEntries entries, out errno))
        {
            if (log.Enabled) CannotList(log, dir, errno);
            return false;
        }
        bool listed = true;
        while (true)
        {
            if (!entries.Next(out ReadOnlySpan<byte> name, out bool isDirectory, out errno))
            {
                if (errno != 0)
                {
                    if (log.Enabled) CannotList(log, dir, errno);
                    listed = false;
                }
                break;
            }
            if (isDirectory || !KindOf(name, out LeaseFileKind kind, out int suffix))
                continue;
            if (!files.TryAdd(ref arena, dir, name, kind, suffix))
            {
                errno = Os.Errno.ENOMEM;
                listed = false;
                break;
            }
        }
        entries.Close();
        if (listed && log.Enabled)
        {
            log.Write("{}: {} status, {} macs, {} network files"u8, DebugArg.Text(dir), files.Status.Count, files.Macs.Count,
                files.Conf.Count + files.Hostsfile.Count + files.Addnhosts.Count);
        }
        return listed;
    }

    /// <summary>
    /// Adds the <c>*.status</c> and <c>*.macs</c> files of the publisher's directory after the
    /// lease directory's (libvirt's own records come first, so they win wherever both have a MAC
    /// or an address), when <paramref name="status"/> (its statx, taken by the caller) shows a
    /// directory only root can change: else nothing is added, with a debug line. Each file is
    /// added only when it is a regular file only root can change, judged on one statx of the
    /// entry itself (a symbolic link is no regular file, so it is never followed); the others are
    /// skipped with a debug line. A directory that cannot be listed adds nothing: the lease
    /// directory alone answers.
    /// </summary>
    /// <param name="directory">NUL-terminated, without a trailing '/'.</param>
    /// <returns>false when the arena is full.</returns>
    [System.Runtime.CompilerServices.SkipLocalsInit]  // the entries' buffer: getdents64 writes what is read
    public bool TryAddPublished(byte* directory, in PublishedDirectoryStatus status, ref Arena arena, DebugLog log)
    {
        var dir = new ReadOnlySpan<byte>(directory, CStringLength(directory));
        if (!status.Present)
        {
            if (log.Enabled) log.Write("{}: absent: no published records"u8, DebugArg.Text(dir));
            return true;
        }
        PublishedVerdict verdict = PublishedOwnership.Judge(status.Mode, status.Uid, directory: true);
        if (verdict != PublishedVerdict.Trusted)
        {
            if (log.Enabled) log.Write("{}: ignored: {}"u8, DebugArg.Text(dir), DebugArg.Words(PublishedOwnership.Words(verdict, directory: true)));
            return true;
        }
        if (!DirectoryEntries.TryOpen(directory, stackalloc byte[1024], out DirectoryEntries entries, out int errno))
        {
            if (log.Enabled) CannotListPublished(log, dir, errno);
            return true;
        }
        int statusFiles = Status.Count, macsFiles = Macs.Count;
        bool kept = true;
        while (entries.Next(out ReadOnlySpan<byte> name, out bool _, out errno))
        {
            if (!KindOf(name, out LeaseFileKind kind, out int suffix) || (kind != LeaseFileKind.Status && kind != LeaseFileKind.Macs))
                continue;
            verdict = entries.TryStatusOf(name, Os.Statx.STATX_TYPE | Os.Statx.STATX_MODE | Os.Statx.STATX_UID, out Os.Statx entry)
                ? PublishedOwnership.Judge(entry.Mode, entry.Uid, directory: false)
                : PublishedVerdict.WrongType;
            if (verdict != PublishedVerdict.Trusted)
            {
                if (log.Enabled)
                    log.Write("{}/{}: ignored: {}"u8, DebugArg.Text(dir), DebugArg.Text(name), DebugArg.Words(PublishedOwnership.Words(verdict, directory: false)));
                continue;
            }
            if (!TryAdd(ref arena, dir, name, kind, suffix, published: true))
            {
                kept = false;
                break;
            }
        }
        if (errno != 0 && log.Enabled)
            CannotListPublished(log, dir, errno);
        entries.Close();
        if (kept && log.Enabled)
            log.Write("{}: {} status, {} macs published"u8, DebugArg.Text(dir), Status.Count - statusFiles, Macs.Count - macsFiles);
        return kept;
    }

    /// <summary>The kind a file name ends in, and the length of that ending (with its dot).</summary>
    public static bool KindOf(ReadOnlySpan<byte> name, out LeaseFileKind kind, out int suffixLength)
    {
        kind = LeaseFileKind.Status;
        suffixLength = 0;
        if (EndsWith(name, ".status"u8)) { kind = LeaseFileKind.Status; suffixLength = 7; }
        else if (EndsWith(name, ".macs"u8)) { kind = LeaseFileKind.Macs; suffixLength = 5; }
        else if (EndsWith(name, ".conf"u8)) { kind = LeaseFileKind.Conf; suffixLength = 5; }
        else if (EndsWith(name, ".hostsfile"u8)) { kind = LeaseFileKind.Hostsfile; suffixLength = 10; }
        else if (EndsWith(name, ".addnhosts"u8)) { kind = LeaseFileKind.Addnhosts; suffixLength = 10; }
        return suffixLength != 0;
    }

    private bool TryAdd(ref Arena arena, ReadOnlySpan<byte> directory, ReadOnlySpan<byte> name, LeaseFileKind kind, int suffix,
        bool published = false)
    {
        int length = directory.Length + 1 + name.Length;
        byte* path = (byte*)arena.Allocate((nuint)(length + 1));
        if (path == null)
            return false;
        var into = new Span<byte>(path, length + 1);
        directory.CopyTo(into);
        into[directory.Length] = (byte)'/';
        name.CopyTo(into.Slice(directory.Length + 1));
        into[length] = 0;
        var file = new LeaseFilePath
        {
            Path = path,
            Length = length,
            BaseStart = directory.Length + 1,
            BaseLength = name.Length - suffix,
            Kind = kind,
            Published = published,
        };
        return kind switch
        {
            LeaseFileKind.Status => Status.Add(ref arena, file),
            LeaseFileKind.Macs => Macs.Add(ref arena, file),
            LeaseFileKind.Conf => Conf.Add(ref arena, file),
            LeaseFileKind.Hostsfile => Hostsfile.Add(ref arena, file),
            _ => Addnhosts.Add(ref arena, file),
        };
    }

    private static bool EndsWith(ReadOnlySpan<byte> name, ReadOnlySpan<byte> suffix) =>
        name.Length >= suffix.Length && name.Slice(name.Length - suffix.Length).SequenceEqual(suffix);

    public static int CStringLength(byte* text)
    {
        int length = 0;
        while (text[length] != 0)
            length++;
        return length;
    }

    private static void CannotListPublished(DebugLog log, ReadOnlySpan<byte> directory, int errno) =>
        log.Write("{}: cannot read the published directory: {}"u8, DebugArg.Text(directory), DebugArg.Error(errno));

    private static void CannotList(DebugLog log, ReadOnlySpan<byte> directory, int errno) =>
        log.Write("{}: cannot read the lease directory: {}"u8, DebugArg.Text(directory), DebugArg.Error(errno));
}
