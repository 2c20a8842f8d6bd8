using System;
using System.CommandLine;
using System.IO;

namespace LibvirtNss.Cli;

/// <summary>
/// <c>libvirt-nss enable</c> / <c>disable</c>: through authselect where it manages nsswitch.conf
/// and its profile offers with-libvirt, otherwise by editing the <c>hosts:</c> line.
/// </summary>
internal static class NsswitchCommands
{
    public static Option<string> NsswitchOption(string description) => new("--nsswitch")
    {
        Description = description,
        DefaultValueFactory = _ => NsswitchFile.SystemPath,
        HelpName = "path",
    };

    public static Command CreateEnable()
    {
        Option<string> nsswitch = NsswitchOption("The nsswitch.conf to edit when authselect does not manage it");
        var command = new Command("enable",
            "Add libvirt and libvirt_guest to the hosts: line (authselect enable-feature with-libvirt on authselect systems)")
        {
            nsswitch,
        };
        command.SetAction(parsed => Apply(parsed.GetValue(nsswitch)!, enable: true));
        return command;
    }

    public static Command CreateDisable()
    {
        Option<string> nsswitch = NsswitchOption("The nsswitch.conf to edit when authselect does not manage it");
        var command = new Command("disable",
            "Remove libvirt and libvirt_guest from the hosts: line (authselect disable-feature with-libvirt on authselect systems)")
        {
            nsswitch,
        };
        command.SetAction(parsed => Apply(parsed.GetValue(nsswitch)!, enable: false));
        return command;
    }

    private static int Apply(string path, bool enable)
    {
        Authselect? authselect = Authselect.Current();
        if (authselect is not null)
            return WithAuthselect(authselect, enable);

        NsswitchFile file = NsswitchFile.Read(path);
        HostsLine? hosts = file.Hosts;
        if (hosts is null)
            return Output.Fail($"{path} has no hosts: line; add one, e.g. \"hosts: files libvirt libvirt_guest dns\"");
        string edited = enable ? HostsLineEditor.Enable(hosts) : HostsLineEditor.Disable(hosts);
        if (edited == hosts.Text)
        {
            Console.WriteLine(enable
                ? $"{path}: libvirt and libvirt_guest are already in place: {hosts}"
                : $"{path}: neither libvirt nor libvirt_guest is on the hosts: line; nothing to do");
            return 0;
        }
        if (file.ManagedBy is not null)
        {
            return Output.Fail($"not editing {path}: {file.ManagedBy}, but authselect has no configuration selected here; " +
                $"select one with \"authselect select PROFILE{(enable ? " " + Authselect.Feature : "")}\", " +
                $"or run \"authselect opt-out\" first to manage the file by hand");
        }
        string backup = file.ReplaceHostsLine(edited);
        Console.WriteLine($"{path}: {HostsLine.Parse(edited)}");
        Console.WriteLine($"previous file saved as {backup}");
        return 0;
    }

    private static int WithAuthselect(Authselect authselect, bool enable)
    {
        bool on = authselect.Features.Contains(Authselect.Feature);
        if (!authselect.ProfileOffers(Authselect.Feature))
        {
            if (!enable && !on)
            {
                Console.WriteLine($"authselect profile {authselect.Profile} does not offer {Authselect.Feature}; nothing to disable");
                return 0;
            }
            return Output.Fail(enable
                ? $"authselect profile {authselect.Profile} does not offer {Authselect.Feature}: run " +
                  $"\"{Authselect.ProfileHelper} --select\" to derive one that does, then \"libvirt-nss enable\" again"
                : $"authselect profile {authselect.Profile} does not offer {Authselect.Feature}: " +
                  $"select a profile that does, or edit the profile's nsswitch.conf template");
        }
        if (on == enable)
        {
            Console.WriteLine($"authselect profile {authselect.Profile}: {Authselect.Feature} is already {(enable ? "enabled" : "disabled")}");
            return 0;
        }
        string verb = enable ? "enable-feature" : "disable-feature";
        Console.WriteLine($"running: authselect {verb} {Authselect.Feature}");
        int status = authselect.Run(verb, Authselect.Feature);
        return status == 0 ? 0 : Output.Fail($"authselect {verb} {Authselect.Feature} failed with exit status {status}");
    }
}
