using System.Runtime.InteropServices;

namespace LibvirtNss.Module;

/// <summary>The few libc calls the module makes, bound directly (no runtime helpers in between).</summary>
internal static unsafe partial class Libc
{
    public const ulong AT_SECURE = 23;

    [LibraryImport("libc", EntryPoint = "getauxval")]
    public static partial nuint GetAuxVal(ulong type);

    /// <summary>Returns NULL in a setuid/setgid process (AT_SECURE), as glibc's secure_getenv does.</summary>
    [LibraryImport("libc", EntryPoint = "secure_getenv")]
    public static partial byte* SecureGetEnv(byte* name);

    [LibraryImport("libc", EntryPoint = "write")]
    public static partial nint Write(int fd, byte* buffer, nuint count);

    [LibraryImport("libc", EntryPoint = "__h_errno_location")]
    public static partial int* HErrnoLocation();

    [LibraryImport("libc", EntryPoint = "__errno_location")]
    public static partial int* ErrnoLocation();
}
