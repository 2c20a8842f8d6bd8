using LibvirtNss.Core.Lookups;

namespace LibvirtNss.Cli;

/// <summary>
/// The NSS status a module returns to glibc for a lookup's end, and what glibc does next.
/// The mapping is the module's (src/LibvirtNss.Module/NssReply.cs), shown to explain an answer.
/// </summary>
internal static class ModuleAnswer
{
    public static string Describe(LookupStatus status) => status switch
    {
        LookupStatus.Found => "SUCCESS",
        LookupStatus.NoMatch => "NOTFOUND: no unexpired lease has this name (glibc asks the next service)",
        LookupStatus.NoAddressOfFamily => "UNAVAIL: the name has leases, but none of the asked family",
        LookupStatus.DomainWithoutMacs => "UNAVAIL: no *.macs file lists a MAC for this domain",
        LookupStatus.DirectoryUnreadable => "UNAVAIL: the lease directory cannot be read",
        _ => "UNAVAIL",
    };
}
