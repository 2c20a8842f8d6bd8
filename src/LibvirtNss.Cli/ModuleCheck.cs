using System;
using System.IO;
using System.Runtime.InteropServices;

namespace LibvirtNss.Cli;

/// <summary>doctor: both module files are where glibc loads them from, load, and export the lookups.</summary>
internal static partial class ModuleCheck
{
    private const int RTLD_NOW = 2;

    public static void Run(string? moduleDir, DoctorReport report)
    {
        // Binds dlerror before a dlopen can fail: binding a P/Invoke looks the symbol up with
        // dlsym, which would clear the error message about to be read.
        dlerror();
        foreach (string module in HostsLineEditor.Modules)
        {
            string file = $"libnss_{module}.so.2";
            string symbol = $"_nss_{module}_gethostbyname4_r";
            // Without a directory, dlopen searches as glibc does for NSS modules (ld.so.cache, the
            // default directories): the answer is the one every program on the machine gets.
            // Loading runs no module code: it has no initializer (make check-exports checks).
            string target = moduleDir is null ? file : Path.Combine(moduleDir, file);
            if (moduleDir is not null && !File.Exists(target))
            {
                report.Error($"{target} is missing: reinstall the libvirt-nss package");
                continue;
            }
            IntPtr handle = dlopen(target, RTLD_NOW);
            if (handle == IntPtr.Zero)
            {
                string cause = Marshal.PtrToStringUTF8(dlerror()) ?? "dlopen failed";
                if (cause.StartsWith(target + ": ", StringComparison.Ordinal))
                    cause = cause[(target.Length + 2)..];
                report.Error(moduleDir is null
                    ? $"{file} cannot be loaded ({cause}): install the libvirt-nss package"
                    : $"{target} cannot be loaded ({cause}): reinstall the libvirt-nss package");
                continue;
            }
            if (dlsym(handle, symbol) != IntPtr.Zero)
                report.Ok($"{target} loads and exports {symbol}");
            else
                report.Error($"{target} loads but does not export {symbol}: it is not libvirt-nss's module; reinstall the package");
        }
    }

    [LibraryImport("libc", StringMarshalling = StringMarshalling.Utf8)]
    private static partial IntPtr dlopen(string path, int flags);

    [LibraryImport("libc", StringMarshalling = StringMarshalling.Utf8)]
    private static partial IntPtr dlsym(IntPtr handle, string symbol);

    [LibraryImport("libc")]
    private static partial IntPtr dlerror();
}
