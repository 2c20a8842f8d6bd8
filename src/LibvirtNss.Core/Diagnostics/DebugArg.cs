using System;
using LibvirtNss.Core.Entries;
using LibvirtNss.Core.Os;

namespace LibvirtNss.Core.Diagnostics;

/// <summary>
/// One value of a debug line (<see cref="DebugLog.Write"/>): the module's own words, text from a
/// file shown as printable ASCII, guest-controlled text quoted, a number, an address, or an
/// error number in strerror's words.
/// </summary>
public readonly unsafe ref struct DebugArg
{
    private enum Kind : byte
    {
        None,
        Words,
        Text,
        Quoted,
        Number,
        Address,
        Error,
    }

    private readonly Kind _kind;
    private readonly ReadOnlySpan<byte> _text;
    private readonly long _number;
    private readonly IpAddress _address;

    private DebugArg(Kind kind, ReadOnlySpan<byte> text, long number, IpAddress address)
    {
        _kind = kind;
        _text = text;
        _number = number;
        _address = address;
    }

    /// <summary>The module's own text (a u8 literal), as it is.</summary>
    public static DebugArg Words(ReadOnlySpan<byte> text) => new(Kind.Words, text, 0, default);

    /// <summary>Text from a file or the system (a path, a network's name): printable ASCII.</summary>
    public static DebugArg Text(ReadOnlySpan<byte> text) => new(Kind.Text, text, 0, default);

    /// <summary>Text a guest chose (a host name, a lease's address text): quoted (<see cref="QuotedText"/>).</summary>
    public static DebugArg Quoted(ReadOnlySpan<byte> text) => new(Kind.Quoted, text, 0, default);

    /// <summary>strerror's words for <paramref name="errno"/> (<see cref="Errno.Message"/>; "error N" for a value it has none for).</summary>
    public static DebugArg Error(int errno) => new(Kind.Error, default, errno, default);

    public static implicit operator DebugArg(long number) => new(Kind.Number, default, number, default);

    public static implicit operator DebugArg(IpAddress address) => new(Kind.Address, default, 0, address);

    internal void AppendTo(ref DebugLine line)
    {
        switch (_kind)
        {
            case Kind.Words:
                line.AppendLiteral(_text);
                break;
            case Kind.Text:
                line.Append(_text);
                break;
            case Kind.Quoted:
                line.AppendQuoted(_text);
                break;
            case Kind.Number:
                line.Append(_number);
                break;
            case Kind.Address:
                line.Append(_address);
                break;
            case Kind.Error:
                AppendError(ref line, (int)_number);
                break;
        }
    }

    private static void AppendError(ref DebugLine line, int errno)
    {
        ReadOnlySpan<byte> message = Errno.Message(errno);
        if (message.IsEmpty)
        {
            line.AppendLiteral("error "u8);
            line.Append(errno);
            return;
        }
        line.AppendLiteral(message);
    }
}
