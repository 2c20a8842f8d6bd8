using System;
using System.Linq;
using FsCheck;
using FsCheck.Fluent;
using LibvirtNss.Core.Lookups;
using LibvirtNss.Core.Records;

namespace LibvirtNss.Core.Tests.Lookups;

/// <summary>
/// Generated lease directories: several <c>&lt;bridge&gt;.status</c> and <c>.macs</c> files,
/// <c>&lt;network&gt;.conf</c>, <c>.hostsfile</c> and <c>.addnhosts</c> files, names of no kind
/// the lookups read, and (hostile) files of the kinds they read that are not what they seem:
/// unreadable, oversized, FIFOs, subdirectories, dangling and looping links.
/// </summary>
internal static class LeaseDirectoryGen
{
    /// <summary>
    /// Bridges name status and macs files, networks the others; a few names no libvirt writes.
    /// All are valid UTF-8: the reference resolver's listing turns a name into a string and back to open it, so a
    /// name that is not UTF-8 opens another path (cannot read: ENOENT) where the subset reads the
    /// file by its bytes, a known difference that is not generated.
    /// </summary>
    private static Gen<string> BaseName(LeaseFileKind kind) => Gen.Frequency(
        (10, Gen.Elements(kind is LeaseFileKind.Status or LeaseFileKind.Macs ? Vocabulary.Bridges : Vocabulary.Networks)),
        (2, Gen.Elements(kind is LeaseFileKind.Status or LeaseFileKind.Macs ? Vocabulary.Networks : Vocabulary.Bridges)),
        (1, Gen.Elements("", "a.b", "v\u00edrbr9", "net work", "virbr0.status")));

    private static readonly Gen<EntryShape> HostileShape = Gen.Frequency(
        (16, Gen.Constant(EntryShape.Regular)),
        (2, Gen.Elements(EntryShape.NoPermission, EntryShape.Oversized, EntryShape.Fifo, EntryShape.Subdirectory,
            EntryShape.DanglingLink, EntryShape.LinkLoop, EntryShape.LinkToDirectory, EntryShape.LinkToFile)));

    private static Gen<DirectoryEntry> LeaseFile(LeaseFileKind kind, string suffix, bool hostile) =>
        from name in BaseName(kind)
        from shape in hostile ? HostileShape : Gen.Constant(EntryShape.Regular)
        from contents in LeaseFileContentGen.Of(kind, hostile)
        select new DirectoryEntry(name + suffix, shape, contents);

    /// <summary>Names the lookups never read (libvirt's own, a rewrite under way), or a kind's suffix in another case.</summary>
    private static readonly Gen<DirectoryEntry> OtherFile =
        from name in Gen.Elements("virbr0.status.new", "default.pid", "README", "virbr1.STATUS", "net1.conf~", ".status.swp")
        from contents in LeaseFileContentGen.Status
        select new DirectoryEntry(name, EntryShape.Regular, contents);

    private static Gen<DirectoryEntry> Entry(bool hostile) => Gen.Frequency(
        (5, LeaseFile(LeaseFileKind.Status, ".status", hostile)),
        (3, LeaseFile(LeaseFileKind.Macs, ".macs", hostile)),
        (3, LeaseFile(LeaseFileKind.Conf, ".conf", hostile)),
        (2, LeaseFile(LeaseFileKind.Hostsfile, ".hostsfile", hostile)),
        (2, LeaseFile(LeaseFileKind.Addnhosts, ".addnhosts", hostile)),
        (1, OtherFile));

    /// <summary>0 to 12 entries, no two of the same name (the first drawn stays).</summary>
    public static Gen<LeaseDirectorySpec> Directory(bool hostile) =>
        from count in Gen.Choose(0, 12)
        from entries in Entry(hostile).ArrayOf(count)
        select new LeaseDirectorySpec(entries.DistinctBy(e => e.Name, StringComparer.Ordinal).ToArray());
}
