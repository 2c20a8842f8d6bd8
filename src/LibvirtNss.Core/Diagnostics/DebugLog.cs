using System;
using System.Runtime.CompilerServices;

namespace LibvirtNss.Core.Diagnostics;

/// <summary>
/// Where a lookup's debug lines go: nowhere (the default, checked before any line is composed),
/// or a file descriptor (2 in the module when LIBVIRT_NSS_DEBUG is set; a pipe in tests). Apart
/// from the lines, a sink may take what the readers skip as records (Records' FileSkip, typed
/// there: the log only carries it), lines on or off: the command's checks decide by those, never
/// by a line's words.
/// </summary>
public readonly unsafe struct DebugLog
{
    public readonly bool Enabled;
    private readonly int _fd;
    /// <summary>Records' skip sink, a function pointer the log carries without calling it.</summary>
    internal readonly void* SkipSink;
    internal readonly void* SkipSinkContext;

    public DebugLog(bool enabled, int fd)
    {
        Enabled = enabled;
        _fd = fd;
        SkipSink = null;
        SkipSinkContext = null;
    }

    internal DebugLog(in DebugLog log, void* skipSink, void* context)
    {
        this = log;
        SkipSink = skipSink;
        SkipSinkContext = context;
    }

    /// <summary>Whether a skip goes anywhere (a line or the sink), so is worth building.</summary>
    public bool TakesSkips => Enabled || SkipSink != null;

    public static DebugLog Silent => default;

    /// <summary>stderr when LIBVIRT_NSS_DEBUG is set (<see cref="DebugSwitch"/>), else silent.</summary>
    public static DebugLog FromEnvironment() => new(DebugSwitch.Enabled, 2);

    /// <summary>A line composed in <paramref name="buffer"/> (e.g. <c>stackalloc byte[256]</c>), for one built piece by piece.</summary>
    public DebugLine Start(Span<byte> buffer) => new(buffer, _fd);

    /// <summary>
    /// Writes one line: <paramref name="template"/> (the module's words, a u8 literal) with each
    /// "{}" replaced by the next value. Callers check <see cref="Enabled"/> first, so that a lookup
    /// without debug lines composes nothing.
    /// </summary>
    /// <remarks>
    /// One overload per count of values, each passing them by reference: a call site builds only
    /// its own values (about sixty sites; a value is some fifty bytes), not four.
    /// </remarks>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public void Write(ReadOnlySpan<byte> template) => Write(template, None, None, None, None);

    /// <inheritdoc cref="Write(ReadOnlySpan{byte})"/>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public void Write(ReadOnlySpan<byte> template, in DebugArg a) => Write(template, a, None, None, None);

    /// <inheritdoc cref="Write(ReadOnlySpan{byte})"/>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public void Write(ReadOnlySpan<byte> template, in DebugArg a, in DebugArg b) => Write(template, a, b, None, None);

    /// <inheritdoc cref="Write(ReadOnlySpan{byte})"/>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public void Write(ReadOnlySpan<byte> template, in DebugArg a, in DebugArg b, in DebugArg c) => Write(template, a, b, c, None);

    private static DebugArg None => default;

    /// <inheritdoc cref="Write(ReadOnlySpan{byte})"/>
    public void Write(ReadOnlySpan<byte> template, in DebugArg a, in DebugArg b, in DebugArg c, in DebugArg d)
    {
        DebugLine line = new(stackalloc byte[256], _fd);
        int argument = 0;
        while (true)
        {
            int at = template.IndexOf("{}"u8);
            if (at < 0)
                break;
            line.AppendLiteral(template.Slice(0, at));
            switch (argument++)
            {
                case 0: a.AppendTo(ref line); break;
                case 1: b.AppendTo(ref line); break;
                case 2: c.AppendTo(ref line); break;
                default: d.AppendTo(ref line); break;
            }
            template = template.Slice(at + 2);
        }
        line.AppendLiteral(template);
        line.End();
    }
}
