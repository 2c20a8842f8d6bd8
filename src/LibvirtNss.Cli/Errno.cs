namespace LibvirtNss.Cli;

/// <summary>The errno values Core reports for an unreadable lease directory, in words.</summary>
internal static class Errno
{
    public static string Describe(int errno) => errno switch
    {
        2 => "no such directory (ENOENT); libvirt creates it when it starts a NATed network",
        13 => "permission denied (EACCES)",
        20 => "not a directory (ENOTDIR)",
        5 => "input/output error (EIO)",
        _ => $"errno {errno}",
    };
}
