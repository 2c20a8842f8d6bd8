using System;
using LibvirtNss.Core.Diagnostics;
using LibvirtNss.Core.Files;
using LibvirtNss.Core.Memory;
using LibvirtNss.Core.Os;

namespace LibvirtNss.Core.Records;

/// <summary>
/// Reading one listed file, and the debug lines every reader of a lookup writes about a file: a
/// file that cannot be read is skipped (a <see cref="FileSkip"/>), and the others still answer.
/// </summary>
public static unsafe class FileLines
{
    /// <summary>
    /// The file whole, in <paramref name="arena"/> (the caller's per-file arena, released once
    /// the file's entries are copied out), or false with a skip reported.
    /// </summary>
    public static bool TryRead(in LeaseFilePath file, ref Arena arena, DebugLog log, out ReadOnlySpan<byte> contents)
    {
        if (LeaseFileContents.TryRead(file.Path, ref arena, out contents, out FileReadFailure failure, out int errno, out long size))
            return true;
        if (log.TakesSkips)
            FileSkips.Report(log, FileSkip.Unread(file, failure, errno, size));
        return false;
    }

    /// <summary>
    /// A JSON file to parse: its bytes and the scratch its reader unescapes strings into (as long
    /// as the file is always enough), in the file's arena. false when it is not to be parsed: it
    /// cannot be read, <paramref name="filter"/> does not admit it (no line: most files of a
    /// lookup are not parsed), or the lookup's memory cannot hold the scratch (a skip reported).
    /// </summary>
    public static bool TryReadJson(in LeaseFilePath file, in ReadFilter filter, ref Arena arena, DebugLog log,
        out ReadOnlySpan<byte> json, out Span<byte> scratch)
    {
        scratch = default;
        if (!TryRead(file, ref arena, log, out json) || !filter.Admits(json))
            return false;
        byte* bytes = (byte*)arena.Allocate((nuint)(json.Length + 1));
        if (bytes == null)
        {
            if (log.TakesSkips)
                FileSkips.Report(log, FileSkip.Unread(file, FileReadFailure.OutOfMemory, Errno.ENOMEM, json.Length));
            return false;
        }
        scratch = new Span<byte>(bytes, json.Length + 1);
        return true;
    }

    /// <summary>A line that begins "PATH: ", for one that lists a varying number of values.</summary>
    public static DebugLine Start(DebugLog log, in LeaseFilePath file, Span<byte> buffer)
    {
        DebugLine line = log.Start(buffer);
        line.Append(file.Text);
        line.AppendLiteral(": "u8);
        return line;
    }

    /// <summary>"PATH: TEXT".</summary>
    public static void Write(DebugLog log, in LeaseFilePath file, ReadOnlySpan<byte> text) =>
        log.Write("{}: {}"u8, DebugArg.Text(file.Text), DebugArg.Words(text));

    /// <summary>"PATH: N TEXT".</summary>
    public static void Write(DebugLog log, in LeaseFilePath file, long number, ReadOnlySpan<byte> text) =>
        log.Write("{}: {}{}"u8, DebugArg.Text(file.Text), number, DebugArg.Words(text));

    /// <summary>"PATH: BEFORE N AFTER".</summary>
    public static void Write(DebugLog log, in LeaseFilePath file, ReadOnlySpan<byte> before, long number, ReadOnlySpan<byte> after) =>
        log.Write("{}: {}{}{}"u8, DebugArg.Text(file.Text), DebugArg.Words(before), number, DebugArg.Words(after));
}
