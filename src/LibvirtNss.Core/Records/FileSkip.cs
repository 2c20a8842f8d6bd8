using System;
using LibvirtNss.Core.Diagnostics;
using LibvirtNss.Core.Files;

namespace LibvirtNss.Core.Records;

/// <summary>
/// Why a file, an entry or a line was left out, whichever reader left it out: the readers'
/// reasons (<see cref="SkipReason"/>, <see cref="TextLineSkip"/>, <see cref="FileReadFailure"/>)
/// under their own names, each kind of reader in its own range (<see cref="FileSkips.Of(SkipReason)"/>).
/// </summary>
public enum FileSkipReason : byte
{
    None = 0,

    // An entry of a *.status or *.macs file (SkipReason's values).
    NotAnObject = (byte)SkipReason.NotAnObject,
    IpAddressNotString = (byte)SkipReason.IpAddressNotString,
    MacAddressNotString = (byte)SkipReason.MacAddressNotString,
    HostnameNotString = (byte)SkipReason.HostnameNotString,
    ExpiryTimeNotNonNegativeInteger = (byte)SkipReason.ExpiryTimeNotNonNegativeInteger,
    NoIpAddress = (byte)SkipReason.NoIpAddress,
    NoExpiryTime = (byte)SkipReason.NoExpiryTime,
    DomainNotString = (byte)SkipReason.DomainNotString,
    MacsNotArray = (byte)SkipReason.MacsNotArray,
    MacsValueNotString = (byte)SkipReason.MacsValueNotString,
    NoDomain = (byte)SkipReason.NoDomain,
    ScratchTooSmall = (byte)SkipReason.ScratchTooSmall,

    // A whole *.status or *.macs file.
    EmptyFile = (byte)SkipReason.EmptyFile,
    NotAnArray = (byte)SkipReason.NotAnArray,
    TooManyEntries = (byte)SkipReason.TooManyEntries,
    TooManyStrings = (byte)SkipReason.TooManyStrings,
    MalformedJson = (byte)SkipReason.MalformedJson,

    // A conf, hostsfile or addnhosts file: the whole file, a line, or one value of a line.
    FileTooLarge = FileSkips.TextLineReasons + (byte)TextLineSkip.FileTooLarge,
    NotAnInterfaceName = FileSkips.TextLineReasons + (byte)TextLineSkip.NotAnInterfaceName,
    NotADomainName = FileSkips.TextLineReasons + (byte)TextLineSkip.NotADomainName,
    NoAddress = FileSkips.TextLineReasons + (byte)TextLineSkip.NoAddress,
    TwoMacAddresses = FileSkips.TextLineReasons + (byte)TextLineSkip.TwoMacAddresses,
    TwoAddresses = FileSkips.TextLineReasons + (byte)TextLineSkip.TwoAddresses,
    NotAnAddress = FileSkips.TextLineReasons + (byte)TextLineSkip.NotAnAddress,
    TwoNames = FileSkips.TextLineReasons + (byte)TextLineSkip.TwoNames,
    NotAHostName = FileSkips.TextLineReasons + (byte)TextLineSkip.NotAHostName,

    // Any file that was not read at all.
    CannotRead = FileSkips.ReadFailures + (byte)FileReadFailure.CannotRead,
    NotRegular = FileSkips.ReadFailures + (byte)FileReadFailure.NotRegular,
    TooLarge = FileSkips.ReadFailures + (byte)FileReadFailure.TooLarge,
    OutOfMemory = FileSkips.ReadFailures + (byte)FileReadFailure.OutOfMemory,
}

