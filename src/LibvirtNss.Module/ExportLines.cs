using System;
using LibvirtNss.Core.Diagnostics;
using LibvirtNss.Core.Lookups;
using LibvirtNss.Core.Os;

namespace LibvirtNss.Module;

/// <summary>The debug lines the exports write around a lookup, and the short-buffer answer.</summary>
internal static unsafe class ExportLines
{
    /// <summary>"answer: Addresses, 2 addresses": the outcome, then how many of the noun it found.</summary>
    public static void Answer(DebugLog log, LookupStatus status, int count, ReadOnlySpan<byte> noun)
    {
        DebugLine line = log.Start(stackalloc byte[256]);
        line.AppendLiteral("answer: "u8);
        line.AppendLiteral(NssReply.OutcomeName(status));
        line.AppendLiteral(", "u8);
        line.Append(status == LookupStatus.Found ? count : 0);
        line.AppendLiteral(noun);
        line.End();
    }

    public static NssReply BufferTooSmall(DebugLog log, nuint length)
    {
        if (log.Enabled)
        {
            DebugLine line = log.Start(stackalloc byte[256]);
            line.AppendLiteral("buffer of "u8);
            line.Append((long)length);
            line.AppendLiteral(" bytes is too small, asking for a larger one"u8);
            line.End();
        }
        return NssReply.BufferTooSmall();
    }

    /// <summary>A fault recovered at the export (Fault.TryRun): the internal error is the whole report.</summary>
    public static void InternalError(int errno)
    {
        DebugLog log = DebugLog.FromEnvironment();
        if (!log.Enabled)
            return;
        DebugLine line = log.Start(stackalloc byte[256]);
        line.AppendLiteral(errno switch
        {
            Errno.ENOMEM => "internal error, answering UNAVAIL: out of memory (errno "u8,
            Errno.EAGAIN => "internal error, answering UNAVAIL: no thread key for fault recovery (errno "u8,
            _ => "internal error, answering UNAVAIL: a check failed (errno "u8,
        });
        line.Append(errno);
        line.AppendLiteral(")"u8);
        line.End();
    }
}
