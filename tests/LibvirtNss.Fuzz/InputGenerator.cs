using System;
using System.Text;

namespace LibvirtNss.Fuzz;

/// <summary>
/// Writes lease (<c>*.status</c>) and MAC (<c>*.macs</c>) files from scratch: mostly the shape
/// libvirt writes, with hostile values mixed in (64 KiB hostnames, NUL and lone surrogates in
/// escapes, invalid UTF-8, huge and fractional numbers, wrong types, duplicate keys, deep nesting,
/// tens of thousands of entries).
/// </summary>
internal sealed class InputGenerator
{
    /// <summary>The clock the generated expiry times are written against (as the harness's lookups).</summary>
    public const long Now = 1_800_000_000;

    /// <summary>The names the lookups ask; generated files use them often, so that they match.</summary>
    public static readonly string[] Names = { "vm1", "vm2" };

    private readonly Random _random;
    private readonly StringBuilder _text = new();
    private bool _hugeValues;

    public InputGenerator(Random random) => _random = random;

    public byte[] StatusFile() => File(LeaseObject);

    public byte[] MacsFile() => File(MacsObject);

    private byte[] File(Action objectWriter)
    {
        _text.Clear();
        int shape = _random.Next(100);
        if (shape < 3) { Value(depth: 0); return Bytes(); }             // not an array
        if (shape < 5) { DeepNesting(_random.Next(1, 20_000)); return Bytes(); }
        if (shape < 6) _text.Append('\uFEFF');                          // a byte order mark
        _text.Append('[');
        int count = EntryCount();
        _hugeValues = count <= 8;                                       // keeps a file under a few MB
        bool tiny = count > 10_000;                                     // whole entries would pass the file cap
        for (int i = 0; i < count; i++)
        {
            if (i > 0) _text.Append(',');
            if (tiny) _text.Append(_random.Next(3) switch { 0 => "{}", 1 => "1", _ => "[]" });
            else if (_random.Next(40) == 0) Value(depth: 0);            // an entry that is not an object
            else objectWriter();
        }
        if (_random.Next(30) != 0) _text.Append(']');                  // sometimes never closed
        if (_random.Next(40) == 0) _text.Append(Pick(" ", "\n", "]", "x", "[]", "\0"));
        return Bytes();
    }

    private int EntryCount()
    {
        int kind = _random.Next(1000);
        if (kind < 5) return _random.Next(65_000, 67_000);              // around the entry cap (65,536)
        if (kind < 20) return _random.Next(100, 3000);
        return _random.Next(0, 8);
    }

    private void LeaseObject()
    {
        _text.Append('{');
        bool first = true;
        int fields = _random.Next(100) < 85 ? 5 : _random.Next(0, 9);
        for (int i = 0; i < fields; i++)
        {
            int which = fields == 5 ? i : _random.Next(6);               // 5: one of each, in order
            string key = which switch
            {
                0 => "ip-address", 1 => "mac-address", 2 => "hostname", 3 => "client-id", 4 => "expiry-time",
                _ => Pick("server-duid", "iaid", "ip-address", "hostname", "", "hostname\\u0000", "host\\u006eame"),
            };
            Member(ref first, key, () =>
            {
                if (_random.Next(25) == 0) { Value(depth: 0); return; }  // the wrong type
                switch (which)
                {
                    case 0: String(IpAddress()); break;
                    case 1: String(Mac()); break;
                    case 2: Hostname(); break;
                    case 3: String("01:" + Mac()); break;
                    case 4: Expiry(); break;
                    default: Value(depth: 0); break;
                }
            });
        }
        _text.Append('}');
    }

    private void MacsObject()
    {
        _text.Append('{');
        bool first = true;
        int fields = _random.Next(100) < 85 ? 2 : _random.Next(0, 5);
        for (int i = 0; i < fields; i++)
        {
            int which = fields == 2 ? i : _random.Next(3);
            Member(ref first, which switch { 0 => "domain", 1 => "macs", _ => Pick("domain", "macs", "x", "") }, () =>
            {
                if (_random.Next(25) == 0) { Value(depth: 0); return; }
                if (which == 0) { Hostname(); return; }
                _text.Append('[');
                int macs = _random.Next(100) == 0 ? _random.Next(100, 5000) : _random.Next(0, 4);
                for (int m = 0; m < macs; m++)
                {
                    if (m > 0) _text.Append(',');
                    if (_random.Next(30) == 0) Value(depth: 0); else String(Mac());
                }
                _text.Append(']');
            });
        }
        _text.Append('}');
    }

    private void Member(ref bool first, string key, Action value)
    {
        if (!first) _text.Append(',');
        first = false;
        String(key);
        _text.Append(':');
        value();
    }

