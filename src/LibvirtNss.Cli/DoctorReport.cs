using System;
using System.IO;

namespace LibvirtNss.Cli;

/// <summary>doctor's output: one line per finding, "ok", "info", "warning" or "error"; errors decide the exit status.</summary>
internal sealed class DoctorReport
{
    private readonly TextWriter? _output;

    /// <param name="output">Where the lines go: standard output when null.</param>
    public DoctorReport(TextWriter? output = null) => _output = output;

    public int Errors { get; private set; }

    public int Warnings { get; private set; }

    public void Ok(string line) => Write("ok:      " + line);

    /// <summary>Something doctor could not check, which is no fault of the setup (no libvirt to ask).</summary>
    public void Info(string line) => Write("info:    " + line);

    /// <summary>Something that works, but not as the user may expect.</summary>
    public void Warning(string line)
    {
        Warnings++;
        Write("warning: " + line);
    }

    /// <summary>Something that keeps names from resolving, or resolving to the right guest.</summary>
    public void Error(string line)
    {
        Errors++;
        Write("error:   " + line);
    }

    private void Write(string line) => (_output ?? Console.Out).WriteLine(line);
}
