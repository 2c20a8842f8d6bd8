using System;

namespace LibvirtNss.Core.Files;

/// <summary>
/// One well-formed entry of a <c>*.macs</c> file: its domain (the last "domain", unescaped as
/// upstream reads it) and its MACs (the strings of every "macs" array, in file order), iterated
/// with <c>foreach</c> without allocating. Valid until the reader's next <c>Next</c>.
/// </summary>
public readonly ref struct MacsEntry
{
    private readonly ReadOnlySpan<byte> _object;
    private readonly Span<byte> _scratch;

    internal MacsEntry(ReadOnlySpan<byte> domain, ReadOnlySpan<byte> entryObject, int macCount, Span<byte> scratch)
    {
        Domain = domain;
        _object = entryObject;
        MacCount = macCount;
        _scratch = scratch;
    }

    public ReadOnlySpan<byte> Domain { get; }

    /// <summary>How many MACs <see cref="Macs"/> iterates.</summary>
    public int MacCount { get; }

    /// <summary>The MACs, each valid until the iteration moves on.</summary>
    public MacList Macs => new(_object, _scratch);
}

/// <summary>The MACs of one <see cref="MacsEntry"/>, for <c>foreach</c>.</summary>
public readonly ref struct MacList
{
    private readonly ReadOnlySpan<byte> _object;
    private readonly Span<byte> _scratch;

    internal MacList(ReadOnlySpan<byte> entryObject, Span<byte> scratch)
    {
        _object = entryObject;
        _scratch = scratch;
    }

    public MacEnumerator GetEnumerator() => new(_object, _scratch);
}

/// <summary>
/// Walks the (already checked, well-formed) object of one entry again, yielding the strings of
/// its "macs" arrays; a string with escapes is unescaped into the scratch.
/// </summary>
public ref struct MacEnumerator
{
    private JsonSpanReader _reader;
    private readonly Span<byte> _scratch;
    private bool _inMacs;
    private ReadOnlySpan<byte> _current;

    internal MacEnumerator(ReadOnlySpan<byte> entryObject, Span<byte> scratch)
    {
        _reader = new JsonSpanReader(entryObject);
        _reader.Read();  // the object's start
        _scratch = scratch;
        _inMacs = false;
        _current = default;
    }

    public readonly ReadOnlySpan<byte> Current => _current;

    public bool MoveNext()
    {
        while (true)
        {
            if (_inMacs)
            {
                if (!_reader.Read())
                    return false;
                JsonToken token = _reader.TokenType;
                if (token == JsonToken.EndArray)
                {
                    _inMacs = false;
                    continue;
                }
                if (token != JsonToken.String)
                {
                    if (!EntryArray.SkipValue(ref _reader))
                        return false;
                    continue;
                }
                ReadOnlySpan<byte> raw = _reader.ValueSpan;
                if (!_reader.ValueIsEscaped)
                {
                    int nul = raw.IndexOf((byte)0);
                    _current = nul < 0 ? raw : raw.Slice(0, nul);
                    return true;
                }
                // Unescaped, a MAC fits in the scratch of an entry read with one as long as the file.
                int length = JsonText.Decode(raw, true, _scratch);
                _current = length < 0 ? default : _scratch.Slice(0, length);
                return true;
            }
            if (!_reader.Read() || _reader.TokenType != JsonToken.PropertyName)
                return false;
            bool isMacs = JsonText.DecodedEquals(_reader.ValueSpan, _reader.ValueIsEscaped, "macs"u8);
            if (!_reader.Read())
                return false;
            if (isMacs && _reader.TokenType == JsonToken.StartArray)
                _inMacs = true;
            else if (!EntryArray.SkipValue(ref _reader))
                return false;
        }
    }
}

