using System;
using LibvirtNss.Core.Entries;

namespace LibvirtNss.Core.Files;

/// <summary>Which setting of a <c>&lt;network&gt;.conf</c> a <see cref="ConfValue"/> is.</summary>
public enum ConfValueKind
{
    /// <summary>One name of <c>interface=</c> (a bridge: it names the network's .status and .macs files).</summary>
    Interface,

    /// <summary>The name of <c>domain=</c>, without a trailing dot.</summary>
    Domain,
}

/// <summary>One value kept from a <c>&lt;network&gt;.conf</c>: its kind, where its text lies, and its line.</summary>
public struct ConfValue
{
    public ConfValueKind Kind;
    public TextRange Text;
    public int Line;

    public ConfValue(ConfValueKind kind, TextRange text, int line)
    {
        Kind = kind;
        Text = text;
        Line = line;
    }
}

/// <summary>
/// Reads the two settings the module needs from a dnsmasq configuration file libvirt wrote, one
/// line at a time without allocating: <c>interface=NAME[,NAME...]</c> and <c>domain=NAME[,RANGE[,local]]</c>. Comments start with '#',
/// blanks around the option and the value are ignored, other options are ignored. An interface
/// name is 1 to 15 bytes above ' ' and below DEL, not '/', ':', '*', "." or ".."; a domain is a
/// host name (trailing dot dropped) not starting with '.' and without "..". Repeats are kept once
/// (interfaces byte for byte, domains ignoring ASCII case); at most <see cref="MaxValues"/> of each,
/// and no more than the caller's storage holds.
/// <code>
///   Span&lt;TextRange&gt; interfaces = stackalloc TextRange[ConfFileReader.MaxValues];
///   Span&lt;TextRange&gt; domains = stackalloc TextRange[ConfFileReader.MaxValues];
///   var reader = new ConfFileReader(contents, interfaces, domains);
///   while (reader.Next(out ConfValue value, out TextLineSkipped skip) != TextLineResult.End) { ... }
/// </code>
/// </summary>
public ref struct ConfFileReader
{
    public const int MaxValues = 16;

    /// <summary>Linux interface names are at most 15 bytes (IFNAMSIZ - 1).</summary>
    public const int MaxInterfaceLength = 15;

    private readonly ReadOnlySpan<byte> _contents;
    private readonly Span<TextRange> _interfaces;
    private readonly Span<TextRange> _domains;
    private readonly int _interfaceCap;
    private readonly int _domainCap;
    private TextLineCursor _lines;
    private int _interfaceCount;
    private int _domainCount;

    // The rest of the current line's interface= list, while one is open.
    private bool _listOpen;
    private int _listAt;
    private int _listEnd;

    /// <param name="interfaces">Where the kept interface names are recorded (and looked up for repeats).</param>
    /// <param name="domains">Where the kept domains are recorded.</param>
    public ConfFileReader(ReadOnlySpan<byte> contents, Span<TextRange> interfaces, Span<TextRange> domains)
    {
        _contents = contents;
        _interfaces = interfaces;
        _domains = domains;
        _interfaceCap = interfaces.Length < MaxValues ? interfaces.Length : MaxValues;
        _domainCap = domains.Length < MaxValues ? domains.Length : MaxValues;
        _lines = new TextLineCursor(contents);
        _interfaceCount = 0;
        _domainCount = 0;
        _listOpen = false;
        _listAt = 0;
        _listEnd = 0;
    }

    /// <summary>How many interface names are kept so far (the first ones of the caller's storage, in file order).</summary>
    public readonly int InterfaceCount => _interfaceCount;

    /// <summary>How many domains are kept so far.</summary>
    public readonly int DomainCount => _domainCount;

    /// <summary>Where the <paramref name="index"/>th kept interface name lies in the contents.</summary>
    public readonly TextRange Interface(int index) => _interfaces[index];

    /// <summary>Where the <paramref name="index"/>th kept domain lies in the contents.</summary>
    public readonly TextRange Domain(int index) => _domains[index];

    /// <summary>
    /// The next kept value (<see cref="TextLineResult.Entry"/>), a value left out
    /// (<see cref="TextLineResult.Skipped"/>: not an interface name, not a domain name), or the end.
    /// A repeat, or a value past the limit, is passed over silently (no debug line).
    /// </summary>
    public TextLineResult Next(out ConfValue value, out TextLineSkipped skip)
    {
        value = default;
        skip = default;
        while (true)
        {
            if (_listOpen)
            {
                if (_interfaceCount >= _interfaceCap)
                {
                    _listOpen = false; // the rest of the list is not looked at
                    continue;
                }
                int partEnd = TextLineText.IndexOf(_contents, _listAt, _listEnd, (byte)',');
                TextRange name;
                if (partEnd < 0)
                {
                    name = TextLineText.Trim(_contents, _listAt, _listEnd);
                    _listOpen = false;
                }
                else
                {
                    name = TextLineText.Trim(_contents, _listAt, partEnd);
                    _listAt = partEnd + 1;
                }
                if (!IsInterfaceName(TextLineText.Of(_contents, name)))
                {
                    skip = new TextLineSkipped(TextLineSkip.NotAnInterfaceName, _lines.Number, name);
                    return TextLineResult.Skipped;
                }
                if (Holds(_interfaces.Slice(0, _interfaceCount), name, ignoreCase: false))
                    continue;
                _interfaces[_interfaceCount++] = name;
                value = new ConfValue(ConfValueKind.Interface, name, _lines.Number);
                return TextLineResult.Entry;
            }

            if (!_lines.Next(out int start, out int end))
                return TextLineResult.End;
            TextRange line = TextLineText.Trim(_contents, start, end);
            if (line.Length == 0 || _contents[line.Start] == (byte)'#')
                continue;
            int lineEnd = line.Start + line.Length;
            int equals = TextLineText.IndexOf(_contents, line.Start, lineEnd, (byte)'=');
            if (equals < 0)
                continue;
            ReadOnlySpan<byte> option = TextLineText.Of(_contents, TextLineText.Trim(_contents, line.Start, equals));
            TextRange setting = TextLineText.Trim(_contents, equals + 1, lineEnd);
            if (option.SequenceEqual("interface"u8))
            {
                _listOpen = true;
                _listAt = setting.Start;
                _listEnd = setting.Start + setting.Length;
                continue;
            }
            if (!option.SequenceEqual("domain"u8))
                continue;

            int settingEnd = setting.Start + setting.Length;
            int comma = TextLineText.IndexOf(_contents, setting.Start, settingEnd, (byte)',');
            TextRange domain = TextLineText.Trim(_contents, setting.Start, comma < 0 ? settingEnd : comma);
            if (domain.Length > 0 && _contents[domain.Start + domain.Length - 1] == (byte)'.')
                domain = new TextRange(domain.Start, domain.Length - 1);
            if (_domainCount >= _domainCap)
                continue;
            ReadOnlySpan<byte> text = TextLineText.Of(_contents, domain);
            if (!TextLineText.IsHostName(text) || text[0] == (byte)'.' || TextLineText.HasDoubleDot(text))
            {
                skip = new TextLineSkipped(TextLineSkip.NotADomainName, _lines.Number, domain);
                return TextLineResult.Skipped;
            }
            if (Holds(_domains.Slice(0, _domainCount), domain, ignoreCase: true))
                continue;
            _domains[_domainCount++] = domain;
            value = new ConfValue(ConfValueKind.Domain, domain, _lines.Number);
            return TextLineResult.Entry;
        }
    }

    private readonly bool Holds(Span<TextRange> kept, TextRange candidate, bool ignoreCase)
    {
        ReadOnlySpan<byte> text = TextLineText.Of(_contents, candidate);
        for (int i = 0; i < kept.Length; i++)
        {
            ReadOnlySpan<byte> known = TextLineText.Of(_contents, kept[i]);
            if (ignoreCase ? TextLineText.EqualsIgnoreCase(known, text) : known.SequenceEqual(text))
                return true;
        }
        return false;
    }

    /// <summary>What the kernel accepts as an interface name, and no path separator.</summary>
    public static bool IsInterfaceName(ReadOnlySpan<byte> name)
    {
        if (name.IsEmpty || name.Length > MaxInterfaceLength || name.SequenceEqual("."u8) || name.SequenceEqual(".."u8))
            return false;
        for (int i = 0; i < name.Length; i++)
        {
            byte b = name[i];
            if (b <= (byte)' ' || b >= 0x7f || b == (byte)'/' || b == (byte)':' || b == (byte)'*')
                return false;
        }
        return true;
    }
}
