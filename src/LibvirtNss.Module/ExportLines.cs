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
        log.Write("answer: {}, {}{}"u8, DebugArg.Words(NssReply.OutcomeName(status)), status == LookupStatus.Found ? count : 0,
            DebugArg.Words(noun));
    }

    public static NssReply BufferTooSmall(DebugLog log, nuint length)
    {
        if (log.Enabled)
            log.Write("buffer of {} bytes is too small, asking for a larger one"u8, (long)length);
        return NssReply.BufferTooSmall();
    }

    /// <summary>A fault recovered at the export (Fault.TryRun): the internal error is the whole report.</summary>
    public static void InternalError(int errno)
    {
        DebugLog log = DebugLog.FromEnvironment();
        if (!log.Enabled)
            return;
        log.Write("internal error, answering UNAVAIL: {} (errno {})"u8, DebugArg.Words(errno switch
        {
            Errno.ENOMEM => "out of memory"u8,
            Errno.EAGAIN => "no thread key for fault recovery"u8,
            _ => "a check failed"u8,
        }), errno);
    }
}
