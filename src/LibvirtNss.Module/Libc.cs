using System.Runtime.InteropServices;

namespace LibvirtNss.Module;

/// <summary>The few libc calls the module makes, bound directly (no runtime helpers in between).</summary>
internal static unsafe partial class Libc
{
    [LibraryImport("libc", EntryPoint = "write")]
    public static partial nint Write(int fd, byte* buffer, nuint count);

    [LibraryImport("libc", EntryPoint = "__h_errno_location")]
    public static partial int* HErrnoLocation();

    [LibraryImport("libc", EntryPoint = "__errno_location")]
    public static partial int* ErrnoLocation();
}
