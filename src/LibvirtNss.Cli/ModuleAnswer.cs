using LibvirtNss.Core;

namespace LibvirtNss.Cli;

/// <summary>
/// The NSS status a module returns to glibc for a lookup outcome, and what glibc does next.
/// The mapping is the module's (src/LibvirtNss.Module/NssReply.cs), shown to explain an answer.
/// </summary>
internal static class ModuleAnswer
{
    public static string Describe(LookupOutcome outcome) => outcome switch
    {
        LookupOutcome.Addresses => "SUCCESS",
        LookupOutcome.NoMatch => "NOTFOUND: no unexpired lease has this name (glibc asks the next service)",
        LookupOutcome.NoAddressOfFamily => "UNAVAIL: the name has leases, but none of the asked family",
        LookupOutcome.DomainWithoutMacs => "UNAVAIL: no *.macs file lists a MAC for this domain",
        LookupOutcome.DirectoryUnreadable => "UNAVAIL: the lease directory cannot be read",
        _ => "UNAVAIL",
    };
}
