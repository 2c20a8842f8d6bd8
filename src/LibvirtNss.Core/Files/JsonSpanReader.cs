using System;

namespace LibvirtNss.Core.Files;

/// <summary>The kind of token <see cref="JsonSpanReader"/> stands on (as System.Text.Json's JsonTokenType).</summary>
public enum JsonToken : byte
{
    None,
    StartObject,
    EndObject,
    StartArray,
    EndArray,
    PropertyName,
    String,
    Number,
    True,
    False,
    Null,
}

/// <summary>Why <see cref="JsonSpanReader"/> stopped reading input that is not JSON.</summary>
public enum JsonError : byte
{
    None,
    /// <summary>Nothing but whitespace: not even one token.</summary>
    NoToken,
    /// <summary>The input ends inside a value, an object or an array.</summary>
    UnexpectedEnd,
    /// <summary>A byte that cannot come where it stands (a missing ',' or ':', a stray character...).</summary>
    UnexpectedByte,
    /// <summary>A comma directly before ']' or '}'.</summary>
    TrailingComma,
    /// <summary>A raw control character (below 0x20) inside a string.</summary>
    ControlCharacterInString,
    /// <summary>A backslash not followed by one of <c>"\/bfnrt</c> or by <c>u</c> and four hex digits.</summary>
    InvalidEscape,
    /// <summary>A number that breaks JSON's grammar (a leading zero, no digit after '-', '.' or 'e'...).</summary>
    InvalidNumber,
    /// <summary>A literal other than <c>true</c>, <c>false</c>, <c>null</c>.</summary>
    InvalidLiteral,
    /// <summary>An object or array nested deeper than the reader's depth limit.</summary>
    TooDeep,
    /// <summary>Something other than whitespace after the single top-level value.</summary>
    TrailingData,
}

