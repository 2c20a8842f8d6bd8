using Os = LibvirtNss.Core.Os;

namespace LibvirtNss.Cli;

/// <summary>The errno values Core reports for an unreadable lease directory, in words.</summary>
internal static class Errno
{
    public static string Describe(int errno) => errno switch
    {
        Os.Errno.ENOENT => "no such directory (ENOENT); libvirt creates it when it starts a NATed network",
        Os.Errno.EACCES => "permission denied (EACCES)",
        Os.Errno.ENOTDIR => "not a directory (ENOTDIR)",
        Os.Errno.EIO => "input/output error (EIO)",
        _ => $"errno {errno}",
    };
}