    private void Hostname()
    {
        int kind = _random.Next(100);
        if (kind < 3) { _text.Append("null"); return; }
        string name = Names[_random.Next(Names.Length)];
        _text.Append('"');
        if (kind < 55) _text.Append(name);
        else if (kind < 62) _text.Append(name.ToUpperInvariant());
        else if (kind < 66 && _hugeValues) _text.Append('a', 65_536);               // a 64 KiB hostname
        else if (kind < 68 && _hugeValues) { for (int i = 0; i < 65_536 / 6; i++) _text.Append("\\u00e9"); }
        else if (kind < 72) _text.Append(name).Append("\\u0000").Append("tail"); // cut at the NUL
        else if (kind < 75) _text.Append("\\u0000").Append(name);
        else if (kind < 78) _text.Append("\\ud800").Append(name);                // a lone surrogate
        else if (kind < 81) _text.Append("v\\u006d").Append(name.AsSpan(2));     // escaped: still the name
        else if (kind < 84) _text.Append(name).Append('\u00e9');
        else if (kind < 87) _text.Append(name).Append("\\\"\\\\\\/\\b\\f\\n\\r\\t");
        else if (kind < 90) _text.Append('\u0001').Append(name);                 // a raw control character
        else _text.Append(Word());
        _text.Append('"');
    }

    private string IpAddress() => _random.Next(100) switch
    {
        < 50 => $"192.168.{_random.Next(256)}.{_random.Next(256)}",
        < 70 => $"fd00:{_random.Next(65536):x}::{_random.Next(65536):x}",
        < 73 => "::ffff:192.168.122.7",
        < 76 => "fe80::1%eth0",
        < 79 => "999.1.1.1",
        < 82 => "1.2.3",
        < 85 => "",
        < 88 => new string('1', _random.Next(1, 200)),
        < 91 => "192.168.122.1\\u0000junk",
        < 94 => "::",
        _ => Word(),
    };

    private string Mac() => _random.Next(100) switch
    {
        < 80 => $"52:54:00:{_random.Next(4):x2}:{_random.Next(4):x2}:{_random.Next(4):x2}",
        < 90 => $"52:54:00:{_random.Next(4):X2}:{_random.Next(4):X2}:{_random.Next(4):X2}",
        < 95 => "",
        _ => Word(),
    };

    private void Expiry() => _text.Append(_random.Next(100) switch
    {
        < 30 => "0",
        < 60 => (Now + _random.Next(-100_000, 100_000)).ToString(),
        < 63 => "-1",
        < 66 => "9223372036854775807",
        < 69 => "9223372036854775808",
        < 72 => "1e400",
        < 75 => "1.5",
        < 78 => "\"1800000100\"",
        < 81 => "-0",
        < 84 => "1E3",
        < 86 => "00012",
        < 88 => new string('9', _random.Next(20, _hugeValues ? 5000 : 40)),
        < 90 => "-" + new string('9', _random.Next(20, 400)),
        < 92 => "1" + new string('0', 300) + "e-300",
        _ => (Now + _random.Next(1, 1000)).ToString(),
    });

    /// <summary>Any JSON value (sometimes not quite JSON).</summary>
    private void Value(int depth)
    {
        switch (_random.Next(depth > 3 ? 6 : 9))
        {
            case 0: _text.Append("null"); break;
            case 1: _text.Append(_random.Next(2) == 0 ? "true" : "false"); break;
            case 2: _text.Append(_random.Next(4) == 0 ? "1e999" : _random.Next().ToString()); break;
            case 3: String(Word()); break;
            case 4: _text.Append(Pick("\"", "nul", "tru", "-", "0x10", "'a'", "NaN", "Infinity")); break;
            case 5: _text.Append("\"\\ud800\\udc00\\uDBFF\""); break;
            case 6: _text.Append('['); Value(depth + 1); _text.Append(','); Value(depth + 1); _text.Append(']'); break;
            case 7: _text.Append("{\"k\":"); Value(depth + 1); _text.Append(",\"k\":"); Value(depth + 1); _text.Append('}'); break;
            default: DeepNesting(_random.Next(1, 64)); break;
        }
    }

    private void DeepNesting(int depth)
    {
        for (int i = 0; i < depth; i++) _text.Append(i % 2 == 0 ? "[" : "{\"a\":");
        for (int i = depth - 1; i >= 0; i--) _text.Append(i % 2 == 0 ? "]" : "}");
    }

    private string Word()
    {
        var chars = new char[_random.Next(0, 12)];
        for (int i = 0; i < chars.Length; i++) chars[i] = (char)_random.Next('a', 'z' + 1);
        return new string(chars);
    }

    private void String(string raw) => _text.Append('"').Append(raw).Append('"');

    private string Pick(params string[] choices) => choices[_random.Next(choices.Length)];

    private byte[] Bytes()
    {
        byte[] bytes = Encoding.UTF8.GetBytes(_text.ToString());
        // Invalid UTF-8 cannot come from a string: patch some in after encoding.
        if (bytes.Length > 4 && _random.Next(20) == 0)
        {
            ReadOnlySpan<byte> bad = _random.Next(3) switch { 0 => [0xff], 1 => [0xc0, 0x80], _ => [0xed, 0xa0, 0x80] };
            int at = _random.Next(bytes.Length - bad.Length + 1);
            bad.CopyTo(bytes.AsSpan(at));
        }
        return bytes;
    }
}
