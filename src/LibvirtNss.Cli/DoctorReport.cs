using System;

namespace LibvirtNss.Cli;

/// <summary>doctor's output: one line per finding, "ok", "warning" or "error"; errors decide the exit status.</summary>
internal sealed class DoctorReport
{
    public int Errors { get; private set; }

    public int Warnings { get; private set; }

    public void Ok(string line) => Console.WriteLine("ok:      " + line);

    /// <summary>Something that works, but not as the user may expect.</summary>
    public void Warning(string line)
    {
        Warnings++;
        Console.WriteLine("warning: " + line);
    }

    /// <summary>Something that keeps names from resolving, or resolving to the right guest.</summary>
    public void Error(string line)
    {
        Errors++;
        Console.WriteLine("error:   " + line);
    }
}
