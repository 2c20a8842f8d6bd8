using System;

namespace LibvirtNss.Core.Files;

/// <summary>
/// The shape both libvirt files share: a JSON array of objects. Hands its owner each object to read (the reader on its start) and reports the values
/// that are not objects, the end of the array, and where the file stops being JSON.
/// </summary>
internal ref struct EntryArray
{
    /// <summary>A file listing more values than this is skipped whole.</summary>
    public const int MaxEntries = 65536;

    private const byte NotStarted = 0, InArray = 1, Ended = 2;

    /// <summary>The tokenizer; the owner reads an object's members with it.</summary>
    public JsonSpanReader Reader;

    private byte _state;
    private bool _skipPending;
    private bool _cutRead;
    private int _nextIndex;
    private SkipReason _end;

    public readonly bool Started => _state != NotStarted;

    /// <summary>The index in the array of the value handed out last.</summary>
    public int Index;

    /// <summary>Why the walk ended (<see cref="SkipReason.None"/>: the array closed, or not yet ended).</summary>
    public readonly SkipReason EndReason => _end;

    /// <summary>Starts on the readable part of the file, once the file-level checks have passed.</summary>
    /// <returns>false when the file ends here (not an array, malformed); the reason is set.</returns>
    public bool Begin(ReadOnlySpan<byte> json)
    {
        if (json.Length > 2 * MaxEntries && HasMoreValuesThan(json, MaxEntries))
            return End(SkipReason.TooManyEntries);
        Reader = new JsonSpanReader(json);
        _state = InArray;
        if (!Reader.Read())
            return End(SkipReason.MalformedJson);
        if (Reader.TokenType != JsonToken.StartArray)
            return End(SkipReason.NotAnArray);
        return true;
    }

    /// <summary>Ends the walk with <paramref name="reason"/>; returns false.</summary>
    public bool End(SkipReason reason)
    {
        _state = Ended;
        _end = reason;
        return false;
    }

    /// <summary>
    /// Moves to the next value of the array. true with the reader on an object's start; false with
    /// <paramref name="result"/> Skipped (a value that is not an object) or End.
    /// </summary>
    public bool NextObject(out ReadResult result, out SkipReason reason)
    {
        result = ReadResult.End;
        reason = _end;
        if (_state != InArray)
            return false;
        if (_skipPending)
        {
            // The rest of a nested array or object that was reported as "not an object".
            _skipPending = false;
            if (!Reader.Skip())
            {
                reason = SkipReason.MalformedJson;
                return End(reason);
            }
        }
        if (!Reader.Read())
        {
            reason = SkipReason.MalformedJson;
            return End(reason);
        }
        if (Reader.TokenType == JsonToken.EndArray)
        {
            reason = SkipReason.None;
            return End(reason);
        }
        Index = _nextIndex++;
        if (Reader.TokenType == JsonToken.StartObject)
            return true;
        // Reported before the value is skipped: a nested array is reported even when the file stops
        // being JSON inside it.
        _skipPending = Reader.TokenType == JsonToken.StartArray;
        result = ReadResult.Skipped;
        reason = SkipReason.NotAnObject;
        return false;
    }

    /// <summary>
    /// A file is read up to its first bad literal outside strings ("nul", "tru": the
    /// <see cref="JsonText.ReadableLength"/>). Finding it takes a pass over the whole file, so a
    /// reader looks for it first only in a file this large, whose budgets count the readable part;
    /// a smaller one is walked whole and cut only if the walk fails (<see cref="EndAsReadable"/>).
    /// </summary>
    public const int CutFirstAbove = 2 * MaxEntries;

    /// <summary>The part of <paramref name="json"/> to begin a walk on: cut first when the file is large.</summary>
    public static ReadOnlySpan<byte> WalkedPart(ReadOnlySpan<byte> json) =>
        json.Length > CutFirstAbove ? json.Slice(0, JsonText.ReadableLength(json)) : json;

    /// <summary>
    /// The end of a walk over <paramref name="json"/>, the file, as its readable part has it:
    /// when the walk of a file not cut first ended malformed, once (<see cref="EndAsReadable"/>).
    /// Each reader passes every result of its walk through here.
    /// </summary>
    public void EndReadable(ReadResult result, ref SkipReason skip, ReadOnlySpan<byte> json, bool blankIsEmpty)
    {
        // A large file was walked cut already (WalkedPart): its end is the readable part's.
        if (result != ReadResult.End || skip != SkipReason.MalformedJson || _cutRead || json.Length > CutFirstAbove)
            return;
        _cutRead = true;
        skip = EndAsReadable(json, blankIsEmpty);
    }

    /// <summary>
    /// After a walk of <paramref name="walked"/> ended malformed: the end a walk of its readable
    /// part has. Until the walk failed, it read the tokens a walk of the readable part reads (a bad
    /// literal outside strings stops a tokenizer where it stands), so every entry and skip was the
    /// same; what can differ is where and how the JSON stops, and a first value that the cut
    /// completes (a number right before a bad literal, "0nul": the file is then not an array).
    /// </summary>
    /// <param name="blankIsEmpty">A readable part that is blank ends the file as empty (the macs files').</param>
    /// <returns>The end's reason.</returns>
    private SkipReason EndAsReadable(ReadOnlySpan<byte> walked, bool blankIsEmpty)
    {
        int readable = JsonText.ReadableLength(walked);
        if (readable == walked.Length)
            return _end;
        ReadOnlySpan<byte> part = walked.Slice(0, readable);
        var reader = new JsonSpanReader(part);
        if (blankIsEmpty && JsonText.IsBlank(part))
            End(SkipReason.EmptyFile);
        else if (reader.Read() && reader.TokenType != JsonToken.StartArray)
            End(SkipReason.NotAnArray);
        else
            ReadToError(ref reader);
        return _end;
    }

    // The rest of the readable part, for where the JSON stops.
    private void ReadToError(ref JsonSpanReader reader)
    {
        while (reader.Read())
        {
        }
        if (reader.Error != JsonError.None)
            Reader = reader;
    }

    /// <summary>Skips the value the reader is on (scalar, object or array); false when the file stops being JSON.</summary>
    public static bool SkipValue(ref JsonSpanReader reader) =>
        (reader.TokenType != JsonToken.StartObject && reader.TokenType != JsonToken.StartArray) || reader.Skip();

    /// <summary>
    /// Whether the top-level array holds more than <paramref name="limit"/> values; a file that
    /// stops being JSON is counted up to that point.
    /// </summary>
    private static bool HasMoreValuesThan(ReadOnlySpan<byte> json, int limit)
    {
        var reader = new JsonSpanReader(json);
        if (!reader.Read() || reader.TokenType != JsonToken.StartArray)
            return false;
        int count = 0;
        while (reader.Read() && reader.TokenType != JsonToken.EndArray)
        {
            if (++count > limit)
                return true;
            SkipValue(ref reader);
        }
        return false;
    }
}