/// <summary>
/// A forward-only JSON tokenizer over UTF-8 bytes, in the manner of System.Text.Json's
/// Utf8JsonReader with its default options (strict JSON: no comments, no trailing commas, one
/// top-level value, the input is the final block) and a depth limit: it accepts and rejects the
/// same inputs, reports the same tokens with the same raw value bytes, and like Utf8JsonReader
/// does not validate the UTF-8 inside strings. It allocates nothing and throws nothing: a
/// malformed input makes <see cref="Read"/> return false with <see cref="Error"/> set, and every
/// later call return false too.
/// </summary>
public ref struct JsonSpanReader
{
    /// <summary>The depth limit the libvirt files are read with; nesting deeper is an error, like any malformed input.</summary>
    public const int DefaultMaxDepth = 8;

    /// <summary>The deepest limit supported (one bit a level of a 64-bit stack).</summary>
    public const int MaxSupportedDepth = 64;

    private readonly ReadOnlySpan<byte> _json;
    private readonly int _maxDepth;
    private int _position;
    private int _depth;
    private ulong _objects;      // bit d-1 set: the container at depth d is an object
    private JsonToken _token;
    private int _tokenDepth;
    private int _tokenStart;
    private int _valueStart;
    private int _valueLength;
    private bool _escaped;
    private JsonError _error;
    private int _errorAt;

    public JsonSpanReader(ReadOnlySpan<byte> json, int maxDepth = DefaultMaxDepth)
    {
        _json = json;
        _maxDepth = maxDepth < 1 ? 1 : maxDepth > MaxSupportedDepth ? MaxSupportedDepth : maxDepth;
        _position = 0;
        _depth = 0;
        _objects = 0;
        _token = JsonToken.None;
        _tokenDepth = 0;
        _tokenStart = 0;
        _valueStart = 0;
        _valueLength = 0;
        _escaped = false;
        _error = JsonError.None;
        _errorAt = 0;
    }

    /// <summary>The token read last (<see cref="JsonToken.None"/> before the first).</summary>
    public readonly JsonToken TokenType => _token;

    /// <summary>
    /// The depth of the current token as Utf8JsonReader.CurrentDepth counts it: 0 for the top-level
    /// value and its own start and end, 1 for what lies directly inside it, and so on.
    /// </summary>
    public readonly int CurrentDepth => _tokenDepth;

    /// <summary>
    /// The raw bytes of the current string, property name (between the quotes, escapes not decoded)
    /// or number, or of the literal or structural character.
    /// </summary>
    public readonly ReadOnlySpan<byte> ValueSpan => _json.Slice(_valueStart, _valueLength);

    /// <summary>Whether the current string or property name holds a backslash escape.</summary>
    public readonly bool ValueIsEscaped => _escaped;

    /// <summary>Where the current token starts in the input (its opening quote for a string).</summary>
    public readonly int TokenStart => _tokenStart;

    /// <summary>How far the reader has read: the index after the current token.</summary>
    public readonly int BytesConsumed => _position;

    /// <summary>Why reading stopped early; <see cref="JsonError.None"/> while the input is well-formed.</summary>
    public readonly JsonError Error => _error;

    /// <summary>Where the token that could not be read starts (after whitespace and a separator).</summary>
    public readonly int ErrorOffset => _errorAt;

    /// <summary>
    /// Reads the next token. false at the end of a well-formed input (after the top-level value and
    /// trailing whitespace) and whenever the input is not JSON (then <see cref="Error"/> says why).
    /// </summary>
    public bool Read()
    {
        if (_error != JsonError.None)
            return false;
        SkipWhitespace();
        int length = _json.Length;
        if (_token == JsonToken.None)
        {
            if (_position >= length)
                return Fail(JsonError.NoToken, _position);
            return ReadValue();
        }
        if (_depth == 0)
        {
            if (_position >= length)
                return false;
            return Fail(JsonError.TrailingData, _position);
        }
        if (_position >= length)
            return Fail(JsonError.UnexpectedEnd, _position);
        byte b = _json[_position];
        bool inObject = ((_objects >> (_depth - 1)) & 1) != 0;
        switch (_token)
        {
            case JsonToken.StartObject:
                if (b == (byte)'}')
                    return Close(JsonToken.EndObject);
                if (b == (byte)'"')
                    return ReadPropertyName();
                return Fail(JsonError.UnexpectedByte, _position);
            case JsonToken.StartArray:
                if (b == (byte)']')
                    return Close(JsonToken.EndArray);
                return ReadValue();
            case JsonToken.PropertyName:
                return ReadValue();
        }
        // After a value: a separator or the end of the container.
        if (b == (byte)',')
        {
            int comma = _position;
            _position++;
            SkipWhitespace();
            if (_position >= length)
                return Fail(JsonError.UnexpectedEnd, _position == comma + 1 ? comma : _position);
            b = _json[_position];
            if (inObject)
            {
                if (b == (byte)'"')
                    return ReadPropertyName();
                return Fail(b == (byte)'}' ? JsonError.TrailingComma : JsonError.UnexpectedByte, _position);
            }
            if (b == (byte)']')
                return Fail(JsonError.TrailingComma, _position);
            return ReadValue();
        }
        if (inObject ? b == (byte)'}' : b == (byte)']')
            return Close(inObject ? JsonToken.EndObject : JsonToken.EndArray);
        return Fail(JsonError.UnexpectedByte, _position);
    }

    /// <summary>
    /// On a start of object or array, reads to its end (the reader then stands on it); on a
    /// property name, reads its value and skips that. false when the input stops being JSON first.
    /// </summary>
    public bool Skip()
    {
        if (_error != JsonError.None)
            return false;
        if (_token == JsonToken.PropertyName && !Read())
            return false;
        if (_token != JsonToken.StartObject && _token != JsonToken.StartArray)
            return true;
        int depth = _tokenDepth;
        while (Read())
        {
            if ((_token == JsonToken.EndObject || _token == JsonToken.EndArray) && _tokenDepth == depth)
                return true;
        }
        return false;
    }

    private bool ReadValue()
    {
        byte b = _json[_position];
        _tokenStart = _position;
        _escaped = false;
        switch (b)
        {
            case (byte)'{':
                return Open(JsonToken.StartObject);
            case (byte)'[':
                return Open(JsonToken.StartArray);
            case (byte)'"':
                if (!ReadString())
                    return false;
                _token = JsonToken.String;
                _tokenDepth = _depth;
                return true;
            case (byte)'t':
                return ReadLiteral("true"u8, JsonToken.True);
            case (byte)'f':
                return ReadLiteral("false"u8, JsonToken.False);
            case (byte)'n':
                return ReadLiteral("null"u8, JsonToken.Null);
        }
        if (b == (byte)'-' || IsDigit(b))
            return ReadNumber();
        return Fail(JsonError.UnexpectedByte, _position);
    }

    private bool Open(JsonToken token)
    {
        if (_depth >= _maxDepth)
            return Fail(JsonError.TooDeep, _position);
        ulong bit = 1UL << _depth;
        _objects = token == JsonToken.StartObject ? _objects | bit : _objects & ~bit;
        _tokenDepth = _depth;
        _depth++;
        _token = token;
        _valueStart = _position;
        _valueLength = 1;
        _position++;
        return true;
    }

    private bool Close(JsonToken token)
    {
        _depth--;
        _tokenDepth = _depth;
        _token = token;
        _tokenStart = _position;
        _valueStart = _position;
        _valueLength = 1;
        _escaped = false;
        _position++;
        return true;
    }

    private bool ReadLiteral(ReadOnlySpan<byte> literal, JsonToken token)
    {
        ReadOnlySpan<byte> rest = _json.Slice(_position);
        if (!rest.StartsWith(literal))
            return Fail(rest.Length < literal.Length && literal.StartsWith(rest) ? JsonError.UnexpectedEnd : JsonError.InvalidLiteral,
                _position);
        _token = token;
        _tokenDepth = _depth;
        _valueStart = _position;
        _valueLength = literal.Length;
        _position += literal.Length;
        return true;
    }

    private bool ReadNumber()
    {
        ReadOnlySpan<byte> json = _json;
        int start = _position;
        int i = start;
        if (json[i] == (byte)'-')
        {
            i++;
            if (i >= json.Length)
                return Fail(JsonError.UnexpectedEnd, start);
        }
        if (json[i] == (byte)'0')
        {
            i++;
        }
        else if (IsDigit(json[i]))
        {
            i++;
            while (i < json.Length && IsDigit(json[i]))
                i++;
        }
        else
        {
            return Fail(JsonError.InvalidNumber, start);
        }
        if (i < json.Length && json[i] == (byte)'.')
        {
            i++;
            if (i >= json.Length)
                return Fail(JsonError.UnexpectedEnd, start);
            if (!IsDigit(json[i]))
                return Fail(JsonError.InvalidNumber, start);
            while (i < json.Length && IsDigit(json[i]))
                i++;
        }
        if (i < json.Length && (json[i] == (byte)'e' || json[i] == (byte)'E'))
        {
            i++;
            if (i < json.Length && (json[i] == (byte)'+' || json[i] == (byte)'-'))
                i++;
            if (i >= json.Length)
                return Fail(JsonError.UnexpectedEnd, start);
            if (!IsDigit(json[i]))
                return Fail(JsonError.InvalidNumber, start);
            while (i < json.Length && IsDigit(json[i]))
                i++;
        }
        // A number must be followed by a delimiter (or the end of the input); '/' counts, as the
        // start of a comment would, and is then rejected as the next token.
        if (i >= json.Length)
        {
            // Only a top-level number may end the input (an open array or object cannot end there).
            if (_depth > 0)
                return Fail(JsonError.UnexpectedEnd, i);
        }
        else
        {
            byte next = json[i];
            if (next != (byte)',' && next != (byte)'}' && next != (byte)']' && next != (byte)'/' && !IsWhitespace(next))
                return Fail(JsonError.InvalidNumber, start);
        }
        _token = JsonToken.Number;
        _tokenDepth = _depth;
        _valueStart = start;
        _valueLength = i - start;
        _position = i;
        return true;
    }

    /// <summary>Reads the string whose opening quote is at the position; sets the value and moves past it.</summary>
    private bool ReadString()
    {
        ReadOnlySpan<byte> json = _json;
        int start = _position;
        int i = start + 1;
        bool escaped = false;
        while (true)
        {
            if (i >= json.Length)
                return Fail(JsonError.UnexpectedEnd, start);
            byte c = json[i];
            if (c == (byte)'"')
                break;
            if (c == (byte)'\\')
            {
                escaped = true;
                i++;
                if (i >= json.Length)
                    return Fail(JsonError.UnexpectedEnd, start);
                byte kind = json[i];
                if (kind == (byte)'u')
                {
                    for (int k = 1; k <= 4; k++)
                    {
                        if (i + k >= json.Length)
                            return Fail(JsonError.UnexpectedEnd, start);
                        if (!IsHexDigit(json[i + k]))
                            return Fail(JsonError.InvalidEscape, start);
                    }
                    i += 5;
                    continue;
                }
                if (kind != (byte)'"' && kind != (byte)'\\' && kind != (byte)'/' && kind != (byte)'b' && kind != (byte)'f'
                    && kind != (byte)'n' && kind != (byte)'r' && kind != (byte)'t')
                    return Fail(JsonError.InvalidEscape, start);
                i++;
                continue;
            }
            if (c < 0x20)
                return Fail(JsonError.ControlCharacterInString, start);
            i++;
        }
        _valueStart = start + 1;
        _valueLength = i - start - 1;
        _escaped = escaped;
        _position = i + 1;
        return true;
    }

    private bool ReadPropertyName()
    {
        _tokenStart = _position;
        if (!ReadString())
            return false;
        SkipWhitespace();
        if (_position >= _json.Length)
            return Fail(JsonError.UnexpectedEnd, _position);
        if (_json[_position] != (byte)':')
            return Fail(JsonError.UnexpectedByte, _position);
        _position++;
        _token = JsonToken.PropertyName;
        _tokenDepth = _depth;
        return true;
    }

    private void SkipWhitespace()
    {
        ReadOnlySpan<byte> json = _json;
        int i = _position;
        while (i < json.Length && IsWhitespace(json[i]))
            i++;
        _position = i;
    }

    private bool Fail(JsonError error, int at)
    {
        _error = error;
        _errorAt = at;
        return false;
    }

    // ' ', '\t', '\n' and '\r' as bits of a word: one shift and test for a byte up to ' '.
    private const ulong WhitespaceBits = (1UL << ' ') | (1UL << '\t') | (1UL << '\n') | (1UL << '\r');

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    internal static bool IsWhitespace(byte b) => b <= (byte)' ' && ((WhitespaceBits >> b) & 1) != 0;

    private static bool IsDigit(byte b) => b >= (byte)'0' && b <= (byte)'9';

    private static bool IsHexDigit(byte b) =>
        (b >= (byte)'0' && b <= (byte)'9') || (b >= (byte)'a' && b <= (byte)'f') || (b >= (byte)'A' && b <= (byte)'F');
}
