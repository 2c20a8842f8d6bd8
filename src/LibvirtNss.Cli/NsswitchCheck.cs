using System;
using System.IO;

namespace LibvirtNss.Cli;

/// <summary>doctor: the hosts: line names both modules, and nothing before them ends or diverts the lookup.</summary>
internal static class NsswitchCheck
{
    public static void Run(string path, DoctorReport report)
    {
        NsswitchFile file;
        try
        {
            file = NsswitchFile.Read(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            report.Error($"cannot read {path}: {e.Message}");
            return;
        }
        string fix = file.ManagedBy is null ? "run \"libvirt-nss enable\"" : "run \"authselect enable-feature with-libvirt\"";
        HostsLine? hosts = file.Hosts;
        if (hosts is null)
        {
            report.Error($"{path} has no hosts: line (glibc then uses \"dns files\"): {fix}");
            return;
        }
        report.Ok($"{path}: {hosts}");
        foreach (string module in HostsLineEditor.Modules)
        {
            int at = hosts.IndexOf(module);
            if (at < 0)
            {
                report.Error($"{module} is not on the hosts: line of {path}: {fix}");
                continue;
            }
            string? problem = null;
            for (int i = 0; i < at && problem is null; i++)
            {
                HostsService before = hosts.Services[i];
                if (before.StopsOnNotFound)
                    problem = $"{module} comes after \"{before}\", which ends the lookup of a name it does not know: {module} is never asked";
                else if (before.IsDnsLike)
                    problem = $"{module} comes after {before.Name}: every guest name is first sent to the network (slow, and its answer wins)";
            }
            if (problem is not null)
                report.Error($"{problem}; {fix}");
            else
                report.Ok($"{module} is on the hosts: line, before anything that ends the lookup");
        }
    }
}
