using System;
using LibvirtNss.Core.Diagnostics;
using LibvirtNss.Core.Files;
using LibvirtNss.Core.Memory;
using LibvirtNss.Core.Os;

namespace LibvirtNss.Core.Records;

/// <summary>
/// Reading one listed file, and the debug lines every reader of a lookup writes about a file: a
/// file that cannot be read is skipped with one line, and the others still answer.
/// </summary>
public static unsafe class FileLines
{
    /// <summary>
    /// The file whole, in <paramref name="arena"/> (the caller's per-file arena, released once
    /// the file's entries are copied out), or false with a debug line.
    /// </summary>
    public static bool TryRead(in LeaseFilePath file, ref Arena arena, DebugLog log, out ReadOnlySpan<byte> contents)
    {
        if (LeaseFileContents.TryRead(file.Path, ref arena, out contents, out FileReadFailure failure, out int errno, out long size))
            return true;
        if (!log.Enabled)
            return false;
        DebugLine line = Start(log, file, stackalloc byte[256]);
        switch (failure)
        {
            case FileReadFailure.NotRegular:
                line.AppendLiteral("skipped: not a regular file"u8);
                break;
            case FileReadFailure.TooLarge:
                line.AppendLiteral("skipped: "u8);
                line.Append(size);
                line.AppendLiteral(" bytes is more than "u8);
                line.Append(LeaseFileContents.MaxFileBytes);
                break;
            case FileReadFailure.OutOfMemory:
                line.AppendLiteral("skipped: more than the lookup's memory can hold"u8);
                break;
            default:
                line.AppendLiteral("skipped: cannot read: "u8);
                AppendError(ref line, errno);
                break;
        }
        line.End();
        return false;
    }

    /// <summary>
    /// Where a JSON reader unescapes the strings of a file of <paramref name="length"/> bytes (as
    /// long as the file is always enough), in the file's arena; false, with a debug line, when
    /// the lookup's memory cannot hold it (the file is skipped).
    /// </summary>
    public static bool TryScratch(in LeaseFilePath file, ref Arena arena, int length, DebugLog log, out Span<byte> scratch)
    {
        byte* bytes = (byte*)arena.Allocate((nuint)(length + 1));
        scratch = bytes == null ? default : new Span<byte>(bytes, length + 1);
        if (bytes == null && log.Enabled)
            Write(log, file, "skipped: more than the lookup's memory can hold"u8);
        return bytes != null;
    }

    /// <summary>A line that begins "PATH: ".</summary>
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

    /// <summary>
    /// What a JSON reader skipped: one entry ("entry N: skipped: ..."), or the file ("empty, no
    /// leases", "skipped: ...", "malformed JSON at byte N; kept N entries read before it").
    /// </summary>
    /// <param name="noun">What the file lists: "leases" or "domains".</param>
    public static void Skipped(DebugLog log, in LeaseFilePath file, SkipReason reason, int entry, int offset,
        int accepted, ReadOnlySpan<byte> noun)
    {
        DebugLine line = Start(log, file, stackalloc byte[256]);
        switch (reason)
        {
            case SkipReason.EmptyFile:
                line.AppendLiteral("empty, no "u8);
                line.AppendLiteral(noun);
                break;
            case SkipReason.TooManyEntries:
                line.AppendLiteral("skipped: more than "u8);
                line.Append(EntryArray.MaxEntries);
                line.AppendLiteral(" "u8);
                line.AppendLiteral(noun);
                break;
            case SkipReason.MalformedJson:
                line.AppendLiteral("malformed JSON at byte "u8);
                line.Append(offset);
                line.AppendLiteral("; kept "u8);
                line.Append(accepted);
                line.AppendLiteral(" entries read before it"u8);
                break;
            case SkipReason.NotAnArray:
            case SkipReason.TooManyStrings:
                line.AppendLiteral("skipped: "u8);
                line.AppendLiteral(SkipReasons.Text(reason));
                break;
            default:
                line.AppendLiteral("entry "u8);
                line.Append(entry);
                line.AppendLiteral(": skipped: "u8);
                line.AppendLiteral(SkipReasons.Text(reason));
                break;
        }
        line.End();
    }

    /// <summary>What a text reader (conf, hostsfile, addnhosts) left out.</summary>
    public static void Skipped(DebugLog log, in LeaseFilePath file, LeaseFileKind kind, ReadOnlySpan<byte> contents,
        in TextLineSkipped skip)
    {
        if (!TextLineSkips.IsLogged(skip.Reason))
            return;
        ReadOnlySpan<byte> field = TextLineText.Of(contents, skip.Field);
        DebugLine line = Start(log, file, stackalloc byte[256]);
        switch (skip.Reason)
        {
            case TextLineSkip.FileTooLarge:
                line.AppendLiteral(TextLineSkips.Text(skip.Reason));
                break;
            case TextLineSkip.NotAnInterfaceName:
            case TextLineSkip.NotADomainName:
                line.AppendLiteral(skip.Reason == TextLineSkip.NotAnInterfaceName ? "interface "u8 : "domain "u8);
                line.AppendQuoted(field);
                line.AppendLiteral(" skipped: "u8);
                line.AppendLiteral(TextLineSkips.Text(skip.Reason));
                break;
            case TextLineSkip.NotAHostName when kind == LeaseFileKind.Addnhosts:
                line.AppendLiteral("line "u8);
                line.Append(skip.Line);
                line.AppendLiteral(": name "u8);
                line.AppendQuoted(field);
                line.AppendLiteral(" skipped: not a host name"u8);
                break;
            case TextLineSkip.NotAHostName:
            case TextLineSkip.NotAnAddress:
                line.AppendLiteral("line "u8);
                line.Append(skip.Line);
                line.AppendLiteral(" skipped: "u8);
                if (kind == LeaseFileKind.Hostsfile)
                    line.AppendLiteral(skip.Reason == TextLineSkip.NotAHostName ? "name "u8 : "address "u8);
                line.AppendQuoted(field);
                line.AppendLiteral(" "u8);
                line.AppendLiteral(TextLineSkips.Text(skip.Reason));
                break;
            default:
                line.AppendLiteral("line "u8);
                line.Append(skip.Line);
                line.AppendLiteral(" skipped: "u8);
                line.AppendLiteral(TextLineSkips.Text(skip.Reason));
                break;
        }
        line.End();
    }

    /// <summary>strerror's words for <paramref name="errno"/>, as .NET's error messages give them.</summary>
    public static void AppendError(ref DebugLine line, int errno)
    {
        byte* text = stackalloc byte[128];
        if (Libc.StrError(errno, text, 128) != 0)
        {
            line.AppendLiteral("error "u8);
            line.Append(errno);
            return;
        }
        line.Append(new ReadOnlySpan<byte>(text, LeaseFiles.CStringLength(text)));
    }
}
