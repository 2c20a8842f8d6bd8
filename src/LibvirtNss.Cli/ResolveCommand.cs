using System;
using System.CommandLine;
using System.Text;
using LibvirtNss.Core;

namespace LibvirtNss.Cli;

/// <summary><c>libvirt-nss resolve NAME</c>: the answer a module gives, printed like getent.</summary>
internal static class ResolveCommand
{
    public static Command Create(Option<string> leaseDir, Option<bool> verbose)
    {
        var name = new Argument<string>("name") { Description = "Host name (libvirt) or domain name (libvirt_guest)" };
        var guest = new Option<bool>("--guest") { Description = "Resolve a libvirt domain name, as libvirt_guest does" };
        var family = new Option<string>("--family")
        {
            Description = "Address family: inet, inet6 or any",
            DefaultValueFactory = _ => "any",
        };
        family.AcceptOnlyFromAmong("inet", "inet6", "any");

        var command = new Command("resolve", "Resolve a name from the lease files, as the NSS modules do") { name, guest, family };
        command.SetAction(parsed =>
        {
            string asked = parsed.GetValue(name)!;
            int af = parsed.GetValue(family) switch
            {
                "inet" => AddressFamilies.Inet,
                "inet6" => AddressFamilies.Inet6,
                _ => AddressFamilies.Unspecified,
            };
            // The module's own path: a lease snapshot, checked against the disk (docs/lease-cache.md).
            LookupResult result = new LeaseCache(parsed.GetValue(leaseDir)!).Lookup(
                parsed.GetValue(guest) ? LookupKind.DomainName : LookupKind.Hostname,
                Encoding.UTF8.GetBytes(asked), af, DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
                Output.Log(parsed.GetValue(verbose)));
            switch (result.Outcome)
            {
                case LookupOutcome.Addresses:
                    foreach (LeaseAddress address in result.Addresses)
                        Console.WriteLine($"{address,-15} {asked}");
                    return 0;
                case LookupOutcome.DirectoryUnreadable:
                    Console.Error.WriteLine($"libvirt-nss: cannot read {parsed.GetValue(leaseDir)} (errno {result.Errno})");
                    return 1;
                case LookupOutcome.NoAddressOfFamily:
                    Console.Error.WriteLine($"libvirt-nss: {asked} has no address of that family");
                    return 2;
                default:
                    Console.Error.WriteLine($"libvirt-nss: {asked} not found");
                    return 2;
            }
        });
        return command;
    }
}
