using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Text;
using LibvirtNss.Core.Diagnostics;
using LibvirtNss.Core.Memory;
using LibvirtNss.Core.Records;
using Microsoft.Win32.SafeHandles;

namespace LibvirtNss.Cli;

/// <summary>
/// One call of the command into Core's subset (the module's code): the lease directory as the
/// NUL-terminated path Core takes, the call's lookup memory, released after it, and Core's debug
/// lines. Core writes those to a file descriptor, each after the module's "libvirt-nss: "; the
/// command hands them to its log line by line, without that prefix, like its own lines: they are
/// written to a memory file first. What Core's readers skip comes as records (<see cref="CoreSkip"/>),
/// whether lines are kept or not.
/// </summary>
internal static unsafe class CoreCall
{
    private const string Prefix = "libvirt-nss: ";

    public delegate void Body(byte* directory, byte* published, ref LookupMemory memory, DebugLog log);

    /// <summary>
    /// Runs <paramref name="body"/> with a log that is silent when <paramref name="log"/> is null,
    /// then hands on what it wrote; <paramref name="skips"/> (when not null) receives each skip.
    /// The publisher's directory (<paramref name="published"/>) is handed on as null when not given.
    /// </summary>
    public static void Run(string directory, string? published, Action<string>? log, Body body, Action<CoreSkip>? skips = null)
    {
        byte[] path = Encoding.UTF8.GetBytes(directory + "\0");
        byte[]? publishedPath = published is null ? null : Encoding.UTF8.GetBytes(published + "\0");
        using var sink = skips is null ? null : new SkipSink(skips);
        if (log is null)
        {
            Run(path, publishedPath, DebugLog.Silent, sink, body);
            return;
        }
        using FileStream file = MemoryFile("libvirt-nss-debug", out int fd);
        Run(path, publishedPath, new DebugLog(true, fd), sink, body);
        file.Seek(0, SeekOrigin.Begin);
        using var lines = new StreamReader(file, Encoding.ASCII);
        for (string? line = lines.ReadLine(); line is not null; line = lines.ReadLine())
            log(WithoutPrefix(line));
    }

    private static void Run(byte[] path, byte[]? publishedPath, DebugLog log, SkipSink? sink, Body body)
    {
        var memory = new LookupMemory();
        GCHandle handle = sink is null ? default : GCHandle.Alloc(sink);
        try
        {
            if (sink is not null)
                log = log.WithSkips(&SkipSink.Receive, (void*)GCHandle.ToIntPtr(handle));
            fixed (byte* directory = path)
            fixed (byte* published = publishedPath)
                body(directory, published, ref memory, log);
        }
        finally
        {
            if (handle.IsAllocated)
                handle.Free();
            memory.Release();
        }
    }

    private static string WithoutPrefix(string line) => line.StartsWith(Prefix, StringComparison.Ordinal) ? line[Prefix.Length..] : line;

    /// <summary>An anonymous file in memory (memfd_create), never full as a pipe read afterwards would be.</summary>
    private static FileStream MemoryFile(string name, out int fd)
    {
        fd = MemfdCreate(name, 1 /* MFD_CLOEXEC */);
        if (fd < 0)
            throw new IOException($"memfd_create() failed (errno {Marshal.GetLastPInvokeError()}): cannot keep the debug lines");
        return new FileStream(new SafeFileHandle(fd, ownsHandle: true), FileAccess.Read);
    }

    /// <summary>
    /// Takes each skip while it lives (its path and field point into the call's memory): its values,
    /// and its line, which Core's formatter writes to a memory file of the sink's own.
    /// </summary>
    private sealed class SkipSink : IDisposable
    {
        private readonly Action<CoreSkip> _receive;
        private readonly FileStream _file;
        private readonly int _fd;

        public SkipSink(Action<CoreSkip> receive)
        {
            _receive = receive;
            _file = MemoryFile("libvirt-nss-skips", out _fd);
        }

        public static void Receive(in FileSkip skip, void* context)
        {
            var sink = (SkipSink)GCHandle.FromIntPtr((nint)context).Target!;
            sink._receive(new CoreSkip(skip.File.Kind, Encoding.UTF8.GetString(skip.File.Text), skip.Reason, skip.Entry,
                sink.Line(skip)));
        }

        private string Line(in FileSkip skip)
        {
            long start = Seek(_fd, 0, 1 /* SEEK_CUR */);
            FileSkips.Write(new DebugLog(true, _fd), skip);
            var bytes = new byte[Seek(_fd, 0, 1 /* SEEK_CUR */) - start];
            int done = 0;
            fixed (byte* into = bytes)
            {
                nint n;
                while (done < bytes.Length && (n = PRead(_fd, into + done, (nuint)(bytes.Length - done), start + done)) > 0)
                    done += (int)n;
            }
            return WithoutPrefix(Encoding.ASCII.GetString(bytes, 0, done).TrimEnd('\n'));
        }

        public void Dispose() => _file.Dispose();
    }

    [DllImport("libc", EntryPoint = "lseek")]
    private static extern long Seek(int fd, long offset, int whence);

    [DllImport("libc", EntryPoint = "pread")]
    private static extern nint PRead(int fd, byte* buffer, nuint count, long offset);

    [DllImport("libc", EntryPoint = "memfd_create", SetLastError = true)]
    private static extern int MemfdCreate([MarshalAs(UnmanagedType.LPUTF8Str)] string name, uint flags);
}
