using System.Linq;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using LibvirtNss.Cli;
using Xunit;

namespace LibvirtNss.Cli.Tests;

public class HostsLineEditorTests
{
    [Theory]
    // The lines debian/tests/check-deb.sh installs the package on, and what dh-nss makes of them.
    [InlineData("hosts:          files dns", "hosts:          files libvirt libvirt_guest dns")]
    [InlineData("hosts: files myhostname resolve [!UNAVAIL=return] dns",
        "hosts: files myhostname libvirt libvirt_guest resolve [!UNAVAIL=return] dns")]
    [InlineData("hosts: files mdns4_minimal [NOTFOUND=return] dns",
        "hosts: files libvirt libvirt_guest mdns4_minimal [NOTFOUND=return] dns")]
    [InlineData("hosts: files myhostname mdns4_minimal [NOTFOUND=return] resolve [!UNAVAIL=return] dns mymachines",
        "hosts: files myhostname libvirt libvirt_guest mdns4_minimal [NOTFOUND=return] resolve [!UNAVAIL=return] dns mymachines")]
    [InlineData("hosts: files dns mdns4", "hosts: files libvirt libvirt_guest dns mdns4")]
    [InlineData("hosts: files", "hosts: files libvirt libvirt_guest")]
    // Fedora's line without authselect, comments, tabs, an empty line.
    [InlineData("hosts:      files myhostname mymachines resolve [!UNAVAIL=return] dns",
        "hosts:      files myhostname mymachines libvirt libvirt_guest resolve [!UNAVAIL=return] dns")]
    [InlineData("hosts:\tfiles\tdns\t# local first", "hosts:\tfiles\tlibvirt libvirt_guest dns\t# local first")]
    [InlineData("hosts: files # only files", "hosts: files libvirt libvirt_guest # only files")]
    [InlineData("hosts:", "hosts: libvirt libvirt_guest")]
    public void Enable_inserts_where_the_packages_do_and_disable_restores(string before, string after)
    {
        string enabled = HostsLineEditor.Enable(HostsLine.Parse(before)!);
        Assert.Equal(after, enabled);
        Assert.Equal(before, HostsLineEditor.Disable(HostsLine.Parse(enabled)!));
    }

    [Theory]
    [InlineData("hosts: files libvirt libvirt_guest dns")]
    [InlineData("hosts: files libvirt_guest libvirt dns")]
    [InlineData("hosts: files libvirt [UNAVAIL=continue] libvirt_guest dns")]
    [InlineData("hosts: files libvirt libvirt_guest")]
    public void Enable_leaves_a_line_with_the_modules_in_place_alone(string line) =>
        Assert.Equal(line, HostsLineEditor.Enable(HostsLine.Parse(line)!));

    [Theory]
    [InlineData("hosts: files dns libvirt libvirt_guest", "hosts: files libvirt libvirt_guest dns")]
    [InlineData("hosts: files libvirt dns", "hosts: files libvirt libvirt_guest dns")]
    [InlineData("hosts: files libvirt_guest dns", "hosts: files libvirt libvirt_guest dns")]
    [InlineData("hosts: files resolve [!UNAVAIL=return] libvirt [UNAVAIL=continue] dns",
        "hosts: files libvirt [UNAVAIL=continue] libvirt_guest resolve [!UNAVAIL=return] dns")]
    public void Enable_moves_misplaced_modules_and_adds_a_missing_one(string before, string after) =>
        Assert.Equal(after, HostsLineEditor.Enable(HostsLine.Parse(before)!));

    [Theory]
    [InlineData("hosts: files libvirt libvirt_guest dns", "hosts: files dns")]
    [InlineData("hosts: libvirt files libvirt_guest", "hosts: files")]
    [InlineData("hosts: files dns libvirt_guest # c", "hosts: files dns # c")]
    [InlineData("hosts: files dns", "hosts: files dns")]
    public void Disable_removes_both_wherever_they_are(string before, string after) =>
        Assert.Equal(after, HostsLineEditor.Disable(HostsLine.Parse(before)!));

    private static readonly string[] Services =
        { "files", "myhostname", "mymachines", "sss", "dns", "resolve [!UNAVAIL=return]", "mdns4_minimal [NOTFOUND=return]", "mdns4", "wins" };

    private static Arbitrary<string> HostsLines() =>
        Gen.SubListOf(Services).Select(list => "hosts: " + string.Join(" ", list)).ToArbitrary();

    [Property]
    public Property Enable_is_idempotent_places_the_modules_before_the_first_stop_and_disable_undoes_it() =>
        Prop.ForAll(HostsLines(), text =>
        {
            HostsLine original = HostsLine.Parse(text)!;
            string enabled = HostsLineEditor.Enable(original);
            HostsLine parsed = HostsLine.Parse(enabled)!;
            int stop = parsed.ModulePlace();
            bool placed = parsed.IndexOf("libvirt") < stop && parsed.IndexOf("libvirt_guest") < stop
                          && parsed.IndexOf("libvirt") >= 0 && parsed.IndexOf("libvirt_guest") >= 0;
            bool othersKept = parsed.Services.Select(s => s.ToString()).Where(s => !s.StartsWith("libvirt"))
                .SequenceEqual(original.Services.Select(s => s.ToString()));
            return placed && othersKept && HostsLineEditor.IsEnabled(parsed)
                   && HostsLineEditor.Enable(parsed) == enabled
                   && HostsLineEditor.Disable(parsed) == text.TrimEnd();
        });
}
