using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Text;
using LibvirtNss.Core.Diagnostics;
using Microsoft.Win32.SafeHandles;

namespace LibvirtNss.Cli;

/// <summary>
/// Core's subset (the module's code) writes its debug lines to a file descriptor, each after the
/// module's "libvirt-nss: ". The command hands them to its log, line by line and without that
/// prefix, like its own lines: they are written to a memory file first.
/// </summary>
internal static class CoreDebugLines
{
    private const string Prefix = "libvirt-nss: ";

    /// <summary>Runs <paramref name="body"/> with a log that is silent when <paramref name="log"/> is null, then hands on what it wrote.</summary>
    public static void Capture(Action<string>? log, Action<DebugLog> body)
    {
        if (log is null)
        {
            body(DebugLog.Silent);
            return;
        }
        int fd = MemfdCreate("libvirt-nss-debug", 1 /* MFD_CLOEXEC */);
        if (fd < 0)
            throw new IOException($"memfd_create() failed (errno {Marshal.GetLastPInvokeError()}): cannot keep the debug lines");
        using var file = new FileStream(new SafeFileHandle(fd, ownsHandle: true), FileAccess.Read);
        body(new DebugLog(true, fd));
        file.Seek(0, SeekOrigin.Begin);
        using var lines = new StreamReader(file, Encoding.ASCII);
        for (string? line = lines.ReadLine(); line is not null; line = lines.ReadLine())
            log(line.StartsWith(Prefix, StringComparison.Ordinal) ? line[Prefix.Length..] : line);
    }

    [DllImport("libc", EntryPoint = "memfd_create", SetLastError = true)]
    private static extern int MemfdCreate([MarshalAs(UnmanagedType.LPUTF8Str)] string name, uint flags);
}
