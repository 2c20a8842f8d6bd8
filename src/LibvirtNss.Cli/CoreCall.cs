using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Text;
using LibvirtNss.Core.Diagnostics;
using LibvirtNss.Core.Memory;
using Microsoft.Win32.SafeHandles;

namespace LibvirtNss.Cli;

/// <summary>
/// One call of the command into Core's subset (the module's code): the lease directory as the
/// NUL-terminated path Core takes, the call's lookup memory, released after it, and Core's debug
/// lines. Core writes those to a file descriptor, each after the module's "libvirt-nss: "; the
/// command hands them to its log line by line, without that prefix, like its own lines: they are
/// written to a memory file first.
/// </summary>
internal static unsafe class CoreCall
{
    private const string Prefix = "libvirt-nss: ";

    public delegate void Body(byte* directory, ref LookupMemory memory, DebugLog log);

    /// <summary>Runs <paramref name="body"/> with a log that is silent when <paramref name="log"/> is null, then hands on what it wrote.</summary>
    public static void Run(string directory, Action<string>? log, Body body)
    {
        byte[] path = Encoding.UTF8.GetBytes(directory + "\0");
        if (log is null)
        {
            Run(path, DebugLog.Silent, body);
            return;
        }
        int fd = MemfdCreate("libvirt-nss-debug", 1 /* MFD_CLOEXEC */);
        if (fd < 0)
            throw new IOException($"memfd_create() failed (errno {Marshal.GetLastPInvokeError()}): cannot keep the debug lines");
        using var file = new FileStream(new SafeFileHandle(fd, ownsHandle: true), FileAccess.Read);
        Run(path, new DebugLog(true, fd), body);
        file.Seek(0, SeekOrigin.Begin);
        using var lines = new StreamReader(file, Encoding.ASCII);
        for (string? line = lines.ReadLine(); line is not null; line = lines.ReadLine())
            log(line.StartsWith(Prefix, StringComparison.Ordinal) ? line[Prefix.Length..] : line);
    }

    private static void Run(byte[] path, DebugLog log, Body body)
    {
        var memory = new LookupMemory();
        try
        {
            fixed (byte* directory = path)
                body(directory, ref memory, log);
        }
        finally
        {
            memory.Release();
        }
    }

    [DllImport("libc", EntryPoint = "memfd_create", SetLastError = true)]
    private static extern int MemfdCreate([MarshalAs(UnmanagedType.LPUTF8Str)] string name, uint flags);
}
