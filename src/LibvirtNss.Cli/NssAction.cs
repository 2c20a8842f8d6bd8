using System;

namespace LibvirtNss.Cli;

/// <summary>
/// The <c>[STATUS=action ...]</c> criteria of nsswitch.conf(5): SUCCESS, NOTFOUND, UNAVAIL,
/// TRYAGAIN, each optionally negated with <c>!</c>, mapped to return, continue or merge.
/// </summary>
internal static class NssAction
{
    /// <summary>True when the criteria make a NOTFOUND answer end the lookup.</summary>
    public static bool ReturnsOnNotFound(string action)
    {
        foreach (string item in action.Split(new[] { ' ', '\t', '[', ']' }, StringSplitOptions.RemoveEmptyEntries))
        {
            int eq = item.IndexOf('=');
            if (eq <= 0)
                continue;
            bool negated = item[0] == '!';
            string status = item[(negated ? 1 : 0)..eq];
            string what = item[(eq + 1)..];
            if (!what.Equals("return", StringComparison.OrdinalIgnoreCase))
                continue;
            bool namesNotFound = status.Equals("NOTFOUND", StringComparison.OrdinalIgnoreCase);
            if (negated != namesNotFound)
                return true;
        }
        return false;
    }
}
