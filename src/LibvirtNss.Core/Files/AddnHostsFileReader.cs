using System;
using LibvirtNss.Core.Entries;

namespace LibvirtNss.Core.Files;

/// <summary>
/// Reads a <c>&lt;network&gt;.addnhosts</c> (/etc/hosts lines libvirt writes: "IP\tNAME\tNAME\t")
/// one line at a time without allocating: '#' starts a comment anywhere, fields are separated by blanks, each name of a line is one reservation of the
/// line's address. A line whose address is not an IP address is skipped
/// (<see cref="TextLineSkip.NotAnAddress"/>); a name that is not a host name is skipped alone
/// (<see cref="TextLineSkip.NotAHostName"/>); at most <see cref="MaxNamesPerLine"/> names a line are
/// kept, the rest passed over silently. A file over <see cref="HostsFileBudget"/> is skipped whole.
/// </summary>
public ref struct AddnHostsFileReader
{
    public const int MaxNamesPerLine = 64;

    private readonly ReadOnlySpan<byte> _contents;
    private TextLineCursor _lines;
    private bool _started;
    private bool _done;

    // The names still to read of the current line, while one is open.
    private bool _lineOpen;
    private int _restAt;
    private int _restEnd;
    private int _names;
    private IpAddress _address;

    public AddnHostsFileReader(ReadOnlySpan<byte> contents)
    {
        _contents = contents;
        _lines = new TextLineCursor(contents);
        _started = false;
        _done = false;
        _lineOpen = false;
        _restAt = 0;
        _restEnd = 0;
        _names = 0;
        _address = default;
    }

    /// <summary>The next reservation (one name of a line), the next line or name skipped, or the end.</summary>
    public TextLineResult Next(out HostsFileReservation reservation, out TextLineSkipped skip)
    {
        reservation = default;
        skip = default;
        if (!_started)
        {
            _started = true;
            if (HostsFileBudget.Exceeded(_contents))
            {
                _done = true;
                skip = new TextLineSkipped(TextLineSkip.FileTooLarge, 0, default);
                return TextLineResult.Skipped;
            }
        }
        while (!_done)
        {
            if (_lineOpen)
            {
                if (_restAt >= _restEnd || _names >= MaxNamesPerLine)
                {
                    _lineOpen = false;
                    continue;
                }
                TextRange name = NextField();
                if (name.Length == 0)
                {
                    _lineOpen = false;
                    continue;
                }
                if (!TextLineText.IsHostName(TextLineText.Of(_contents, name)))
                {
                    skip = new TextLineSkipped(TextLineSkip.NotAHostName, _lines.Number, name);
                    return TextLineResult.Skipped;
                }
                _names++;
                reservation = new HostsFileReservation(name, default, _address, _lines.Number);
                return TextLineResult.Entry;
            }

            if (!_lines.Next(out int start, out int end))
            {
                _done = true;
                break;
            }
            int comment = TextLineText.IndexOf(_contents, start, end, (byte)'#');
            if (comment >= 0)
                end = comment;
            TextRange line = TextLineText.Trim(_contents, start, end);
            if (line.Length == 0)
                continue;
            _restAt = line.Start;
            _restEnd = line.Start + line.Length;
            TextRange ip = NextField();
            if (!ReservedAddressText.TryParse(TextLineText.Of(_contents, ip), out _address))
            {
                skip = new TextLineSkipped(TextLineSkip.NotAnAddress, _lines.Number, ip);
                return TextLineResult.Skipped;
            }
            _lineOpen = true;
            _names = 0;
        }
        return TextLineResult.End;
    }

    /// <summary>The next blank-separated field of the open line.</summary>
    private TextRange NextField()
    {
        int at = _restAt;
        while (at < _restEnd && TextLineText.IsBlank(_contents[at]))
            at++;
        int end = at;
        while (end < _restEnd && !TextLineText.IsBlank(_contents[end]))
            end++;
        _restAt = end;
        return new TextRange(at, end - at);
    }
}