/// <summary>
/// One thing a lookup left out of a file: which file, which entry or line, why, and the numbers
/// its debug line gives. Readers' callers build one (<see cref="Unread"/>, <see cref="Json"/>,
/// <see cref="TextLine"/>) and hand it to <see cref="FileSkips.Report"/>: the log's sink and its
/// debug line both come from it. It points into the lookup's memory (the path) and the file's
/// contents (the field), so it lives only as long as the call that receives it.
/// </summary>
public ref struct FileSkip
{
    /// <summary>The file, its kind and path.</summary>
    public LeaseFilePath File;

    public FileSkipReason Reason;

    /// <summary>
    /// The entry of a <c>*.status</c> or <c>*.macs</c> file (0-based), or the line of a text file
    /// (1-based), as the debug line numbers them; -1 when the whole file is skipped.
    /// </summary>
    public int Entry;

    /// <summary><see cref="FileSkipReason.CannotRead"/>: the error open(2), lseek(2) or pread(2) gave.</summary>
    public int Errno;

    /// <summary><see cref="FileSkipReason.TooLarge"/>: the file's size in bytes.</summary>
    public long Size;

    /// <summary><see cref="FileSkipReason.MalformedJson"/>: the byte where the file stops being JSON.</summary>
    public int Offset;

    /// <summary>A JSON file: the entries kept before the skip (those of a malformed file stay good).</summary>
    public int Kept;

    /// <summary>A text file: the value at fault (an interface, a domain, a name, an address), or empty.</summary>
    public ReadOnlySpan<byte> Field;

    /// <summary>A file that was not read: <paramref name="errno"/> and <paramref name="size"/> as the read found them.</summary>
    public static FileSkip Unread(in LeaseFilePath file, FileReadFailure failure, int errno, long size) => new()
    {
        File = file,
        Reason = FileSkips.Of(failure),
        Entry = -1,
        Errno = errno,
        Size = size,
    };

    /// <summary>
    /// What a JSON reader skipped: the entry <paramref name="entry"/>, or the file when the reason
    /// ends it; <paramref name="offset"/> counts for a malformed file only.
    /// </summary>
    public static FileSkip Json(in LeaseFilePath file, SkipReason reason, int entry, int offset, int kept) => new()
    {
        File = file,
        Reason = FileSkips.Of(reason),
        Entry = SkipReasons.IsFileLevel(reason) ? -1 : entry,
        Offset = reason == SkipReason.MalformedJson ? offset : 0,
        Kept = kept,
    };

    /// <summary>What a text reader left out, its field in <paramref name="contents"/>.</summary>
    public static FileSkip TextLine(in LeaseFilePath file, ReadOnlySpan<byte> contents, in TextLineSkipped skip) => new()
    {
        File = file,
        Reason = FileSkips.Of(skip.Reason),
        Entry = skip.Line == 0 ? -1 : skip.Line,
        Field = TextLineText.Of(contents, skip.Field),
    };
}

/// <summary>Where a <see cref="FileSkip"/> goes (the log's sink and its debug line), and the one debug line it makes.</summary>
public static unsafe class FileSkips
{
    /// <summary>Where <see cref="TextLineSkip"/>'s values start among <see cref="FileSkipReason"/>'s.</summary>
    public const byte TextLineReasons = 32;

    /// <summary>Where <see cref="FileReadFailure"/>'s values start among <see cref="FileSkipReason"/>'s.</summary>
    public const byte ReadFailures = 64;

    public static FileSkipReason Of(SkipReason reason) => (FileSkipReason)(byte)reason;

    public static FileSkipReason Of(TextLineSkip reason) =>
        reason == TextLineSkip.None ? FileSkipReason.None : (FileSkipReason)(TextLineReasons + (int)reason);

    public static FileSkipReason Of(FileReadFailure failure) =>
        failure == FileReadFailure.None ? FileSkipReason.None : (FileSkipReason)(ReadFailures + (int)failure);

    /// <summary>Whether the reason leaves out the file whole, or from its point on (the entries read before a malformed point stay).</summary>
    public static bool IsWholeFile(FileSkipReason reason) =>
        reason >= FileSkipReason.EmptyFile && reason <= FileSkipReason.MalformedJson
        || reason == FileSkipReason.FileTooLarge
        || reason >= FileSkipReason.CannotRead;

    /// <summary>The log, with <paramref name="sink"/> called (with <paramref name="context"/>) for every skip.</summary>
    public static DebugLog WithSkips(this DebugLog log, delegate*<in FileSkip, void*, void> sink, void* context) =>
        new(log, sink, context);

    /// <summary>
    /// Hands the skip to the log's sink, and writes its debug line when lines are on. Callers
    /// check <see cref="DebugLog.TakesSkips"/> first, so that a lookup nobody watches builds nothing.
    /// </summary>
    public static void Report(DebugLog log, in FileSkip skip)
    {
        if (log.SkipSink != null)
            ((delegate*<in FileSkip, void*, void>)log.SkipSink)(skip, log.SkipSinkContext);
        if (log.Enabled)
            Write(log, skip);
    }

