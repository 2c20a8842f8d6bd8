using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace LibvirtNss.Cli;

/// <summary>
/// doctor: the lease directory can be read (by every user, as the modules run in every process),
/// its files parse, no name belongs to two guests, which leases' names the module refuses, and
/// which leases have expired.
/// </summary>
internal static class LeaseCheck
{
    /// <returns>The lease directory's inventory, for the checks that follow; null when it cannot be read.</returns>
    public static LeaseInventory? Run(string dir, long now, DoctorReport report)
    {
        // What Core's readers skipped, as records: doctor classifies them by their reason.
        var skips = new List<CoreSkip>();
        LeaseInventory? inventory = LeaseInventory.Read(dir, now, log: null, out int errno, skips.Add);
        if (inventory is null)
        {
            report.Error($"cannot read the lease directory {dir}: {Errno.Describe(errno)}");
            return null;
        }
        CheckReadableByAll(dir, inventory, report);
        if (inventory.StatusFiles.Count == 0)
            report.Warning($"{dir} has no *.status file: no NATed libvirt network has handed out a lease yet (is libvirtd running, a network started?)");
        else
            report.Ok($"{dir}: {inventory.StatusFiles.Count} status files with {inventory.Rows.Count} leases, {inventory.MacsFiles.Count} macs files with {inventory.DomainCount} domains");
        SkipFindings.Report(skips, report);
        CheckDomainsReadable(inventory, report);
        CheckCollisions(inventory, report);
        CheckRefused(inventory, report);
        CheckExpired(inventory, now, report);
        return inventory;
    }

    /// <summary>Lookups run as whoever resolves (ssh as a user): root alone reading the files is not enough.</summary>
    private static void CheckReadableByAll(string dir, LeaseInventory inventory, DoctorReport report)
    {
        if ((File.GetUnixFileMode(dir) & (UnixFileMode.OtherRead | UnixFileMode.OtherExecute)) != (UnixFileMode.OtherRead | UnixFileMode.OtherExecute))
            report.Error($"{dir} is not readable by other users: their lookups find nothing; chmod o+rx {dir}");
        foreach (string file in inventory.StatusFiles.Concat(inventory.MacsFiles))
        {
            try
            {
                if ((File.GetUnixFileMode(file) & UnixFileMode.OtherRead) == 0)
                    report.Error($"{file} is not readable by other users: their lookups skip it; chmod o+r {file}");
            }
            catch (IOException)
            {
                // Gone since it was listed: libvirt replaced it.
            }
        }
    }

    /// <summary>
    /// libvirt writes <c>&lt;network&gt;.conf</c> with mode 0600: a network domain in it makes
    /// <c>vm.&lt;domain&gt;</c> resolve for root only.
    /// </summary>
    private static void CheckDomainsReadable(LeaseInventory inventory, DoctorReport report)
    {
        foreach ((string conf, string? domain) in inventory.ConfFiles)
        {
            try
            {
                if (domain is null || (File.GetUnixFileMode(conf) & UnixFileMode.OtherRead) != 0)
                    continue;
            }
            catch (IOException)
            {
                continue;   // gone since it was read
            }
            report.Warning($"{conf} (domain {domain}) is readable by root only, as libvirt writes it: " +
                $"NAME.{domain} resolves for root alone, bare names for everyone");
        }
    }

    /// <summary>A name two guests answer to: the modules return the addresses of both.</summary>
    private static void CheckCollisions(LeaseInventory inventory, DoctorReport report)
    {
        var active = inventory.Rows.Where(r => r.State == LeaseState.Active).ToList();
        foreach (var group in active.Where(r => r.Hostname is not null && r.Refused is null)
                     .GroupBy(r => r.Hostname!.ToLowerInvariant()))
        {
            var macs = group.Select(r => r.Mac.ToLowerInvariant()).Distinct().ToList();
            if (macs.Count > 1)
            {
                string guests = string.Join(", ", group.Select(r => $"{r.Address} ({r.Mac} on {r.Network})").Distinct());
                report.Error($"host name {group.First().Hostname} is leased to {macs.Count} guests: {guests}; lookups answer all of them: give each guest its own host name");
            }
        }
    }

    /// <summary>
    /// Leases whose host name the module does not answer (docs/security.md): another domain's
    /// name, a name reserved for another guest, the host's own name, a name dnsmasq refuses. Each
    /// is either a guest trying to take a name or a guest that is misnamed.
    /// </summary>
    private static void CheckRefused(LeaseInventory inventory, DoctorReport report)
    {
        foreach (LeaseRow row in inventory.Rows.Where(r => r.State == LeaseState.Active && r.Refused is not null))
            report.Warning($"lease of {row.Mac} on {row.Network} ({row.Address}) calls itself {row.Hostname}: not answered: {row.Refused}; " +
                "if this guest is yours, give it a name of its own (its domain name answers through libvirt_guest)");
    }

    private static void CheckExpired(LeaseInventory inventory, long now, DoctorReport report)
    {
        foreach (LeaseRow row in inventory.Rows.Where(r => r.State == LeaseState.Expired))
        {
            string who = row.Hostname ?? row.Domain ?? row.Mac;
            report.Warning($"lease of {who} ({row.Address} on {row.Network}) expired {TimeText.Relative(row.Expiry, now)}: it no longer resolves; start the guest or renew its lease");
        }
    }
}
