using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;

namespace LibvirtNss.Cli;

/// <summary><c>libvirt-nss doctor</c>: is the module installed, enabled where glibc will ask it, and fed?</summary>
internal static class DoctorCommand
{
    public static Command Create(Option<string> leaseDir, Option<string> publishedDir)
    {
        Option<string> nsswitch = NsswitchCommands.NsswitchOption("The nsswitch.conf to check");
        var moduleDir = new Option<string?>("--module-dir")
        {
            Description = "Check the modules in this directory instead of where glibc finds them",
            HelpName = "dir",
        };
        var connect = new Option<string>("--connect", "-c")
        {
            Description = "The libvirt URI whose running guests are checked for NICs outside libvirt's networks (read-only); \"\" asks none",
            DefaultValueFactory = _ => "qemu:///system",
            HelpName = "uri",
        };
        var command = new Command("doctor",
            "Check the whole chain: modules installed and loadable, the hosts: line, the lease files, the published records, " +
            "guests only the publisher can make resolve; one line per finding")
        {
            nsswitch, moduleDir, connect,
        };
        command.SetAction(parsed =>
        {
            var report = new DoctorReport();
            long now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
            string leases = parsed.GetValue(leaseDir)!;
            ModuleCheck.Run(parsed.GetValue(moduleDir), report);
            NsswitchCheck.Run(parsed.GetValue(nsswitch)!, report);
            LeaseInventory? inventory = LeaseCheck.Run(leases, now, report);
            PublishedState? published = null;
            if (PublishedDirectory.Of(parsed.GetValue(publishedDir)) is string directory)
            {
                published = PublishedCheck.Read(directory, leases, now);
                PublishedCheck.Report(published, now, report);
            }
            if (parsed.GetValue(connect) is { Length: > 0 } uri)
                CheckGuests(uri, inventory, published, report);
            string warnings = Count(report.Warnings, "warning");
            Console.WriteLine(report.Errors == 0
                ? $"no problem found ({warnings})"
                : $"{Count(report.Errors, "problem")} found, {warnings}");
            return report.Errors == 0 ? 0 : 1;
        });
        return command;
    }

    private static void CheckGuests(string uri, LeaseInventory? inventory, PublishedState? published, DoctorReport report)
    {
        List<GuestNic>? nics = LibvirtDomains.RunningNics(uri, out string? whyNot);
        IEnumerable<LeaseRow> leases = inventory?.Rows.Where(r => !r.Published) ?? Enumerable.Empty<LeaseRow>();
        // libvirt names a network's lease file after its bridge (virbr0.status).
        var servedBridges = (inventory?.StatusFiles ?? new List<string>())
            .Select(f => Path.GetFileName(f)).Select(f => f[..^".status".Length]).ToHashSet(StringComparer.Ordinal);
        GuestNicCheck.Report(uri, nics, whyNot,
            leases.Where(r => r.State == LeaseState.Active).Select(r => r.Mac.ToLowerInvariant()).ToHashSet(StringComparer.Ordinal),
            servedBridges, published?.Domains?.ToHashSet(StringComparer.Ordinal) ?? new HashSet<string>(), published?.Fresh ?? false, report);
    }

    private static string Count(int n, string noun) => n == 1 ? $"1 {noun}" : $"{n} {noun}s";
}