    /// <summary>The skip's debug line, "PATH: ..." (also for the command, which shows it to its user).</summary>
    public static void Write(DebugLog log, in FileSkip skip)
    {
        DebugArg path = DebugArg.Text(skip.File.Text);
        ReadOnlySpan<byte> noun = skip.File.Kind == LeaseFileKind.Macs ? "domains"u8 : "leases"u8;
        switch (skip.Reason)
        {
            case FileSkipReason.CannotRead:
                log.Write("{}: skipped: cannot read: {}"u8, path, DebugArg.Error(skip.Errno));
                break;
            case FileSkipReason.NotRegular:
                log.Write("{}: skipped: not a regular file"u8, path);
                break;
            case FileSkipReason.TooLarge:
                log.Write("{}: skipped: {} bytes is more than {}"u8, path, skip.Size, LeaseFileContents.MaxFileBytes);
                break;
            case FileSkipReason.OutOfMemory:
                log.Write("{}: skipped: more than the lookup's memory can hold"u8, path);
                break;
            case FileSkipReason.EmptyFile:
                log.Write("{}: empty, no {}"u8, path, DebugArg.Words(noun));
                break;
            case FileSkipReason.TooManyEntries:
                log.Write("{}: skipped: more than {} {}"u8, path, EntryArray.MaxEntries, DebugArg.Words(noun));
                break;
            case FileSkipReason.MalformedJson:
                log.Write("{}: malformed JSON at byte {}; kept {} entries read before it"u8, path, skip.Offset, skip.Kept);
                break;
            case FileSkipReason.NotAnArray:
            case FileSkipReason.TooManyStrings:
                log.Write("{}: skipped: {}"u8, path, Words(skip.Reason));
                break;
            case FileSkipReason.FileTooLarge:
                log.Write("{}: {}"u8, path, Words(skip.Reason));
                break;
            case FileSkipReason.NotAnInterfaceName:
                log.Write("{}: interface {} skipped: {}"u8, path, DebugArg.Quoted(skip.Field), Words(skip.Reason));
                break;
            case FileSkipReason.NotADomainName:
                log.Write("{}: domain {} skipped: {}"u8, path, DebugArg.Quoted(skip.Field), Words(skip.Reason));
                break;
            // An addnhosts line keeps its other names: only this one is skipped.
            case FileSkipReason.NotAHostName when skip.File.Kind == LeaseFileKind.Addnhosts:
                log.Write("{}: line {}: name {} skipped: not a host name"u8, path, skip.Entry, DebugArg.Quoted(skip.Field));
                break;
            case FileSkipReason.NotAHostName:
                log.Write("{}: line {} skipped: name {} {}"u8, path, skip.Entry, DebugArg.Quoted(skip.Field), Words(skip.Reason));
                break;
            case FileSkipReason.NotAnAddress when skip.File.Kind == LeaseFileKind.Hostsfile:
                log.Write("{}: line {} skipped: address {} {}"u8, path, skip.Entry, DebugArg.Quoted(skip.Field), Words(skip.Reason));
                break;
            case FileSkipReason.NotAnAddress:
                log.Write("{}: line {} skipped: {} {}"u8, path, skip.Entry, DebugArg.Quoted(skip.Field), Words(skip.Reason));
                break;
            default:
                if (skip.Reason >= FileSkipReason.FileTooLarge)
                    log.Write("{}: line {} skipped: {}"u8, path, skip.Entry, Words(skip.Reason));
                else
                    log.Write("{}: entry {}: skipped: {}"u8, path, skip.Entry, Words(skip.Reason));
                break;
        }
    }

    /// <summary>The reader's own words for the reason.</summary>
    private static DebugArg Words(FileSkipReason reason)
    {
        if (reason >= FileSkipReason.FileTooLarge)
            return DebugArg.Words(TextLineSkips.Text((TextLineSkip)(reason - TextLineReasons)));
        return DebugArg.Words(SkipReasons.Text((SkipReason)reason));
    }
}
