using System.Runtime.InteropServices;

namespace LibvirtNss.Module;

/// <summary>The libc calls of the module itself (Core has its own, Os/Libc.cs), bound at link time.</summary>
internal static unsafe class ModuleLibc
{
    [DllImport("libc", EntryPoint = "__h_errno_location")]
    public static extern int* HErrnoLocation();

    [DllImport("libc", EntryPoint = "__errno_location")]
    public static extern int* ErrnoLocation();

    /// <summary>Seconds since the epoch.</summary>
    [DllImport("libc", EntryPoint = "time")]
    public static extern long Time(long* seconds);
}