/// <summary>
/// Reads the entries of a libvirt <c>*.macs</c> file (<c>[{"domain":"vm1","macs":["52:54:00:..."]}]</c>)
/// one <see cref="Next"/> at a time, without allocating: each entry kept and each value or file
/// skipped with its reason.
/// <list type="bullet">
/// <item>The file is read up to its first bad literal; one whose entries hold more than 65,536
/// strings or 1 MiB of them is <see cref="SkipReason.TooManyStrings"/>; then a blank file is
/// <see cref="SkipReason.EmptyFile"/>, one of more than 65,536 values
/// <see cref="SkipReason.TooManyEntries"/>, one that is not an array <see cref="SkipReason.NotAnArray"/>.</item>
/// <item>Each value of the array is an entry or skipped with its reason: the last "domain" counts,
/// the MACs of every "macs" array count; the first wrong-typed field is the reason; then a missing
/// "domain".</item>
/// <item>Where the file stops being JSON, the reader ends with <see cref="SkipReason.MalformedJson"/>.</item>
/// </list>
/// </summary>
public ref struct MacsFileReader
{
    /// <summary>A file whose entries hold more strings than this is skipped whole (<see cref="BudgetExceeded"/>).</summary>
    public const int MaxStrings = 65536;

    /// <summary>... or more bytes of strings than this.</summary>
    public const int MaxStringBytes = 1024 * 1024;

    private readonly ReadOnlySpan<byte> _json;
    private readonly Span<byte> _scratch;
    private EntryArray _array;
    private int _accepted;

    /// <param name="json">The file's bytes.</param>
    /// <param name="scratch">
    /// Where the domain and each MAC with escapes are unescaped; as long as <paramref name="json"/>
    /// is always enough (a shorter one may end an entry with <see cref="SkipReason.ScratchTooSmall"/>).
    /// </param>
    public MacsFileReader(ReadOnlySpan<byte> json, Span<byte> scratch)
    {
        _json = json;
        _scratch = scratch;
        _array = default;
        _accepted = 0;
    }

    /// <summary>The index in the array of the value handed out or skipped last (for the debug line).</summary>
    public readonly int EntryIndex => _array.Index;

    /// <summary>How many entries were handed out so far.</summary>
    public readonly int Accepted => _accepted;

    /// <summary>Why the JSON stopped being readable, after an end with <see cref="SkipReason.MalformedJson"/>.</summary>
    public readonly JsonError Error => _array.Reader.Error;

    /// <summary>Where the JSON stopped being readable (the start of the token that could not be read).</summary>
    public readonly int ErrorOffset => _array.Reader.ErrorOffset;

    /// <summary>The next entry, or a skipped value, or the end (with the file-level reason, None when the array closed).</summary>
    public ReadResult Next(out MacsEntry entry, out SkipReason skip)
    {
        ReadResult result = NextOfWalk(out entry, out skip);
        _array.EndReadable(result, ref skip, _json, blankIsEmpty: true);
        return result;
    }

    private ReadResult NextOfWalk(out MacsEntry entry, out SkipReason skip)
    {
        entry = default;
        if (!_array.Started)
        {
            ReadOnlySpan<byte> json = EntryArray.WalkedPart(_json);
            SkipReason early = SkipReason.None;
            if (json.Length > (3 * MaxStrings < MaxStringBytes ? 3 * MaxStrings : MaxStringBytes) && BudgetExceeded(json))
                early = SkipReason.TooManyStrings;
            else if (JsonText.IsBlank(json))
                early = SkipReason.EmptyFile;
            if (early != SkipReason.None)
            {
                _array.End(early);
                skip = early;
                return ReadResult.End;
            }
            if (!_array.Begin(json))
            {
                skip = _array.EndReason;
                return ReadResult.End;
            }
        }
        if (!_array.NextObject(out ReadResult result, out skip))
            return result;
        return ReadEntry(ref _array.Reader, out entry, out skip);
    }

    private ReadResult ReadEntry(scoped ref JsonSpanReader reader, out MacsEntry entry, out SkipReason skip)
    {
        entry = default;
        skip = SkipReason.None;
        int objectStart = reader.TokenStart;
        int domainStart = 0, domainLength = 0, macCount = 0;
        bool domainEscaped = false, hasDomain = false;
        SkipReason problem = SkipReason.None;
        while (true)
        {
            if (!reader.Read())
                return Malformed(out skip);
            if (reader.TokenType != JsonToken.PropertyName)
                break;  // the object's end
            ReadOnlySpan<byte> key = reader.ValueSpan;
            bool keyEscaped = reader.ValueIsEscaped;
            bool isDomain = JsonText.DecodedEquals(key, keyEscaped, "domain"u8);
            bool isMacs = !isDomain && JsonText.DecodedEquals(key, keyEscaped, "macs"u8);
            if (!reader.Read())
                return Malformed(out skip);
            if (isDomain)
            {
                if (reader.TokenType == JsonToken.String)
                {
                    hasDomain = true;
                    domainStart = reader.TokenStart + 1;
                    domainLength = reader.ValueSpan.Length;
                    domainEscaped = reader.ValueIsEscaped;
                }
                else
                {
                    if (problem == SkipReason.None)
                        problem = SkipReason.DomainNotString;
                    if (!EntryArray.SkipValue(ref reader))
                        return Malformed(out skip);
                }
            }
            else if (isMacs)
            {
                if (reader.TokenType != JsonToken.StartArray)
                {
                    if (problem == SkipReason.None)
                        problem = SkipReason.MacsNotArray;
                    if (!EntryArray.SkipValue(ref reader))
                        return Malformed(out skip);
                    continue;
                }
                while (true)
                {
                    if (!reader.Read())
                        return Malformed(out skip);
                    if (reader.TokenType == JsonToken.EndArray)
                        break;
                    if (reader.TokenType == JsonToken.String)
                    {
                        macCount++;
                        continue;
                    }
                    if (problem == SkipReason.None)
                        problem = SkipReason.MacsValueNotString;
                    if (!EntryArray.SkipValue(ref reader))
                        return Malformed(out skip);
                }
            }
            else if (!EntryArray.SkipValue(ref reader))
            {
                return Malformed(out skip);
            }
        }
        if (problem == SkipReason.None && !hasDomain)
            problem = SkipReason.NoDomain;
        if (problem != SkipReason.None)
        {
            skip = problem;
            return ReadResult.Skipped;
        }

        ReadOnlySpan<byte> entryObject = _json.Slice(objectStart, reader.BytesConsumed - objectStart);
        ReadOnlySpan<byte> raw = _json.Slice(domainStart, domainLength);
        int decoded = JsonText.Decode(raw, domainEscaped, _scratch);
        if (decoded < 0)
        {
            skip = SkipReason.ScratchTooSmall;
            return ReadResult.Skipped;
        }
        _accepted++;
        entry = new MacsEntry(_scratch.Slice(0, decoded), entryObject, macCount, _scratch.Slice(decoded));
        return ReadResult.Entry;
    }

    /// <summary>
    /// Whether the strings inside the file's entries (depth 2 and deeper)
    /// number more than <see cref="MaxStrings"/> or take more than <see cref="MaxStringBytes"/> raw
    /// bytes; a file that stops being JSON is counted up to that point.
    /// </summary>
    private static bool BudgetExceeded(ReadOnlySpan<byte> json)
    {
        var reader = new JsonSpanReader(json);
        int strings = 0;
        long bytes = 0;
        while (reader.Read())
        {
            if (reader.TokenType != JsonToken.String || reader.CurrentDepth < 2)
                continue;
            bytes += reader.ValueSpan.Length;
            if (++strings > MaxStrings || bytes > MaxStringBytes)
                return true;
        }
        return false;
    }

    private ReadResult Malformed(out SkipReason skip)
    {
        skip = SkipReason.MalformedJson;
        _array.End(skip);
        return ReadResult.End;
    }
}
