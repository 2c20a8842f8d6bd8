using LibvirtNss.Core.Records;

namespace LibvirtNss.Cli;

/// <summary>
/// One thing Core's readers left out (a <see cref="FileSkip"/>), kept past the call: the file,
/// the entry or line (-1: the whole file), why, and the debug line Core makes of it, without
/// the module's "libvirt-nss: " prefix.
/// </summary>
internal sealed record CoreSkip(LeaseFileKind Kind, string Path, FileSkipReason Reason, int Entry, string Line);
