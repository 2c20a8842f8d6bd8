namespace LibvirtNss.Cli;

/// <summary>The <c>--published-dir</c> value as Core takes it: an empty one reads no publisher's directory.</summary>
internal static class PublishedDirectory
{
    public static string? Of(string? option) => string.IsNullOrEmpty(option) ? null : option;
}
