using System;
using System.CommandLine;
using System.Text;
using LibvirtNss.Core;
using LibvirtNss.Core.Entries;
using LibvirtNss.Core.Files;
using LibvirtNss.Core.Lookups;

namespace LibvirtNss.Cli;

/// <summary>
/// <c>libvirt-nss resolve NAME</c>: the answer a module gives, through the module's own code
/// (<see cref="ModuleLookup"/>), printed like getent; <c>--explain</c> adds the lookup's decisions.
/// </summary>
internal static class ResolveCommand
{
    /// <summary>The module's bound on a name (src/LibvirtNss.Module/ForwardCall.cs): longer is never found.</summary>
    private const int MaxNameBytes = 1024;

    public static Command Create(Option<string> leaseDir, Option<string> publishedDir, Option<bool> verbose)
    {
        var name = new Argument<string>("name") { Description = "Host name (module libvirt) or domain name (module libvirt_guest)" };
        var module = new Option<string>("--module", "-m")
        {
            Description = "The module to answer as: libvirt (DHCP host names) or libvirt_guest (libvirt domain names)",
            DefaultValueFactory = _ => "libvirt",
        };
        module.AcceptOnlyFromAmong("libvirt", "libvirt_guest");
        var inet = new Option<bool>("-4") { Description = "IPv4 addresses only (gethostbyname2 with AF_INET)" };
        var inet6 = new Option<bool>("-6") { Description = "IPv6 addresses only (gethostbyname2 with AF_INET6)" };
        var explain = new Option<bool>("--explain")
        {
            Description = "Print why: the files read, each entry matched or skipped, and the status the module returns",
        };

        var command = new Command("resolve", "Resolve a name from the lease files, exactly as the NSS module does")
        {
            name, module, inet, inet6, explain,
        };
        command.Validators.Add(result =>
        {
            if (result.GetValue(inet) && result.GetValue(inet6))
                result.AddError("-4 and -6 exclude each other");
        });
        command.SetAction(parsed =>
        {
            string asked = parsed.GetValue(name)!;
            bool guest = parsed.GetValue(module) == "libvirt_guest";
            // getaddrinfo with AF_UNSPEC reaches the module's gethostbyname4_r, which answers both families.
            int family = parsed.GetValue(inet) ? AddressFamilies.Inet
                : parsed.GetValue(inet6) ? AddressFamilies.Inet6
                : AddressFamilies.Unspecified;
            bool explaining = parsed.GetValue(explain);
            Action<string>? log = explaining ? Console.WriteLine : Output.Log(parsed.GetValue(verbose));
            string dir = parsed.GetValue(leaseDir)!;
            string? published = PublishedDirectory.Of(parsed.GetValue(publishedDir));

            byte[] nameBytes = Encoding.UTF8.GetBytes(asked);
            // An address is a reverse lookup (gethostbyaddr_r): "ADDRESS NAME ALIAS..." as getent prints it.
            Span<byte> addressBytes = stackalloc byte[16];
            if (ReservedAddressText.TryParse(nameBytes, out int addressFamily, addressBytes))
            {
                ModuleLookup.Reverse reverse = ModuleLookup.Lookup(dir, published, guest ? LookupKind.DomainName : LookupKind.Hostname,
                    addressFamily, addressBytes[..AddressFamilies.AddressLength(addressFamily)].ToArray(),
                    DateTimeOffset.UtcNow.ToUnixTimeSeconds(), log);
                if (explaining)
                    Console.WriteLine($"{(guest ? "libvirt_guest" : "libvirt")} answers {ModuleAnswer.Describe(reverse.Status)}");
                if (reverse.Status == LookupStatus.Found)
                {
                    string address = ModuleLookup.AddressText(new IpAddress(addressFamily, addressBytes));
                    Console.WriteLine($"{address,-15} {string.Join(" ", reverse.Names)}");
                    return 0;
                }
                if (reverse.Status == LookupStatus.DirectoryUnreadable)
                    return Output.Fail($"cannot read the lease directory {dir}: {Errno.Describe(reverse.Errno)}");
                Console.Error.WriteLine($"libvirt-nss: {asked}: not found");
                return 2;
            }
            ModuleLookup.Forward result;
            if (nameBytes.Length > MaxNameBytes)
            {
                log?.Invoke($"name of {nameBytes.Length} bytes is longer than {MaxNameBytes}: not looked up");
                result = new ModuleLookup.Forward(LookupStatus.NoMatch, 0, new());
            }
            else
            {
                result = ModuleLookup.Lookup(dir, published, guest ? LookupKind.DomainName : LookupKind.Hostname,
                    nameBytes, family, DateTimeOffset.UtcNow.ToUnixTimeSeconds(), log);
            }
            if (explaining)
                Console.WriteLine($"{(guest ? "libvirt_guest" : "libvirt")} answers {ModuleAnswer.Describe(result.Status)}");

            switch (result.Status)
            {
                case LookupStatus.Found:
                    foreach (string address in result.Addresses)
                        Console.WriteLine($"{address,-15} {asked}");
                    return 0;
                case LookupStatus.DirectoryUnreadable:
                    return Output.Fail($"cannot read the lease directory {dir}: {Errno.Describe(result.Errno)}");
                case LookupStatus.NoAddressOfFamily:
                    Console.Error.WriteLine($"libvirt-nss: {asked}: no {(family == AddressFamilies.Inet ? "IPv4" : "IPv6")} address");
                    return 2;
                case LookupStatus.DomainWithoutMacs:
                    Console.Error.WriteLine($"libvirt-nss: {asked}: no domain of that name in any *.macs file");
                    return 2;
                default:
                    Console.Error.WriteLine($"libvirt-nss: {asked}: not found");
                    return 2;
            }
        });
        return command;
    }
}
