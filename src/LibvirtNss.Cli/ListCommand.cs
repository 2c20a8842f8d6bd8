using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Text;
using LibvirtNss.Core;

namespace LibvirtNss.Cli;

/// <summary><c>libvirt-nss list</c>: every lease and domain the modules can see.</summary>
internal static class ListCommand
{
    public static Command Create(Option<string> leaseDir, Option<bool> verbose)
    {
        var command = new Command("list", "List the leases in the lease files, with the domains their MACs belong to");
        command.SetAction(parsed =>
        {
            string dir = parsed.GetValue(leaseDir)!;
            DecisionLog log = Output.Log(parsed.GetValue(verbose));
            if (!LeaseDirectory.TryListFiles(dir, out List<string> statusFiles, out List<string> macsFiles, out int errno, log))
            {
                Console.Error.WriteLine($"libvirt-nss: cannot read {dir} (errno {errno})");
                return 1;
            }

            var domainsByMac = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            LeaseDirectory.ForEachFile(macsFiles, (path, json) =>
                MacsFileParser.Parse(json, path, (domain, macs) =>
                {
                    foreach (byte[] mac in macs)
                        domainsByMac[Encoding.UTF8.GetString(mac)] = AsciiText.Printable(domain);
                }, log), log);

            long now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
            Console.WriteLine($"{"NETWORK",-12} {"HOSTNAME",-24} {"DOMAIN",-20} {"ADDRESS",-26} {"MAC",-17} EXPIRES");
            LeaseDirectory.ForEachFile(statusFiles, (path, json) =>
            {
                string network = Path.GetFileNameWithoutExtension(path);
                LeaseFileParser.Parse(json, path, (in LeaseEntry entry) =>
                {
                    string mac = AsciiText.Printable(entry.MacAddress);
                    string domain = domainsByMac.TryGetValue(mac, out string? d) ? d : "-";
                    string hostname = entry.HasHostname ? AsciiText.Printable(entry.Hostname) : "-";
                    Console.WriteLine($"{network,-12} {hostname,-24} {domain,-20} {AsciiText.Printable(entry.IpAddress),-26} {mac,-17} {Expiry(entry.ExpiryTime, now)}");
                }, log);
            }, log);
            return 0;
        });
        return command;
    }

    private static string Expiry(long expiry, long now) =>
        expiry == 0 ? "never"
        : expiry < now ? "expired"
        : DateTimeOffset.FromUnixTimeSeconds(expiry).ToString("yyyy-MM-dd HH:mm:ss'Z'");
}
