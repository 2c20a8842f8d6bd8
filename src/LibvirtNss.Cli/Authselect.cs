using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;

namespace LibvirtNss.Cli;

/// <summary>
/// The authselect(8) command, as far as enable/disable need it: <c>authselect current --raw</c>
/// prints "PROFILE FEATURE..." (exit 2 when nothing is selected), <c>authselect list-features
/// PROFILE</c> prints the features the profile offers, one a line, and
/// <c>enable-feature</c>/<c>disable-feature</c> regenerate /etc/nsswitch.conf.
/// </summary>
internal sealed class Authselect
{
    public const string Feature = "with-libvirt";

    /// <summary>What the RPM ships to derive a profile offering the feature (authselect/README.md).</summary>
    public const string ProfileHelper = "/usr/libexec/libvirt-nss/authselect-profile";

    private readonly string _executable;

    private Authselect(string executable, string profile, List<string> features)
    {
        _executable = executable;
        Profile = profile;
        Features = features;
    }

    public string Profile { get; }

    /// <summary>The features enabled now.</summary>
    public List<string> Features { get; }

    /// <summary>The selected configuration, or null when authselect is not installed or has none selected.</summary>
    public static Authselect? Current()
    {
        string? executable = FindOnPath("authselect");
        if (executable is null)
            return null;
        (int status, string output) = Capture(executable, "current", "--raw");
        string[] words = output.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (status != 0 || words.Length == 0)
            return null;
        return new Authselect(executable, words[0], new List<string>(words[1..]));
    }

    public bool ProfileOffers(string feature)
    {
        (int status, string output) = Capture(_executable, "list-features", Profile);
        return status == 0 && Array.IndexOf(output.Split('\n', StringSplitOptions.TrimEntries), feature) >= 0;
    }

    /// <summary>Runs authselect with the terminal as its standard streams.</summary>
    /// <returns>Its exit status.</returns>
    public int Run(params string[] arguments)
    {
        using Process process = Process.Start(Start(_executable, arguments, capture: false))!;
        process.WaitForExit();
        return process.ExitCode;
    }

    private static (int Status, string Output) Capture(string executable, params string[] arguments)
    {
        using Process process = Process.Start(Start(executable, arguments, capture: true))!;
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output);
    }

    private static ProcessStartInfo Start(string executable, string[] arguments, bool capture)
    {
        var start = new ProcessStartInfo(executable) { UseShellExecute = false, RedirectStandardOutput = capture };
        foreach (string argument in arguments)
            start.ArgumentList.Add(argument);
        return start;
    }

    private static string? FindOnPath(string name)
    {
        string path = Environment.GetEnvironmentVariable("PATH") ?? "/usr/sbin:/usr/bin:/sbin:/bin";
        foreach (string directory in path.Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            string candidate = Path.Combine(directory, name);
            if (File.Exists(candidate) && (File.GetUnixFileMode(candidate) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0)
                return candidate;
        }
        return null;
    }
}
