using System;
using System.Collections.Generic;
using System.IO;

namespace LibvirtNss.Cli;

/// <summary>Left-aligned columns, each as wide as its widest cell, two blanks apart.</summary>
internal sealed class TextTable
{
    private readonly List<string[]> _rows = new();

    public TextTable(params string[] header) => _rows.Add(header);

    public void Add(params string[] cells) => _rows.Add(cells);

    public void WriteTo(TextWriter writer)
    {
        int columns = _rows[0].Length;
        var widths = new int[columns];
        foreach (string[] row in _rows)
        {
            for (int c = 0; c < columns; c++)
                widths[c] = Math.Max(widths[c], row[c].Length);
        }
        foreach (string[] row in _rows)
        {
            var line = new System.Text.StringBuilder();
            for (int c = 0; c < columns; c++)
            {
                line.Append(row[c]);
                if (c < columns - 1)
                    line.Append(' ', widths[c] - row[c].Length + 2);
            }
            writer.WriteLine(line.ToString());
        }
    }
}
