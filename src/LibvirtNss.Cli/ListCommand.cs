using System;
using System.CommandLine;
using System.Text.Json;
using LibvirtNss.Core;

namespace LibvirtNss.Cli;

/// <summary><c>libvirt-nss list</c>: every lease the modules can see, with its domain and state.</summary>
internal static class ListCommand
{
    public static Command Create(Option<string> leaseDir, Option<string> publishedDir, Option<bool> verbose)
    {
        var json = new Option<bool>("--json") { Description = "Print a JSON array of objects instead of a table" };
        var command = new Command("list",
            "List every lease: network, host name, domain (from *.macs), address, MAC, expiry, state, and for published records their source and age") { json };
        command.SetAction(parsed =>
        {
            string dir = parsed.GetValue(leaseDir)!;
            long now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
            LeaseInventory? inventory = LeaseInventory.Read(dir, now, Output.Log(parsed.GetValue(verbose)), out int errno,
                published: PublishedDirectory.Of(parsed.GetValue(publishedDir)));
            if (inventory is null)
                return Output.Fail($"cannot read the lease directory {dir}: {Errno.Describe(errno)}");
            if (parsed.GetValue(json))
                WriteJson(inventory, now);
            else
                WriteTable(inventory, now);
            return 0;
        });
        return command;
    }

    private static void WriteTable(LeaseInventory inventory, long now)
    {
        var table = new TextTable("NETWORK", "HOSTNAME", "DOMAIN", "ADDRESS", "MAC", "EXPIRES", "RELATIVE", "STATE",
            "SOURCE", "AGE");
        foreach (LeaseRow row in inventory.Rows)
        {
            table.Add(row.Network, row.Hostname ?? "-", row.Domain ?? "-", row.Address, row.Mac,
                TimeText.Absolute(row.Expiry), TimeText.Relative(row.Expiry, now), row.StateText,
                PublishedSources.SourceText(row.Source), PublishedSources.AgeText(row.Source, now));
        }
        table.WriteTo(Console.Out);
    }

    private static void WriteJson(LeaseInventory inventory, long now)
    {
        using var stream = Console.OpenStandardOutput();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartArray();
            foreach (LeaseRow row in inventory.Rows)
            {
                writer.WriteStartObject();
                writer.WriteString("network", row.Network);
                WriteStringOrNull(writer, "hostname", row.Hostname);
                WriteStringOrNull(writer, "domain", row.Domain);
                writer.WriteString("ip-address", row.Address);
                writer.WriteString("mac-address", row.Mac);
                writer.WriteNumber("expiry-time", row.Expiry);
                WriteStringOrNull(writer, "expires", row.Expiry == 0 ? null
                    : DateTimeOffset.FromUnixTimeSeconds(row.Expiry).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'"));
                if (row.Expiry == 0)
                    writer.WriteNull("expires-in-seconds");
                else
                    writer.WriteNumber("expires-in-seconds", row.Expiry - now);
                writer.WriteString("state", row.StateText);
                WriteStringOrNull(writer, "source", row.Source?.Source);
                if (row.Source?.FirstSeen is long since)
                {
                    writer.WriteNumber("first-seen", since);
                    writer.WriteNumber("age-seconds", Math.Max(0, now - since));
                }
                else
                {
                    writer.WriteNull("first-seen");
                    writer.WriteNull("age-seconds");
                }
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
        }
        stream.Write("\n"u8);
    }

    private static void WriteStringOrNull(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is null)
            writer.WriteNull(name);
        else
            writer.WriteString(name, value);
    }
}
